import { cvssScore } from '../findings/cvss.js';
import type { LocatedFinding } from '../findings/model.js';
import { severityRank } from '../findings/severity.js';
import {
  GITHUB_LIMITS,
  GzipBound,
  type RunTruncation,
  SARIF_GZIP_BUDGET,
  truncationOf,
  withinCounts,
} from './github-limits.js';
import { withJsonSink, type JsonSink } from './json-file.js';
import { SARIF_LOG_HEAD, type SarifRunInput, sarifRunJson } from './sarif.js';

export interface SarifRunSpec {
  /** The run's findings, most severe first; `findings` and `briefHelp` are chosen here. */
  input: Omit<SarifRunInput, 'findings' | 'briefHelp'>;
  findings: readonly LocatedFinding[];
}

/** The log's JSON, piece by piece: each run's pieces (see `sarifRunJson`) in the order of `runs`. */
function* logJson(runs: readonly SarifRunInput[]): Generator<string> {
  yield SARIF_LOG_HEAD;
  for (const [i, run] of runs.entries()) {
    if (i) yield ',';
    yield* sarifRunJson(run);
  }
  yield ']}\n';
}

/**
 * Writes one attempt at the log from the sink's start; returns its gzipped size bound, or an estimate above
 * the budget as soon as the part written is over it. Both depend on the text alone (see `GzipBound`).
 */
async function writeAttempt(
  sink: JsonSink,
  runs: readonly SarifRunInput[],
  budget: number,
  exact: boolean,
  giveUp = true,
): Promise<number> {
  const bound = new GzipBound(budget);
  const pieces = runs.reduce(
    (sum, run) => sum + new Set(run.findings.map((f) => f.id)).size + run.findings.length + 3,
    1,
  );
  let written = 0;
  sink.rewind(0);
  sink.tap = (chunk) => bound.add(chunk, written);
  try {
    for (const piece of logJson(runs)) {
      await sink.write(piece);
      written++;
      if (giveUp && bound.over) {
        bound.discard();
        return Math.max(budget + 1, bound.estimate(pieces));
      }
    }
    await sink.flush();
    return await bound.total(exact);
  } finally {
    sink.tap = undefined;
  }
}

/** A candidate's place in the order of keeping: a run's place, then its findings', for the few that cut. */
const NEVER = 0x7fffffff;

/**
 * The order in which the candidates of all runs are kept, as each finding's rank (NEVER past its run's
 * caps): open before suppressed, then most severe first (severity, then CVSS score), whichever run a finding
 * is of; findings alike in these take turns, run by run, in each run's own order.
 */
function keepingRanks(runs: readonly SarifRunSpec[], candidates: readonly number[][]): Int32Array[] {
  interface Entry {
    run: number;
    index: number;
    order: number;
    suppressed: number;
    severity: number;
    cvss: number;
    turn: number;
  }
  const entries: Entry[] = [];
  for (const [run, positions] of candidates.entries()) {
    const findings = runs[run]?.findings ?? [];
    let previous: Entry | undefined;
    for (const [order, index] of positions.entries()) {
      const f = findings[index] as LocatedFinding;
      const entry = {
        run,
        index,
        order,
        suppressed: Number(f.suppressed),
        severity: severityRank(f.severity),
        cvss: cvssScore(f) ?? -1,
        turn: 0,
      };
      const alike =
        previous &&
        previous.suppressed === entry.suppressed &&
        previous.severity === entry.severity &&
        previous.cvss === entry.cvss;
      entry.turn = alike && previous ? previous.turn + 1 : 0;
      entries.push(entry);
      previous = entry;
    }
  }
  entries.sort(
    (a, b) =>
      a.suppressed - b.suppressed ||
      b.severity - a.severity ||
      b.cvss - a.cvss ||
      a.turn - b.turn ||
      a.run - b.run ||
      a.order - b.order,
  );
  const ranks = runs.map((run) => new Int32Array(run.findings.length).fill(NEVER));
  for (const [rank, { run, index }] of entries.entries()) (ranks[run] as Int32Array)[index] = rank;
  return ranks;
}

/** Attempts at a cut before the largest count known to fit is taken. */
const ATTEMPTS = 14;

/** How close a cut must come: within this share of the budget, or of the smallest count known not to fit. */
const CLOSE_ENOUGH = 0.05;

