/**
 * GitHub's `primaryLocationLineHash`, computed the way `github/codeql-action` computes it when it uploads
 * SARIF, so a REST upload and `upload-sarif` give the same alert identity: a rolling polynomial hash (base 37,
 * wrapping at 64 bits) over the 100 characters from each line's start, with spaces and tabs skipped and
 * CR / CRLF read as LF, followed by `:n` for the n-th line of the file with that hash.
 */
const BLOCK = 100;
const BASE = 37n;
const EOF_CHAR = 65535;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const MASK = (1n << 64n) - 1n;

/** 37^100 mod 2^64: the weight of the character leaving the window. */
const FIRST_MOD = (() => {
  let value = 1n;
  for (let i = 0; i < BLOCK; i++) value = (value * BASE) & MASK;
  return value;
})();

/** Hashes of every line of a text, indexed by line number (1-based). */
export function lineHashes(text: string): Map<number, string> {
  const window = new Array<number>(BLOCK).fill(0);
  const lineAt = new Array<number>(BLOCK).fill(-1);
  const seen = new Map<string, number>();
  const hashes = new Map<number, string>();
  let hash = 0n;
  let index = 0;
  let line = 0;
  let lineStart = true;
  let prevCR = false;

  const output = () => {
    const hex = hash.toString(16);
    const n = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, n);
    hashes.set(lineAt[index] ?? -1, `${hex}:${n}`);
    lineAt[index] = -1;
  };
  const update = (code: number) => {
    const leaving = window[index] ?? 0;
    window[index] = code;
    hash = (BASE * hash + BigInt(code) - FIRST_MOD * BigInt(leaving)) & MASK;
    index = (index + 1) % BLOCK;
  };
  const process = (code: number) => {
    if (code === SPACE || code === TAB || (prevCR && code === LF)) {
      prevCR = false;
      return;
    }
    let current = code;
    if (current === CR) {
      current = LF;
      prevCR = true;
    } else {
      prevCR = false;
    }
    if (lineAt[index] !== -1) output();
    if (lineStart) {
      lineStart = false;
      line += 1;
      lineAt[index] = line;
    }
    if (current === LF) lineStart = true;
    update(current);
  };

  for (let i = 0; i < text.length; i++) process(text.charCodeAt(i));
  process(EOF_CHAR);
  for (let i = 0; i < BLOCK; i++) {
    if (lineAt[index] !== -1) output();
    update(0);
  }
  return hashes;
}
