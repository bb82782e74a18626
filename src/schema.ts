import { z } from 'zod';

// Lenient readers of JSON values, shared by the scanners' API answers and the importers' export files.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * An http(s) address that links are made from by adding paths (`ui-url`, a Dependency-Track export's `baseUrl`):
 * none after a query or fragment mark, where the paths would land (a bare `?` or `#` too, which URL reads as none).
 */
export function isWebBase(text: string): boolean {
  return httpUrl.safeParse(text).success && !/[?#]/.test(text);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

// The optional fields below are each one transform, not a union of types: they run for every field of every
// row, and a union costs a third of reading a 100,000-row export.

/** Optional string fields: scanners write null, numbers or nothing where a string is expected. */
/**
 * A finding's severity word (`CRITICAL`, `High`). A number or any other type is a damaged export: refused with
 * its path, rather than counted as `unknown`, where a gate on critical would pass it.
 */
export const severityWord = z
  .string()
  .nullish()
  .transform((value) => value || undefined);

export const optString = z
  .unknown()
  .optional()
  .transform((value, ctx) => {
    if (typeof value === 'string') return value === '' ? undefined : value;
    if (value === null || value === undefined) return undefined;
    if (typeof value === 'number') return String(value);
    ctx.addIssue({ code: 'custom', message: `Invalid input: expected a string, received ${kindOf(value)}` });
    return z.NEVER;
  });

/** Optional number fields that some scanners write as strings ("7.5"). */
export const optNumber = z
  .unknown()
  .optional()
  .transform((value, ctx) => {
    if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
    if (value === null || value === undefined || value === '') return undefined;
    if (typeof value === 'string') {
      const n = Number.parseFloat(value);
      return Number.isFinite(n) ? n : undefined;
    }
    ctx.addIssue({ code: 'custom', message: `Invalid input: expected a number, received ${kindOf(value)}` });
    return z.NEVER;
  });

function kindOf(value: unknown): string {
  return Array.isArray(value) ? 'array' : typeof value;
}

/**
 * Optional objects keyed by names from the input (`components`, keyed by component id), read as `[key, value]`
 * entries. z.record copies into a plain {} and leaves out a `__proto__` key (assigning it would set the
 * prototype), so a component of that name would be lost; entries keep every key, and a bad value is still
 * named by its key.
 */
export function optEntries<T extends z.ZodType>(value: T) {
  return z
    .unknown()
    .optional()
    .transform((input, ctx) => {
      const entries: [string, z.infer<T>][] = [];
      if (input === null || input === undefined) return entries;
      if (!isRecord(input)) {
        ctx.addIssue({
          code: 'custom',
          message: `Invalid input: expected an object, received ${kindOf(input)}`,
        });
        return z.NEVER;
      }
      for (const [key, item] of Object.entries(input)) {
        const parsed = value.safeParse(item);
        if (parsed.success) entries.push([key, parsed.data]);
        else for (const issue of parsed.error.issues) ctx.addIssue({ ...issue, path: [key, ...issue.path] });
      }
      return entries;
    });
}

/** Optional arrays, tolerating null. */
export function optArray<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((value) => value ?? []);
}
