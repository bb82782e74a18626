import type { LocatedFinding } from '../findings/model.js';
import type { Locator } from './locator.js';

/**
 * The lines of one file that results of one rule use. Finding the next free line skips taken ones by
 * pointers kept short as they are followed (as a union-find does), so placing many findings of one rule on
 * one line costs about as much as placing them on lines of their own: following lines one by one from the
 * shared line made 60,000 findings of one CVE take a minute.
 */
class TakenLines {
  private readonly taken: Set<number>;
  /** For a taken line, a later line: every line from the taken one up to (not including) it is taken. */
  private readonly skip = new Map<number, number>();
  /** The last line taken, past the end of the file too. */
  last: number;

  constructor(first: number, second = first) {
    this.taken = new Set([first, second]);
    this.last = Math.max(first, second);
  }

  has(line: number): boolean {
    return this.taken.has(line);
  }

  add(line: number): void {
    this.taken.add(line);
    this.last = Math.max(this.last, line);
  }

  /** The first line of `from`…`to` that is not taken, if any. */
  firstFree(from: number, to: number): number | undefined {
    const passed: number[] = [];
    let line = from;
    while (line <= to && this.taken.has(line)) {
      passed.push(line);
      line = this.skip.get(line) ?? line + 1;
    }
    for (const taken of passed) this.skip.set(taken, line);
    return line <= to ? line : undefined;
  }
}

/**
 * GitHub merges results of one rule that share a file and line, so the second and later findings of one
 * id at one line move to the next line of the file that id does not use yet, wrapping to the top. Findings
 * already on lines of their own keep them; when every line of the file is taken, a finding goes past its end.
 */
export function separateSharedLines(
  findings: readonly LocatedFinding[],
  locator: Pick<Locator, 'lineCount'>,
): void {
  // Keyed by id, then file: no joined key that two different pairs could share. Most ids are on one line of
  // a file: its line number is kept, the lines' set only once a second line is used.
  const used = new Map<string, Map<string, number | TakenLines>>();
  const movers: Pick<LocatedFinding, 'id' | 'location'>[] = [];
  for (const { id, location } of findings) {
    let files = used.get(id);
    if (!files) used.set(id, (files = new Map()));
    const lines = files.get(location.uri);
    if (lines === undefined) files.set(location.uri, location.startLine);
    else if (lines === location.startLine || (typeof lines !== 'number' && lines.has(location.startLine)))
      movers.push({ id, location });
    else if (typeof lines === 'number') files.set(location.uri, new TakenLines(lines, location.startLine));
    else lines.add(location.startLine);
  }
  for (const { id, location } of movers) {
    const files = used.get(id);
    const taken = files?.get(location.uri);
    // Always set: a finding moves only after its rule and file were recorded above.
    if (!files || taken === undefined) continue;
    const lines = typeof taken === 'number' ? new TakenLines(taken) : taken;
    files.set(location.uri, lines);
    location.startLine = nextLine(lines, location.startLine, locator.lineCount(location.uri));
    lines.add(location.startLine);
  }
}

/**
 * The line after `start` (cyclically in a file of `count` lines, unbounded when the file is unknown) that
 * is not taken; past the end of the file and of every line taken when none is free.
 */
function nextLine(lines: TakenLines, start: number, count: number): number {
  // A start past the end of the file counts round from the top, as the line after the last is the first
  // (`count` is at least 1; an unknown file's Infinity leaves `start` as it is, and always has a free line).
  const from = ((start - 1) % count) + 1;
  const free = lines.firstFree(from + 1, count) ?? lines.firstFree(1, from - 1);
  // Every line taken: past the end of the file, since two results on one line would become one alert.
  return free ?? Math.max(count, lines.last) + 1;
}
