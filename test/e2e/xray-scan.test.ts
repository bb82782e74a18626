import { runSummaryOf } from '../helpers/schemas.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, defaultFlags, runCli, tempDir } from '../helpers/cli.js';
import {
  fixture,
  generateRows,
  type Row,
  type XraySim,
  type XraySimOptions,
  startXraySim,
} from '../sim/xray.js';
import { WebhookReceiver } from '../sim/webhook.js';

// Distinctive, so that any leak is found: the token, and a wrong one a 401 body echoes back.
const TOKEN = 'jfrog-e2e-TOKEN-7c41d9aa3f0b52e6';
const WRONG_TOKEN = 'jfrog-e2e-WRONG-19be77c0d4a2';
const REPOSITORIES = fixture<{ key: string; type: string; packageType: string }[]>('repositories.json');
const VULNERABILITIES = fixture<Row[]>('vulnerabilities.json');
const VIOLATIONS = fixture<Row[]>('violations.json');
const CONTENT = /^\/xray\/api\/v1\/reports\/vulnerabilities\/\d+$/;
/** A content page as a fault matches it: `path?query`. */
const CONTENT_PAGE = /^\/xray\/api\/v1\/reports\/vulnerabilities\/\d+\?/;

interface Summary {
  status: string;
  scanner: string;
  repoKey: string | null;
  branch: string | null;
  counts: Record<string, number>;
  policyViolations: number;
  gate: { result: string; reasons: string[] };
  reportUrl: string | null;
  error?: { message: string; exitCode: number };
}

let work: string;
let sim: XraySim | undefined;

beforeAll(() => {
  work = tempDir('sca-bridge-xray-e2e-');
});

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function startSim(options: Partial<XraySimOptions> = {}): Promise<XraySim> {
  sim = await startXraySim({
    token: TOKEN,
    repositories: REPOSITORIES,
    rows: { 'npm-local': VULNERABILITIES },
    violations: { 'npm-local': VIOLATIONS },
    pageCap: 100,
    pollsUntilComplete: 2,
    ...options,
  });
  return sim;
}

let runs = 0;

/** `sca-bridge scan --scanner xray` on the simulator, with the token in the environment as users give it. */
async function scan(args: string[], token = TOKEN): Promise<CliResult & { sarifFile: string }> {
  const sarifFile = path.join(work, `xray-${++runs}.sarif`);
  const result = await runCli(
    [
      'scan',
      '--scanner',
      'xray',
      '--api-url',
      `${sim!.url}/xray/`,
      '--branch',
      'main',
      ...defaultFlags(args, { '--repo-key': 'npm-local', '--poll-interval': '0.02', '--timeout': '20' }),
      '--working-directory',
      work,
      '--sarif-file',
      sarifFile,
      '--json',
      ...args,
    ],
    { cwd: work, env: { SCA_BRIDGE_TOKEN: token } },
  );
  return { ...result, sarifFile };
}

function summaryOf(result: CliResult): Summary {
  return runSummaryOf<Summary>(result.stdout);
}

function sarifOf(file: string): Log {
  return JSON.parse(readFileSync(file, 'utf8')) as Log;
}

/** The token never shows: not on stdout (the --json summary), stderr, or in the SARIF. */
function expectNoToken(result: CliResult & { sarifFile?: string }, ...tokens: string[]) {
  let sarif = '';
  try {
    sarif = result.sarifFile ? readFileSync(result.sarifFile, 'utf8') : '';
  } catch {
    // No SARIF is written when the scan fails.
  }
  for (const token of [TOKEN, ...tokens]) {
    for (const text of [result.stdout, result.stderr, sarif]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice(0, 16));
    }
  }
}

