/**
 * Large exports are one big array (`rows`, `data`, `findings`, or the document itself) in a small envelope.
 * Parsing the whole file at once holds the text and every row as objects together, about six times the file
 * size. Instead this finds where each element of that array starts and ends — tracking only strings, escapes
 * and nesting, the built-in `JSON.parse` does the parsing — so rows are parsed one at a time and each can be
 * dropped once mapped. Anything unexpected returns `undefined`, and the caller parses the whole file, which
 * also gives `JSON.parse`'s own error for a malformed one; the array's key given twice throws RepeatedKeyError.
 * The same walk finds a key given twice in any object of the elements or the envelope (`SlicedDocument.repeated`),
 * which `JSON.parse` would resolve by keeping the last, silently.
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
  /** The first key given twice in one object, at any depth of the document, found while slicing. */
  repeated: RepeatedKey | undefined;
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

/** A key given twice in one object: the key, and where that object is (`rows[12].cves[0]`; '' at the top). */
export interface RepeatedKey {
  key: string;
  at: string;
}

/**
 * The key whose text is between the quotes of `buf` at [start, end), as JSON.parse reads it; `hash` is its
 * `keyHash`. A bad escape (a row not yet parsed may hold one) reads as its bytes: the row's parse refuses it.
 */
function keyText(buf: Buffer, start: number, end: number, hash: number): string {
  if (hash >= 0) return buf.toString('utf8', start, end);
  try {
    return JSON.parse(buf.toString('utf8', start - 1, end + 1)) as string;
  } catch {
    return buf.toString('utf8', start, end);
  }
}

/** A hash of the key's bytes at [start, end), or -1 when it has an escape (its bytes are not what it reads). */
function keyHash(buf: Buffer, start: number, end: number): number {
  let hash = end - start;
  for (let k = start; k < end; k++) {
    const byte = buf[k] as number;
    if (byte === BACKSLASH) return -1;
    hash = (Math.imul(hash, 31) + byte) | 0;
  }
  return hash & 0x7fffffff;
}

/** Whether the key at [start, end) of hash `hash`, unescaped, is among the unescaped keys of `keys` from `from` on. */
function keyAmong(
  buf: Buffer,
  keys: readonly number[],
  from: number,
  start: number,
  end: number,
  hash: number,
) {
  for (let k = from; k < keys.length; k += 3) {
    if (keys[k + 2] !== hash) continue;
    const other = keys[k] as number;
    const length = (keys[k + 1] as number) - other;
    if (length !== end - start) continue;
    let same = true;
    for (let b = 0; b < length && same; b++) same = buf[start + b] === buf[other + b];
    if (same) return true;
  }
  return false;
}

/**
 * Objects of more keys than this, or with an escaped key, are checked through a set of their keys as JSON.parse
 * reads them: comparing each key with every one before it takes time that grows with the square of their number
 * (minutes for a 2 MB object of 200,000 keys), and decoding escaped keys for each comparison as much.
 */
const FEW_KEYS = 32;

/**
 * Whether the key at [start, end) of hash `hash` repeats one of the object's whose keys start at `base` of
 * `keys`; the set of an object checked that way is kept in `sets` under its `base`.
 */
function seenBefore(
  buf: Buffer,
  keys: readonly number[],
  base: number,
  start: number,
  end: number,
  hash: number,
  sets: Map<number, Set<string>>,
): boolean {
  let seen = sets.get(base);
  if (!seen) {
    if (hash >= 0 && keys.length - base < 3 * FEW_KEYS) return keyAmong(buf, keys, base, start, end, hash);
    seen = new Set();
    for (let k = base; k < keys.length; k += 3)
      seen.add(keyText(buf, keys[k] as number, keys[k + 1] as number, keys[k + 2] as number));
    sets.set(base, seen);
  }
  const text = keyText(buf, start, end, hash);
  if (seen.has(text)) return true;
  seen.add(text);
  return false;
}

/**
 * Where the innermost open object is, from the containers open around it (`frames`, as `skipContainer` keeps
 * them): each object by the key of its member being read, each array by the index of its element being read.
 */
function pathOf(buf: Buffer, frames: readonly number[], keys: readonly number[]): string {
  let path = '';
  // The first frame is the state before the outermost container opened; the innermost is not in `frames`.
  for (let f = 3; f < frames.length; f += 3) {
    const containerBase = frames[f] as number;
    // Keys known when its child opened: the last of them names the member holding the child.
    const keysThen = frames[f + 2] as number;
    if (containerBase < 0) {
      path += `[${frames[f + 1]}]`;
    } else {
      const key = keyText(
        buf,
        keys[keysThen - 3] as number,
        keys[keysThen - 2] as number,
        keys[keysThen - 1] as number,
      );
      path += /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
    }
  }
  return path;
}

/**
 * The index just after the array or object that opens at `i`, or -1 when the text ends first. With `check`,
 * the first key given twice in any object within it goes to `check.repeated`, its place relative to `i`.
 */
