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
      if (bound.over) {
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

/** Attempts after the first cut before the largest count known to fit is taken. */
const REFITS = 4;

/**
 * Writes a log that fits GitHub's limits, and returns what each run kept. Each run keeps at most GitHub's
 * results and rules per run, open findings first; if the log is over the gzipped budget, rule help is
 * shortened in every run before any result is dropped, then results are dropped across the log in the order
 * of `keepingRanks` (suppressed ones first, then the least severe of any run) until it fits. An attempt that
 * does not fit is overwritten by the next.
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
  const write = (n: number, briefHelp: boolean, exact: boolean) => {
    kept = keptOf(n);
    const inputs = runs.map((run, i) => ({ ...run.input, findings: kept[i] ?? [], briefHelp }));
    return writeAttempt(sink, inputs, budget, exact);
  };
  let n = count;
  let size = await write(n, false, false);
  if (size <= budget) return { kept, helpTrimmed: false };
  size = await write(n, true, false);
  // The largest count known to fit, and the smallest known not to.
  let fits = 0;
  let tooMany = n;
  let failedInARow = 0;
  for (let refit = 0; ; refit++) {
    if (size <= budget) [fits, failedInARow] = [n, 0];
    else [tooMany, failedInARow] = [n, failedInARow + 1];
    // The count the last attempt's size points at, were every result the same size. An attempt given up at
    // the budget only estimates its size from pieces that are mostly rules, so a cut that fits well under
    // the budget is grown back; when the results kept are the large ones, cuts by size stall, and halving
    // the gap between what fits and what does not takes over.
    const scaled = Math.min(tooMany - 1, Math.floor((n * budget * 0.95) / size));
    let next: number;
    if (size <= budget) next = refit >= REFITS ? fits : scaled;
    else if (refit >= REFITS && fits > 0) next = fits;
    else next = failedInARow >= 2 ? Math.min(scaled, Math.floor((fits + tooMany) / 2)) : scaled;
    next = Math.max(fits, next);
    if (size <= budget && next <= n * 1.02) return { kept, helpTrimmed: true };
    // Not even a log without results fits: nothing more to drop.
    if (n === 0) return { kept, helpTrimmed: true };
    n = next;
    size = await write(n, true, true);
  }
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
