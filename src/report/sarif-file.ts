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
  /** The run's share of GitHub's gzipped size limit. */
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

/**
 * Writes a run that fits GitHub's limits: most severe first, rule help shortened before any result is
 * dropped, then the least severe results dropped until the run's gzipped share fits. An attempt that does
 * not fit is overwritten by the next.
 */
async function writeFittedRun(sink: JsonSink, spec: SarifRunSpec): Promise<RunTruncation> {
  await sink.flush();
  const start = sink.position;
  let kept = withinCounts(spec.findings, GITHUB_LIMITS.resultsPerRun);
  let briefHelp = false;
  for (;;) {
    const size = await writeAttempt(sink, { ...spec.input, findings: kept, briefHelp }, spec.gzipBudget);
    if (size <= spec.gzipBudget || kept.length === 0) {
      return {
        resultsDropped: spec.findings.length - kept.length,
        helpTrimmed: briefHelp,
        droppedBySeverity: droppedBySeverity(spec.findings, kept),
      };
    }
    sink.rewind(start);
    if (!briefHelp) briefHelp = true;
    else kept = withinCounts(kept, Math.floor((kept.length * spec.gzipBudget * 0.95) / size));
  }
}

/** Writes the SARIF log of `runs`, each fitted to its share of GitHub's limits. */
export async function writeSarifFile(file: string, runs: readonly SarifRunSpec[]): Promise<RunTruncation[]> {
  const truncations: RunTruncation[] = [];
  await withJsonSink(file, async (sink) => {
    await sink.write(SARIF_LOG_HEAD);
    for (const [i, run] of runs.entries()) {
      if (i) await sink.write(',');
      truncations.push(await writeFittedRun(sink, run));
    }
    await sink.write(']}\n');
  });
  return truncations;
}
