import {
  type BigIntStats,
  closeSync,
  existsSync,
  fstatSync,
  readFileSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import { constants as bufferConstants, isUtf8 } from 'node:buffer';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UserError } from '../errors.js';
import type { SourceResult } from '../findings/model.js';
import type { Logger } from '../logger.js';
import { asUtf8, decodeText, hasUtf32Bom } from '../encoding.js';
import { openRegularFile, sameFile, sameNode } from '../paths.js';
import { firstOf, plural } from '../wording.js';
import { detectFormat, namedFormat } from './detect.js';
import type { ImportFormatName } from './formats.js';
import type { ImportFormat, ReadOptions } from './importer.js';
import { FORMATS, formatNamed } from './index.js';
import {
  endsEarly,
  isSpace,
  MAX_ELEMENTS,
  type RepeatedKey,
  RepeatedKeyError,
  repeatedKey,
  bufferText,
  type ElementText,
  type SlicedDocument,
  sliceDocument,
  TooManyElementsError,
} from './json-slices.js';

/**
 * The regular files this process's stdout and stderr are written to: `import '*.json' --json > summary.json`
 * has the shell create an empty summary.json before the glob is expanded.
 */
function ownStreams(): BigIntStats[] {
  return [1, 2].flatMap((fd) => {
    try {
      const stats = fstatSync(fd, { bigint: true });
      return stats.isFile() ? [stats] : [];
    } catch {
      return [];
    }
  });
}

/**
 * How the reports sca-bridge writes begin (report/sarif.ts, gitlab.ts, run-summary.ts): a SARIF log, GitLab's
 * dependency-scanning and code-quality reports, a run summary.
 */
