import type { LocatedFinding, Location } from '../findings/model.js';
import type { Locator } from './locator.js';

/**
 * The lines of one file that results of one rule use. Finding the next free line skips taken ones by
 * pointers kept short as they are followed (as a union-find does), so placing many findings of one rule on
 * one line costs about as much as placing them on lines of their own: following lines one by one from the
 * shared line made 60,000 findings of one CVE take a minute.
 */
class TakenLines {
  private readonly taken: Set<number>;
  /**
   * For a line passed over, a later line: every line from it up to (not including) that one is taken, or declares
   * a package the finding that passed it could not take.
   */
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

  /**
   * The first line of `from`…`to` that is neither taken nor `declared` (another package's), if any. The lines
   * passed are skipped by later calls too: a finding of another package may then miss its own line below them,
   * never land on another package's.
   */
  firstFree(from: number, to: number, declared: (line: number) => boolean): number | undefined {
    const passed: number[] = [];
    let line = from;
    while (line <= to && (this.taken.has(line) || declared(line))) {
      passed.push(line);
      line = this.skip.get(line) ?? line + 1;
    }
    for (const taken of passed) this.skip.set(taken, line);
    return line <= to ? line : undefined;
  }
}

const CLAIM_TURNS = 4;

/**
 * When a finding claims its line: open ones before suppressed ones (a suppressed sighting never moves a finding
 * that is reported), and of each, first those the line declares (`Location.sameVersion`: their package at a
 * version that fits) rather than a package pulling them in or another version.
 */
function claimTurn(suppressed: boolean, location: Location): number {
  return (suppressed ? 2 : 0) + (location.sameVersion ? 0 : 1);
}

/**
 * GitHub merges results of one rule that share a file and line, so of the findings of one id at one line,
 * one keeps it: the first (the most severe, as the findings come sorted) of those whose turn to claim it
 * (`claimTurn`) comes first. The others move to the next line of the file that id does not use yet, wrapping
 * to the top; one placed on a declaration (rules `manifest`, `lockfile`) skips lines that declare another package
 * (`Locator.declaresOther`): there the result would read as that package's (`uuid` 9.0.1 moved onto the `axios`
 * line below `uuid` 8.3.2's). Findings already on lines of their own keep them. When no line of the file is left,
 * a finding goes past its end: an alert of its own matters more than a line GitHub can show. A finding that moves
 * keeps the line it left as `declaredLine`.
 */
export function separateSharedLines(
  findings: readonly LocatedFinding[],
  locator: Pick<Locator, 'lineCount' | 'declaresOther'>,
): void {
  // Keyed by id, then file: no joined key that two different pairs could share. Most ids are on one line of
  // a file: its line number is kept, the lines' set only once a second line is used.
  const used = new Map<string, Map<string, number | TakenLines>>();
  const movers: { index: number; finding: Pick<LocatedFinding, 'id' | 'location' | 'component'> }[] = [];
  // Findings claim their lines turn by turn, each turn in the findings' order; the others move in that order.
  for (let turn = 0; turn < CLAIM_TURNS; turn++) {
    for (const [index, { id, location, suppressed, component }] of findings.entries()) {
      if (claimTurn(suppressed, location) !== turn) continue;
      let files = used.get(id);
      if (!files) used.set(id, (files = new Map()));
      const lines = files.get(location.uri);
      if (lines === undefined) files.set(location.uri, location.startLine);
      else if (lines === location.startLine || (typeof lines !== 'number' && lines.has(location.startLine)))
        movers.push({ index, finding: { id, location, component } });
      else if (typeof lines === 'number') files.set(location.uri, new TakenLines(lines, location.startLine));
      else lines.add(location.startLine);
    }
  }
  movers.sort((a, b) => a.index - b.index);
  for (const { finding } of movers) {
    const { id, location, component } = finding;
    const files = used.get(id);
    const taken = files?.get(location.uri);
    // Always set: a finding moves only after its rule and file were recorded above.
    if (!files || taken === undefined) continue;
    const lines = typeof taken === 'number' ? new TakenLines(taken) : taken;
    files.set(location.uri, lines);
    // Kept for reports that need no move (GitLab's); `??=` keeps the first line if it is ever moved twice.
    location.declaredLine ??= location.startLine;
    // Only a result placed on a declaration reads as the package of the line it moves to; one that stands for the
    // whole file (a root manifest's line 1) would otherwise go past the end of a file whose every line declares one.
    const onDeclaration = location.rule === 'manifest' || location.rule === 'lockfile';
    const declared = (line: number) => onDeclaration && locator.declaresOther(location.uri, line, component);
    location.startLine = nextLine(lines, location.startLine, locator.lineCount(location.uri), declared);
    lines.add(location.startLine);
  }
}

/**
 * The line after `start` (cyclically in a file of `count` lines, unbounded when the file is unknown) that
 * is neither taken nor `declared`; past the end of the file and of every line taken when none is free.
 */
function nextLine(
  lines: TakenLines,
  start: number,
  count: number,
  declared: (line: number) => boolean,
): number {
  // A start past the end of the file counts round from the top, as the line after the last is the first
  // (`count` is at least 1; an unknown file's Infinity leaves `start` as it is, and always has a free line).
  const from = ((start - 1) % count) + 1;
  const free = lines.firstFree(from + 1, count, declared) ?? lines.firstFree(1, from - 1, declared);
  // Every line taken: past the end of the file, since two results on one line would become one alert.
  return free ?? Math.max(count, lines.last) + 1;
}
