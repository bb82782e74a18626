/** Maps character offsets of a text to 1-based line numbers. */
export function lineLocator(text: string): (offset: number) => number {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** Lines of a text; a final newline ends the last line rather than starting an empty one. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
}

/** A part of a text, from `start` to before `end`. */
export type Range = readonly [start: number, end: number];

/**
 * Replaces the text of each range (in order, not overlapping) by spaces, keeping newlines, so that offsets
 * and line numbers of the rest of the text stay the same.
 */
export function blankRanges(text: string, ranges: readonly Range[]): string {
  if (!ranges.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    parts.push(text.slice(at, start), text.slice(start, end).replace(/[^\n]/g, ' '));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/**
 * Blanks XML comments (`<!-- … -->`) as `blankRanges` does. Found with `indexOf`: the regex
 * `/<!--[\s\S]*?-->/g` searched to the end of the text from every `<!--` that is never closed.
 */
export function blankXmlComments(text: string): string {
  const ranges: Range[] = [];
  for (let open = text.indexOf('<!--'); open >= 0;) {
    const close = text.indexOf('-->', open + 4);
    // Nothing closes this comment, nor any after it.
    if (close < 0) break;
    ranges.push([open, close + 3]);
    open = text.indexOf('<!--', close + 3);
  }
  return blankRanges(text, ranges);
}

/** Number of lines as `splitLines` counts them, without splitting. */
export function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return text.endsWith('\n') ? count : count + 1;
}

/**
 * The matches of a sticky regex (`/…/y`) that starts at a tag, as `matchAll` finds them with it made global,
 * but tried only at a `<` that some `>` follows: from every `<` after the last `>`, a global regex searched the
 * rest of the text in vain, quadratic in a file of unclosed tags.
 */
export function* tagMatches(source: string, sticky: RegExp): Generator<RegExpExecArray> {
  const lastClose = source.lastIndexOf('>');
  for (let at = source.indexOf('<'); at >= 0 && at < lastClose;) {
    sticky.lastIndex = at;
    const match = sticky.exec(source);
    if (match) yield match;
    at = source.indexOf('<', match ? sticky.lastIndex : at + 1);
  }
}

/** Where a regex's `.` stops: the line ends of JavaScript. */
export const LINE_END = /[\n\r\u2028\u2029]/;

/** The index of the last line end in `text`, or -1. */
export function lastLineEnd(text: string): number {
  let last = -1;
  for (const end of ['\n', '\r', '\u2028', '\u2029']) last = Math.max(last, text.lastIndexOf(end));
  return last;
}
