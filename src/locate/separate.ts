import type { LocatedFinding } from '../findings/model.js';
import type { Locator } from './locator.js';

/**
 * GitHub merges results of one rule that share a file and line, so the second and later findings of one
 * id at one line move to the next line of the file that id does not use yet, wrapping to the top. Findings
 * already on lines of their own keep them; when every line of the file is taken, a finding goes past its end.
 */
export function separateSharedLines(
  findings: readonly LocatedFinding[],
  locator: Pick<Locator, 'lineCount'>,
): void {
  // Most ids are on one line of a file: its line number is kept, a set only once a second line is used.
  const used = new Map<string, number | Set<number>>();
  const movers: Pick<LocatedFinding, 'id' | 'location'>[] = [];
  for (const { id, location } of findings) {
    const key = `${id}\0${location.uri}`;
    const lines = used.get(key);
    if (lines === undefined) used.set(key, location.startLine);
    else if (lines === location.startLine || (typeof lines !== 'number' && lines.has(location.startLine)))
      movers.push({ id, location });
    else if (typeof lines === 'number') used.set(key, new Set([lines, location.startLine]));
    else lines.add(location.startLine);
  }
  for (const { id, location } of movers) {
    const key = `${id}\0${location.uri}`;
    const taken = used.get(key);
    const lines = typeof taken === 'object' ? taken : new Set(taken === undefined ? [] : [taken]);
    used.set(key, lines);
    const count = locator.lineCount(location.uri);
    let line = location.startLine;
    for (let step = 1; step < count && lines.has(line); step++)
      line = ((location.startLine - 1 + step) % count) + 1;
    // Every line taken: past the end of the file, since two results on one line would become one alert.
    if (lines.has(line)) {
      line = count;
      for (const taken of lines) line = Math.max(line, taken);
      line += 1;
    }
    lines.add(line);
    location.startLine = line;
  }
}
