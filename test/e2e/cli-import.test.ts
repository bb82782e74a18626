import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Log } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli, STALE_REPORT, tempDir } from '../helpers/cli.js';
import { githubSarifProblems } from '../helpers/github-sarif-rules.js';
import { LoopbackServer } from '../sim/server.js';
import { WebhookReceiver } from '../sim/webhook.js';
import { generateRows } from '../sim/xray.js';
import { expectSchemaValid, runSummaryOf } from '../helpers/schemas.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { lineHashes } from '../../src/report/line-hash.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/cli');
const fixture = (name: string) => path.join(FIXTURES, name);

interface Summary {
  status: string;
  scanner: string;
  project: string | null;
  counts: Record<string, number>;
  gate: { result: string; failOn: string; reasons: string[] };
  sarifFile: string;
  reportUrl: string | null;
  error?: { message: string; exitCode: number };
}

function readSarif(file: string): Log {
  return JSON.parse(readFileSync(file, 'utf8')) as Log;
}

/** Schema (when ../shared is there) and GitHub's own rules, on every SARIF these tests produce. */
function expectValidSarif(log: Log): void {
  expectSchemaValid('sarif-schema-2.1.0.json', log);
  expect(githubSarifProblems(log)).toEqual([]);
}

describe('sca-bridge CLI', () => {
  let work: string;
  beforeAll(() => {
    work = tempDir();
    cpSync(fixture('repo'), work, { recursive: true });
  });

  it('prints its version and help', async () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('sca-bridge import <file|glob>');
    expect(help.stdout).toContain('xray-simple-json');
    const none = await runCli([]);
    expect(none.code).toBe(2);
  });

  it('imports a Dependency-Track export: SARIF, counts, locations and a JSON summary on stdout', async () => {
    const sarifFile = path.join(work, 'dt.sarif');
    const { code, stdout, stderr } = await runCli(
      ['import', fixture('dt-fpf.json'), '--sarif-file', sarifFile, '--working-directory', work, '--json'],
      { cwd: work },
    );
    expect(code).toBe(0);
    const summary = runSummaryOf<Summary>(stdout);
    // 6 rows: the NVD and GitHub rows of CVE-2021-23337 collapse; qs is NOT_AFFECTED, so suppressed.
    expect(summary.counts).toEqual({
      total: 4,
      critical: 1,
      high: 1,
      medium: 1,
      low: 1,
      info: 0,
      unknown: 0,
      suppressed: 1,
    });
    expect(summary).toMatchObject({
      status: 'passed',
      scanner: 'dependency-track',
      project: 'shop-web',
      reportUrl: 'https://dtrack.example.test/projects/0f6c2b7e-1111-4a5b-9c3d-2e4f5a6b7c8d',
    });
    expect(stderr).toContain('dtrack-fpf, 6 findings');

    const log = readSarif(sarifFile);
    expectValidSarif(log);
    const [run] = log.runs;
    expect(run?.tool.driver.name).toBe('Dependency-Track');
    expect(run?.automationDetails?.id).toBe('sca-bridge/dependency-track/shop-web/');
    const results = run?.results ?? [];
    expect(results.map((r) => r.ruleId)).toEqual([
      'CVE-2021-44906',
      'CVE-2021-23337',
      'CVE-2021-3807',
      'CVE-2017-16137',
    ]);
    const lodash = results[1];
    expect(lodash?.message.text).toBe(
      'lodash@4.17.20 is affected by CVE-2021-23337 (high, CVSS 7.2). No fixed version is known.',
    );
    expect(lodash?.level).toBe('error');
    expect(lodash?.properties).toMatchObject({
      packageName: 'lodash',
      packageVersion: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
      ecosystem: 'npm',
      severity: 'high',
      cvssScore: 7.2,
      vulnerabilityIds: ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm'],
    });
    // lodash is declared on line 6 of the repository's package.json.
    expect(lodash?.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'package.json' },
      region: { startLine: 6 },
    });
    // GitHub's hash of the very line each result points at (codeql-action's algorithm, whose published
    // vectors pin src/report/line-hash.ts in test/unit/report/line-hash.test.ts), not of some other line.
    const hashes = lineHashes(readFileSync(path.join(work, 'package.json'), 'utf8'));
    expect(lodash?.partialFingerprints?.primaryLocationLineHash).toBe(hashes.get(6));
    expect(hashes.get(6)).not.toBe(hashes.get(1));
    for (const result of results) {
      const physical = result.locations?.[0]?.physicalLocation;
      const text = readFileSync(path.join(work, physical?.artifactLocation?.uri ?? ''), 'utf8');
      expect(result.partialFingerprints?.primaryLocationLineHash, result.ruleId).toBe(
        lineHashes(text).get(physical?.region?.startLine ?? 0),
      );
    }
    const rule = run?.tool.driver.rules?.find((r) => r.id === 'CVE-2021-23337');
    expect(rule?.properties?.['security-severity']).toBe('7.2');
    expect(rule?.helpUri).toBe('https://nvd.nist.gov/vuln/detail/CVE-2021-23337');
    expect(rule?.properties?.tags).toEqual(['security', 'vulnerability', 'npm', 'CWE-77']);
  });

  it('marks suppressed findings with include-suppressed, and gives every other result empty suppressions', async () => {
    const sarifFile = path.join(work, 'suppressed.sarif');
    const { code, stdout } = await runCli(
      [
        'import',
        fixture('dt-fpf.json'),
        '--sarif-file',
        sarifFile,
        '--working-directory',
        work,
        '--include-suppressed',
        '--json',
      ],
      { cwd: work },
    );
    expect(code).toBe(0);
    expect(runSummaryOf<Summary>(stdout).counts).toMatchObject({ total: 4, suppressed: 1 });
    const results = readSarif(sarifFile).runs[0]?.results ?? [];
    expect(results).toHaveLength(5);
    const qs = results.find((r) => r.ruleId === 'CVE-2022-24999');
    expect(qs?.suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'NOT_AFFECTED: CODE_NOT_REACHABLE' },
    ]);
    expect(
      results
        .filter((r) => r !== qs)
        .every((r) => Array.isArray(r.suppressions) && r.suppressions.length === 0),
    ).toBe(true);
    expectValidSarif(readSarif(sarifFile));
  });

  it.each([
    ['high', 1, ['2 findings of severity high or above (fail-on: high)']],
    ['critical:0,high:5', 1, ['1 critical finding, over the budget of 0']],
    ['critical:1,high:1', 0, []],
    ['any', 1, ['4 findings (fail-on: any)']],
    ['none', 0, []],
  ])('gates with --fail-on %s', async (failOn, exit, reasons) => {
    const { code, stdout, stderr } = await runCli(
      [
        'import',
        fixture('dt-fpf.json'),
        '--sarif-file',
        path.join(work, 'gate.sarif'),
        '--fail-on',
        failOn,
        '--json',
      ],
      { cwd: work },
    );
    expect(code).toBe(exit);
    const summary = runSummaryOf<Summary>(stdout);
    expect(summary.gate).toMatchObject({ result: exit ? 'failed' : 'passed', failOn, reasons });
    expect(summary.status).toBe(exit ? 'failed' : 'passed');
    if (exit) expect(stderr).toContain('Gate failed');
  });

  it('counts one finding as one', async () => {
    const { code, stderr } = await runCli(
      [
        'import',
        fixture('dt-fpf.json'),
        '--sarif-file',
        path.join(work, 'one.sarif'),
        '--min-severity',
        'critical',
      ],
      { cwd: work },
    );
    expect(code).toBe(0);
    expect(stderr).toContain('\n1 finding: 1 critical, 0 high,');
  });

  it('rates a severity word it does not know by the CVSS score, fails the gate on it, and says so', async () => {
    const dir = tempDir();
    const report = JSON.parse(readFileSync(fixture('xray-report.json'), 'utf8')) as {
      rows: { severity: string; cves: { cvss_v3_score?: number }[] }[];
    };
    const [jinja] = report.rows;
    if (!jinja?.cves[0]) throw new Error('the fixture changed');
    jinja.severity = 'Severe';
    jinja.cves[0].cvss_v3_score = 9.8;
    writeFileSync(path.join(dir, 'xray.json'), JSON.stringify(report));
    const sarifFile = path.join(dir, 'out.sarif');
    const { code, stdout, stderr } = await runCli(
      ['import', 'xray.json', '--sarif-file', sarifFile, '--fail-on', 'critical', '--json'],
      { cwd: dir },
    );
    expect(code).toBe(1);
    expect(stderr).toContain(
      '1 finding had a severity sca-bridge does not know ("Severe" ×1): each is rated by its CVSS score',
    );
    const summary = runSummaryOf<Summary>(stdout);
    expect(summary.gate.result).toBe('failed');
    const log = readSarif(sarifFile);
    expectValidSarif(log);
    const result = log.runs[0]?.results?.find((r) => r.ruleId === 'CVE-2020-28493');
    expect(result?.level).toBe('error');
  });

  it('drops findings below --min-severity from every output', async () => {
    const sarifFile = path.join(work, 'min.sarif');
    const { code, stdout, stderr } = await runCli(
      ['import', fixture('dt-fpf.json'), '--sarif-file', sarifFile, '--min-severity', 'high', '--json'],
      { cwd: work },
    );
    expect(code).toBe(0);
    expect(runSummaryOf<Summary>(stdout).counts).toMatchObject({
      total: 2,
      critical: 1,
      high: 1,
      medium: 0,
      low: 0,
    });
    expect(readSarif(sarifFile).runs[0]?.results).toHaveLength(2);
    // Said, as the counts would read as no medium or low finding at all.
    expect(stderr).toContain('min-severity high left out 2 findings below high');
  });

  it('keeps a reported finding on its own line, whatever a suppressed or filtered finding of its rule does', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify(
        { name: 'shop', dependencies: { express: '4.17.1', qs: '6.5.2', lodash: '4.17.21' } },
        null,
        2,
      ),
    );
    const row = (version: string, suppressed: boolean) => ({
      component: { uuid: `c-${version}`, name: 'qs', version, purl: `pkg:npm/qs@${version}` },
      vulnerability: {
        uuid: 'v',
        source: 'NVD',
        vulnId: 'CVE-2022-24999',
        severity: 'HIGH',
        cvssV3BaseScore: 7.5,
      },
      analysis: suppressed ? { state: 'NOT_AFFECTED', isSuppressed: true } : { isSuppressed: false },
    });
    // The suppressed sighting comes first in the export; `qs` is declared on line 5.
    writeFileSync(path.join(dir, 'fpf.json'), JSON.stringify([row('6.5.2', true), row('6.7.0', false)]));
    const lines = async (...extra: string[]) => {
      const sarifFile = path.join(dir, 'out.sarif');
      const { code } = await runCli(['import', 'fpf.json', '--sarif-file', sarifFile, ...extra], {
        cwd: dir,
      });
      expect(code).toBe(0);
      return (readSarif(sarifFile).runs[0]?.results ?? []).map((r) => [
        r.properties?.packageVersion,
        r.locations?.[0]?.physicalLocation?.region?.startLine,
      ]);
    };
    expect(await lines()).toEqual([['6.7.0', 5]]);
    // The suppressed one moves past lodash's line 6, where it would read as lodash's.
    expect(await lines('--include-suppressed')).toEqual([
      ['6.7.0', 5],
      ['6.5.2', 7],
    ]);
  });

  it('fingerprints a finding by vulnerability id, package name and manifest path: not by its version or line', async () => {
    const dir = tempDir();
    const manifest = (lodash: string, padding: string[] = []) =>
      JSON.stringify(
        {
          name: 'shop',
          ...Object.fromEntries(padding.map((k) => [k, k])),
          dependencies: { lodash, minimist: '1.2.5' },
        },
        null,
        2,
      );
    const row = (name: string, version: string, vulnId: string) => ({
      component: { uuid: `c-${name}-${version}`, name, version, purl: `pkg:npm/${name}@${version}` },
      vulnerability: { uuid: `v-${vulnId}`, source: 'NVD', vulnId, severity: 'HIGH', cvssV3BaseScore: 7.5 },
      analysis: { isSuppressed: false },
    });
    /** Imports the rows over the manifests; returns each result's identity, line and fingerprint. */
    const fingerprints = async (lodash: string, adminLodash: string, padding: string[] = []) => {
      mkdirSync(path.join(dir, 'admin'), { recursive: true });
      writeFileSync(path.join(dir, 'package.json'), manifest(lodash, padding));
      // A second manifest declaring lodash at another version: the same vulnerability of the package in
      // another file.
      writeFileSync(path.join(dir, 'admin/package.json'), manifest(adminLodash));
      const rows = [
        row('lodash', lodash, 'CVE-2021-23337'),
        row('lodash', adminLodash, 'CVE-2021-23337'),
        row('lodash', lodash, 'CVE-2020-8203'),
        row('minimist', '1.2.5', 'CVE-2021-23337'),
      ];
      writeFileSync(path.join(dir, 'fpf.json'), JSON.stringify(rows));
      const sarifFile = path.join(dir, 'out.sarif');
      const { code, stderr } = await runCli(['import', 'fpf.json', '--sarif-file', sarifFile], { cwd: dir });
      expect(code, stderr).toBe(0);
      const log = readSarif(sarifFile);
      expectValidSarif(log);
      return (log.runs[0]?.results ?? []).map((r) => {
        const physical = r.locations?.[0]?.physicalLocation;
        return {
          key: `${r.ruleId} ${r.properties?.packageName} ${physical?.artifactLocation?.uri}`,
          line: physical?.region?.startLine,
          fingerprint: r.partialFingerprints?.['scaBridgeFinding/v1'],
        };
      });
    };
    const before = await fingerprints('4.17.20', '4.17.19');
    for (const { fingerprint } of before) expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
    // Distinct (id, package, file): distinct fingerprints. The rows differ in id alone, in package alone,
    // and lodash's finding of CVE-2021-23337 is in both manifests.
    const keys = before.map((r) => r.key);
    expect(keys.sort()).toEqual(
      [
        'CVE-2021-23337 lodash package.json',
        'CVE-2021-23337 lodash admin/package.json',
        'CVE-2020-8203 lodash package.json',
        'CVE-2021-23337 minimist package.json',
      ].sort(),
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(before.map((r) => r.fingerprint)).size).toBe(before.length);
    // The stable key SPEC §7 names, as released: the SHA-256 of id, package name and path (NUL between),
    // cut to 32 hex digits. A change to it makes every alert a new one.
    for (const { key, fingerprint } of before) {
      const [id = '', name = '', uri = ''] = key.split(' ');
      expect(fingerprint, key).toBe(
        createHash('sha256').update(`${id}\0${name}\0${uri}`).digest('hex').slice(0, 32),
      );
    }

    // The upgrade moved every finding to another version and lodash to another line: same fingerprints.
    const after = await fingerprints('4.17.21', '4.17.15', ['description', 'license']);
    const byKey = (runs: typeof before) => new Map(runs.map((r) => [r.key, r]));
    const [was, now] = [byKey(before), byKey(after)];
    expect([...now.keys()].sort()).toEqual([...was.keys()].sort());
    expect(now.get('CVE-2021-23337 lodash package.json')?.line).toBe(
      (was.get('CVE-2021-23337 lodash package.json')?.line ?? 0) + 2,
    );
    for (const [key, { fingerprint }] of now) expect(fingerprint, key).toBe(was.get(key)?.fingerprint);
  });

  it('collapses repeated Xray rows, keeps the lowest CVE as the rule id, and applies path patterns', async () => {
    const sarifFile = path.join(work, 'xray.sarif');
    const all = await runCli(['import', fixture('xray-report.json'), '--sarif-file', sarifFile, '--json'], {
      cwd: work,
    });
    expect(all.code).toBe(0);
    expect((JSON.parse(all.stdout) as Summary).counts).toMatchObject({
      total: 3,
      critical: 1,
      medium: 1,
      low: 1,
    });
    const log = readSarif(sarifFile);
    expectValidSarif(log);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.ruleId)).toEqual(['CVE-2021-44228', 'CVE-2020-28493', 'XRAY-100001']);
    expect(results[0]?.properties).toMatchObject({
      packageName: 'org.apache.logging.log4j:log4j-core',
      packageVersion: '2.14.1',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      vulnerabilityIds: ['CVE-2021-44228', 'CVE-2021-45046', 'XRAY-194164'],
      fixedVersions: ['2.15.0'],
    });
    // Both Jinja2 rows collapse into one finding that keeps both artifact paths.
    expect(results[1]?.properties?.componentPaths).toEqual([
      '30/9e/Jinja2-2.11.2-py2.py3-none-any.whl',
      'web/app/1.0/manifest.json',
    ]);

    const filtered = await runCli(
      [
        'import',
        fixture('xray-report.json'),
        '--sarif-file',
        sarifFile,
        '--json',
        '--include-path-patterns',
        'com/**',
        '--exclude-path-patterns',
        '**/*.tgz',
      ],
      { cwd: work },
    );
    expect((JSON.parse(filtered.stdout) as Summary).counts).toMatchObject({ total: 1, critical: 1 });
    expect(filtered.stderr).toContain('Path patterns left out 2 of 3 findings.');

    // With the repository key, as Xray's own paths start: nothing matches, which is said, not passed quietly.
    const none = await runCli(
      [
        'import',
        fixture('xray-report.json'),
        '--sarif-file',
        sarifFile,
        '--include-path-patterns',
        'libs-release/**',
      ],
      { cwd: work },
    );
    expect(none.code).toBe(0);
    expect(none.stderr).toContain(
      'warning: Path patterns left out 3 of 3 findings, every one that has a path: include-path-patterns matched none of their paths, which look like `30/9e/Jinja2-2.11.2-py2.py3-none-any.whl`, `web/app/1.0/manifest.json`, `com/acme/shop/1.0.0/shop-1.0.0.jar`, … (relative to the repository root; an Xray path without its repository key).',
    );
    const excluded = await runCli(
      ['import', fixture('xray-report.json'), '--sarif-file', sarifFile, '--exclude-path-patterns', '**'],
      { cwd: work },
    );
    expect(excluded.stderr).toContain(
      'warning: Path patterns left out 3 of 3 findings, every one that has a path: exclude-path-patterns matched every one of their paths',
    );
    expect(all.stderr).not.toContain('Path patterns');
  });

  it("links to the web UI --ui-url names, over the export's own base or where it names none", async () => {
    const sarifFile = path.join(work, 'ui-url.sarif');
    const links = async (file: string, ...flags: string[]) => {
      const { code, stdout } = await runCli(['import', file, '--sarif-file', sarifFile, '--json', ...flags], {
        cwd: work,
      });
      expect(code).toBe(0);
      const results = readSarif(sarifFile).runs.flatMap((r) => r.results ?? []);
      return {
        reportUrl: (JSON.parse(stdout) as { reportUrl: string | null }).reportUrl,
        scannerUrl: results[0]?.properties?.scannerUrl as string | undefined,
      };
    };
    const fpf = fixture('dt-fpf.json');
    expect(await links(fpf)).toEqual({
      reportUrl: 'https://dtrack.example.test/projects/0f6c2b7e-1111-4a5b-9c3d-2e4f5a6b7c8d',
      scannerUrl: expect.stringMatching(/^https:\/\/dtrack\.example\.test\/vulnerabilities\//),
    });
    expect(await links(fpf, '--ui-url', 'https://dt-ui.example.com/')).toEqual({
      reportUrl: 'https://dt-ui.example.com/projects/0f6c2b7e-1111-4a5b-9c3d-2e4f5a6b7c8d',
      scannerUrl: expect.stringMatching(/^https:\/\/dt-ui\.example\.com\/vulnerabilities\//),
    });
    // A findings API array names no base: the links come from --ui-url alone (its rows name their project).
    const rows = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/exports/dtrack-findings.json'), 'utf8'),
    ) as { component: { project?: string } }[];
    const array = path.join(work, 'dt-array.json');
    writeFileSync(array, JSON.stringify(rows.filter((row) => row.component.project)));
    expect(await links(array)).toEqual({ reportUrl: null, scannerUrl: undefined });
    expect(await links(array, '--ui-url', 'https://dt-ui.example.com')).toEqual({
      reportUrl: 'https://dt-ui.example.com/projects/d38ebf15-96cd-4a01-9bca-7b49b5b0e7c4',
      scannerUrl: expect.stringMatching(/^https:\/\/dt-ui\.example\.com\/vulnerabilities\//),
    });
    // An Xray export names no UI: with the repository, the link a scan of it gives, in the summary and the SARIF.
    const xray = fixture('xray-report.json');
    const xrayLink = 'https://acme.jfrog.io/ui/scans-list/repositories/libs-release/scan-descendants';
    expect(
      (await links(xray, '--ui-url', 'https://acme.jfrog.io/ui/', '--repo-key', 'libs-release')).reportUrl,
    ).toBe(xrayLink);
    expect(readSarif(sarifFile).runs[0]?.properties?.reportUrl).toBe(xrayLink);
    expect((await links(xray, '--ui-url', 'https://acme.jfrog.io')).reportUrl).toBeNull();
  });

  it('keeps a given --category as GitHub reads it: one without a `/` gets one, so its category is not empty', async () => {
    const sarifFile = path.join(work, 'category.sarif');
    const ids = async (files: string[], category: string) => {
      const { code } = await runCli(['import', ...files, '--sarif-file', sarifFile, '--category', category], {
        cwd: work,
      });
      expect(code).toBe(0);
      return readSarif(sarifFile)
        .runs.map((r) => r.automationDetails?.id)
        .sort();
    };
    expect(await ids([fixture('dt-fpf.json')], 'frontend')).toEqual(['frontend/']);
    expect(await ids([fixture('dt-fpf.json')], 'deps/nightly')).toEqual(['deps/nightly']);
    expect(await ids([fixture('dt-fpf.json'), fixture('xray-report.json')], 'deps')).toEqual([
      'deps/dependency-track/',
      'deps/xray/',
    ]);
  });

  it('writes one SARIF run per scanner, each with its own category, when both are imported', async () => {
    const sarifFile = path.join(work, 'both.sarif');
    const { code, stdout } = await runCli(
      ['import', fixture('dt-fpf.json'), fixture('xray-report.json'), '--sarif-file', sarifFile, '--json'],
      { cwd: work },
    );
    expect(code).toBe(0);
    expect(runSummaryOf<Summary>(stdout).counts.total).toBe(7);
    const log = readSarif(sarifFile);
    expectValidSarif(log);
    // Compared in the order of their names: SARIF gives the order of runs no meaning.
    const runs = log.runs.map((r) => [r.tool.driver.name, r.automationDetails?.id]).sort();
    expect(runs).toEqual([
      ['Dependency-Track', 'sca-bridge/dependency-track/shop-web/'],
      ['JFrog Xray', expect.stringMatching(/^sca-bridge\/xray\/.+\/$/)],
    ]);

    // Xray's repository key labels the Xray run alone: the Dependency-Track alerts keep their category.
    const labelled = await runCli(
      [
        'import',
        fixture('dt-fpf.json'),
        fixture('xray-report.json'),
        '--sarif-file',
        sarifFile,
        '--repo-key',
        'libs-release-local',
      ],
      { cwd: work },
    );
    expect(labelled.code).toBe(0);
    const byTool = Object.fromEntries(
      readSarif(sarifFile).runs.map((r) => [
        r.tool.driver.name,
        [r.automationDetails?.id, (r.properties as { repoKey?: string } | undefined)?.repoKey],
      ]),
    );
    expect(byTool).toEqual({
      'Dependency-Track': ['sca-bridge/dependency-track/shop-web/', undefined],
      'JFrog Xray': ['sca-bridge/xray/libs-release-local/', 'libs-release-local'],
    });
  });

  it("writes a run per project when one scanner's imports name several, whatever the order of the files", async () => {
    const dir = tempDir();
    const fpf = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/exports/dtrack-fpf-1.3.json'), 'utf8'),
    ) as { project: object };
    for (const name of ['alpha', 'beta'])
      writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ ...fpf, project: { name } }));
    const runsOf = async (files: string[], flags: string[] = []) => {
      const { code, stdout } = await runCli(
        ['import', ...files, '--sarif-file', 'p.sarif', '--json', ...flags],
        {
          cwd: dir,
        },
      );
      expect(code).toBe(0);
      const log = readSarif(path.join(dir, 'p.sarif'));
      expectValidSarif(log);
      // In the order written: the same whatever the order of the files.
      const runs = log.runs.map((r) => [
        r.automationDetails?.id,
        r.properties?.project,
        (r.results ?? []).map((x) => {
          const where = x.locations?.[0]?.physicalLocation;
          return `${where?.artifactLocation?.uri}:${where?.region?.startLine}`;
        }),
      ]);
      const summary = runSummaryOf<Summary>(stdout);
      return { runs, project: summary.project, total: summary.counts.total };
    };
    // Nothing declares the components: each project's results fall back to its own export, not the first one.
    const apart = {
      runs: [
        ['sca-bridge/dependency-track/alpha/', 'alpha', ['alpha.json:1', 'alpha.json:1', 'alpha.json:1']],
        ['sca-bridge/dependency-track/beta/', 'beta', ['beta.json:1', 'beta.json:1', 'beta.json:1']],
      ],
      project: 'alpha, beta',
      total: 6,
    };
    expect(await runsOf(['alpha.json', 'beta.json'])).toEqual(apart);
    expect(await runsOf(['beta.json', 'alpha.json'])).toEqual(apart);
    // A project name would file both under one category with one project's link: refused.
    const labelled = await runCli(['import', 'alpha.json', 'beta.json', '--project-name', 'shop'], {
      cwd: dir,
    });
    expect(labelled.code).toBe(2);
    expect(labelled.stderr).toContain(
      'Input project-name: the Dependency-Track exports name 2 projects (alpha, beta), which get a SARIF run and category each',
    );
    const named = await runsOf(['alpha.json', 'beta.json'], ['--category', 'deps']);
    expect(named.runs.map((r) => r[0])).toEqual([
      'deps/dependency-track/alpha/',
      'deps/dependency-track/beta/',
    ]);
    // Declared in the repository: each run has its results there, and the counts see one finding per place.
    writeFileSync(
      path.join(dir, 'package.json'),
      '{\n  "dependencies": {\n    "brace-expansion": "2.0.3",\n    "@acme/naïve-lib": "1.0.0"\n  }\n}\n',
    );
    writeFileSync(
      path.join(dir, 'composer.json'),
      '{\n  "require": {\n    "laravel/framework": "7.12.0"\n  }\n}\n',
    );
    const declared = await runsOf(['beta.json', 'alpha.json']);
    expect(declared.total).toBe(3);
    expect(declared.runs.map((r) => r[2])).toEqual([
      ['package.json:3', 'package.json:4', 'composer.json:3'],
      ['package.json:3', 'package.json:4', 'composer.json:3'],
    ]);
  });

  it("tells findings API arrays of several projects apart by their rows' project UUID", async () => {
    const dir = tempDir();
    const { findings } = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/exports/dtrack-fpf-1.3.json'), 'utf8'),
    ) as { findings: { component: object }[] };
    const rowsOf = (...projects: string[]) =>
      JSON.stringify(
        findings.map((f, i) => ({
          ...f,
          component: { ...f.component, project: projects[i % projects.length] },
        })),
      );
    const [a, b] = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'];
    writeFileSync(path.join(dir, 'a.json'), rowsOf(a));
    writeFileSync(path.join(dir, 'b.json'), rowsOf(b));
    writeFileSync(path.join(dir, 'mixed.json'), rowsOf(a, b));
    const categories = async (files: string[]) => {
      const { code } = await runCli(['import', ...files, '--sarif-file', 'p.sarif'], { cwd: dir });
      expect(code).toBe(0);
      return readSarif(path.join(dir, 'p.sarif'))
        .runs.map((r) => r.automationDetails?.id)
        .sort();
    };
    expect(await categories(['b.json', 'a.json'])).toEqual([
      `sca-bridge/dependency-track/${a}/`,
      `sca-bridge/dependency-track/${b}/`,
    ]);
    expect(await categories(['a.json'])).toEqual([`sca-bridge/dependency-track/${a}/`]);
    // The summary and the runs name the projects by the UUIDs, as the categories do.
    const named = await runCli(['import', 'b.json', 'a.json', '--sarif-file', 'p.sarif', '--json'], {
      cwd: dir,
    });
    expect(runSummaryOf<{ project: string }>(named.stdout).project).toBe(`${a}, ${b}`);
    expect(
      readSarif(path.join(dir, 'p.sarif'))
        .runs.map((r) => r.properties?.project)
        .sort(),
    ).toEqual([a, b]);
    // Rows of several projects in one file name none of them.
    expect(await categories(['mixed.json'])).toEqual(['sca-bridge/dependency-track/default/']);
    // A label is refused exactly where it would merge runs: two versions of one project (one name, two UUIDs)
    // are one run without it, and stay accepted.
    const fpf = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/exports/dtrack-fpf-1.3.json'), 'utf8'),
    ) as { project: object };
    writeFileSync(
      path.join(dir, 'main.json'),
      JSON.stringify({ ...fpf, project: { name: 'shop', uuid: a } }),
    );
    writeFileSync(path.join(dir, 'rel.json'), JSON.stringify({ ...fpf, project: { name: 'shop', uuid: b } }));
    const labelled = async (files: string[]) =>
      runCli(['import', ...files, '--sarif-file', 'p.sarif', '--project-name', 'shop'], { cwd: dir });
    expect((await labelled(['main.json', 'rel.json'])).code).toBe(0);
    expect(readSarif(path.join(dir, 'p.sarif')).runs.map((r) => r.automationDetails?.id)).toEqual([
      'sca-bridge/dependency-track/shop/',
    ]);
    const two = await labelled(['a.json', 'b.json']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain(
      `Input project-name: the Dependency-Track exports name 2 projects (${a}, ${b})`,
    );
  });

  it("gives the one run of two projects of one name neither one's version nor server version", async () => {
    const dir = tempDir();
    const fpf = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/exports/dtrack-fpf-1.3.json'), 'utf8'),
    ) as { meta: object };
    const write = (file: string, version: string, server: string, uuid: string) =>
      writeFileSync(
        path.join(dir, file),
        JSON.stringify({
          ...fpf,
          meta: { ...fpf.meta, version: server },
          project: { name: 'shop', uuid, version },
        }),
      );
    write('ci.json', 'CI', '3.8.0', '11111111-1111-4111-8111-111111111111');
    write('dev.json', 'develop', '4.7.0', '22222222-2222-4222-8222-222222222222');
    const labels = async (files: string[]) => {
      const { code, stderr } = await runCli(['import', ...files, '--sarif-file', 'p.sarif'], { cwd: dir });
      expect(code, stderr).toBe(0);
      return readSarif(path.join(dir, 'p.sarif')).runs.map((r) => ({
        category: r.automationDetails?.id,
        server: r.tool.driver.version,
        version: r.properties?.projectVersion as unknown,
      }));
    };
    expect(await labels(['ci.json', 'dev.json'])).toEqual([
      { category: 'sca-bridge/dependency-track/shop/', server: undefined, version: undefined },
    ]);
    expect(await labels(['dev.json'])).toEqual([
      { category: 'sca-bridge/dependency-track/shop/', server: '4.7.0', version: 'develop' },
    ]);
  });

  it("places each project's findings once: each project's run keeps the declaring line, and so do GitLab's issues", async () => {
    const dir = tempDir();
    const fpf = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/exports/dtrack-fpf-1.3.json'), 'utf8'),
    ) as { project: object; findings: { component: Record<string, unknown> }[] };
    // One advisory on two packages, one per project, that one line of the manifest declares.
    const [finding] = fpf.findings;
    const other = {
      ...finding,
      component: { ...finding?.component, name: 'other-lib', purl: 'pkg:npm/other-lib@2.0.3' },
    };
    writeFileSync(
      path.join(dir, 'alpha.json'),
      JSON.stringify({ ...fpf, project: { name: 'alpha' }, findings: [finding] }),
    );
    writeFileSync(
      path.join(dir, 'beta.json'),
      JSON.stringify({ ...fpf, project: { name: 'beta' }, findings: [other] }),
    );
    writeFileSync(
      path.join(dir, 'package.json'),
      '{"dependencies": {"brace-expansion": "2.0.3", "other-lib": "2.0.3"}}\n\n\n',
    );
    const { code, stderr } = await runCli(
      [
        'import',
        'alpha.json',
        'beta.json',
        '--sarif-file',
        'p.sarif',
        '--gitlab-codequality-report',
        'cq.json',
      ],
      { cwd: dir },
    );
    expect(code).toBe(0);
    expect(stderr).toContain('SARIF written to p.sarif\nGitLab code-quality report written to cq.json\n');
    const sarifLines = readSarif(path.join(dir, 'p.sarif')).runs.flatMap((run) =>
      (run.results ?? []).map((r) => {
        const where = r.locations?.[0]?.physicalLocation;
        return `${run.properties?.project} ${where?.artifactLocation?.uri}:${where?.region?.startLine}`;
      }),
    );
    // Each project's run has its result on the declaring line: they are in runs of their own.
    expect(sarifLines.sort()).toEqual(['alpha package.json:1', 'beta package.json:1']);
    const issues = JSON.parse(readFileSync(path.join(dir, 'cq.json'), 'utf8')) as {
      location: { path: string; lines: { begin: number } };
    }[];
    expect(issues.map((i) => `${i.location.path}:${i.location.lines.begin}`)).toEqual([
      'package.json:1',
      'package.json:1',
    ]);
  });

  it('refuses imports of more projects than GitHub takes runs in a file (20)', async () => {
    const dir = tempDir();
    const fpf = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/exports/dtrack-fpf-1.0.json'), 'utf8'),
    ) as {
      project: object;
    };
    const write = (i: number) =>
      writeFileSync(
        path.join(dir, `p${i}.json`),
        JSON.stringify({ ...fpf, project: { name: `project-${i}` } }),
      );
    for (let i = 0; i < 20; i++) write(i);
    const twenty = await runCli(['import', '*.json', '--sarif-file', 'out.sarif'], { cwd: dir });
    expect(twenty.code).toBe(0);
    expect(readSarif(path.join(dir, 'out.sarif')).runs).toHaveLength(20);
    write(20);
    const { code, stderr } = await runCli(['import', '*.json', '--sarif-file', 'out.sarif'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain(
      'Input import-file: the exports name 21 projects, and GitHub takes at most 20 SARIF runs',
    );
  });

  it('expands globs', async () => {
    const { code, stderr } = await runCli([
      'import',
      'test/fixtures/cli/*-report.json',
      '--sarif-file',
      path.join(work, 'g.sarif'),
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain('xray-report, 4 findings');
  });

  it('reads an export reached through a symbolic link once, by the first path named', async () => {
    const dir = tempDir();
    cpSync(fixture('xray-report.json'), path.join(dir, 'r/2026-11-22/x.json'), { recursive: true });
    symlinkSync('2026-11-22', path.join(dir, 'r/latest'));
    symlinkSync('r/2026-11-22/x.json', path.join(dir, 'link.json'));
    // One critical finding: read twice it would be two, over the budget of 1.
    const runs: [files: string[], skipped: string][] = [
      [['r/**/*.json'], 'r/latest/x.json'],
      [['r/2026-11-22/x.json', 'link.json'], 'link.json'],
    ];
    for (const [files, skipped] of runs) {
      const { code, stdout, stderr } = await runCli(
        ['import', ...files, '--fail-on', 'critical:1', '--sarif-file', 'out.sarif', '--json'],
        { cwd: dir },
      );
      expect(code).toBe(0);
      expect(runSummaryOf<Summary>(stdout).counts).toMatchObject({ total: 3, critical: 1 });
      expect(stderr).toContain('r/2026-11-22/x.json: xray-report, 4 findings');
      expect(stderr).toContain(`${skipped}: the same file as r/2026-11-22/x.json, read once`);
    }
  });

  it.each([
    [['import', fixture('truncated.json')], 'not valid JSON'],
    [
      ['import', fixture('unknown-shape.json')],
      'not a recognised Dependency-Track or Xray export (found an object with keys issues, count). Accepted formats: dtrack-fpf',
    ],
    [['import', fixture('already.sarif.json')], 'already a SARIF log'],
    [['import', fixture('missing.json')], 'cannot read'],
    [['import', 'test/fixtures/cli/*.nothing'], 'matches no file'],
    [['import'], 'Input import-file'],
    [['import', ''], 'Input import-file: a file name is empty (""); name the export file or glob'],
    // A device that never ends is read no further than a token could be.
    [
      ['import', fixture('dt-fpf.json'), '--token-file', '/dev/zero'],
      '--token-file: /dev/zero holds more than 1 MiB, which no token does.',
    ],
    // Beside a file that reads, an empty --import-file (an unset variable) is refused too, not dropped.
    [
      ['import', fixture('dt-fpf.json'), '--import-file', ''],
      'Input import-file: a file name is empty (""); name the export file or glob',
    ],
    [
      ['import', fixture('dt-fpf.json'), '--fail-on', 'severe'],
      'Input fail-on: expected critical, high, medium, low, any, none',
    ],
    [
      ['import', fixture('dt-fpf.json'), '--min-severity', 'urgent'],
      'Input min-severity: expected one of critical',
    ],
    [
      ['import', fixture('dt-fpf.json'), '--import-format', 'xray-report'],
      'does not have the shape of xray-report',
    ],
    [['import', fixture('dt-fpf.json'), '--token', 'abc'], '--token is not accepted'],
    [['import', fixture('dt-fpf.json'), '--bogus'], 'Unknown flag --bogus.'],
    [
      ['import', fixture('dt-fpf.json'), '--fail_on', 'high'],
      'Unknown flag --fail_on; did you mean --fail-on?',
    ],
    [['frobnicate'], 'Unknown command "frobnicate"'],
    [['import', fixture('dt-fpf.json'), '--scanner', 'xray'], 'Input scanner: xray, but'],
  ])('rejects bad input %j with exit 2', async (args, message) => {
    const sarifFile = path.join(work, 'bad.sarif');
    const { code, stderr, stdout } = await runCli([...args, '--sarif-file', sarifFile]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('refuses a flag of one value given again with another, rather than keep the last (exit 2)', async () => {
    const sarifFile = path.join(work, 'repeat.sarif');
    const budgets = await runCli([
      'import',
      fixture('dt-fpf.json'),
      '--fail-on',
      'critical:0',
      '--fail-on',
      'high:5',
      '--sarif-file',
      sarifFile,
      '--json',
    ]);
    expect(budgets.code).toBe(2);
    // --json still prints the error summary, as for any refused run.
    expect(runSummaryOf(budgets.stdout)).toMatchObject({ status: 'error', error: { exitCode: 2 } });
    expect(budgets.stderr).toBe(
      'error: --fail-on is given more than once ("critical:0" and "high:5"); it takes one value, and only the last would count: give the budgets once, comma-separated: --fail-on critical:0,high:5.\n',
    );
    const sarif = await runCli([
      'import',
      fixture('dt-fpf.json'),
      '--sarif-file',
      'a.sarif',
      '--sarif-file=b.sarif',
    ]);
    expect(sarif.code).toBe(2);
    expect(sarif.stderr).toContain('--sarif-file is given more than once ("a.sarif" and "b.sarif")');
    const switches = await runCli(['import', fixture('dt-fpf.json'), '--insecure', '--no-insecure']);
    expect(switches.code).toBe(2);
    expect(switches.stderr).toContain('--insecure and --no-insecure are both given');
    // Lists stay repeatable, and the same value again loses nothing.
    const lists = await runCli([
      'import',
      fixture('dt-fpf.json'),
      '--metadata',
      'a=1',
      '--metadata',
      'b=2',
      '--min-severity',
      'low',
      '--min-severity',
      'low',
      '--sarif-file',
      sarifFile,
      '--json',
    ]);
    expect(lists.code, lists.stderr).toBe(0);
    expect(runSummaryOf<{ metadata: Record<string, string> }>(lists.stdout).metadata).toEqual({
      a: '1',
      b: '2',
    });
  });

  it('sends the error of refused inputs to the webhook, signed, with every secret masked', async () => {
    const receiver = new WebhookReceiver();
    const url = await receiver.start();
    try {
      const secret = 'shh-0123456789';
      const { code, stdout } = await runCli(
        ['import', fixture('dt-fpf.json'), '--fail-on', 'hihg', '--webhook-url', url, '--json'],
        { env: { SCA_BRIDGE_WEBHOOK_SECRET: secret } },
      );
      expect(code).toBe(2);
      const [delivery] = receiver.requests;
      expect(delivery?.body).toBeDefined();
      const body = runSummaryOf<Record<string, unknown>>(delivery?.body ?? '');
      expect(body).toMatchObject({ status: 'error', error: { exitCode: 2 } });
      expect(JSON.stringify(body.error)).toContain('Input fail-on');
      expect(
        WebhookReceiver.signedWith(
          secret,
          delivery?.body ?? '',
          delivery?.headers['x-sca-bridge-signature-256'],
        ),
      ).toBe(true);
      expect(stdout).toContain('"status": "error"');
      expect(stdout).not.toContain(new URL(url).pathname);
    } finally {
      await receiver.stop();
    }
  });

  it('says what to do when the webhook receiver redirects or refuses, and that the scan result stands', async () => {
    const cases = [
      {
        status: 302,
        expected:
          'answered HTTP 302; it redirects to https://hooks.example.com, and sca-bridge does not follow redirects (a redirected POST may arrive without its body, or elsewhere): set webhook-url to the address the server answers at without a redirect',
      },
      { status: 403, expected: 'answered HTTP 403; the receiver refused the delivery: check webhook-url' },
      {
        status: 404,
        expected: 'answered HTTP 404; the receiver has no hook at that path: check webhook-url',
      },
    ];
    for (const { status, expected } of cases) {
      const receiver = new LoopbackServer(
        (_req, res) =>
          void res
            .writeHead(status, { location: 'https://hooks.example.com/services/T0KEN-in-path-123' })
            .end(),
      );
      const url = await receiver.start();
      try {
        const { code, stderr } = await runCli([
          'import',
          fixture('dt-fpf.json'),
          '--webhook-url',
          `${url}/hooks/abc`,
        ]);
        expect(code).toBe(0);
        expect(stderr).toContain(`warning: The webhook to ${url} failed: ${url} ${expected}`);
        expect(stderr).toContain('The scan result itself is unaffected.');
        expect(stderr).not.toContain('T0KEN-in-path');
        // Neither followed nor retried.
        expect(receiver.requests).toHaveLength(1);
      } finally {
        await receiver.stop();
      }
    }
  });

  it('sends the run summary itself, though the webhook secret is a word of it; a short secret is refused', async () => {
    const receiver = new WebhookReceiver();
    const url = await receiver.start();
    try {
      // `critical` names a count: masked as text, the body would lose that key.
      const { code, stdout } = await runCli(
        ['import', fixture('dt-fpf.json'), '--webhook-url', url, '--json'],
        { env: { SCA_BRIDGE_WEBHOOK_SECRET: 'critical' } },
      );
      expect(code).toBe(0);
      const [delivery] = receiver.requests;
      const body = runSummaryOf<Record<string, unknown>>(delivery?.body ?? '');
      const { event, ...summary } = body;
      expect(event).toBe('sca-bridge.scan.completed');
      expect(summary).toEqual(JSON.parse(stdout));
      const short = await runCli(['import', fixture('dt-fpf.json'), '--webhook-url', url], {
        env: { SCA_BRIDGE_WEBHOOK_SECRET: 'high' },
      });
      expect(short.code).toBe(2);
      expect(short.stderr).toContain('Input webhook-secret: 4 characters, fewer than 8;');
    } finally {
      await receiver.stop();
    }
  });

  it("says the gate and CI's branch a refused run was asked for, not none", async () => {
    const args = [
      'import',
      fixture('dt-fpf.json'),
      '--fail-on',
      'high',
      '--scanner',
      'snyk',
      '--fail-on-policy-violation',
      '--json',
    ];
    const { code, stdout } = await runCli(args, { env: { GITHUB_REF_NAME: 'main' } });
    expect(code).toBe(2);
    expect(runSummaryOf<{ mode: string; gate: { result: string; failOn: string } }>(stdout)).toMatchObject({
      mode: 'import',
      branch: 'main',
      gate: { result: 'failed', failOn: 'high', failOnPolicyViolation: true },
    });
    const given = await runCli([...args, '--branch', 'release/2.0'], { env: { GITHUB_REF_NAME: 'main' } });
    expect(runSummaryOf<{ branch: string }>(given.stdout).branch).toBe('release/2.0');
  });

  it('sends the error of a command line it cannot parse to the webhook and --json, and removes nothing', async () => {
    const receiver = new WebhookReceiver();
    const url = await receiver.start();
    const dir = tempDir();
    writeFileSync(path.join(dir, 'sca-bridge.sarif'), '{}');
    try {
      const cases = [
        ['import', fixture('dt-fpf.json'), '--bogus', '--webhook-url', url, '--json'],
        ['scan', '--fail-on', 'high', '--fail-on', 'critical', `--webhook-url=${url}`, '--json'],
        ['import', fixture('dt-fpf.json'), '--token=tok-ABCDEF-0123456789', '--webhook-url', url, '--json'],
      ];
      for (const args of cases) {
        const { code, stdout, stderr } = await runCli(args, { cwd: dir });
        expect(code).toBe(2);
        const summary = runSummaryOf<{ status: string; mode: string; error: { message: string } }>(stdout);
        expect(summary).toMatchObject({ status: 'error', mode: args[0], error: { exitCode: 2 } });
        expect(stderr).toContain(summary.error.message);
      }
      const bodies = receiver.requests.map((r) => runSummaryOf<{ error: { message: string } }>(r.body));
      expect(bodies.map((b) => b.error.message)).toEqual([
        expect.stringContaining('--bogus'),
        expect.stringContaining('--fail-on'),
        expect.stringContaining('--token is not accepted'),
      ]);
      expect(receiver.requests.map((r) => r.body).join('\n')).not.toContain('tok-ABCDEF');
      // A command line that cannot be parsed names no path for certain: the earlier report stays.
      expect(readFileSync(path.join(dir, 'sca-bridge.sarif'), 'utf8')).toBe('{}');
      // Another command's refusal is only said.
      expect((await runCli(['gate', 'x.json', '--bogus', '--webhook-url', url, '--json'])).stdout).toBe('');
      expect(receiver.requests).toHaveLength(3);
    } finally {
      await receiver.stop();
    }
  });

  it('refuses an export that is not UTF-8 rather than read its names as U+FFFD (exit 2)', async () => {
    const dir = tempDir();
    const text = readFileSync(fixture('dt-fpf.json'), 'utf8').replace('"name"', '"name": "Größe café", "n"');
    writeFileSync(path.join(dir, 'latin1.json'), Buffer.from(text, 'latin1'));
    // A UTF-8 byte-order mark before Latin-1 bytes hides nothing.
    writeFileSync(
      path.join(dir, 'bom.json'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'latin1')]),
    );
    writeFileSync(path.join(dir, 'utf16.json'), Buffer.from(text, 'utf16le'));
    writeFileSync(path.join(dir, 'utf8.json'), text);
    const run = (file: string) => runCli(['import', file, '--sarif-file', 'out.sarif'], { cwd: dir });
    const latin1 = await run('latin1.json');
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toContain(
      'latin1.json: is not UTF-8, as JSON must be (it may be Latin-1 or Windows-1252); save it as UTF-8',
    );
    const bom = await run('bom.json');
    expect(bom.code).toBe(2);
    expect(bom.stderr).toContain('bom.json: is not UTF-8, as JSON must be');
    const utf16 = await run('utf16.json');
    expect(utf16.code).toBe(2);
    expect(utf16.stderr).toContain('utf16.json: looks like UTF-16 without a byte-order mark');
    expect((await run('utf8.json')).code).toBe(0);
  });

  it('names UTF-32, with its byte-order mark or without, rather than call it UTF-16 (exit 2)', async () => {
    const dir = tempDir();
    const text = readFileSync(fixture('dt-fpf.json'), 'utf8');
    /** UTF-32 (Out-File -Encoding utf32), which Node does not write: each code point in four bytes. */
    const utf32 = (content: string, bigEndian: boolean) =>
      Buffer.concat(
        [...content].map((char) => {
          const bytes = Buffer.alloc(4);
          if (bigEndian) bytes.writeUInt32BE(char.codePointAt(0)!);
          else bytes.writeUInt32LE(char.codePointAt(0)!);
          return bytes;
        }),
      );
    const files: [name: string, content: Buffer, message: string][] = [
      [
        'le.json',
        utf32(`\ufeff${text}`, false),
        'le.json: is UTF-32 (its byte-order mark says so); save it as UTF-8',
      ],
      [
        'be.json',
        utf32(`\ufeff${text}`, true),
        'be.json: is UTF-32 (its byte-order mark says so); save it as UTF-8',
      ],
      [
        'bare.json',
        utf32(text, false),
        'bare.json: looks like UTF-32 without a byte-order mark; save it as UTF-8',
      ],
    ];
    for (const [name, content, message] of files) {
      writeFileSync(path.join(dir, name), content);
      const { code, stderr } = await runCli(['import', name, '--sarif-file', 'out.sarif'], { cwd: dir });
      expect(code).toBe(2);
      expect(stderr).toContain(message);
    }
  });

  it('names sarif-file when it cannot be written (exit 2, not a bug)', async () => {
    // Below a regular file, so the folder can never be made.
    const target = path.join(fixture('dt-fpf.json'), 'out.sarif');
    const { code, stderr } = await runCli(['import', fixture('dt-fpf.json'), '--sarif-file', target]);
    expect(code).toBe(2);
    expect(stderr).toContain(`Input sarif-file: cannot write ${target} (`);
    expect(stderr).not.toContain('internal error');
  });

  it.runIf(existsSync('/dev/full'))(
    'names a report that a full disk refuses (exit 2) and leaves the device it was given alone',
    async () => {
      const sarifFile = path.join(work, 'full-disk.sarif');
      const { code, stderr } = await runCli([
        'import',
        fixture('dt-fpf.json'),
        '--sarif-file',
        sarifFile,
        '--gitlab-dependency-report',
        '/dev/full',
      ]);
      expect(code).toBe(2);
      expect(stderr).toContain('Input gitlab-dependency-report: cannot write /dev/full (ENOSPC)');
      expect(existsSync('/dev/full')).toBe(true);
      // The SARIF written before is this failed run's: it must not pass for a complete one.
      expect(existsSync(sarifFile)).toBe(false);
    },
  );

  it('refuses a report path that holds a manifest (exit 2), and leaves it, also when the run is refused', async () => {
    const dir = tempDir();
    const pom = '<project><artifactId>shop</artifactId></project>\n';
    writeFileSync(path.join(dir, 'pom.xml'), pom);
    writeFileSync(
      path.join(dir, 'old.sarif'),
      '{"version": "2.1.0", "runs": [], "$schema": "https://x/sarif.json"}',
    );
    const given = await runCli(['import', fixture('dt-fpf.json'), '--sarif-file', 'pom.xml'], { cwd: dir });
    expect(given.code).toBe(2);
    expect(given.stderr).toContain(
      "Input sarif-file: pom.xml holds something other than a report (sca-bridge's, or another tool's SARIF), which the run would replace; give the sarif-file a path of its own, or remove the file first (nothing was changed).",
    );
    const refused = await runCli(
      ['import', fixture('dt-fpf.json'), '--gitlab-dependency-report', 'pom.xml', '--fail-on', 'bogus'],
      { cwd: dir },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'warning: Input gitlab-dependency-report: pom.xml holds something other',
    );
    expect(refused.stderr).toContain('error: Input fail-on:');
    expect(readFileSync(path.join(dir, 'pom.xml'), 'utf8')).toBe(pom);
    // Another tool's SARIF from before is replaced.
    const sarif = await runCli(['import', fixture('dt-fpf.json'), '--sarif-file', 'old.sarif'], { cwd: dir });
    expect(sarif.code, sarif.stderr).toBe(0);
    expect(readSarif(path.join(dir, 'old.sarif')).runs.length).toBeGreaterThan(0);
  });

  it('removes the reports it wrote before a later one could not be written (exit 2)', async () => {
    const dir = tempDir();
    const [sarifFile, dependencies] = [path.join(dir, 'o.sarif'), path.join(dir, 'gl-ds.json')];
    const { code, stderr } = await runCli([
      'import',
      fixture('dt-fpf.json'),
      '--sarif-file',
      sarifFile,
      '--gitlab-dependency-report',
      dependencies,
      // A folder: nothing can be written at its path.
      '--gitlab-codequality-report',
      dir,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(`Input gitlab-codequality-report: cannot write ${dir} (EISDIR)`);
    expect([existsSync(sarifFile), existsSync(dependencies), existsSync(dir)]).toEqual([false, false, true]);
    // Nor does the log call them written.
    expect(stderr).not.toContain('written to');
  });

  it('refuses a report on standard output beside the --json summary, rather than run the two together', async () => {
    for (const [input, file] of [
      ['sarif-file', '/dev/stdout'],
      ['gitlab-dependency-report', '/dev/fd/1'],
    ]) {
      const { code, stdout, stderr } = await runCli([
        'import',
        fixture('dt-fpf.json'),
        `--${input}`,
        file!,
        '--json',
      ]);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toBe(
        `error: --${input} ${file} and --json both write to standard output, where the report and the run summary would run together; write the ${input} to a file, or leave out --json.\n`,
      );
    }
    // The summary redirected onto the report's own path is the same stream.
    const dir = tempDir();
    execFileSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${CLI}" import "${fixture('dt-fpf.json')}" --sarif-file out.sarif --json > out.sarif 2> err.txt; echo "exit $?" >> err.txt`,
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    expect(readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe(
      'error: --sarif-file out.sarif and --json both write to standard output, where the report and the run summary would run together; write the sarif-file to a file, or leave out --json.\nexit 2\n',
    );
    // So is the summary redirected onto the SARIF's default path, with no --sarif-file given.
    execFileSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${CLI}" import "${fixture('dt-fpf.json')}" --json > sca-bridge.sarif 2> err.txt; echo "exit $?" >> err.txt`,
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    expect(readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe(
      'error: --sarif-file sca-bridge.sarif and --json both write to standard output, where the report and the run summary would run together; write the sarif-file to a file, or leave out --json.\nexit 2\n',
    );
    // Without --json, standard output is the SARIF's alone (a shell's pipe: Node's own are sockets, not opened).
    const sarif = execFileSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${CLI}" import "${fixture('dt-fpf.json')}" --sarif-file /dev/stdout | cat`,
      ],
      { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    expect((JSON.parse(sarif.toString()) as Log).runs[0]?.results).toHaveLength(4);
  });

  it('writes the SARIF to a named pipe it is given, and leaves the pipe in place', async () => {
    const fifo = path.join(tempDir(), 'sarif.fifo');
    execFileSync('mkfifo', [fifo]);
    const [run, text] = await Promise.all([
      runCli(['import', fixture('dt-fpf.json'), '--sarif-file', fifo]),
      readFile(fifo, 'utf8'),
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(text)).toMatchObject({ version: '2.1.0', runs: [{ results: expect.any(Array) }] });
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses to write a report over the export it reads, and changes nothing', async () => {
    const dir = tempDir();
    const report = path.join(dir, 'report.json');
    cpSync(fixture('dt-fpf.json'), report);
    const before = readFileSync(report, 'utf8');
    const { code, stderr } = await runCli([
      'import',
      report,
      '--sarif-file',
      path.join(dir, '.', 'report.json'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `Input sarif-file: ${path.join(dir, 'report.json')} is the import-file this run reads`,
    );
    expect(readFileSync(report, 'utf8')).toBe(before);
  });

  it("reads a glob again on a re-run without taking the last run's reports for exports", async () => {
    const dir = tempDir();
    cpSync(fixture('dt-fpf.json'), path.join(dir, 'dt.json'));
    const args = ['import', '*.json', '--sarif-file', 'out.json', '--gitlab-dependency-report', 'gl.json'];
    const first = await runCli(args, { cwd: dir });
    const second = await runCli(args, { cwd: dir });
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stderr).toContain('dt.json: dtrack-fpf, 6 findings');
    expect(second.stderr).not.toContain('out.json:');
    expect(readSarif(path.join(dir, 'out.json')).runs[0]?.results).toHaveLength(4);
  });

  it('refuses a glob match at a report path that holds an export, rather than skip it and write over it', async () => {
    const dir = tempDir();
    cpSync(fixture('xray-report.json'), path.join(dir, 'xray.json'));
    cpSync(fixture('dt-fpf.json'), path.join(dir, 'dt.json'));
    const before = readFileSync(path.join(dir, 'xray.json'), 'utf8');
    for (const input of ['sarif-file', 'gitlab-codequality-report']) {
      const { code, stderr } = await runCli(['import', '*.json', `--${input}`, 'xray.json'], { cwd: dir });
      expect(code).toBe(2);
      expect(stderr).toContain(
        `Input ${input}: xray.json is the import-file this run reads; give the ${input} its own path (nothing was changed).`,
      );
      expect(readFileSync(path.join(dir, 'xray.json'), 'utf8')).toBe(before);
    }
  });

  it('leaves out of a glob the file its --json is redirected to, and a summary saved before, saying so', async () => {
    const dir = tempDir();
    cpSync(fixture('dt-fpf.json'), path.join(dir, 'dt.json'));
    // The shell creates summary.json, empty, before the run expands `*.json`.
    execFileSync(
      'sh',
      ['-c', `"${process.execPath}" "${CLI}" import '*.json' --sarif-file out.sarif --json > summary.json`],
      {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const summary = JSON.parse(readFileSync(path.join(dir, 'summary.json'), 'utf8')) as {
      counts: { total: number };
    };
    expect(summary.counts.total).toBe(4);
    // Without the redirect, the summary saved by the last run is matched, and left out: it is no export.
    const again = await runCli(['import', '*.json', '--sarif-file', 'out.sarif', '--json'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      'The pattern "*.json" also matches summary.json: left out, as reports sca-bridge writes',
    );
    expect(runSummaryOf<{ counts: { total: number } }>(again.stdout).counts.total).toBe(4);
    // Named, it is read, and refused for what it is.
    const named = await runCli(['import', 'dt.json', 'summary.json', '--sarif-file', 'out.sarif'], {
      cwd: dir,
    });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain(
      'summary.json: this is an sca-bridge run summary (`--json`), not a scanner export',
    );
  });

  it('keeps its exit code when the reader of its log goes away early (`2>&1 | head -1`)', () => {
    const dir = tempDir();
    cpSync(fixture('dt-fpf.json'), path.join(dir, 'dt.json'));
    // Many lines of log, so that writes go on after `head` has gone; the exit code goes to a file of its own.
    execFileSync(
      'sh',
      [
        '-c',
        `{ "${process.execPath}" "${CLI}" import dt.json --sarif-file out.sarif --verbose 2>&1 >/dev/null; echo "$?" > rc.txt; } | head -1 > /dev/null`,
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    expect(readFileSync(path.join(dir, 'rc.txt'), 'utf8').trim()).toBe('0');
    expect(existsSync(path.join(dir, 'out.sarif'))).toBe(true);
  });

  it('fails (exit 2, not 1) when its standard output cannot be written; its log alone changes no exit code', () => {
    const dir = tempDir();
    cpSync(fixture('dt-fpf.json'), path.join(dir, 'dt.json'));
    // /dev/full: every write fails with ENOSPC, as on a full disk under `--json > summary.json`.
    const run = (redirect: string, ...flags: string[]) => {
      execFileSync(
        'sh',
        [
          '-c',
          `"${process.execPath}" "${CLI}" import dt.json --sarif-file out.sarif ${flags.join(' ')} ${redirect}; echo "$?" > rc.txt`,
        ],
        { cwd: dir, stdio: 'ignore' },
      );
      return readFileSync(path.join(dir, 'rc.txt'), 'utf8').trim();
    };
    expect(run('--json > /dev/full 2> err.txt')).toBe('2');
    expect(readFileSync(path.join(dir, 'err.txt'), 'utf8')).toContain(
      'error: cannot write to standard output (ENOSPC: no space left on device, write): what it printed (such as the --json run summary) is incomplete; free space, or send it elsewhere.',
    );
    expect(run('2> /dev/full')).toBe('0');
    expect(run('2> /dev/full', '--fail-on', 'any')).toBe('1');
  });

  it('says so when a glob matches only the file its output is redirected to', async () => {
    const dir = tempDir();
    // The shell makes summary.json before the glob is expanded; the exit code goes to a file of its own.
    execFileSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" "${CLI}" import '*.json' --sarif-file out.sarif > summary.json 2>&1; echo "exit $?" >> err.txt`,
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    expect(readFileSync(path.join(dir, 'err.txt'), 'utf8')).toBe('exit 2\n');
    expect(readFileSync(path.join(dir, 'summary.json'), 'utf8')).toContain(
      `Input import-file: the pattern "*.json" matches no file in ${dir}, only reports sca-bridge writes or the file its output is redirected to (summary.json); name the exports.`,
    );
  });

  it("gives the line that declares a version to that version's finding, whatever the order of the export", async () => {
    const dir = tempDir();
    // The declared version sorts after the other (`'8.3.2' > '11.1.0'`): keeping its line takes more than the
    // order of versions.
    const packageJson = ['{', '  "name": "app",', '  "dependencies": {', '    "uuid": "8.3.2"', '  }', '}'];
    writeFileSync(path.join(dir, 'package.json'), `${packageJson.join('\n')}\n`);
    const finding = (version: string) => ({
      component: { uuid: `c-${version}`, name: 'uuid', version, purl: `pkg:npm/uuid@${version}` },
      vulnerability: { uuid: 'v-1', source: 'GITHUB', vulnId: 'GHSA-mwcw-c2x4-8c55', severity: 'MEDIUM' },
      analysis: { isSuppressed: false },
      matrix: `p:c-${version}:v-1`,
    });
    const placed = async (versions: string[]) => {
      writeFileSync(path.join(dir, 'findings.json'), JSON.stringify(versions.map(finding)));
      const sarifFile = path.join(dir, 'out.sarif');
      const run = await runCli(
        ['import', 'findings.json', '--import-format', 'dtrack-findings', '--sarif-file', sarifFile],
        { cwd: dir },
      );
      expect(run.code).toBe(0);
      return (readSarif(sarifFile).runs[0]?.results ?? [])
        .map(
          (r) =>
            `${String(r.properties?.packageVersion)}:${r.locations?.[0]?.physicalLocation?.region?.startLine}`,
        )
        .sort();
    };
    const declared = ['11.1.0:5', '8.3.2:4'];
    expect(await placed(['8.3.2', '11.1.0'])).toEqual(declared);
    expect(await placed(['11.1.0', '8.3.2'])).toEqual(declared);
  });

  it('leaves a shared line to the finding whose package it declares; with no free line, moves one past the file', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'package.json'),
      '{\n  "dependencies": {\n    "lodash": "4.17.0",\n    "ejs": "3.1.6"\n  }\n}\n',
    );
    // jf names lodash as what pulls ejs in, so both are placed at lodash's line; ejs sorts first by name.
    const vulnerability = (name: string, version: string, path: string[]) => ({
      severity: 'High',
      impactedPackageName: name,
      impactedPackageVersion: version,
      impactedPackageType: 'npm',
      components: [{ name: 'lodash', version: '4.17.0', location: { file: 'package.json' } }],
      cves: [{ id: 'CVE-2020-8203', cvssV3: '7.4' }],
      issueId: 'XRAY-114089',
      impactPaths: [path.map((element) => ({ name: element.split('@')[0], version: element.split('@')[1] }))],
    });
    writeFileSync(
      path.join(dir, 'jf.json'),
      JSON.stringify({
        vulnerabilities: [
          vulnerability('lodash', '4.17.0', ['app@1.0.0', 'lodash@4.17.0']),
          vulnerability('ejs', '3.1.6', ['app@1.0.0', 'lodash@4.17.0', 'ejs@3.1.6']),
        ],
        securityViolations: [],
      }),
    );
    // Three versions of one package at the one line of a file: the version it declares keeps it, and the others
    // go past the end rather than be merged into one alert.
    writeFileSync(path.join(dir, 'requirements.txt'), 'Django==3.2.0\n');
    const django = (version: string) => ({
      component: { uuid: `c-${version}`, name: 'django', version, purl: `pkg:pypi/django@${version}` },
      vulnerability: { uuid: 'v-1', source: 'NVD', vulnId: 'CVE-2021-33203', severity: 'HIGH' },
      analysis: { isSuppressed: false },
      matrix: `p:c-${version}:v-1`,
    });
    writeFileSync(path.join(dir, 'dt.json'), JSON.stringify(['3.2.0', '3.2.4', '3.2.5'].map(django)));
    const sarifFile = path.join(dir, 'out.sarif');
    const run = await runCli(['import', 'jf.json', 'dt.json', '--sarif-file', sarifFile], { cwd: dir });
    expect(run.code).toBe(0);
    const results = readSarif(sarifFile).runs.flatMap((r) => r.results ?? []);
    expect(
      results
        .map(
          (r) =>
            `${String(r.properties?.packageName)}@${String(r.properties?.packageVersion)} ${r.locations?.[0]?.physicalLocation?.artifactLocation?.uri}:${r.locations?.[0]?.physicalLocation?.region?.startLine}`,
        )
        .sort(),
    ).toEqual([
      'django@3.2.0 requirements.txt:1',
      'django@3.2.4 requirements.txt:2',
      'django@3.2.5 requirements.txt:3',
      'ejs@3.1.6 package.json:4',
      'lodash@4.17.0 package.json:3',
    ]);
  });

  it('refuses a report over the token file, and an SBOM that cannot be read', async () => {
    const dir = tempDir();
    const tokenFile = path.join(dir, 'token');
    writeFileSync(tokenFile, 's3cr3t-token\n');
    const overToken = await runCli([
      'import',
      fixture('dt-fpf.json'),
      '--token-file',
      tokenFile,
      '--sarif-file',
      tokenFile,
    ]);
    expect(overToken.code).toBe(2);
    expect(overToken.stderr).toContain('is the token-file this run reads');
    expect(overToken.stderr).not.toContain('s3cr3t-token');
    expect(readFileSync(tokenFile, 'utf8')).toBe('s3cr3t-token\n');

    const missingSbom = await runCli([
      'import',
      fixture('dt-fpf.json'),
      '--sbom',
      path.join(dir, 'nope.json'),
    ]);
    expect(missingSbom.code).toBe(2);
    expect(missingSbom.stderr).toContain('Input sbom: cannot read');
  });

  it('places findings the same through a symbolic link to the working directory (as /tmp is on macOS)', async () => {
    const dir = tempDir();
    cpSync(fixture('repo'), path.join(dir, 'real', 'sub'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: path.join(dir, 'real') });
    symlinkSync(path.join(dir, 'real'), path.join(dir, 'link'));
    const uris = async (workingDirectory: string) => {
      const sarifFile = path.join(dir, `${path.basename(path.dirname(workingDirectory))}.sarif`);
      const run = await runCli([
        'import',
        fixture('dt-fpf.json'),
        '--working-directory',
        workingDirectory,
        '--sarif-file',
        sarifFile,
      ]);
      expect(run.code).toBe(0);
      return (readSarif(sarifFile).runs[0]?.results ?? []).map(
        (r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
      );
    };
    const real = await uris(path.join(dir, 'real', 'sub'));
    expect(real.some((uri) => uri?.startsWith('sub/'))).toBe(true);
    expect(await uris(path.join(dir, 'link', 'sub'))).toEqual(real);
  });

  it("takes the branch from the working directory's checkout, not from where it is started", async () => {
    const dir = tempDir();
    const repo = path.join(dir, 'repo');
    cpSync(fixture('repo'), repo, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { cwd: repo });
    git('init', '-q');
    git('checkout', '-q', '-b', 'release/2.0');
    git('commit', '-q', '--allow-empty', '-m', 'start');
    const branchFrom = async (cwd: string) => {
      const run = await runCli(
        [
          'import',
          fixture('dt-fpf.json'),
          '--working-directory',
          repo,
          '--sarif-file',
          path.join(dir, 'out.sarif'),
          '--json',
        ],
        { cwd },
      );
      expect(run.code).toBe(0);
      return runSummaryOf<{ branch: string | null }>(run.stdout).branch;
    };
    // Outside any checkout, and inside this project's own (on another branch).
    expect(await branchFrom(dir)).toBe('release/2.0');
    expect(await branchFrom(REPO_ROOT)).toBe('release/2.0');
  });

  it('refuses two reports at one path', async () => {
    const sarifFile = path.join(tempDir(), 'out.json');
    const { code, stderr } = await runCli([
      'import',
      fixture('dt-fpf.json'),
      '--sarif-file',
      sarifFile,
      '--gitlab-codequality-report',
      sarifFile,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('Inputs sarif-file and gitlab-codequality-report name the same file');
  });

  it("removes an earlier run's reports when a flag or input is refused, as any failed run does", async () => {
    const dir = tempDir();
    const named = ['--sarif-file', 'out.sarif', '--gitlab-dependency-report', 'gl-ds.json'];
    const both = ['out.sarif', 'gl-ds.json'];
    const refused: [args: string[], removed: string[]][] = [
      [['import', fixture('dt-fpf.json'), '--min-severity', 'foo', ...named], both],
      [['import', fixture('dt-fpf.json'), '--token-file', 'no-such-token', ...named], both],
      [['import', 'no-such-*.json', ...named], both],
      [
        [
          'scan',
          '--scanner',
          'xray',
          '--api-url',
          'https://acme.jfrog.io',
          '--repo-key',
          'npm-local',
          ...named,
        ],
        both,
      ],
      [['scan', 'bom.json', ...named], both],
      // The default SARIF path, and another spelling of a report's path.
      [
        [
          'import',
          fixture('dt-fpf.json'),
          '--fail-on',
          'severe',
          '--gitlab-codequality-report',
          './gl-cq.json',
        ],
        ['sca-bridge.sarif', 'gl-cq.json'],
      ],
    ];
    const all = ['sca-bridge.sarif', 'out.sarif', 'gl-ds.json', 'gl-cq.json'];
    for (const [args, removed] of refused) {
      for (const name of all) writeFileSync(path.join(dir, name), STALE_REPORT);
      const run = await runCli(args, { cwd: dir });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/^error: /);
      const left = all.filter((name) => existsSync(path.join(dir, name)));
      expect(left, args.join(' ')).toEqual(all.filter((name) => !removed.includes(name)));
    }
  });

  it('keeps a file a refused run would read, though a report names it, and says so', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'read.json');
    const original = readFileSync(fixture('dt-fpf.json'), 'utf8');
    for (const [input, args] of [
      ['import-file', ['import', file]],
      ['import-file', ['import', '--import-file', file]],
      ['sbom', ['scan', '--scanner', 'dependency-track', '--sbom', file]],
      ['ca-file', ['import', fixture('dt-fpf.json'), '--ca-file', file]],
      ['token-file', ['import', fixture('dt-fpf.json'), '--token-file', file]],
    ] as const) {
      writeFileSync(file, original);
      const run = await runCli([...args, '--sarif-file', file, '--min-severity', 'foo'], { cwd: dir });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`warning: Input sarif-file: ${file} is the ${input} this run reads`);
      expect(run.stderr).toContain('error: Input min-severity: expected one of');
      expect(readFileSync(file, 'utf8'), input).toBe(original);
    }
  });

  it('stops at a Ctrl-C (SIGINT) outside a scanner flow, as any program does', async () => {
    const file = path.join(tempDir(), 'big.json');
    const rows = generateRows(60_000, 'npm-local');
    writeFileSync(file, JSON.stringify({ total_rows: rows.length, rows }));
    const result = await runCli(
      ['import', file, '--sarif-file', path.join(work, 'stopped.sarif'), '--json'],
      {
        cwd: work,
        // Once the CLI is under way (its export read), however loaded the machine: a signal before it has
        // started would end it by default, whatever the code does.
        onStart: (child) => child.stderr?.once('data', () => child.kill('SIGINT')),
      },
    );
    // Ended by the signal itself: nothing caught it to carry on and report a pass.
    expect(result.code).toBeNull();
    expect(result.stdout).toBe('');
  });

  it('prints an error summary with --json when the input is bad', async () => {
    const { code, stdout } = await runCli(['import', fixture('truncated.json'), '--json']);
    expect(code).toBe(2);
    const summary = runSummaryOf<Summary>(stdout);
    expect(summary.status).toBe('error');
    expect(summary.error).toMatchObject({ exitCode: 2, message: expect.stringContaining('not valid JSON') });
    // Whoever reads only the gate never sees an error as a pass.
    expect(summary.gate.result).toBe('failed');
    // Outside CI the run is local, and its other keys are there, null.
    expect((summary as unknown as { run: unknown }).run).toEqual({
      provider: 'local',
      url: null,
      repository: null,
      commit: null,
    });
  });

  it('refuses a file named to a command that reads none, rather than drop it', async () => {
    const scan = await runCli(['scan', 'bom.json', '--scanner', 'dependency-track']);
    expect(scan.code).toBe(2);
    expect(scan.stderr).toContain(
      'scan: takes no file, but was given bom.json (an SBOM to upload is --sbom <file>; an export to read is `sca-bridge import <file>`).',
    );
    const test = await runCli(['test-connection', 'extra']);
    expect(test.code).toBe(2);
    expect(test.stderr).toContain('test-connection: takes no file, but was given extra.');
  });

  it('refuses a flag a command would not read, naming it and what the command takes', async () => {
    const summary = path.join(tempDir(), 'summary.json');
    const saved = await runCli([
      'import',
      fixture('dt-fpf.json'),
      '--sarif-file',
      `${summary}.sarif`,
      '--json',
    ]);
    writeFileSync(summary, saved.stdout);
    const refused: [args: string[], message: string][] = [
      [
        ['gate', summary, '--min-severity', 'critical'],
        'gate: --min-severity does not apply; gate takes <summary.json>, --fail-on, --fail-on-policy-violation and --verbose.',
      ],
      [['gate', summary, '--json'], 'gate: --json does not apply;'],
      [
        ['gate', summary, '--webhook-url', 'https://hooks.example.com/x', '--sarif-file=s.sarif'],
        'gate: --webhook-url and --sarif-file do not apply;',
      ],
      [
        ['list-repos', '--api-url', 'https://acme.jfrog.io', '--no-insecure', '--repo-key', 'npm-local'],
        'list-repos: --repo-key does not apply; list-repos takes --scanner, --api-url, --token-file, --insecure, --ca-file, --timeout, --project-key, --json and --verbose.',
      ],
      [
        ['list-repos', '--scanner', 'dependency-track'],
        'list-repos: only Xray has repositories; use --scanner xray (got "dependency-track").',
      ],
      [
        ['test-connection', '--scanner', 'xray', '--sbom', 'bom.json', '--json'],
        'test-connection: --sbom and --json do not apply; test-connection takes --scanner, --api-url',
      ],
      [
        ['scan', '--scanner', 'dependency-track', '--import-file', fixture('dt-fpf.json')],
        "Inputs mode and import-file conflict: a scan reads findings through the scanner's API, never an export.",
      ],
      [['import', '-'], 'Input import-file: - (standard input) is not read; save the export to a file'],
    ];
    // In a folder of their own: a refused scan or import removes the reports at its default paths.
    for (const [args, message] of refused) {
      const run = await runCli(args, { cwd: work, env: { SCA_BRIDGE_TOKEN: 'tok-0123456789' } });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain(`error: ${message}`);
    }
  });

  it("prints a command's own usage and flags for `<command> --help`", async () => {
    const gate = await runCli(['gate', '--help']);
    expect(gate.code).toBe(0);
    expect(gate.stdout).toMatch(/^Usage: sca-bridge gate <summary.json>/);
    expect(gate.stdout).toContain('--fail-on-policy-violation');
    expect(gate.stdout).not.toContain('--min-severity');
    expect((await runCli(['test-connection', '-h'])).stdout).toMatch(/^Usage: sca-bridge test-connection/);
    expect((await runCli(['list-repos', '--help'])).stdout).toMatch(/^Usage: sca-bridge list-repos/);
    // scan and import take every flag: theirs is the whole help.
    expect((await runCli(['import', '--help'])).stdout).toContain('sca-bridge import <file|glob>');
  });

  it('never prints the token', async () => {
    const token = 'odt_SECRETsecret0123456789abcdef';
    const sarifFile = path.join(work, 'token.sarif');
    const result = await runCli(
      ['import', fixture('dt-fpf.json'), '--sarif-file', sarifFile, '--json', '--verbose'],
      {
        cwd: work,
        env: { SCA_BRIDGE_TOKEN: token },
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr + readFileSync(sarifFile, 'utf8')).not.toContain(token);
  });
});

describe('sca-bridge gate', () => {
  let work: string;
  beforeAll(async () => {
    work = tempDir();
    const { stdout } = await runCli([
      'import',
      fixture('dt-fpf.json'),
      '--sarif-file',
      path.join(work, 's.sarif'),
      '--fail-on',
      'critical',
      '--json',
    ]);
    writeFileSync(path.join(work, 'summary.json'), stdout);
  });

  it('evaluates the saved gate again', async () => {
    const { code, stderr } = await runCli(['gate', path.join(work, 'summary.json')]);
    expect(code).toBe(1);
    expect(stderr).toContain('1 finding of severity critical or above (fail-on: critical)');
  });

  it('takes a new --fail-on over the saved one', async () => {
    expect((await runCli(['gate', path.join(work, 'summary.json'), '--fail-on', 'none'])).code).toBe(0);
    expect((await runCli(['gate', path.join(work, 'summary.json'), '--fail-on', 'critical:1'])).code).toBe(0);
    expect((await runCli(['gate', path.join(work, 'summary.json'), '--fail-on', 'medium'])).code).toBe(1);
  });

  it('refuses --fail-on given twice, rather than gate on the last alone', async () => {
    const { code, stderr } = await runCli([
      'gate',
      path.join(work, 'summary.json'),
      '--fail-on',
      'critical:0',
      '--fail-on',
      'high:5',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('give the budgets once, comma-separated: --fail-on critical:0,high:5.');
  });

  it('fails with the scan error exit code when the scan failed', async () => {
    const { stdout } = await runCli(['import', fixture('truncated.json'), '--json']);
    writeFileSync(path.join(work, 'error.json'), stdout);
    const { code, stderr } = await runCli(['gate', path.join(work, 'error.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('The scan itself failed');
  });

  it("warns of jf's source-code results (secrets, SAST), which it does not report, naming how many", async () => {
    const file = path.join(REPO_ROOT, 'test/fixtures/exports/xray-simple-json.json');
    const audit = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const secret = { severity: 'Medium', ruleId: 'REQ.SECRET.KEYS', file: 'creds.txt', startLine: 2 };
    const withCode = path.join(work, 'jf-audit-jas.json');
    writeFileSync(
      withCode,
      JSON.stringify({ ...audit, secrets: [secret, secret], sastViolations: [secret] }),
    );
    const sarifFile = path.join(work, 'jas.sarif');
    const { code, stderr } = await runCli(['import', withCode, '--sarif-file', sarifFile]);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `${withCode}: holds results on the source code (secrets: 2, sastViolations: 1), which sca-bridge does not report`,
    );
    // Its dependency findings are all reported, as without them.
    const plain = await runCli(['import', file, '--sarif-file', sarifFile]);
    expect(plain.stderr).not.toContain('results on the source code');
    expect(stderr.match(/\d+ findings?/)?.[0]).toBe(plain.stderr.match(/\d+ findings?/)?.[0]);
  });

  it('says with --fail-on-policy-violation why violations found do not count for the gate', async () => {
    const file = path.join(REPO_ROOT, 'test/fixtures/exports/xray-simple-json.json');
    const args = ['import', file, '--sarif-file', path.join(work, 'simple.sarif')];
    const gated = await runCli([...args, '--fail-on-policy-violation']);
    expect(gated.code).toBe(1);
    expect(gated.stderr).toContain(
      'fail-on-policy-violation: 1 of 3 policy violations count for the gate; 2 of policies that only warn (Dependency-Track WARN or INFO, Xray without "fail build").',
    );
    const ungated = await runCli(args);
    expect(ungated.code).toBe(0);
    expect(ungated.stderr).not.toContain('fail-on-policy-violation:');
  });

  it('gates an Xray import on its policy violations (an import reads them whatever the flag)', async () => {
    const violations = path.join(REPO_ROOT, 'test/fixtures/exports/xray-report_violations.json');
    const { stdout } = await runCli([
      'import',
      violations,
      '--sarif-file',
      path.join(work, 'v.sarif'),
      '--json',
    ]);
    const summary = runSummaryOf<{ mode: string; policyViolations: number }>(stdout);
    expect(summary).toMatchObject({ mode: 'import' });
    expect(summary.policyViolations).toBeGreaterThan(0);
    writeFileSync(path.join(work, 'violations.json'), stdout);
    const { code, stderr } = await runCli([
      'gate',
      path.join(work, 'violations.json'),
      '--fail-on-policy-violation',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('policy violation');
  });

  it.each([0, 1, 256, 2.5])(
    'refuses an error summary whose exit code is %s, not one of 2, 3, 4: an error never reads as a pass',
    async (exitCode) => {
      const summary = JSON.parse(readFileSync(path.join(work, 'summary.json'), 'utf8')) as object;
      const file = path.join(work, `error-${exitCode}.json`);
      writeFileSync(
        file,
        JSON.stringify({ ...summary, status: 'error', error: { message: 'boom', exitCode } }),
      );
      const { code, stderr } = await runCli(['gate', file]);
      expect(code).toBe(2);
      expect(stderr).toContain(`gate: ${file} is not an sca-bridge run summary (error.exitCode: `);
    },
  );

  it('rejects a file that is not a run summary', async () => {
    const { code, stderr } = await runCli(['gate', fixture('dt-fpf.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain('is not an sca-bridge run summary');
  });

  it('reads a summary saved with a byte-order mark, or as UTF-16 (Windows PowerShell 5’s >)', async () => {
    const text = `\ufeff${readFileSync(path.join(work, 'summary.json'), 'utf8')}`;
    const saved = {
      'bom.json': Buffer.from(text),
      'utf16le.json': Buffer.from(text, 'utf16le'),
      'utf16be.json': Buffer.from(text, 'utf16le').swap16(),
    };
    for (const [name, bytes] of Object.entries(saved)) {
      writeFileSync(path.join(work, name), bytes);
      const { code, stderr } = await runCli(['gate', path.join(work, name)]);
      expect(code, `${name}: ${stderr}`).toBe(1);
      expect(stderr).toContain('1 finding of severity critical or above (fail-on: critical)');
    }
  });

  it('rejects a file that is not JSON, naming it and what to give', async () => {
    const { code, stderr } = await runCli(['gate', fixture('truncated.json')]);
    expect(code).toBe(2);
    expect(stderr).toContain(`gate: ${fixture('truncated.json')} is not valid JSON (`);
    expect(stderr).toContain('give the run summary `sca-bridge import --json` or `scan --json` printed');
  });
});