/**
 * Writes a log that fits GitHub's limits, and returns what each run kept. Each run keeps at most GitHub's
 * results and rules per run, open findings first; if the log is over the gzipped budget, rule help is
 * shortened in every run before any result is dropped, then results are dropped across the log in the order
 * of `keepingRanks` (suppressed ones first, then the least severe of any run) until it fits. An attempt that
 * does not fit is overwritten by the next; the file ends holding the one taken.
 */
async function writeFittedLog(
  sink: JsonSink,
  runs: readonly SarifRunSpec[],
  budget: number,
): Promise<{ kept: LocatedFinding[][]; helpTrimmed: boolean }> {
  const candidates = runs.map((run) => withinCounts(run.findings, GITHUB_LIMITS.resultsPerRun));
  const count = candidates.reduce((sum, c) => sum + c.length, 0);
  let ranks: Int32Array[] | undefined;
  const keptOf = (n: number): LocatedFinding[][] => {
    if (n >= count) {
      return runs.map((run, i) => {
        const positions = [...(candidates[i] ?? [])].sort((a, b) => a - b);
        return positions.map((p) => run.findings[p] as LocatedFinding);
      });
    }
    ranks ??= keepingRanks(runs, candidates);
    const rankOf = ranks;
    return runs.map((run, i) => run.findings.filter((_, j) => (rankOf[i] as Int32Array)[j]! < n));
  };
  let kept: LocatedFinding[][] = [];
  const write = (n: number, briefHelp: boolean, exact: boolean, giveUp = true) => {
    kept = keptOf(n);
    const inputs = runs.map((run, i) => ({ ...run.input, findings: kept[i] ?? [], briefHelp }));
    return writeAttempt(sink, inputs, budget, exact, giveUp);
  };
  let n = count;
  let size = await write(n, false, false);
  if (size <= budget) return { kept, helpTrimmed: false };
  size = await write(n, true, false);
  // The largest count known to fit (-1: none yet) and its size, and the smallest count known not to.
  let fits = -1;
  let fitSize = 0;
  let tooMany = n;
  for (let attempt = 0; ; attempt++) {
    if (size <= budget) [fits, fitSize] = [n, size];
    else tooMany = n;
    const close =
      fitSize >= budget * (1 - CLOSE_ENOUGH) || tooMany - fits <= Math.max(1, tooMany * CLOSE_ENOUGH);
    if (fits >= 0 && (close || attempt >= ATTEMPTS)) break;
    if (fits < 0 && (n === 0 || attempt >= ATTEMPTS)) {
      // Not even a log without results fits (run properties of megabytes), or none was found to: the log
      // without results is written whole, never given up half-written.
      await write(0, true, true, false);
      return { kept, helpTrimmed: true };
    }
    // The count the last size points at, were every result the same size, on every other attempt and only
    // when it lies strictly between what fits and what does not; else halfway. The estimate is off when results
    // differ in size (or an attempt given up was estimated from its rules), and halving still closes the gap.
    const scaled = Math.floor((n * budget * 0.97) / size);
    const middle = Math.floor((Math.max(fits, 0) + tooMany) / 2);
    const useScaled = attempt % 2 === 0 && scaled > fits && scaled < tooMany;
    n = Math.min(tooMany - 1, Math.max(fits + 1, useScaled ? scaled : middle));
    size = await write(n, true, true);
  }
  // The file holds the last attempt: written again only when that was not the one taken.
  if (n !== fits) await write(fits, true, true);
  return { kept, helpTrimmed: true };
}

/**
 * Writes the SARIF log of `runs` within GitHub's limits: one gzipped budget for the whole file, and the
 * results each run leaves out chosen across runs (see `writeFittedLog`). Runs are written in their order;
 * the truncations come back in it. The size is bounded as the text is written, never from a whole string.
 */
export async function writeSarifFile(
  file: string,
  runs: readonly SarifRunSpec[],
  gzipBudget = SARIF_GZIP_BUDGET,
): Promise<RunTruncation[]> {
  let fitted: { kept: LocatedFinding[][]; helpTrimmed: boolean } | undefined;
  await withJsonSink(file, async (sink) => {
    fitted = await writeFittedLog(sink, runs, gzipBudget);
  });
  const { kept, helpTrimmed } = fitted ?? { kept: [], helpTrimmed: false };
  return runs.map((run, i) => {
    const keep = new Set(kept[i]);
    const left = keep.size === run.findings.length ? [] : run.findings.filter((f) => !keep.has(f));
    return truncationOf(left, helpTrimmed);
  });
}
