import { z } from 'zod';
import { BUG_REPORT_URL, UserError } from '../errors.js';
import type { ScannerName, SourceResult } from '../findings/model.js';
import { isRecord } from '../schema.js';
import type { ImportFormatName } from './formats.js';

/** What a run tells every format it reads. */
export interface ReadOptions {
  /** `ui-url`: the base of links into the scanner's web UI, over the one an export names (or for one that names none). */
  uiUrl?: string | undefined;
}

/** One export format: how to recognise its shape and how to map it into findings. */
export interface ImportFormat {
  name: ImportFormatName;
  scanner: ScannerName;
  /** Where such a file comes from, for messages and the README. */
  origin: string;
  /** A cheap test of the top-level shape, used by auto-detection. */
  matches(document: unknown): boolean;
  /** Validates the whole document and maps it; throws UserError naming the file and the bad field. */
  read(document: unknown, file: string, options?: ReadOptions): SourceResult;
  /**
   * Formats whose bulk is one array (`rows`, …; '' when the document is the array) also read it element by
   * element, so a large file is never parsed whole: `envelope` is the document with that array emptied.
   */
  bulk?: {
    key: string;
    read(
      envelope: unknown,
      items: Iterable<unknown>,
      count: number,
      file: string,
      options?: ReadOptions,
    ): SourceResult;
  };
}

/** A format whose bulk is one array: its whole-document `read` goes through the element-by-element path. */
export function bulkFormat(
  format: Omit<ImportFormat, 'read' | 'bulk'> & { bulk: NonNullable<ImportFormat['bulk']> },
): ImportFormat {
  const { bulk } = format;
  return {
    ...format,
    read(document, file, options) {
      const items = bulk.key === '' ? document : isRecord(document) ? document[bulk.key] : undefined;
      if (!Array.isArray(items)) return bulk.read(document, [], 0, file, options);
      const envelope = bulk.key === '' ? [] : { ...(document as Record<string, unknown>), [bulk.key]: [] };
      return bulk.read(envelope, items, items.length, file, options);
    },
  };
}

/**
 * Validates and maps each element of the bulk array, naming a bad one by its place (`rows.12.cves`); `map` is given
 * that place too, to name an element it refuses.
 */
export function mapEach<S extends z.ZodType, T>(
  items: Iterable<unknown>,
  schema: S,
  where: { file: string; format: ImportFormatName; key: string },
  map: (item: z.infer<S>, index: number) => T,
): T[] {
  const out: T[] = [];
  let index = 0;
  for (const item of items) {
    out.push(map(validate(schema, item, where.file, where.format, [where.key, index]), index));
    index++;
  }
  return out;
}

/** Validates a document against a format's schema; the error names the file, the format, the field and what to do. */
export function validate<T extends z.ZodType>(
  schema: T,
  document: unknown,
  file: string,
  format: ImportFormatName,
  at: readonly (string | number)[] = [],
): z.infer<T> {
  const parsed = schema.safeParse(document);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((issue) => {
    const path = [...at, ...issue.path].filter((part) => part !== '');
    const where = path.length ? path.join('.') : '(top level)';
    return `${where}: ${issue.message}`;
  });
  const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
  throw new UserError(
    `${file}: not a valid ${format} file: ${issues.join('; ')}${more}. Export it again from the scanner and import it unedited; if the scanner wrote it so, report the field named here at ${BUG_REPORT_URL}.`,
  );
}
