import { gzipSync } from 'node:zlib';
import type { Run } from 'sarif';
import type { Finding } from '../findings/model.js';

/** GitHub code scanning rejects a file above these (SPEC §7). */
export const GITHUB_LIMITS = { resultsPerRun: 25_000, rulesPerRun: 25_000, gzipBytes: 10 * 1024 * 1024 };

export interface RunTruncation {
  /** Results left out of the SARIF (they stay in `--json` counts and the artifact). */
  resultsDropped: number;
  /** Rule help shortened to fit the size limit. */
  helpTrimmed: boolean;
}

/** The most severe findings within the result and rule caps; findings must come most severe first. */
function withinCounts(findings: readonly Finding[], limit: number): Finding[] {
  const kept: Finding[] = [];
  const rules = new Set<string>();
  for (const finding of findings) {
    if (kept.length >= limit) break;
    if (!rules.has(finding.id) && rules.size >= GITHUB_LIMITS.rulesPerRun) continue;
    rules.add(finding.id);
    kept.push(finding);
  }
  return kept;
}

/**
 * A bound above the gzipped size: gzip never grows text by more than a little, so small logs skip it, and
 * its fastest level compresses less than any upload will, so its size is a safe bound, got 3–4x faster.
 */
function gzippedSize(json: string, budget: number): number {
  const bytes = Buffer.byteLength(json);
  return bytes * 1.01 + 1024 <= budget ? bytes : gzipSync(json, { level: 1 }).length;
}

/**
 * Builds a run that fits GitHub's limits: most severe first, rule help shortened before any result is
 * dropped, then the least severe results dropped until the gzipped share of the log fits. Returns the run's
 * JSON too, so the log is not serialised twice.
 */
export function fitRun(
  findings: readonly Finding[],
  build: (findings: readonly Finding[], briefHelp: boolean) => Run,
  gzipBudget: number,
): { run: Run; json: string; truncation: RunTruncation } {
  let kept = withinCounts(findings, GITHUB_LIMITS.resultsPerRun);
  let briefHelp = false;
  for (;;) {
    const run = build(kept, briefHelp);
    const json = JSON.stringify(run);
    const size = gzippedSize(json, gzipBudget);
    if (size <= gzipBudget || kept.length === 0) {
      return {
        run,
        json,
        truncation: { resultsDropped: findings.length - kept.length, helpTrimmed: briefHelp },
      };
    }
    if (!briefHelp) {
      briefHelp = true;
    } else {
      kept = withinCounts(kept, Math.floor((kept.length * gzipBudget * 0.95) / size));
    }
  }
}