describe('sca-bridge scan --scanner xray (built CLI against the Xray simulator)', () => {
  it('reads every row despite capped pages and transient errors, reports them, and deletes the report', async () => {
    await startSim({ rows: { 'npm-local': generateRows(250, 'npm-local') }, pollsUntilComplete: 3 });
    // A 503 on page 2 (retried after backoff) and a 429 with Retry-After on page 3 (retried at once).
    sim!.fail({ method: 'POST', match: /vulnerabilities\/100\?.*page_num=2&/, status: 503, times: 1 });
    sim!.fail({
      method: 'POST',
      match: /vulnerabilities\/100\?.*page_num=3&/,
      status: 429,
      headers: { 'retry-after': '0' },
      body: '{"error":"Too many requests"}',
      times: 1,
    });
    const result = await scan([]);
    expect(result.stderr).not.toContain('error:');
    expect(result.code).toBe(0);

    const summary = summaryOf(result);
    expect(summary).toMatchObject({
      status: 'passed',
      scanner: 'xray',
      repoKey: 'npm-local',
      branch: 'main',
      reportUrl: `${sim!.url}/ui/scans-list/repositories/npm-local/scan-descendants`,
    });
    // generateRows: row i has severity [critical, high, medium, low][i % 4]; 250 rows → 63, 63, 62, 62.
    expect(summary.counts).toEqual({
      total: 250,
      critical: 63,
      high: 63,
      medium: 62,
      low: 62,
      info: 0,
      unknown: 0,
      suppressed: 0,
    });

    const pages = sim!.calls('POST', CONTENT);
    expect(pages.map((p) => `${p.query.page_num}:${p.query.num_of_rows}:${p.status}`).sort()).toEqual([
      '1:1000:200',
      '2:100:200',
      '2:100:503',
      '3:100:200',
      '3:100:429',
    ]);
    expect(new Set(pages.map((p) => `${p.query.order_by} ${p.query.direction}`))).toEqual(
      new Set(['vulnerable_component asc']),
    );
    expect(sim!.calls('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/)).toHaveLength(1);
    expect(sim!.calls('GET', /^\/xray\/api\/v1\/reports\/100$/)).toHaveLength(4);
    expect(sim!.deleted).toEqual([100]);
    expect([...sim!.reports.values()].map((r) => r.name)).toEqual([
      // The time, and the run's own random part: two runs of one second never share a name.
      expect.stringMatching(/^sca-bridge_npm-local_main_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ_[0-9a-f]{6}$/),
    ]);
    expect(
      sim!.requests.every((r) => r.path.includes('/system/') || r.authorization === `Bearer ${TOKEN}`),
    ).toBe(true);

    const log = result.stderr;
    expect(log).toContain(`Reached Xray 3.131.25 (revision sim1) at ${sim!.url}: URL and TLS are fine.`);
    expect(log).toMatch(/Xray vulnerabilities report 100: pending, 0%, 0 of 4 artifacts, 0 rows/);
    expect(log).toMatch(/Xray vulnerabilities report 100: running, 33%, 1 of 4 artifacts, 0 rows/);
    expect(log).toMatch(/Xray vulnerabilities report 100: running, 67%, 3 of 4 artifacts, 0 rows/);
    expect(log).toMatch(/Xray vulnerabilities report 100: completed, 100%, 4 of 4 artifacts, 250 rows/);
    expect(log).toContain(
      'Reading Xray vulnerabilities report 100: 250 rows in 3 pages of 100 (the server caps a page at 100 rows; 1000 were asked), 4 at a time.',
    );
    expect(log).toMatch(/HTTP 503.*retrying in/);
    expect(log).toContain('Deleted Xray vulnerabilities report 100.');

    const sarif = sarifOf(result.sarifFile);
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0]!.tool.driver.name).toBe('JFrog Xray');
    expect(sarif.runs[0]!.tool.driver.version).toBe('3.131.25');
    expect(sarif.runs[0]!.results).toHaveLength(250);
    expect(sarif.runs[0]!.properties).toMatchObject({ repoKey: 'npm-local', branch: 'main' });
    expectNoToken(result);
  });

  it('sends the path patterns, collapses repeated rows into one result, and fails the gate with --fail-on', async () => {
    await startSim();
    const result = await scan([
      '--include-path-patterns',
      'shop-*/**',
      '--exclude-path-patterns',
      'tools/**,**/*.zip',
      '--fail-on',
      'high',
    ]);
    expect(result.code).toBe(1);
    const [report] = [...sim!.reports.values()];
    expect(report!.body.resources).toEqual({
      repositories: [
        {
          name: 'npm-local',
          include_path_patterns: ['shop-*/**'],
          exclude_path_patterns: ['tools/**', '**/*.zip'],
        },
      ],
    });
    // 8 rows: lodash CVE-2021-23337 three times (one finding); ansi-regex under tools/ excluded by Xray.
    expect(report!.rows).toHaveLength(7);
    const summary = summaryOf(result);
    expect(summary.counts).toEqual({
      total: 5,
      critical: 1,
      high: 2,
      medium: 0,
      low: 1,
      info: 0,
      unknown: 1,
      suppressed: 0,
    });
    expect(summary.gate).toMatchObject({ result: 'failed' });
    expect(summary.gate.reasons).toEqual(['3 findings of severity high or above (fail-on: high)']);
    const results = sarifOf(result.sarifFile).runs[0]!.results!;
    expect(results.map((r) => r.ruleId).sort()).toEqual([
      'CVE-2020-28500',
      'CVE-2021-23337',
      'CVE-2021-44906',
      'CVE-2022-24999',
      'XRAY-75221',
    ]);
    const lodash = results.find((r) => r.ruleId === 'CVE-2021-23337')!;
    expect(lodash.properties).toMatchObject({
      packageName: 'lodash',
      packageVersion: '4.17.20',
      fixedVersions: ['4.17.21'],
      componentPaths: ['shop-web/-/shop-web-1.4.0.tgz'],
    });
    expect(sim!.deleted).toEqual([100]);
    expectNoToken(result);
  });

  it('keeps the report with --keep-report', async () => {
    await startSim();
    const result = await scan(['--keep-report']);
    expect(result.code).toBe(0);
    expect(sim!.calls('DELETE', /./)).toEqual([]);
    expect(sim!.deleted).toEqual([]);
    expect(result.stderr).toMatch(
      /keep-report: Xray vulnerabilities report 100 \(sca-bridge_npm-local_main_[0-9TZ-]+_[0-9a-f]{6}\) is kept; it is listed in Xray → Reports\./,
    );
    expect(result.stderr).toContain(`Kept reports: ${sim!.url}/ui/reports`);
  });

  it('deletes the report when the run fails mid-way (a page that keeps failing), exit 3', async () => {
    await startSim({ rows: { 'npm-local': generateRows(300, 'npm-local') } });
    sim!.fail({
      method: 'POST',
      match: /vulnerabilities\/100\?.*page_num=2&/,
      status: 503,
      headers: { 'retry-after': '0' },
      body: '{"error":"Service Unavailable"}',
      times: Infinity,
    });
    const result = await scan([]);
    expect(result.code).toBe(3);
    expect(sim!.calls('POST', CONTENT).filter((p) => p.query.page_num === '2')).toHaveLength(4);
    expect(sim!.deleted).toEqual([100]);
    const summary = summaryOf(result);
    expect(summary.status).toBe('error');
    expect(summary.error).toEqual({
      exitCode: 3,
      message: `Reading page 2 of Xray vulnerabilities report 100 (${sim!.url}/xray/api/v1/reports/vulnerabilities/100): the server failed (HTTP 503: Service Unavailable) after sca-bridge's retries. Xray may be overloaded or restarting; try again later, or ask your JFrog administrator to check Xray's logs.`,
    });
    expect(result.stderr).toContain(`error: ${summary.error!.message}`);
    expect(result.stderr).toContain('Deleted Xray vulnerabilities report 100.');
    expectNoToken(result);
  });

  it('--fail-on-policy-violation reads the violations report for the watches and fails the gate (exit 1)', async () => {
    await startSim();
    const result = await scan(['--fail-on-policy-violation', '--watches', 'prod-watch']);
    expect(result.code).toBe(1);
    const reports = [...sim!.reports.values()];
    expect(reports.map((r) => r.kind).sort()).toEqual(['violations', 'vulnerabilities']);
    const violations = reports.find((r) => r.kind === 'violations')!;
    expect(violations.body.filters).toEqual({ watch_names: ['prod-watch'] });
    expect(violations.name).toMatch(/^sca-bridge_npm-local_main_[0-9TZ-]+_[0-9a-f]{6}_violations$/);
    // Both reports of a run share its random part.
    expect(violations.name).toBe(`${reports.find((r) => r.kind === 'vulnerabilities')!.name}_violations`);
    const summary = summaryOf(result);
    expect(summary.policyViolations).toBe(1);
    expect(summary.gate.result).toBe('failed');
    expect(sim!.deleted.sort()).toEqual([100, 101]);

    // Without the flag no violations report is made, and the gate passes.
    await sim!.stop();
    await startSim();
    const plain = await scan([]);
    expect(plain.code).toBe(0);
    expect([...sim!.reports.values()].map((r) => r.kind)).toEqual(['vulnerabilities']);
  });

  it("--watches leaves the violations to Xray: a row Xray matched to a watch counts, whatever its name's case", async () => {
    await startSim({
      watchNamesIgnoreCase: true,
      violations: { 'npm-local': VIOLATIONS.map((row) => ({ ...row, watch_name: 'Prod-Watch' })) },
    });
    const result = await scan(['--fail-on-policy-violation', '--watches', 'prod-watch']);
    expect(result.code).toBe(1);
    expect(summaryOf(result).policyViolations).toBe(VIOLATIONS.length);
    expect(result.stderr).not.toContain('count for the gate');
  });

  it('exit 3 on a refused token (401), without a report and without printing either token', async () => {
    // This server echoes the Authorization header it got into its 401 body.
    await startSim({ unauthorizedBody: (auth) => JSON.stringify({ error: `Found invalid token: ${auth}` }) });
    const receiver = new WebhookReceiver(0);
    const result = await scan(['--webhook-url', await receiver.start()], WRONG_TOKEN).finally(() =>
      receiver.stop(),
    );
    expect(result.code).toBe(3);
    // The webhook carries the error the echo is in, masked.
    const delivered = receiver.requests[0]?.body ?? '';
    expect(delivered).toContain('Found invalid token: ***');
    expect(delivered).not.toContain(WRONG_TOKEN);
    expect(result.stderr).toContain(
      `error: Checking the token against the Xray reports list (${sim!.url}/xray/api/v1/reports): JFrog refused the token (HTTP 401: Found invalid token: ***). The token is invalid, expired or revoked: create a new access token`,
    );
    expect(summaryOf(result).error!.exitCode).toBe(3);
    expect(sim!.reports.size).toBe(0);
    expectNoToken(result, WRONG_TOKEN);
  });

  it('exit 3 on a token without Manage Reports (403)', async () => {
    await startSim({ readOnlyToken: 'jfrog-e2e-READONLY-52b1e0c9' });
    const result = await scan([], 'jfrog-e2e-READONLY-52b1e0c9');
    expect(result.code).toBe(3);
    expect(summaryOf(result).error!.message).toBe(
      `Checking the token against the Xray reports list (${sim!.url}/xray/api/v1/reports): permission denied (HTTP 403: Forbidden: the user does not have the Manage Reports role): the token's user lacks a permission: it needs Xray Read on the repository npm-local (a permission target with Xray "Read") and the Manage Reports role (Administration → User Management → Roles / Permissions → Xray: Manage Reports).`,
    );
    expectNoToken(result, 'jfrog-e2e-READONLY-52b1e0c9');
  });

  it('exit 3 when Xray fails the report, with its error text; the report is deleted', async () => {
    await startSim({
      reportOutcome: { status: 'failed', error: 'Failed to scan 2 artifacts: index is stale' },
    });
    const result = await scan([]);
    expect(result.code).toBe(3);
    expect(summaryOf(result).error!.message).toBe(
      'Xray could not generate the vulnerabilities report 100 (status failed: Failed to scan 2 artifacts: index is stale). Check in Xray → Reports why it stopped; the repository must be indexed by Xray, and a report may be aborted when Xray restarts. Run the scan again once Xray is healthy.',
    );
    expect(sim!.calls('POST', CONTENT)).toEqual([]);
    expect(sim!.deleted).toEqual([100]);
  });

  it('exit 3 for a repository Xray does not know, pointing at repo-key and list-repos', async () => {
    await startSim();
    const result = await scan(['--repo-key', 'npm-locl']);
    expect(result.code).toBe(3);
    expect(summaryOf(result).error!.message).toBe(
      `Creating the Xray vulnerabilities report (${sim!.url}/xray/api/v1/reports/vulnerabilities): Xray refused the report for the repository "npm-locl" (HTTP 404: Repository npm-locl does not exist or is not indexed). Check repo-key: it is the repository key exactly as Artifactory spells it (\`sca-bridge list-repos\` prints the keys the token can see), and the repository must be indexed by Xray (Administration → Xray Settings → Indexed Resources).`,
    );
    expect(sim!.reports.size).toBe(0);
  });

  it('exit 3 when the report is not ready within timeout; the report is deleted', async () => {
    await startSim({ pollsUntilComplete: 10_000 });
    const result = await scan(['--timeout', '0.3', '--poll-interval', '0.05']);
    expect(result.code).toBe(3);
    expect(summaryOf(result).error!.message).toMatch(
      /^Xray's vulnerabilities report 100 was not ready within timeout \(0\.3 s; last status: running, 0%, 0 of 4 artifacts, 0 rows\)\. Raise timeout/,
    );
    expect(sim!.deleted).toEqual([100]);
  });

  it('an empty report passes with a warning that the repository must be indexed and watched', async () => {
    await startSim({ rows: { 'npm-local': [] } });
    // Go writes an empty list as null: a page of none.
    sim!.fail({
      method: 'POST',
      match: CONTENT_PAGE,
      status: 200,
      body: '{"total_rows":0,"rows":null}',
      times: 1,
    });
    const result = await scan(['--fail-on', 'any']);
    expect(result.code).toBe(0);
    expect(summaryOf(result).counts.total).toBe(0);
    expect(result.stderr).toContain(
      "warning: Xray's vulnerabilities report for npm-local is empty; repo-key names a local repository the token can see. It holds no rows: either the repository has no known vulnerabilities, or Xray has not scanned it. A repository is only in Xray's reports when it is indexed",
    );
    expect(sarifOf(result.sarifFile).runs[0]!.results).toEqual([]);
    expect(sim!.deleted).toEqual([100]);
  });

  it('exit 3, not a passed gate, when Xray makes an empty report for a virtual repository', async () => {
    // This Xray creates a report, empty, for a key it does not report on.
    await startSim({ unknownRepository: 'empty' });
    const result = await scan(['--repo-key', 'generic-virtual', '--fail-on', 'any']);
    expect(result.code).toBe(3);
    expect(summaryOf(result).error!.message).toBe(
      "Xray's vulnerabilities report for generic-virtual is empty: generic-virtual is a virtual repository, and Xray does not report on virtual repositories. Set repo-key to the local or remote repositories behind it (one scan each; `sca-bridge list-repos` (in the CLI) prints the repository keys the token can see, and names the virtual ones).",
    );
    expect(sim!.deleted).toEqual([100]);
    expect(sim!.calls('GET', /^\/artifactory\/api\/repositories$/)).toHaveLength(1);
    expectNoToken(result);
  });

  it('an empty report for a key the token does not list passes with a warning naming repo-key, list-repos and the count', async () => {
    // The list may lack a repository shared with the project, or one the token cannot read in Artifactory.
    await startSim({ unknownRepository: 'empty' });
    const result = await scan(['--repo-key', 'npm-locl', '--fail-on', 'any']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      "Xray's vulnerabilities report for npm-locl is empty, and repo-key npm-locl is not among the 4 repositories the token lists: check repo-key: it is the repository key exactly as Artifactory spells it (`sca-bridge list-repos` (in the CLI) prints the repository keys the token can see, and names the virtual ones).",
    );
    expect(sim!.deleted).toEqual([100]);
    expectNoToken(result);
  });

  it.each([
    ['a gateway timeout (504)', { status: 504, body: '<html><body>504 Gateway Time-out</body></html>' }],
    ['a dropped connection', { status: 200, body: '', abort: 'reset' as const }],
  ])(
    'a report whose creation lost its answer to %s is found by its name, read and deleted; it is created once',
    async (_, fault) => {
      await startSim();
      sim!.fail({
        method: 'POST',
        match: /^\/xray\/api\/v1\/reports\/vulnerabilities(\?|$)/,
        times: 1,
        lost: true,
        ...fault,
      });
      const result = await scan([]);
      expect(result.code).toBe(0);
      expect(summaryOf(result).counts.total).toBe(6);
      expect(sim!.calls('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/)).toHaveLength(1);
      const [report] = [...sim!.reports.values()];
      const lookup = sim!.calls('POST', /^\/xray\/api\/v1\/reports$/)[1]!;
      expect(JSON.parse(lookup.body)).toEqual({ filters: { name: report!.name } });
      expect(sim!.deleted).toEqual([100]);
      expect(result.stderr).toContain(
        `Xray created the report all the same: ${report!.name} is report 100, and the scan goes on with it.`,
      );
      expectNoToken(result);
    },
  );

  it('a report Xray lists only after the first lookup (still being created when the gateway gave up) is found by looking again, read and deleted', async () => {
    await startSim();
    sim!.fail({
      method: 'POST',
      match: /^\/xray\/api\/v1\/reports\/vulnerabilities(\?|$)/,
      status: 504,
      body: '<html><body>504 Gateway Time-out</body></html>',
      times: 1,
      lost: true,
      createAfterMs: 500,
    });
    const result = await scan([]);
    expect(result.code).toBe(0);
    expect(summaryOf(result).counts.total).toBe(6);
    expect(sim!.calls('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/)).toHaveLength(1);
    const [report] = [...sim!.reports.values()];
    // The access check's reports list, a lookup that finds nothing, and one 2 s later that finds the report.
    expect(sim!.calls('POST', /^\/xray\/api\/v1\/reports$/)).toHaveLength(3);
    expect(result.stderr).toContain(
      `Xray lists no report named ${report!.name} yet (look 1 of 5): it may still be creating it; looking again in`,
    );
    expect(result.stderr).toContain(
      `Xray created the report all the same: ${report!.name} is report 100, and the scan goes on with it.`,
    );
    expect(sim!.deleted).toEqual([100]);
    expectNoToken(result);
  });

  it('exit 3 when a creation lost its answer and Xray holds no such report: nothing is left, nothing created twice', async () => {
    await startSim();
    sim!.fail({
      method: 'POST',
      match: /^\/xray\/api\/v1\/reports\/vulnerabilities(\?|$)/,
      status: 502,
      body: 'Bad Gateway',
      times: 1,
    });
    // The timeout bounds the looks: at once and 2 s later.
    const result = await scan(['--timeout', '3']);
    expect(result.code).toBe(3);
    expect(summaryOf(result).error!.message).toMatch(
      /^Creating the Xray vulnerabilities report \(\S+\): the server failed \(HTTP 502: Bad Gateway\), and a report creation is never sent twice\. Xray lists no report named sca-bridge_npm-local_main_[0-9TZ-]+_[0-9a-f]{6} after 2 looks over 2 s, so it seems none was created/,
    );
    expect(sim!.calls('POST', /^\/xray\/api\/v1\/reports$/)).toHaveLength(3);
    expect(sim!.calls('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/)).toHaveLength(1);
    expect(sim!.reports.size).toBe(0);
  });

  it("exit 3 when the content holds no row of those the report's status counted, and the report is deleted", async () => {
    await startSim();
    sim!.fail({
      method: 'POST',
      match: CONTENT_PAGE,
      status: 200,
      body: '{"total_rows":0,"rows":[]}',
      times: Infinity,
    });
    const result = await scan(['--fail-on', 'high']);
    expect(result.code).toBe(3);
    expect(summaryOf(result).error?.message).toBe(
      "Xray's vulnerabilities report 100 counted 8 rows when it completed (number_of_rows) but its content holds none (total_rows 0). Run the scan again; if it persists, run it with keep-report: true, compare the report in Xray → Reports, and report it to JFrog support.",
    );
    expect(sim!.deleted).toEqual([100]);
  });

  it('reads again a page whose JSON came cut short in a complete answer', async () => {
    await startSim({ rows: { 'npm-local': generateRows(250, 'npm-local') } });
    sim!.fail({
      method: 'POST',
      match: /vulnerabilities\/100\?.*page_num=2&/,
      status: 200,
      body: '{"total_rows":250,"rows":[{"cves":[{"cve":"CVE-20',
      times: 1,
    });
    const result = await scan([]);
    expect(result.code).toBe(0);
    expect(summaryOf(result).counts.total).toBe(250);
    expect(sim!.calls('POST', CONTENT).filter((p) => p.query.page_num === '2')).toHaveLength(2);
    expect(result.stderr).toMatch(/sent JSON that is cut short \(.*; retrying in /);
    // The run-again advice is for a final error, not for a retry's log line.
    expect(result.stderr).not.toContain('Run the job again');
  });

  it('exit 3 at once on a page whose complete JSON is malformed (a NaN): reading it again would give the same', async () => {
    await startSim({ rows: { 'npm-local': generateRows(250, 'npm-local') } });
    sim!.fail({
      method: 'POST',
      match: /vulnerabilities\/100\?.*page_num=2&/,
      status: 200,
      body: '{"total_rows":250,"rows":[{"cvss3_max_score":NaN}]}',
      times: Infinity,
    });
    const result = await scan([]);
    expect(result.code).toBe(3);
    expect(sim!.calls('POST', CONTENT).filter((p) => p.query.page_num === '2')).toHaveLength(1);
    expect(summaryOf(result).error!.message).toMatch(
      /\/xray\/api\/v1\/reports\/vulnerabilities\/100 sent malformed JSON \(\d+ bytes; .+\): the answer is complete but is not valid JSON, so sca-bridge does not read it again\. Check that api-url points at the API/,
    );
    expect(result.stderr).not.toMatch(/cut short|retrying in/);
    expect(sim!.deleted).toEqual([100]);
    expectNoToken(result);
  });

  it('exit 3 on a 400 to a content page, naming the page and sort field asked for and the Xray version', async () => {
    await startSim();
    sim!.fail({
      method: 'POST',
      match: CONTENT_PAGE,
      status: 400,
      body: '{"error":"invalid order_by"}',
      times: Infinity,
    });
    const result = await scan([]);
    expect(result.code).toBe(3);
    expect(summaryOf(result).error!.message).toBe(
      `Reading page 1 of Xray vulnerabilities report 100 (${sim!.url}/xray/api/v1/reports/vulnerabilities/100): Xray refused page_num=1, num_of_rows=1000, order_by=vulnerable_component, direction=asc (HTTP 400: invalid order_by), though the report is completed and sca-bridge asks only with parameters Xray documents. Please report it to sca-bridge with your Xray version (3.131.25).`,
    );
    expect(sim!.calls('POST', CONTENT)).toHaveLength(1);
    expect(sim!.deleted).toEqual([100]);
  });
});

describe('sca-bridge test-connection and list-repos (Xray)', () => {
  const env = { SCA_BRIDGE_TOKEN: TOKEN };

  it('test-connection reports what it proved, and fails with exit 3 on a bad token', async () => {
    await startSim();
    const ok = await runCli(['test-connection', '--scanner', 'xray', '--api-url', sim!.url], {
      cwd: work,
      env,
    });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    expect(ok.stderr.trim().split('\n')).toEqual([
      `warning: The token is sent over plain http to ${sim!.url}; use https.`,
      `Reached Xray 3.131.25 (revision sim1) at ${sim!.url}: URL and TLS are fine.`,
      'The token is valid and may manage Xray reports: POST /xray/api/v1/reports answered (0 reports visible).',
      'Connection test passed. Not checked here: Xray Read on a particular repository, which the scan needs for its report (`sca-bridge list-repos` shows the repositories the token can see).',
    ]);
    expect(
      sim!.requests.map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query).toString()} ${r.body}`),
    ).toEqual([
      'GET /xray/api/v1/system/version? ',
      'POST /xray/api/v1/reports?direction=asc&page_num=1&num_of_rows=1&order_by=name {}',
    ]);

    // An Xray without the Reports API (older than 3.8): the version call answered, so api-url is right.
    sim!.options.version = '3.5.2';
    sim!.fail({
      method: 'POST',
      match: /^\/xray\/api\/v1\/reports(\?|$)/,
      status: 404,
      body: '404 page not found',
      times: 1,
    });
    const old = await runCli(['test-connection', '--scanner', 'xray', '--api-url', sim!.url], {
      cwd: work,
      env,
    });
    expect(old.code).toBe(3);
    expect(old.stderr).toContain(
      `error: Checking the token against the Xray reports list (${sim!.url}/xray/api/v1/reports): not found (HTTP 404: 404 page not found), though Xray 3.5.2 answered the version call at the same address, so api-url is right. sca-bridge reads Xray through its Reports API, which needs Xray 3.8 or later: ask your JFrog administrator to upgrade Xray.`,
    );

    const bad = await runCli(['test-connection', '--scanner', 'xray', '--api-url', `${sim!.url}/xray`], {
      cwd: work,
      env: { SCA_BRIDGE_TOKEN: WRONG_TOKEN },
    });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('JFrog refused the token (HTTP 401: Found invalid token)');
    expectNoToken(bad, WRONG_TOKEN);
  });

  it('list-repos prints the repository keys, sorted, one per line (or JSON)', async () => {
    await startSim();
    const lines = await runCli(['list-repos', '--api-url', sim!.url], { cwd: work, env });
    expect(lines.code).toBe(0);
    expect(lines.stdout).toBe('docker-remote\ngeneric-virtual\nlibs-release-local\nnpm-local\n');
    expect(lines.stderr).toContain(
      `4 repositories visible to the token at ${sim!.url} (2 local, 1 remote, 1 virtual).`,
    );
    expect(lines.stderr).toContain(
      'Xray does not report on virtual repositories (generic-virtual): give repo-key the local or remote repositories behind them.',
    );
    const json = await runCli(['list-repos', '--scanner', 'xray', '--api-url', sim!.url, '--json'], {
      cwd: work,
      env,
    });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      'docker-remote',
      'generic-virtual',
      'libs-release-local',
      'npm-local',
    ]);
    expectNoToken(lines);
    expectNoToken(json);

    const refused = await runCli(['list-repos', '--api-url', sim!.url], {
      cwd: work,
      env: { SCA_BRIDGE_TOKEN: WRONG_TOKEN },
    });
    expect(refused.code).toBe(3);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('JFrog refused the token (HTTP 401: Bad credentials)');
  });
});
