import type { LocatedFinding } from '../findings/model.js';
import {
  droppedBySeverity,
  GITHUB_LIMITS,
  GzipBound,
  type RunTruncation,
  withinCounts,
} from './github-limits.js';
import { withJsonSink, type JsonSink } from './json-file.js';
import { SARIF_LOG_HEAD, type SarifRunInput, sarifRunJson } from './sarif.js';

export interface SarifRunSpec {
  /** The run's findings, most severe first; `findings` and `briefHelp` are chosen here. */
  input: Omit<SarifRunInput, 'findings' | 'briefHelp'>;
  findings: readonly LocatedFinding[];
  /** The run's share of GitHub's gzipped size limit; what an earlier run leaves of its share is added. */
  gzipBudget: number;
}

/**
 * Writes one attempt at a run; returns its gzipped size bound, or an estimate above the budget as soon as
 * the part written is over it.
 */
async function writeAttempt(sink: JsonSink, input: SarifRunInput, budget: number): Promise<number> {
  const bound = new GzipBound(budget);
  const pieces = new Set(input.findings.map((f) => f.id)).size + input.findings.length + 2;
  sink.tap = (chunk) => bound.add(chunk);
  try {
    let written = 0;
    for (const piece of sarifRunJson(input)) {
      await sink.write(piece);
      written++;
      if (bound.bytes > budget) {
        bound.discard();
        return Math.ceil((bound.bytes * pieces) / written);
      }
    }
    await sink.flush();
    return await bound.total();
  } finally {
    sink.tap = undefined;
  }
}

/** Attempts after the first cut before the largest count known to fit is taken. */
const REFITS = 4;

/**
 * Writes a run that fits GitHub's limits: most severe first, rule help shortened before any result is
 * dropped, then the least severe results dropped until the run's gzipped share fits. An attempt that does
 * not fit is overwritten by the next.
 */
async function writeFittedRun(
  sink: JsonSink,
  spec: SarifRunSpec,
  budget: number,
): Promise<{ truncation: RunTruncation; bound: number }> {
  await sink.flush();
  const start = sink.position;
  const write = (findings: readonly LocatedFinding[], briefHelp: boolean) => {
    sink.rewind(start);
    return writeAttempt(sink, { ...spec.input, findings, briefHelp }, budget);
  };
  const fitted = (kept: readonly LocatedFinding[], helpTrimmed: boolean, bound: number) => ({
    truncation: {
      resultsDropped: spec.findings.length - kept.length,
      helpTrimmed,
      droppedBySeverity: droppedBySeverity(spec.findings, kept),
    },
    bound,
  });
  let kept = withinCounts(spec.findings, GITHUB_LIMITS.resultsPerRun);
  let size = await write(kept, false);
  if (size <= budget) return fitted(kept, false, size);
  size = await write(kept, true);
  // The largest count known to fit, and the smallest known not to.
  let fits = 0;
  let tooMany = kept.length;
  let failedInARow = 0;
  for (let refit = 0; ; refit++) {
    if (size <= budget) [fits, failedInARow] = [kept.length, 0];
    else [tooMany, failedInARow] = [kept.length, failedInARow + 1];
    // The count the last attempt's size points at, were every result the same size. An attempt given up at
    // the budget only estimates its size from pieces that are mostly rules, so a cut that fits well under
    // the budget is grown back; when the results kept are the large ones, cuts by size stall, and halving
    // the gap between what fits and what does not takes over.
    const scaled = Math.min(tooMany - 1, Math.floor((kept.length * budget * 0.95) / size));
    let next: number;
    if (size <= budget) next = refit >= REFITS ? fits : scaled;
    else if (refit >= REFITS && fits > 0) next = fits;
    else next = failedInARow >= 2 ? Math.min(scaled, Math.floor((fits + tooMany) / 2)) : scaled;
    next = Math.max(fits, next);
    if (size <= budget && next <= kept.length * 1.02) return fitted(kept, true, size);
    // Not even an empty run fits: nothing more to drop.
    if (kept.length === 0) return fitted(kept, true, size);
    kept = withinCounts(spec.findings, next);
    size = await write(kept, true);
  }
}

/**
 * Writes the SARIF log of `runs`, each fitted to its share of GitHub's limits plus what the runs written before
 * it left unused. The runs are written fewest findings first, so what a small run leaves goes to a large one
 * (SARIF gives the order of runs no meaning); the truncations come back in the order of `runs`.
 */
export async function writeSarifFile(file: string, runs: readonly SarifRunSpec[]): Promise<RunTruncation[]> {
  const truncations: RunTruncation[] = [];
  const order = [...runs.keys()].sort((a, b) => runs[a]!.findings.length - runs[b]!.findings.length);
  await withJsonSink(file, async (sink) => {
    await sink.write(SARIF_LOG_HEAD);
    let unused = 0;
    for (const [i, index] of order.entries()) {
      const run = runs[index]!;
      if (i) await sink.write(',');
      const budget = run.gzipBudget + unused;
      const { truncation, bound } = await writeFittedRun(sink, run, budget);
      truncations[index] = truncation;
      unused = Math.max(0, budget - bound);
    }
    await sink.write(']}\n');
  });
  return truncations;
}
