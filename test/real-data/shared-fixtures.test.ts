import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { githubSarifProblems } from '../helpers/github-sarif-rules.js';
import { schemaErrors } from '../helpers/schemas.js';
import { announceSkip, SHARED_DIR, sharedAvailable } from '../helpers/shared.js';

/**
 * Every real export in ../shared/fixtures, converted by the built CLI. Expected counts were worked out by
 * hand from each file: findings are (canonical id, component version) pairs, so a DT vulnerability reported
 * by NVD and by GitHub on one component counts once, at the more severe of the two ratings; suppressed
 * findings (DT analysis FALSE_POSITIVE, NOT_AFFECTED, RESOLVED) are counted apart.
 */
type Expected =
  | {
      counts: [
        total: number,
        critical: number,
        high: number,
        medium: number,
        low: number,
        info: number,
        unknown: number,
        suppressed: number,
      ];
    }
  | { rejected: string };

const EXPECTED: Record<string, Expected> = {
  // 22 rows, 7 of them the GHSA twin of an NVD row.
  'dtrack/fpf-v1.3_dt-4.14.1_npm.json': { counts: [15, 2, 1, 12, 0, 0, 0, 0] },
  // 13 rows, 5 GHSA twins.
  'dtrack/fpf-v1.3_dt-4.14.1_php.json': { counts: [8, 0, 5, 2, 1, 0, 0, 0] },
  // 7 rows, 3 twins; CVE-2023-43804 is MEDIUM from GitHub and HIGH from NVD, so high.
  'dtrack/fpf-v1.2_dt-4.10.1.json': { counts: [4, 1, 2, 1, 0, 0, 0, 0] },
  'dtrack/fpf-v1.0_dt-3.8.0.json': { counts: [9, 0, 0, 9, 0, 0, 0, 0] },
  'dtrack/fpf-v1.0_empty-findings_synthetic.json': { counts: [0, 0, 0, 0, 0, 0, 0, 0] },
  'dtrack/fpf-v1.1_dt-4.7.0_aliases-legacy-format.json': { counts: [12, 0, 5, 7, 0, 0, 0, 0] },
  // 64 findings: 3 FALSE_POSITIVE, 3 RESOLVED, 3 NOT_AFFECTED suppressed (7 high, 2 medium).
  'dtrack/fpf-v1.1_dt-4.7.1_analysis-states.json': { counts: [55, 13, 28, 13, 0, 0, 1, 9] },
  'dtrack/fpf-v1.3_analysis-detail_synthetic.json': { counts: [1, 1, 0, 0, 0, 0, 0, 0] },
  'dtrack/project-lookup_tags-isLatest.json': { rejected: 'Dependency-Track project, not its findings' },
  'dtrack/violations-project_dt-4.x.json': { rejected: 'policy-violation list' },
  'xray/report-rows_one.json': { counts: [1, 0, 0, 1, 0, 0, 0, 0] },
  'xray/report-rows_many.json': { counts: [3, 0, 0, 3, 0, 0, 0, 0] },
  'xray/report-rows_multi-cve.json': { counts: [7, 0, 1, 6, 0, 0, 0, 0] },
  'xray/report-rows_empty.json': { counts: [0, 0, 0, 0, 0, 0, 0, 0] },
  // total_rows says 123, the file keeps 1 row: a page, not a report.
  'xray/report-rows_cloud-export-2025.json': { rejected: 'holds 1 of its 123 rows' },
  'xray/security-export-v2_one.json': { counts: [1, 0, 1, 0, 0, 0, 0, 0] },
  'xray/security-export-v2_many.json': { counts: [3, 0, 2, 0, 1, 0, 0, 0] },
  // 63 entries (issue × component), 25 issues.
  'xray/scans-list-export_security_docker.json': { counts: [63, 0, 6, 18, 39, 0, 0, 0] },
  'xray/summary-artifact_one.json': { counts: [1, 1, 0, 0, 0, 0, 0, 0] },
  // 15 issues over 29 impact paths.
  'xray/summary-artifact_many.json': { counts: [29, 4, 21, 3, 1, 0, 0, 0] },
  'xray/summary-artifact_malformed-cvss.json': { counts: [1, 0, 0, 1, 0, 0, 0, 0] },
  'xray/summary-artifact_no-issues.json': { counts: [0, 0, 0, 0, 0, 0, 0, 0] },
  // 2 issues × 2 alpine packages.
  'xray/jf-scan-json_docker.json': { counts: [4, 0, 0, 0, 0, 0, 4, 0] },
  'xray/jf-scan-json_one.json': { counts: [1, 0, 1, 0, 0, 0, 0, 0] },
  // Two targets; an issue rated differently in each counts at the higher rating.
  'xray/jf-scan-json_pypi-multi-target.json': { counts: [91, 13, 39, 35, 1, 0, 3, 0] },
  'xray/xray-graph-scan-response_pypi.json': { counts: [15, 3, 5, 1, 6, 0, 0, 0] },
  // 9 rows, 5 distinct (issue, package version) pairs.
  'xray/jf-audit_simple-json.json': { counts: [5, 0, 2, 2, 0, 0, 1, 0] },
  'xray/jf-docker-scan_simple-json.json': { counts: [3, 2, 0, 0, 0, 0, 1, 0] },
};

announceSkip('real-data suite (shared fixtures)');

describe.skipIf(!sharedAvailable())('real exports from ../shared/fixtures', () => {
  const workdir = tempDir();

  it.each(Object.entries(EXPECTED))('%s', async (file, expected) => {
    const sarifFile = path.join(workdir, `${file.replace(/\W/g, '_')}.sarif`);
    const { code, stdout, stderr } = await runCli([
      'import',
      path.join(SHARED_DIR, 'fixtures', file),
      '--sarif-file',
      sarifFile,
      '--working-directory',
      workdir,
      '--json',
    ]);
    if ('rejected' in expected) {
      expect(code).toBe(2);
      expect(stderr).toContain(expected.rejected);
      return;
    }
    expect(stderr).not.toContain('error:');
    expect(code).toBe(0);
    const { counts } = JSON.parse(stdout) as { counts: Record<string, number> };
    const [total, critical, high, medium, low, info, unknown, suppressed] = expected.counts;
    expect(counts).toEqual({ total, critical, high, medium, low, info, unknown, suppressed });
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as Log;
    expect(schemaErrors('sarif-schema-2.1.0.json', sarif)).toEqual([]);
    expect(githubSarifProblems(sarif)).toEqual([]);
    expect(sarif.runs.reduce((n, run) => n + (run.results?.length ?? 0), 0)).toBe(total);
    // Xray's "no fix" range is no version to upgrade to.
    const messages = sarif.runs.flatMap((run) => (run.results ?? []).map((r) => r.message.text ?? ''));
    expect(messages.filter((text) => text.includes('(,0.0.0)'))).toEqual([]);
  });

  it('covers every export in the shared fixtures', async () => {
    const { readdirSync } = await import('node:fs');
    const files = ['dtrack', 'xray'].flatMap((dir) =>
      readdirSync(path.join(SHARED_DIR, 'fixtures', dir)).map((name) => `${dir}/${name}`),
    );
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});
