/**
 * GitHub's limits at scale (issue 8), through the CLI: more results than a run may hold. The SARIF keeps the
 * most severe 25,000, and the log and the run summary say exactly how many were left out, and of what
 * severity, while the counts keep every finding.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { GITHUB_LIMITS } from '../../src/report/github-limits.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { githubSarifProblems } from '../helpers/github-sarif-rules.js';
import { schemaErrors } from '../helpers/schemas.js';
import { sharedAvailable } from '../helpers/shared.js';

/** A compact Xray vulnerabilities report: `high` rows, then `low` ones, each a CVE of its own. */
function report(high: number, low: number): string {
  const rows = Array.from({ length: high + low }, (_, i) => ({
    issue_id: `XRAY-${100000 + i}`,
    cves: [{ cve: `CVE-2024-${10000 + i}` }],
    summary: `Issue ${i}`,
    severity: i < high ? 'High' : 'Low',
    vulnerable_component: `npm://pkg-${i}:1.0.${i % 10}`,
    impacted_artifact: 'docker://app:1',
    path: 'docker-local/app/1/manifest.json',
    fixed_versions: ['2.0.0'],
  }));
  return JSON.stringify({ total_rows: rows.length, rows });
}

describe('a run with more results than GitHub takes', () => {
  it('keeps the most severe 25,000 in the SARIF and says what it left out', async () => {
    const dir = tempDir();
    const input = path.join(dir, 'report.json');
    const sarifFile = path.join(dir, 'out.sarif');
    const high = GITHUB_LIMITS.resultsPerRun - 10;
    writeFileSync(input, report(high, 13));
    const { code, stdout, stderr } = await runCli([
      'import',
      input,
      '--sarif-file',
      sarifFile,
      '--working-directory',
      dir,
      '--json',
    ]);
    expect(code).toBe(0);

    const bytes = readFileSync(sarifFile);
    expect(gzipSync(bytes).length).toBeLessThanOrEqual(GITHUB_LIMITS.gzipBytes);
    const log = JSON.parse(bytes.toString('utf8')) as Log;
    const results = log.runs[0]?.results ?? [];
    expect(results).toHaveLength(GITHUB_LIMITS.resultsPerRun);
    expect(results.filter((r) => r.level === 'note')).toHaveLength(10);
    // GitHub's own rules on the whole log; the OASIS schema on its first rules and results (ajv takes minutes
    // on 25,000).
    expect(githubSarifProblems(log)).toEqual([]);
    const run = log.runs[0];
    if (sharedAvailable() && run) {
      const driver = { ...run.tool.driver, rules: run.tool.driver.rules?.slice(0, 100) };
      const sample = { ...log, runs: [{ ...run, tool: { driver }, results: results.slice(0, 100) }] };
      expect(schemaErrors('sarif-schema-2.1.0.json', sample)).toEqual([]);
    }

    expect(stderr).toContain(
      `xray: SARIF keeps the 25000 most severe of ${high + 13} results to stay within GitHub's limits, leaving out 3 low;`,
    );
    const summary = JSON.parse(stdout) as {
      counts: Record<string, number>;
      truncated: { sarifResultsDropped: number; sarifResultsDroppedBySeverity: object; note: string };
    };
    expect(summary.counts).toMatchObject({ total: high + 13, high, low: 13 });
    expect(summary.truncated).toMatchObject({
      sarifResultsDropped: 3,
      sarifResultsDroppedBySeverity: { low: 3 },
      helpTrimmed: false,
    });
    expect(summary.truncated.note).toContain('3 results were left out of it (3 low) and are counted here');
  });
});
