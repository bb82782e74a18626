/**
 * GitHub's limits at scale (issue 8), through the CLI: more results than a run may hold. The SARIF keeps the
 * most severe 25,000, and the log and the run summary say exactly how many were left out, and of what
 * severity, while the counts keep every finding.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { GITHUB_LIMITS } from '../../src/report/github-limits.js';
import { runAction } from '../helpers/action.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { githubSarifProblems } from '../helpers/github-sarif-rules.js';
import { expectSchemaValid, runSummaryOf } from '../helpers/schemas.js';
import { ArtifactServiceFake, RUNTIME_TOKEN } from '../sim/artifacts.js';

/**
 * A compact Xray vulnerabilities report: `high` rows, then `low` ones, each on a package of its own and each a
 * CVE of its own, or with `vulnerabilities` given, one of that many CVEs in turn (so that the rules stay far
 * fewer than the results, and the rule cap cannot stand in for the result cap).
 */
function report(high: number, low: number, vulnerabilities = high + low): string {
  const rows = Array.from({ length: high + low }, (_, i) => ({
    issue_id: `XRAY-${100000 + (i % vulnerabilities)}`,
    cves: [{ cve: `CVE-2024-${10000 + (i % vulnerabilities)}` }],
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
    // 500 vulnerabilities across 25,013 packages: 500 rules, so only the result cap keeps the SARIF to 25,000.
    writeFileSync(input, report(high, 13, 500));
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
    expect(run).toBeDefined();
    const driver = { ...run!.tool.driver, rules: run!.tool.driver.rules?.slice(0, 100) };
    const sample = { ...log, runs: [{ ...run!, tool: { driver }, results: results.slice(0, 100) }] };
    expectSchemaValid('sarif-schema-2.1.0.json', sample);

    // Where the CLI keeps every finding: no artifact here; the run summary, and a GitLab report only when asked.
    expect(stderr).toContain(
      `xray: SARIF keeps the 25000 most severe of ${high + 13} results to stay within GitHub's limits, leaving out 3 low; the run summary (--json) counts all of them; --gitlab-dependency-report writes a file that lists every open one.`,
    );
    const summary = runSummaryOf<{
      counts: Record<string, number>;
      truncated: { sarifResultsDropped: number; sarifResultsDroppedBySeverity: object; note: string };
    }>(stdout);
    expect(summary.counts).toMatchObject({ total: high + 13, high, low: 13 });
    expect(summary.truncated).toMatchObject({
      sarifResultsDropped: 3,
      sarifResultsDroppedBySeverity: { low: 3 },
      helpTrimmed: false,
    });
    expect(summary.truncated.note).toContain('the 3 results left out of it (3 low) are counted here');
  });

  it('tells Action users where every finding stays: the job summary, and the artifact when it is uploaded', async () => {
    const dir = tempDir();
    // 500 vulnerabilities across the packages: the result cap, not the rule cap, leaves the 3 out.
    writeFileSync(path.join(dir, 'report.json'), report(GITHUB_LIMITS.resultsPerRun, 3, 500));
    const service = new ArtifactServiceFake();
    const env = { ACTIONS_RESULTS_URL: await service.start(), ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN };
    try {
      const truncationWarning = async (uploadArtifact: string) => {
        const run = await runAction(
          { 'import-file': 'report.json', 'upload-artifact': uploadArtifact, annotations: 'false' },
          { workspace: dir, env },
        );
        expect(run.code).toBe(0);
        const warnings = run.commands.filter((c) => c.command === 'warning').map((c) => c.message);
        expect(warnings).toHaveLength(1);
        // The Action has no --json.
        expect(warnings[0]).not.toContain('--json');
        return warnings[0];
      };
      const prefix = `xray: SARIF keeps the 25000 most severe of 25003 results to stay within GitHub's limits, leaving out 3 low; the job summary counts all of them, and`;
      expect(await truncationWarning('false')).toBe(
        `${prefix} upload-artifact: true keeps every one in a workflow artifact.`,
      );
      expect(await truncationWarning('true')).toBe(
        `${prefix} the workflow artifact (upload-artifact) is to hold every one: the job summary says whether its upload succeeded.`,
      );
    } finally {
      await service.stop();
    }
  });

  it('keeps a log of both scanners within 10 MB gzipped, shortening help before dropping any result', async () => {
    // Advisory texts that do not compress: each export's SARIF alone is about 8 MB gzipped with full help.
    const text = () => randomBytes(1000).toString('hex');
    const count = 6000;
    const xray = JSON.parse(report(count, 0)) as { rows: Record<string, unknown>[] };
    for (const row of xray.rows) row.description = text();
    const dtrack = {
      version: '1.3',
      meta: { application: 'Dependency-Track', version: '4.14.1', baseUrl: 'https://dtrack.example.test' },
      project: { uuid: '0f6c2b7e-1111-4a5b-9c3d-2e4f5a6b7c8d', name: 'shop', version: 'main' },
      findings: Array.from({ length: count }, (_, i) => ({
        component: { uuid: `c${i}`, name: `dt-${i}`, version: '1.0.0', purl: `pkg:npm/dt-${i}@1.0.0` },
        vulnerability: {
          uuid: `v${i}`,
          source: 'NVD',
          vulnId: `CVE-2023-${10000 + i}`,
          severity: 'HIGH',
          description: text(),
        },
        analysis: { isSuppressed: false },
        matrix: `p:c${i}:v${i}`,
      })),
    };
    const dir = tempDir();
    writeFileSync(path.join(dir, 'xray.json'), JSON.stringify(xray));
    writeFileSync(path.join(dir, 'dt.json'), JSON.stringify(dtrack));
    const sarifFile = path.join(dir, 'both.sarif');
    const { code, stdout, stderr } = await runCli(
      ['import', 'xray.json', 'dt.json', '--sarif-file', sarifFile, '--working-directory', dir, '--json'],
      { cwd: dir },
    );
    expect(code).toBe(0);
    // Said once in the log, not only in the summary.
    expect(stderr.match(/SARIF keeps every result; its rules' help is shortened/g)).toHaveLength(1);
    // The limit as GitHub states it, not the constant the code uses.
    expect(gzipSync(readFileSync(sarifFile)).length).toBeLessThanOrEqual(10_000_000);
    const log = JSON.parse(readFileSync(sarifFile, 'utf8')) as Log;
    expect(log.runs.map((r) => r.tool.driver.name).sort()).toEqual(['Dependency-Track', 'JFrog Xray']);
    // Each alone fits with full help; together they do not, so help is shortened and no result is lost.
    for (const run of log.runs) expect(run.results).toHaveLength(count);
    const summary = runSummaryOf<{ counts: { total: number }; truncated: Record<string, unknown> }>(stdout);
    expect(summary.counts.total).toBe(2 * count);
    expect(summary.truncated).toMatchObject({ sarifResultsDropped: 0, helpTrimmed: true });
  });
});

/** Imports `args` (files and flags) in `dir` as the CLI runs there: SARIF to out.sarif, the summary on stdout. */
function importInto(dir: string, args: string[]) {
  return runCli(['import', ...args, '--sarif-file', 'out.sarif', '--working-directory', dir, '--json'], {
    cwd: dir,
  });
}

describe('what the SARIF leaves out, counted as the counts count it', () => {
  /** A Dependency-Track export of project `name`: `open` findings of `severity`, then `suppressed` critical ones. */
  function dtExport(
    name: string,
    open: number,
    severity: string,
    suppressed = 0,
    description?: () => string,
  ): string {
    const finding = (i: number, isSuppressed: boolean) => ({
      component: { uuid: `c${i}`, name: `dt-${i}`, version: '1.0.0', purl: `pkg:npm/dt-${i}@1.0.0` },
      vulnerability: {
        uuid: `v${i}`,
        source: 'NVD',
        vulnId: `CVE-2023-${10000 + i}`,
        severity: isSuppressed ? 'CRITICAL' : i < open - 10 ? severity : 'LOW',
        ...(description ? { description: description() } : {}),
      },
      analysis: isSuppressed ? { isSuppressed: true, state: 'FALSE_POSITIVE' } : { isSuppressed: false },
      matrix: `p:c${i}:v${i}`,
    });
    return JSON.stringify({
      version: '1.3',
      meta: { application: 'Dependency-Track', version: '4.14.1', baseUrl: 'https://dtrack.example.test' },
      project: { uuid: `0f6c2b7e-1111-4a5b-9c3d-${name.padStart(12, '0')}`, name, version: 'main' },
      findings: [
        ...Array.from({ length: open }, (_, i) => finding(i, false)),
        ...Array.from({ length: suppressed }, (_, i) => finding(open + i, true)),
      ],
    });
  }

  it('counts a finding two projects both left out once, as the counts do', async () => {
    const dir = tempDir();
    // The same 25,010 findings in two projects, all at one place (the root manifest): each run keeps 25,000 and
    // leaves out the same 10 low ones.
    writeFileSync(path.join(dir, 'package.json'), '{}\n');
    const open = GITHUB_LIMITS.resultsPerRun + 10;
    writeFileSync(path.join(dir, 'shop.json'), dtExport('shop', open, 'HIGH'));
    writeFileSync(path.join(dir, 'admin.json'), dtExport('admin', open, 'HIGH'));
    const { code, stdout, stderr } = await importInto(dir, ['shop.json', 'admin.json']);
    expect(code).toBe(0);
    const log = JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8')) as Log;
    expect(log.runs.map((r) => r.results?.length)).toEqual([25_000, 25_000]);
    // Each run's own line counts that run's results, and names its project.
    for (const project of ['admin', 'shop']) {
      expect(stderr).toContain(
        `dependency-track (${project}): SARIF keeps the 25000 most severe of ${open} results to stay within GitHub's limits, leaving out 10 low;`,
      );
    }
    const summary = runSummaryOf<{
      counts: Record<string, number>;
      truncated: { sarifResultsDropped: number; sarifResultsDroppedBySeverity: object; note: string };
    }>(stdout);
    expect(summary.counts).toMatchObject({ total: open, high: open - 10, low: 10 });
    expect(summary.truncated).toMatchObject({
      sarifResultsDropped: 10,
      sarifResultsDroppedBySeverity: { low: 10 },
    });
    expect(summary.truncated.note).toContain('the 10 results left out of it (10 low) are counted here');
  });

  it('does not say every result is kept when help is shortened and a run leaves results out', async () => {
    const dir = tempDir();
    // Advisory texts that hardly compress: help is shortened in every run, and results are still dropped, all
    // of the second run; the first, of critical findings only, keeps all of its results.
    const text = () => randomBytes(1000).toString('hex');
    const critical = dtExport('admin', 20, 'CRITICAL', 0, text).replaceAll('"LOW"', '"CRITICAL"');
    writeFileSync(path.join(dir, 'admin.json'), critical);
    writeFileSync(path.join(dir, 'shop.json'), dtExport('shop', 18_000, 'HIGH', 0, text));
    const { code, stdout, stderr } = await importInto(dir, ['admin.json', 'shop.json']);
    expect(code).toBe(0);
    const { truncated } = runSummaryOf<{ truncated: { sarifResultsDropped: number; helpTrimmed: boolean } }>(
      stdout,
    );
    expect(truncated.helpTrimmed).toBe(true);
    expect(truncated.sarifResultsDropped).toBeGreaterThan(0);
    // What is written fits: within 10 MB gzipped (the limit as GitHub states it), and missing only the
    // results the summary says were left out.
    const bytes = readFileSync(path.join(dir, 'out.sarif'));
    expect(gzipSync(bytes).length).toBeLessThanOrEqual(10_000_000);
    const log = JSON.parse(bytes.toString('utf8')) as Log;
    expect(log.runs.map((r) => r.results?.length ?? 0).reduce((a, b) => a + b)).toBe(
      20 + 18_000 - truncated.sarifResultsDropped,
    );
    expect(stderr).toContain('dependency-track (shop): SARIF keeps the');
    expect(stderr).not.toContain('dependency-track (admin): SARIF keeps the');
    expect(stderr).not.toContain('SARIF keeps every result');
  });

  it('leaves suppressed results out before any open one, and says so', async () => {
    const dir = tempDir();
    // 25,000 open low findings and 10 suppressed critical ones: the suppressed ones sort first, and go first.
    writeFileSync(path.join(dir, 'shop.json'), dtExport('shop', GITHUB_LIMITS.resultsPerRun, 'LOW', 10));
    const { code, stdout, stderr } = await importInto(dir, ['shop.json', '--include-suppressed']);
    expect(code).toBe(0);
    const log = JSON.parse(readFileSync(path.join(dir, 'out.sarif'), 'utf8')) as Log;
    const results = log.runs[0]?.results ?? [];
    expect(results).toHaveLength(GITHUB_LIMITS.resultsPerRun);
    expect(results.filter((r) => r.suppressions?.length)).toEqual([]);
    expect(stderr).toContain(
      `dependency-track: SARIF keeps the 25000 most severe of 25010 results to stay within GitHub's limits, leaving out 10 critical, all suppressed;`,
    );
    const summary = runSummaryOf<{
      counts: Record<string, number>;
      truncated: { sarifResultsDropped: number; sarifResultsDroppedBySeverity: object; note: string };
    }>(stdout);
    expect(summary.counts).toMatchObject({ total: 25_000, low: 25_000, suppressed: 10 });
    expect(summary.truncated).toMatchObject({
      sarifResultsDropped: 10,
      sarifResultsDroppedBySeverity: { critical: 10 },
    });
    expect(summary.truncated.note).toContain('the 10 results left out of it (10 critical, all suppressed)');
  });
});