function skipContainer(buf: Buffer, i: number, check?: { repeated?: RepeatedKey }): number {
  // For each open container but the innermost, from `frames[0]` to `frames[top - 1]`: its `base`, `index`, and
  // how many numbers `keys` held when its child opened. `base` is where an object's keys start in `keys`, -1 for
  // an array; `index` is an array's element being read.
  const frames: number[] = [];
  let top = 0;
  // The keys of the open objects, the innermost's last: `start, end, keyHash` of each one's text.
  const keys: number[] = [];
  const sets = new Map<number, Set<string>>();
  let base = -1;
  let index = 0;
  let expectKey = false;
  for (let j = i; j < buf.length; j++) {
    const byte = buf[j];
    if (byte === QUOTE) {
      const end = skipString(buf, j);
      if (end < 0) return -1;
      if (expectKey) {
        expectKey = false;
        const hash = keyHash(buf, j + 1, end - 1);
        if (check && !check.repeated && seenBefore(buf, keys, base, j + 1, end - 1, hash, sets))
          check.repeated = {
            key: keyText(buf, j + 1, end - 1, hash),
            at: pathOf(buf, frames.slice(0, top), keys),
          };
        keys.push(j + 1, end - 1, hash);
      }
      j = end - 1;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      frames[top] = base;
      frames[top + 1] = index;
      frames[top + 2] = keys.length;
      top += 3;
      base = byte === OPEN_OBJECT ? keys.length : -1;
      index = 0;
      // Keys are followed only when they are checked.
      expectKey = byte === OPEN_OBJECT && check !== undefined;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      if (base >= 0) {
        keys.length = base;
        if (sets.size) sets.delete(base);
      }
      top -= 3;
      if (!top) return j + 1;
      base = frames[top] as number;
      index = frames[top + 1] as number;
      expectKey = false;
    } else if (byte === COMMA) {
      if (base >= 0) expectKey = check !== undefined;
      else index++;
    }
  }
  return -1;
}

/** The index just after the value that starts at `i`, or -1 when the text ends first. */
function skipValue(buf: Buffer, i: number, check?: { repeated?: RepeatedKey }): number {
  const first = buf[i];
  if (first === QUOTE) return skipString(buf, i);
  if (first === OPEN_ARRAY || first === OPEN_OBJECT) return skipContainer(buf, i, check);
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

/**
 * Element ranges of the array opening at `open` under `key`, the index of its closing bracket, and the first key
 * given twice in an object of its elements.
 */
function elements(
  buf: Buffer,
  open: number,
  key: string,
): { ranges: number[]; close: number; repeated?: RepeatedKey } | undefined {
  const ranges: number[] = [];
  const check: { repeated?: RepeatedKey } = {};
  let repeated: RepeatedKey | undefined;
  let i = skipSpace(buf, open + 1);
  if (buf[i] === CLOSE_ARRAY) return { ranges, close: i };
  for (;;) {
    // Once one is found, the rest are only walked.
    const end = skipValue(buf, i, repeated ? undefined : check);
    if (end < 0) return undefined;
    if (ranges.length === 2 * MAX_ELEMENTS) throw new TooManyElementsError(key);
    if (check.repeated && !repeated) {
      // A row that is no JSON is that first: the whole file's parse then says where.
      if (!parses(buf, i, end)) return undefined;
      repeated = { key: check.repeated.key, at: joinPath(`${key}[${ranges.length / 2}]`, check.repeated.at) };
    }
    ranges.push(i, end);
    i = skipSpace(buf, end);
    if (buf[i] === CLOSE_ARRAY) return { ranges, close: i, repeated };
    if (buf[i] !== COMMA) return undefined;
    i = skipSpace(buf, i + 1);
  }
}

function parses(buf: Buffer, start: number, end: number): boolean {
  try {
    JSON.parse(buf.toString('utf8', start, end));
    return true;
  } catch {
    return false;
  }
}

/** A path within the value at `outer`: `rows[2]` and `.cves[0]` make `rows[2].cves[0]`; '' and `.a` make `a`. */
function joinPath(outer: string, inner: string): string {
  return outer ? `${outer}${inner}` : inner.replace(/^\./, '');
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

/** The first key given twice in one object, at any depth of a well-formed document (JSON.parse keeps the last). */
export function repeatedKey(buf: Buffer): RepeatedKey | undefined {
  const check: { repeated?: RepeatedKey } = {};
  skipValue(buf, documentStart(buf), check);
  return check.repeated && { key: check.repeated.key, at: joinPath('', check.repeated.at) };
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
  const envelopeText = `${buf.toString('utf8', start, member.open + 1)}${buf.toString('utf8', found.close)}`;
  try {
    envelope = JSON.parse(envelopeText);
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
    repeated: found.repeated ?? repeatedKey(Buffer.from(envelopeText)),
  };
}
