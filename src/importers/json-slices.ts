/**
 * Large exports are one big array (`rows`, `data`, `findings`, or the document itself) in a small envelope.
 * Parsing the whole file at once holds the text and every row as objects together, about six times the file
 * size. Instead this finds where each element of that array starts and ends — tracking only strings, escapes
 * and nesting, the built-in `JSON.parse` does the parsing — so rows are parsed one at a time and each can be
 * dropped once mapped. Anything unexpected returns `undefined`, and the caller parses the whole file, which
 * also gives `JSON.parse`'s own error for a malformed one; the array's key given twice throws RepeatedKeyError.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const COMMA = 0x2c;
const COLON = 0x3a;

export interface SlicedDocument {
  /** The document with the big array emptied. */
  envelope: unknown;
  /** The big array's key in the envelope, or '' when the document is the array. */
  key: string;
  /** Number of elements of the big array. */
  count: number;
  /** The first element, parsed, for recognising the format. */
  first: unknown;
  /**
   * Every element, parsed one at a time, its text taken from `text`: the sliced buffer's (`bufferText`), or the
   * file's read again, so that the whole text need not stay in memory while the elements are used.
   */
  items(text: ElementText): Generator<unknown>;
  /** `repeatedTopKey` of the sliced buffer, from the element ranges already found when it is an array. */
  repeatedTopKey(buf: Buffer): RepeatedKey | undefined;
}

/** The text of the bytes from `start` to `end` of the document sliced. */
export type ElementText = (start: number, end: number) => string;

export function bufferText(buf: Buffer): ElementText {
  return (start, end) => buf.toString('utf8', start, end);
}

/** JSON's white space: space, line feed, carriage return, tab. */
export function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipSpace(buf: Buffer, i: number): number {
  while (i < buf.length && isSpace(buf[i])) i++;
  return i;
}

/**
 * The index just after the string that starts at `i` (a quote), or -1. Strings are most of an export's
 * bytes, so the closing quote is searched natively: a quote ends the string unless an odd number of
 * backslashes precedes it.
 */