const REPORT_STARTS = [
  // Their first keys in the order they are written: an export whose first key merely looks alike is read.
  // The lookahead, not `[^"]*sarif[^"]*"`: that backtracks once per `sarif` of an unclosed string.
  /^\{\s*"\$schema"\s*:\s*"(?=[^"]*sarif)[^"]*"\s*,\s*"version"\s*:\s*"2\.1\.0"\s*,\s*"runs"\s*:/i,
  /^\{\s*"version"\s*:\s*"[^"]*"\s*,\s*"schema"\s*:\s*"[^"]*security-report-schemas/,
  /^\[\s*\{\s*"description"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"check_name"\s*:/,
  /^\{\s*"status"\s*:\s*"(passed|failed|error)"\s*,\s*"mode"\s*:/,
];

/** The name the GitLab component gives its code-quality report, which is `[]` when the run found nothing. */
const CODE_QUALITY_REPORT = 'gl-code-quality-report.json';

/** Any tool's SARIF log, whatever the order of its keys: a report path may hold another scanner's from before. */
const ANY_SARIF = /^\{\s*"(\$schema"\s*:\s*"[^"]*sarif|version"\s*:\s*"2\.1\.0"\s*,\s*"(\$schema|runs)")/i;

/**
 * What a file a glob matched begins as: one of sca-bridge's reports, an empty list or file, another tool's
 * SARIF, anything else.
 */
type FileStart = 'report' | 'empty list' | 'empty' | 'sarif' | 'other' | 'no file';

function fileStart(file: string): FileStart {
  let opened;
  try {
    opened = openRegularFile(file);
  } catch {
    return 'no file';
  }
  // A named pipe (SARIF may be written to one) is looked at without waiting for a writer.
  if ('notFile' in opened) return 'no file';
  try {
    // Enough for a code-quality issue's description (1,000 characters, escaped) before its `check_name`.
    const head = Buffer.alloc(64 * 1024);
    // UTF-16 too, with its byte-order mark: a summary saved by Windows PowerShell 5's `>` (`gate` reads it).
    const text = asUtf8(head.subarray(0, readSync(opened.fd, head, 0, head.length, 0)))
      .toString('utf8')
      .trimStart();
    if (!text) return 'empty';
    // `[]` is a code-quality report without issues, and also a Dependency-Track project without findings: by
    // its name, the component's report (an earlier job's, which GitLab hands on).
    if (/^\[\s*\]/.test(text)) return path.basename(file) === CODE_QUALITY_REPORT ? 'report' : 'empty list';
    if (REPORT_STARTS.some((start) => start.test(text))) return 'report';
    return ANY_SARIF.test(text) ? 'sarif' : 'other';
  } finally {
    closeSync(opened.fd);
  }
}

/**
 * Whether a report may be written over what is at `file`: nothing, an empty file or list, a device or pipe, a
 * report sca-bridge writes or another tool's SARIF log. Anything else (a manifest, an export) is a path given by
 * mistake, and replacing it would lose it.
 */
export function isReplaceable(file: string): boolean {
  return fileStart(file) !== 'other';
}

/**
 * Expands `import-file` entries: globs must match something, plain paths must exist. A glob never matches
 * the run's own `outputs` when they hold its earlier reports, nothing or no regular file (a re-run's `*.json`
 * would read them), nor the file its output is redirected to; a match at an output path that holds anything
 * else, an export, is kept, so that the run refuses to replace it as it does a path named. Elsewhere, a glob
 * leaves out the reports sca-bridge writes (an earlier job's, which GitLab hands on to later stages), saying so:
 * none is an export.
 */
export async function expandImportFiles(
  patterns: readonly string[],
  cwd: string,
  outputs: readonly string[] = [],
  logger?: Logger,
): Promise<string[]> {
  const files: string[] = [];
  const streams = ownStreams();
  const isStream = (file: string) => {
    if (!streams.length) return false;
    const stats = statSync(path.resolve(cwd, file), { bigint: true, throwIfNoEntry: false });
    return !!stats && streams.some((s) => sameNode(s, stats));
  };
  // Each match is looked at once.
  const starts = new Map<string, FileStart>();
  const startOf = (file: string) => {
    const start = starts.get(file) ?? fileStart(path.resolve(cwd, file));
    starts.set(file, start);
    return start;
  };
  const isOwnReport = (file: string) => {
    const resolved = path.resolve(cwd, file);
    return (
      outputs.some((output) => sameFile(resolved, path.resolve(cwd, output))) && startOf(file) !== 'other'
    );
  };
  const isReport = (file: string) => startOf(file) === 'report';
  for (const pattern of patterns) {
    // `import "$EXPORT"` with the variable unset: '' resolves to the folder itself, which says nothing useful.
    if (!pattern.trim()) {
      throw new UserError(
        `Input import-file: a file name is empty (${JSON.stringify(pattern)}); name the export file or glob (an unset variable in \`import "$FILE"\` gives an empty one).`,
      );
    }
    // A file that exists is itself, even when its name looks like a glob (`report (1).json`).
    if (isDynamicPattern(pattern) && !existsSync(path.resolve(cwd, pattern))) {
      const found = await glob(pattern, { cwd, absolute: false, onlyFiles: true });
      const candidates = found.filter((file) => !isStream(file) && !isOwnReport(file));
      const matched = candidates.filter((file) => !isReport(file)).sort();
      if (!matched.length) {
        // All it matched is this run's own output or sca-bridge's reports: "matches no file" alone would read as wrong.
        const own = found.length
          ? `, only reports sca-bridge writes or the file its output is redirected to (${found.sort().join(', ')}); name the exports`
          : '';
        throw new UserError(`Input import-file: the pattern "${pattern}" matches no file in ${cwd}${own}.`);
      }
      const reports = candidates.filter(isReport).sort();
      if (reports.length)
        logger?.info(
          `The pattern "${pattern}" also matches ${firstOf(reports, 5, ', ')}: left out, as reports sca-bridge writes (SARIF, GitLab reports or run summaries, perhaps an earlier job's), not exports.`,
        );
      files.push(...matched);
    } else {
      files.push(pattern);
    }
  }
  return [...new Set(files)];
}

const IS_A_DIRECTORY = "it is a directory; name its exports, or a glob of them in quotes ('reports/*.json')";

/** Why a path that is no regular file cannot be read as an export, and what to give instead. */
function notAFile(stats: Stats): string {
  if (stats.isDirectory()) return IS_A_DIRECTORY;
  const what = stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : 'a device';
  return `it is ${what}, not a file; save the export to a file and name that`;
}

/** The device and inode of a file read, by the first name it was read under. */
type SeenFiles = Map<string, string>;

/**
 * Only a regular file (a symbolic link is followed) is read: a device such as /dev/zero never ends, and a named
 * pipe waits for a writer, so a glob or a path naming one would hang the run or fill its memory. A file already
 * read under another name (a link, `r/latest/` beside `r/2026-11-22/`) is not read again, or its findings would
 * count twice: the name it was read under is returned instead.
 */
function readRegularFile(file: string, cwd: string, seen: SeenFiles): Input | { sameAs: string } {
  const opened = openRegularFile(path.resolve(cwd, file));
  if ('notFile' in opened) {
    throw new UserError(`Input import-file: cannot read ${file}: ${notAFile(opened.notFile)}.`);
  }
  const { fd } = opened;
  try {
    // The file opened, not its path again: what is read is what is judged; big integers, as `sameNode` says.
    const stats = fstatSync(fd, { bigint: true });
    // A file system without inode numbers (FAT on Windows) gives 0 for every file: nothing to tell by then.
    const id = `${stats.dev}:${stats.ino}`;
    const first = stats.ino ? seen.get(id) : undefined;
    if (first !== undefined) {
      closeSync(fd);
      return { sameAs: first };
    }
    if (stats.ino) seen.set(id, file);
    // One read, not many thread-pool round trips: a third faster for a 200 MB export, and nothing else waits.
    // The file stays open for reading elements again (`Input.elementText`); the reader closes it.
    return new Input(readFileSync(fd), fd, file, stampOf(stats));
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** A file's size and modification time, which a read again must find unchanged. */
function stampOf(stats: BigIntStats): string {
  return `${stats.size}:${stats.mtimeNs}`;
}

/** Where a relative path was looked for: the current directory, not `working-directory`, as users may expect. */
function lookedIn(file: string, cwd: string): string {
  return path.isAbsolute(file) ? '' : ` (in ${cwd})`;
}

function readBytes(file: string, cwd: string, seen: SeenFiles): Input | { sameAs: string } {
  let input: Input;
  try {
    const read = readRegularFile(file, cwd, seen);
    if (!(read instanceof Input)) return read;
    input = read;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? IS_A_DIRECTORY : String(error);
    throw new UserError(
      `Input import-file: cannot read ${file}${code === 'ENOENT' ? lookedIn(file, cwd) : ''}: ${why}.`,
    );
  }
  try {
    input.decode();
    if (afterUtf8Bom(input.bytes).every(isSpace))
      throw new UserError(`${file}: the file is empty; export the scanner's findings as JSON.`);
    checkUtf8(input.bytes, file);
  } catch (error) {
    input.close();
    throw error;
  }
  return input;
}

/** Bytes of the file read again, this many at a time: a few reads for a large export, little memory. */
const WINDOW_BYTES = 8 * 2 ** 20;

/**
 * An import file's text as UTF-8, with the file kept open until `close`. When the text is the file's own bytes
 * (not turned from UTF-16), the elements of a sliced array can be read again from the file (`elementText`), so
 * that the whole text can go while the findings are made: held on, it would add the file's size to the peak.
 */
class Input {
  private text: Buffer | undefined;
  private own = true;

  /**
   * `stamp`: the file's size and modification time when it was read, which a read again must find unchanged:
   * otherwise the rows at the offsets sliced would no longer be the rows counted.
   */
  constructor(
    text: Buffer,
    private readonly fd: number,
    private readonly file: string,
    private readonly stamp: string,
  ) {
    this.text = text;
  }

  /** UTF-16 (with its byte-order mark) turned into UTF-8. */
  decode(): void {
    const utf8 = asUtf8(this.bytes);
    this.own = utf8 === this.text;
    this.text = utf8;
  }

  get bytes(): Buffer {
    if (!this.text) throw new Error('the text of an import file was used after it was let go');
    return this.text;
  }

  /** The text of elements, from the file when it can be read again there, the text then let go. */
  elementText(): ElementText {
    if (!this.own) return bufferText(this.bytes);
    const { length } = this.bytes;
    this.text = undefined;
    const { fd, file, stamp } = this;
    let window = Buffer.alloc(0);
    let from = 0;
    let filled = 0;
    return (start, end) => {
      if (start < from || end > from + filled) {
        // No more than the file holds from `start`: a window of 8 MiB for each of a thousand small exports is
        // memory enough to make the collector run again and again over the findings already made.
        const size = Math.max(end - start, Math.min(WINDOW_BYTES, length - start));
        if (window.length < size) window = Buffer.allocUnsafe(size);
        from = start;
        filled = 0;
        for (let n = -1; n && filled < size; filled += n)
          n = readSync(fd, window, filled, size - filled, start + filled);
        if (end > from + filled || stampOf(fstatSync(fd, { bigint: true })) !== stamp) {
          throw new UserError(
            `${file}: the file changed while sca-bridge read it (is something still writing it?); import it once it is written.`,
          );
        }
      }
      return window.toString('utf8', start - from, end - from);
    };
  }

  close(): void {
    this.text = undefined;
    closeSync(this.fd);
  }
}

/** The bytes after a UTF-8 byte-order mark, which comes before the JSON (UTF-16's is gone once decoded). */
function afterUtf8Bom(bytes: Buffer): Buffer {
  return bytes.subarray(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
}

/**
 * JSON is UTF-8 (UTF-16 with a byte-order mark is turned into it): bytes of another encoding would be read as
 * U+FFFD, quietly changing the names and texts of findings. Raw NUL bytes are never JSON text: in the first two
 * bytes they are UTF-16 without its mark, or UTF-32 when three of the first four are (an ASCII character's
 * three zero bytes).
 */
function checkUtf8(bytes: Buffer, file: string): void {
  const utf8 = 'save it as UTF-8 (or as UTF-16 with its byte-order mark)';
  if (hasUtf32Bom(bytes)) throw new UserError(`${file}: is UTF-32 (its byte-order mark says so); ${utf8}.`);
  const [a, b, c, d] = bytes;
  if (c === 0 && ((a === 0 && b === 0) || (b === 0 && d === 0))) {
    throw new UserError(`${file}: looks like UTF-32 without a byte-order mark; ${utf8}.`);
  }
  if (a === 0 || b === 0)
    throw new UserError(`${file}: looks like UTF-16 without a byte-order mark; ${utf8}.`);
  // A file that does not start like JSON is refused as not JSON, which says more of a binary file.
  const first = afterUtf8Bom(bytes).find((byte) => !isSpace(byte));
  if ((first === 0x7b || first === 0x5b) && !isUtf8(bytes)) {
    throw new UserError(
      `${file}: is not UTF-8, as JSON must be (it may be Latin-1 or Windows-1252); save it as UTF-8, for example with \`iconv -f windows-1252 -t utf-8\`.`,
    );
  }
}

function notJson(file: string, error: unknown, where = ''): UserError {
  return new UserError(
    `${file}: not valid JSON${where} (${(error as Error).message}). The file may be truncated or not a JSON export; export it again as JSON.`,
  );
}

/** The arrays that hold the bulk of the formats that read element by element. */
const BULK_KEYS = new Set(FORMATS.flatMap((f) => (f.bulk?.key ? [f.bulk.key] : [])));
const BULK_FORMATS = FORMATS.filter((f) => f.bulk)
  .map((f) => f.name)
  .join(', ');

/**
 * The longest text parsed whole: V8's longest string (512 MiB). UTF-8 takes at least one byte per UTF-16 unit,
 * so a file no longer than that always fits.
 */
const MAX_WHOLE_BYTES = bufferConstants.MAX_STRING_LENGTH;

/** A file too long to be one string, which the slicer could not split: a cut download, or too much at once. */
function tooLong(bytes: Buffer, file: string, maxBytes: number): UserError {
  if (endsEarly(bytes)) return notJson(file, new Error('the file ends inside its JSON document'));
  const mib = (n: number) => `${Math.ceil(n / 2 ** 20)} MiB`;
  return new UserError(
    `${file}: ${mib(bytes.length)} is too large to read as one JSON document (at most ${mib(maxBytes)}; only the findings arrays of ${BULK_FORMATS} are read row by row). Split the export into smaller files and import them together.`,
  );
}

function parseWhole(bytes: Buffer, file: string, maxBytes: number): unknown {
  if (bytes.length > maxBytes) throw tooLong(bytes, file, maxBytes);
  const text = decodeText(bytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw notJson(file, error);
  }
}

function keyGivenTwice(file: string, key: string, at = ''): UserError {
  return new UserError(
    `${file}: the key "${key}" is given twice ${at ? `in one object (at ${at})` : 'at the top of the document'}; JSON readers differ on which one counts, so findings could be lost. Export the file again, or remove the copy that does not belong.`,
  );
}

/** The slicer's refusals as the user's errors, naming the file. */
function asUserErrors<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RepeatedKeyError) throw keyGivenTwice(file, error.key);
    if (error instanceof TooManyElementsError) {
      throw new UserError(
        `${file}: ${error.key ? `"${error.key}"` : 'the top-level array'} holds more than ${MAX_ELEMENTS.toLocaleString('en-US')} elements, more than sca-bridge reads from one file and far more than a scanner exports. Check that this is the export you meant; split a real one into smaller files and import them together.`,
      );
    }
    throw error;
  }
}

/** Refuses a file that gives a key twice in one object, at any depth (`repeatedKey`): after its format is known. */
function refuseRepeatedKey(file: string, repeated: RepeatedKey | undefined): void {
  if (repeated) throw keyGivenTwice(file, repeated.key, repeated.at);
}

/** The document with its bulk array sliced out, when it has one; a key given twice is refused, naming the file. */
function slice(bytes: Buffer, file: string): SlicedDocument | undefined {
  return asUserErrors(file, () => sliceDocument(bytes, BULK_KEYS));
}

/** The elements of the sliced array, each parsed when reached; a bad one is named by its index. */
function parsedItems(sliced: SlicedDocument, file: string, text: ElementText): Iterable<unknown> {
  return {
    *[Symbol.iterator]() {
      let index = 0;
      const items = sliced.items(text);
      for (;;) {
        let next: IteratorResult<unknown>;
        try {
          next = items.next();
        } catch (error) {
          if (error instanceof UserError) throw error;
          throw notJson(file, error, ` in ${sliced.key || 'the array'}[${index}]`);
        }
        if (next.done) return;
        index++;
        yield next.value;
      }
    },
  };
}

/** Reads one file; a large array is read element by element when its format allows (see json-slices.ts). */
function readOne(
  input: Input,
  file: string,
  format: 'auto' | ImportFormatName,
  options: ReadOptions,
  maxWholeBytes: number,
): { importer: ImportFormat; result: SourceResult } {
  const pick = (document: unknown, length?: number) =>
    format === 'auto' ? detectFormat(document, file, length) : namedFormat(format, document, file, length);
  // A named format that reads whole documents gains nothing from slicing. The text is reached through `input`
  // only, never kept in a variable here: a bulk read lets it go (`Input.elementText`).
  const sliced = format !== 'auto' && !formatNamed(format).bulk ? undefined : slice(input.bytes, file);
  if (!sliced) {
    const document = parseWhole(input.bytes, file, maxWholeBytes);
    const importer = pick(document);
    refuseRepeatedKey(file, repeatedKey(input.bytes));
    return { importer, result: importer.read(document, file, options) };
  }
  const withItems = (items: unknown[]) =>
    sliced.key === '' ? items : { ...(sliced.envelope as Record<string, unknown>), [sliced.key]: items };
  const importer = pick(
    withItems(sliced.first === undefined ? [] : [sliced.first]),
    sliced.key === '' ? sliced.count : undefined,
  );
  refuseRepeatedKey(file, sliced.repeated);
  if (importer.bulk && importer.bulk.key === sliced.key) {
    return {
      importer,
      result: importer.bulk.read(
        sliced.envelope,
        parsedItems(sliced, file, input.elementText()),
        sliced.count,
        file,
        options,
      ),
    };
  }
  // Another format: the document is its slices put back together, not a second parse of every byte.
  const document = withItems([...parsedItems(sliced, file, bufferText(input.bytes))]);
  const whole = pick(document);
  return { importer: whole, result: whole.read(document, file, options) };
}

/**
 * Reads import files (as `expandImportFiles` gives them) into findings; each file is detected on its own, so
 * both scanners may be mixed. A file named twice, under any names, is read once, under the first.
 */
export function readImports(
  files: readonly string[],
  format: 'auto' | ImportFormatName,
  cwd: string,
  logger: Logger,
  options: ReadOptions = {},
  // Tests pass a smaller limit, so as not to write 512 MiB files.
  maxWholeBytes = MAX_WHOLE_BYTES,
): SourceResult[] {
  const results: SourceResult[] = [];
  const seen: SeenFiles = new Map();
  for (const file of files) {
    const input = readBytes(file, cwd, seen);
    if (!(input instanceof Input)) {
      logger.info(`${file}: the same file as ${input.sameAs}, read once`);
      continue;
    }
    let read: ReturnType<typeof readOne>;
    try {
      read = readOne(input, file, format, options, maxWholeBytes);
    } finally {
      input.close();
    }
    const { importer, result } = read;
    logger.info(
      `${file}: ${importer.name}, ${plural(result.findings.length, 'finding')}${result.violations.length ? `, ${plural(result.violations.length, 'policy violation')}` : ''}`,
    );
    results.push(result);
  }
  return results;
}
