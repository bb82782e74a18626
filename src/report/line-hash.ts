import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * GitHub's `primaryLocationLineHash`, computed the way `github/codeql-action` computes it when it uploads
 * SARIF, so a REST upload and `upload-sarif` give the same alert identity: for each line, a polynomial hash
 * (base 37, wrapping at 64 bits) of the 100 characters from the line's start — spaces and tabs skipped, CR and
 * CRLF read as LF, the text followed by an end marker (65535) and zeros — then `:n` for the n-th line of the
 * file with that hash. Each line's hash is computed on its own (Horner's rule over its 100 characters), so a
 * file is read only as far as the last line asked for needs.
 */
const BLOCK = 100;
const EOF_CHAR = 65535;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const TWO_32 = 0x1_0000_0000;

/**
 * The text as codeql-action reads it: spaces and tabs dropped, line ends as one LF, the end marker last. It
 * stops once line `lastLine` and the 100 characters its hash covers are read.
 */
function normalise(text: string, lastLine: number): Uint16Array {
  const out = new Uint16Array(text.length + 1);
  let n = 0;
  let prevCR = false;
  let line = 1;
  let lastStart = lastLine === 1 ? 0 : -1;
  for (let i = 0; i < text.length; i++) {
    if (lastStart >= 0 && n >= lastStart + BLOCK) return out.subarray(0, n);
    const code = text.charCodeAt(i);
    if (code === SPACE || code === TAB || (prevCR && code === LF)) {
      prevCR = false;
      continue;
    }
    prevCR = code === CR;
    out[n++] = code === CR ? LF : code;
    if (out[n - 1] === LF && ++line === lastLine) lastStart = n;
  }
  out[n++] = EOF_CHAR;
  return out.subarray(0, n);
}

/** Σ c[i]·37^(99−i) mod 2^64 over the 100 characters from `start`, as unsigned hex (two 32-bit halves). */
function hashAt(chars: Uint16Array, start: number): string {
  let hi = 0;
  let lo = 0;
  for (let i = start; i < start + BLOCK; i++) {
    const next = lo * 37 + (i < chars.length ? (chars[i] ?? 0) : 0);
    lo = next % TWO_32;
    hi = (hi * 37 + Math.floor(next / TWO_32)) % TWO_32;
  }
  return hi === 0 ? lo.toString(16) : `${hi.toString(16)}${lo.toString(16).padStart(8, '0')}`;
}

/** Hashes of the lines of a text up to `lastLine` (every line when omitted), by line number. */
export function lineHashes(text: string, lastLine = Number.POSITIVE_INFINITY): Map<number, string> {
  const chars = normalise(text, lastLine);
  const seen = new Map<string, number>();
  const hashes = new Map<number, string>();
  // A line starts at the first character and after every LF; the end marker starts one more.
  let line = 0;
  for (let i = 0; i < chars.length && line < lastLine; i++) {
    if (i !== 0 && chars[i - 1] !== LF) continue;
    line += 1;
    const hash = hashAt(chars, i);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    hashes.set(line, `${hash}:${n}`);
  }
  return hashes;
}

const CHUNK = 1 << 20;

/** One buffer for every file read: a new megabyte for each of 16,000 small manifests took seconds. */
let chunkBuffer: Buffer | undefined;

/**
 * The start of a file, as far as hashing lines 1…`lastLine` needs: whole lines up to that one and a chunk
 * more (each hash covers 100 characters, which may run into later lines). A large file placed on its first
 * lines, such as an export, is then read only in part.
 */
export function readHead(file: string, lastLine: number): string {
  const fd = openSync(file, 'r');
  try {
    const decoder = new StringDecoder('utf8');
    const buffer = (chunkBuffer ??= Buffer.allocUnsafe(CHUNK));
    let text = '';
    let lines = 0;
    let extra = false;
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0) return text + decoder.end();
      const chunk = decoder.write(buffer.subarray(0, read));
      text += chunk;
      if (extra) return text;
      for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) lines++;
      // Line n starts after n - 1 line ends.
      extra = lines >= lastLine - 1;
    }
  } finally {
    closeSync(fd);
  }
}