function skipString(buf: Buffer, i: number): number {
  for (let j = buf.indexOf(QUOTE, i + 1); j >= 0; j = buf.indexOf(QUOTE, j + 1)) {
    let backslashes = 0;
    while (buf[j - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return j + 1;
  }
  return -1;
}

/** The index just after the value that starts at `i`, or -1 when the text ends first. */
function skipValue(buf: Buffer, i: number): number {
  const first = buf[i];
  if (first === QUOTE) return skipString(buf, i);
  if (first !== OPEN_ARRAY && first !== OPEN_OBJECT) {
    let j = i;
    while (
      j < buf.length &&
      buf[j] !== COMMA &&
      buf[j] !== CLOSE_ARRAY &&
      buf[j] !== CLOSE_OBJECT &&
      !isSpace(buf[j])
    )
      j++;
    return j > i ? j : -1;
  }
  let depth = 0;
  for (let j = i; j < buf.length; j++) {
    const byte = buf[j];
    if (byte === QUOTE) {
      j = skipString(buf, j) - 1;
      if (j < 0) return -1;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth++;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/**
 * The most elements a sliced array may hold: far more findings than any scanner exports, and well below the
 * length at which V8 refuses to grow the array of their ranges (a file of `0,0,0,…` reaches it at 134 MB).
 */
export const MAX_ELEMENTS = 10_000_000;

/** An array of more than `MAX_ELEMENTS` elements: refused rather than read until memory runs out. */
export class TooManyElementsError extends Error {
  constructor(readonly key: string) {
    super(`the array holds more than ${MAX_ELEMENTS.toLocaleString('en-US')} elements`);
  }
}

/** Element ranges of the array opening at `open`, and the index of its closing bracket. */
function elements(buf: Buffer, open: number, key: string): { ranges: number[]; close: number } | undefined {
  const ranges: number[] = [];
  let i = skipSpace(buf, open + 1);
  if (buf[i] === CLOSE_ARRAY) return { ranges, close: i };
  for (;;) {
    const end = skipValue(buf, i);
    if (end < 0) return undefined;
    if (ranges.length === 2 * MAX_ELEMENTS) throw new TooManyElementsError(key);
    ranges.push(i, end);
    i = skipSpace(buf, end);
    if (buf[i] === CLOSE_ARRAY) return { ranges, close: i };
    if (buf[i] !== COMMA) return undefined;
    i = skipSpace(buf, i + 1);
  }
}

/** A top-level member at `i`: its key as JSON.parse reads it (escapes too) and where its value starts. */
function memberAt(buf: Buffer, i: number): { key: string; value: number } | undefined {
  if (buf[i] !== QUOTE) return undefined;
  const keyEnd = skipString(buf, i);
  if (keyEnd < 0) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(buf.toString('utf8', i, keyEnd));
  } catch {
    return undefined;
  }
  const colon = skipSpace(buf, keyEnd);
  if (buf[colon] !== COLON) return undefined;
  return { key: key as string, value: skipSpace(buf, colon + 1) };
}

/** Where the member after the value ending at `end` starts, or -1 when none follows. */
function nextMember(buf: Buffer, end: number): number {
  if (end < 0) return -1;
  const i = skipSpace(buf, end);
  return buf[i] === COMMA ? skipSpace(buf, i + 1) : -1;
}

/** The members of an object from the one at `at` on, each skipped over to reach the next. */
function* membersFrom(buf: Buffer, at: number): Generator<{ key: string; value: number }> {
  for (
    let member = memberAt(buf, at);
    member;
    member = memberAt(buf, nextMember(buf, skipValue(buf, member.value)))
  )
    yield member;
}

/** Where the array under one of `keys` opens, in the object at `start`; undefined when there is none. */
function findMember(
  buf: Buffer,
  keys: ReadonlySet<string>,
  start: number,
): { key: string; open: number } | undefined {
  if (buf[start] !== OPEN_OBJECT) return undefined;
  for (const member of membersFrom(buf, skipSpace(buf, start + 1)))
    if (keys.has(member.key) && buf[member.value] === OPEN_ARRAY)
      return { key: member.key, open: member.value };
  return undefined;
}

/** Whether `key` names another member after the array that closes at `close`. */
function keyAgain(buf: Buffer, key: string, close: number): boolean {
  for (const member of membersFrom(buf, nextMember(buf, close + 1))) if (member.key === key) return true;
  return false;
}

/**
 * A document that gives the big array's key twice. JSON.parse keeps the last and this slicer would read the
 * first, so either could lose findings without a word: such a file is refused instead.
 */
export class RepeatedKeyError extends Error {
  constructor(readonly key: string) {
    super(`the key "${key}" is given twice`);
  }
}

/** Where the document starts: after any white space and a UTF-8 byte-order mark. */
function documentStart(buf: Buffer): number {
  return skipSpace(buf, buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0);
}

/** A key named twice among the members of the object opening at `open`. */
function repeatedKeyAt(buf: Buffer, open: number): string | undefined {
  const keys = new Set<string>();
  for (const member of membersFrom(buf, skipSpace(buf, open + 1))) {
    if (keys.has(member.key)) return member.key;
    keys.add(member.key);
  }
  return undefined;
}

/**
 * A key given twice at the top of a well-formed document: among its members, or those of an object element of
 * a top-level array (each a scan response of `jf scan`), with where it was found (`[3]` for the fourth element).
 * JSON.parse keeps the last; whole-document formats find their findings at this depth.
 */
export function repeatedTopKey(buf: Buffer): RepeatedKey | undefined {
  const start = documentStart(buf);
  if (buf[start] === OPEN_OBJECT) {
    const key = repeatedKeyAt(buf, start);
    return key === undefined ? undefined : { key, at: '' };
  }
  if (buf[start] !== OPEN_ARRAY) return undefined;
  return repeatedInElements(buf, elements(buf, start, '')?.ranges ?? []);
}

export interface RepeatedKey {
  key: string;
  /** `[n]` for the n+1th element of a top-level array; '' at the top of the document. */
  at: string;
}

/** A key given twice in an object element of the ranges' array (`repeatedTopKey`). */
function repeatedInElements(buf: Buffer, ranges: readonly number[]): RepeatedKey | undefined {
  for (let n = 0; n < ranges.length / 2; n++) {
    const open = ranges[2 * n] as number;
    const key = buf[open] === OPEN_OBJECT ? repeatedKeyAt(buf, open) : undefined;
    if (key !== undefined) return { key, at: `[${n}]` };
  }
  return undefined;
}

/** Whether the text ends inside its document, as a cut download does; found without parsing it. */
export function endsEarly(buf: Buffer): boolean {
  return skipValue(buf, documentStart(buf)) < 0;
}

/** Slices the big array out of a document: the top-level array, or the first member named in `keys`. */
export function sliceDocument(buf: Buffer, keys: ReadonlySet<string>): SlicedDocument | undefined {
  const start = documentStart(buf);
  const member = buf[start] === OPEN_ARRAY ? { key: '', open: start } : findMember(buf, keys, start);
  if (!member) return undefined;
  const found = elements(buf, member.open, member.key);
  if (!found) return undefined;
  let envelope: unknown;
  try {
    envelope = JSON.parse(
      `${buf.toString('utf8', start, member.open + 1)}${buf.toString('utf8', found.close)}`,
    );
  } catch {
    return undefined;
  }
  // Only after the envelope parsed: the members after the array are then well formed, and few.
  if (member.key && keyAgain(buf, member.key, found.close)) throw new RepeatedKeyError(member.key);
  const { ranges } = found;
  let first: unknown;
  if (ranges.length) {
    try {
      first = JSON.parse(buf.toString('utf8', ranges[0], ranges[1]));
    } catch {
      return undefined;
    }
  }
  // No function below refers to `buf`: the document returned must not keep the whole text alive.
  const { key } = member;
  return {
    envelope,
    key,
    count: ranges.length / 2,
    first,
    *items(text) {
      for (let n = 0; n < ranges.length; n += 2)
        yield JSON.parse(text(ranges[n] as number, ranges[n + 1] as number));
    },
    repeatedTopKey: (whole) => (key === '' ? repeatedInElements(whole, ranges) : repeatedTopKey(whole)),
  };
}
