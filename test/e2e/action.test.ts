import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { INPUTS } from '../../src/action/run.js';
import { commandsActedOn, runAction } from '../helpers/action.js';
import { STALE_REPORT, tempDir } from '../helpers/cli.js';
import { expectSchemaValid, schemaErrors } from '../helpers/schemas.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { ArtifactServiceFake, RUNTIME_TOKEN, unzip } from '../sim/artifacts.js';
import { manyFindings as manyDtFindings, startDtSim } from '../sim/dependency-track.js';
import { GitHubFake } from '../sim/github.js';
import { LoopbackServer, sendJson } from '../sim/server.js';
import { startXraySim } from '../sim/xray.js';
import { WebhookReceiver } from '../sim/webhook.js';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/cli');

/** A workspace with a package.json and the Dependency-Track export of the CLI tests. */
function workspace(): string {
  const dir = tempDir('sca-bridge-action-');
  cpSync(path.join(FIXTURES, 'repo'), dir, { recursive: true });
  cpSync(path.join(FIXTURES, 'dt-fpf.json'), path.join(dir, 'findings.json'));
  return dir;
}

/** `count` findings of each severity given, all declared in the workspace's package.json. */
function manyFindings(dir: string, count: number, severities = ['CRITICAL', 'MEDIUM', 'LOW']): void {
  const names = severities.flatMap((s) =>
    Array.from({ length: count }, (_, i) => `${s.toLowerCase()}-pkg-${i}`),
  );
  const dependencies = Object.fromEntries(names.map((name) => [name, '1.0.0']));
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'big', dependencies }, null, 2));
  const findings = names.map((name, i) => ({
    component: { uuid: `c${i}`, name, version: '1.0.0', purl: `pkg:npm/${name}@1.0.0` },
    vulnerability: {
      uuid: `v${i}`,
      source: 'NVD',
      vulnId: `CVE-2024-${10000 + i}`,
      severity: name.split('-')[0]?.toUpperCase(),
      aliases: [],
    },
    analysis: { isSuppressed: false },
  }));
  writeFileSync(path.join(dir, 'many.json'), JSON.stringify(findings));
}

describe('action.yml', () => {
  const action = parseYaml(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };

  it('validates against the GitHub Action schema', () => {
    expectSchemaValid('github-action.json', action);
  });

  it('declares every input the Action reads and every output of the SPEC', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUTS].sort());
    expect(Object.keys(action.outputs).sort()).toEqual(
      [
        'sarif-file',
        'total',
        'critical',
        'high',
        'medium',
        'low',
        'info',
        'unknown',
        'suppressed',
        'policy-violations',
        'gate-result',
        'report-url',
        'sarif-id',
      ].sort(),
    );
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});

describe('the Action, run as the runner runs it', () => {
  let dir: string;
  beforeEach(() => {
    dir = workspace();
  });

  it('says in the log and the job summary what min-severity left out, which the counts alone hide', async () => {
    const run = await runAction(
      { 'import-file': 'findings.json', 'min-severity': 'high' },
      { workspace: dir },
    );
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ total: '2', medium: '0', low: '0' });
    const note = 'min-severity high left out 2 findings below high: no count, gate or report includes them.';
    expect(run.stdout).toContain(note);
    expect(run.summary).toContain(note);
  });

  it('says in the job summary what path patterns left out, as the log does', async () => {
    const run = await runAction(
      { 'import-file': 'findings.json', 'exclude-path-patterns': '**' },
      { workspace: dir },
    );
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ total: '0' });
    const note = /Path patterns left out (\d+) of \1 findings, every one that has a path/;
    expect(run.stdout).toMatch(note);
    expect(run.summary).toMatch(note);
  });

  it('imports, sets outputs, writes the job summary and annotates with file and line', async () => {
    const run = await runAction({ 'import-file': 'findings.json', 'fail-on': 'high' }, { workspace: dir });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({
      'sarif-file': 'sca-bridge.sarif',
      total: '4',
      critical: '1',
      high: '1',
      medium: '1',
      low: '1',
      info: '0',
      unknown: '0',
      suppressed: '1',
      'policy-violations': '0',
      'gate-result': 'failed',
      'report-url': 'https://dtrack.example.test/projects/0f6c2b7e-1111-4a5b-9c3d-2e4f5a6b7c8d',
    });
    const annotations = run.commands.filter(
      (c) => ['error', 'warning', 'notice'].includes(c.command) && c.properties.file,
    );
    expect(
      annotations.map((a) => [a.command, a.properties.file, a.properties.line, a.properties.title]),
    ).toEqual([
      ['error', 'package.json', '7', 'CVE-2021-44906 in minimist@1.2.5 (critical)'],
      ['error', 'package.json', '6', 'CVE-2021-23337 in lodash@4.17.20 (high)'],
      ['warning', 'package.json', '1', 'CVE-2021-3807 in ansi-regex@3.0.0 (medium)'],
      ['notice', 'package.json', '1', 'CVE-2017-16137 in debug@2.6.8 (low)'],
    ]);
    const failure = run.commands.filter((c) => c.command === 'error' && !c.properties.file);
    expect(failure.map((c) => c.message)).toEqual([
      'Gate failed: 2 findings of severity high or above (fail-on: high)',
    ]);
    expect(run.summary).toContain('## sca-bridge: ❌ Gate failed');
    expect(run.summary).toContain('| 🟥 critical | 1 |');
    expect(run.summary).toContain('pie showData title Findings by severity');
    expect(run.summary).toContain(
      '[package.json:6](https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/package.json#L6)',
    );
    expect(run.summary).toContain(
      '[CVE-2021-23337](https://nvd.nist.gov/vuln/detail/CVE-2021-23337) ([scanner](https://dtrack.example.test/vulnerabilities/NVD/CVE-2021-23337))',
    );
  });

  it('lists and annotates the most severe findings first across scanners, whatever the import order', async () => {
    manyFindings(dir, 30, ['LOW']);
    cpSync(path.join(FIXTURES, 'xray-report.json'), path.join(dir, 'xray.json'));
    const run = await runAction({ 'import-file': 'many.json\nxray.json' }, { workspace: dir });
    expect(run.code).toBe(0);
    const table = run.summary.slice(run.summary.indexOf('| Severity'));
    const log4j = table.indexOf('log4j-core@2.14.1');
    expect(log4j).toBeGreaterThan(0);
    expect(log4j).toBeLessThan(table.indexOf('Jinja2@2.11.2'));
    expect(table.indexOf('Jinja2@2.11.2')).toBeLessThan(table.indexOf('low-pkg-0@1.0.0'));
    const errors = run.commands.filter((c) => c.command === 'error' && c.properties.file);
    expect(errors.map((c) => c.properties.title)).toEqual([
      expect.stringContaining('in org.apache.logging.log4j:log4j-core@2.14.1 (critical)'),
    ]);
  });

  it('passes the step when the gate passes', async () => {
    const run = await runAction(
      { 'import-file': 'findings.json', 'job-summary': 'false', annotations: 'false' },
      { workspace: dir },
    );
    expect(run.code).toBe(0);
    expect(run.outputs['gate-result']).toBe('passed');
    expect(run.summary).toBe('');
    expect(run.commands.filter((c) => c.command === 'error' || c.command === 'notice')).toEqual([]);
  });

  it('keeps annotations within 10 of each kind, counting the gate failure, and says how many more exist', async () => {
    manyFindings(dir, 15);
    const run = await runAction({ 'import-file': 'many.json', 'fail-on': 'critical' }, { workspace: dir });
    expect(run.code).toBe(1);
    const count = (kind: string) => run.commands.filter((c) => c.command === kind).length;
    expect(count('error')).toBe(10);
    expect(count('warning')).toBe(10);
    expect(count('notice')).toBe(10);
    expect(run.summary).toContain('29 findings are annotated; 16 more are counted in the table above');
  });

  it("counts the step's own warnings against the 10 warnings it may print", async () => {
    manyFindings(dir, 15, ['MEDIUM']);
    // A webhook the server refuses (400, not retried) prints one warning of its own.
    const refusing = new LoopbackServer((_req, res) => sendJson(res, 400, { message: 'no' }));
    const url = await refusing.start();
    try {
      const run = await runAction({ 'import-file': 'many.json', 'webhook-url': url }, { workspace: dir });
      expect(run.code).toBe(0);
      const warnings = run.commands.filter((c) => c.command === 'warning');
      expect(warnings).toHaveLength(10);
      expect(warnings.filter((w) => w.message.includes('webhook'))).toHaveLength(1);
      expect(run.summary).toContain('9 findings are annotated; 6 more are counted');
    } finally {
      await refusing.stop();
    }
  });

  it("keeps a job's sca-bridge steps within GitHub's 50 annotations per job", async () => {
    manyFindings(dir, 15);
    const step = (env: Record<string, string> = {}) =>
      runAction({ 'import-file': 'many.json', 'fail-on': 'critical' }, { workspace: dir, env });
    const annotations = (run: Awaited<ReturnType<typeof step>>) =>
      run.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command)).length;
    const first = await step();
    expect(annotations(first)).toBe(30);
    expect(first.exported.SCA_BRIDGE_JOB_ANNOTATIONS).toBe('30');
    // The next step of the job (GitHub passes exported variables on) has 20 left, its gate failure included.
    const second = await step({
      SCA_BRIDGE_JOB_ANNOTATIONS: first.exported.SCA_BRIDGE_JOB_ANNOTATIONS ?? '',
    });
    expect(annotations(second)).toBe(20);
    expect(second.exported.SCA_BRIDGE_JOB_ANNOTATIONS).toBe('50');
    expect(second.summary).toContain('and 50 per job');
  });

  it('fails with exit 1 and a clear message on bad input, and sets no outputs', async () => {
    // An earlier run's SARIF: a refused run must not leave it looking like its own.
    writeFileSync(path.join(dir, 'sca-bridge.sarif'), STALE_REPORT);
    const run = await runAction({ 'import-file': 'findings.json', 'fail-on': 'severe' }, { workspace: dir });
    expect(run.code).toBe(1);
    expect(existsSync(path.join(dir, 'sca-bridge.sarif'))).toBe(false);
    expect(run.commands.find((c) => c.command === 'error')?.message).toContain('Input fail-on');
    // `gate-result` must not read `passed` for a run that did not finish.
    expect(run.outputs).toEqual({});
    expect(run.summary).toContain('⚠️ Run failed');
    expect(run.summary).toContain('No findings were counted');
  });

  it('keeps the file a refused run would read, though sarif-file names it', async () => {
    const before = readFileSync(path.join(dir, 'findings.json'), 'utf8');
    const run = await runAction(
      { 'import-file': 'findings.json', 'sarif-file': 'findings.json', 'fail-on': 'severe' },
      { workspace: dir },
    );
    expect(run.code).toBe(1);
    expect(run.commands.find((c) => c.command === 'warning')?.message).toContain(
      'Input sarif-file: findings.json is the import-file this run reads',
    );
    expect(readFileSync(path.join(dir, 'findings.json'), 'utf8')).toBe(before);
  });

  it('says that mode scan and import-file conflict, rather than ask for the scanner', async () => {
    const run = await runAction({ mode: 'scan', 'import-file': 'findings.json' }, { workspace: dir });
    expect(run.code).toBe(1);
    expect(run.commands.find((c) => c.command === 'error')?.message).toContain(
      'Inputs mode and import-file conflict',
    );
  });

  it('fails the step asking for a bug report when the run throws what it did not expect', async () => {
    // A preload makes node:crypto's `hash` throw in the middle of the run, as a programming error would.
    const preload = path.join(dir, 'bug.cjs');
    writeFileSync(
      preload,
      "require('node:crypto').hash = () => { throw new TypeError('simulated bug'); };\n",
    );
    const run = await runAction(
      { 'import-file': 'findings.json' },
      { workspace: dir, env: { NODE_OPTIONS: `--require ${preload}` } },
    );
    expect(run.code).toBe(1);
    const failure = run.commands.find((c) => c.command === 'error' && !c.properties.file);
    expect(failure?.message).toContain('internal error (a bug in sca-bridge, please report it at');
    expect(failure?.message).toContain('TypeError: simulated bug');
    expect(run.outputs).toEqual({});
  });

  it('masks the tokens before anything is printed', async () => {
    const run = await runAction(
      {
        'import-file': 'findings.json',
        token: 'dt-secret-0123456789',
        'github-token': 'ghs_secret0123456789',
      },
      { workspace: dir },
    );
    const masks = run.commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
    expect(masks).toEqual(expect.arrayContaining(['dt-secret-0123456789', 'ghs_secret0123456789']));
    const firstMask = run.stdout.indexOf('::add-mask::');
    expect(run.stdout.slice(0, firstMask)).toBe('');
    const unmasked = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(unmasked.join('\n')).not.toMatch(/dt-secret|ghs_secret/);
  });
});

describe('GitHub inputs a run could not use, refused before the scan', () => {
  const TOKEN = 'dt-key-0123456789';

  /** A scan of the simulator with the inputs given: refused, with the message, before any request. */
  async function refusedScan(inputs: Record<string, string>, env: Record<string, string> = {}) {
    const dt = await startDtSim({ apiKey: TOKEN });
    const receiver = new WebhookReceiver();
    try {
      const run = await runAction(
        {
          scanner: 'dependency-track',
          'api-url': dt.apiUrl,
          token: TOKEN,
          'project-name': 'shop',
          'webhook-url': await receiver.start(),
          ...inputs,
        },
        { workspace: workspace(), env },
      );
      expect(run.code).toBe(1);
      expect(dt.requests).toEqual([]);
      expect(run.outputs).toEqual({});
      expect(run.summary).toContain('⚠️ Run failed');
      // Exit code 2, bad input, in the run summary the webhook sends.
      expect(JSON.parse(receiver.requests[0]?.body ?? '{}')).toMatchObject({
        status: 'error',
        error: { exitCode: 2 },
      });
      const shown = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
      expect(shown.join('\n')).not.toContain(TOKEN);
      return run.commands.find((c) => c.command === 'error')?.message ?? '';
    } finally {
      await Promise.all([dt.close(), receiver.stop()]);
    }
  }

  it('an empty github-token with upload-sarif (a secret that is not set)', async () => {
    const message = await refusedScan({ 'upload-sarif': 'true', 'github-token': '' });
    expect(message).toContain('Input github-token: upload-sarif needs a token with security-events: write');
    expect(message).toContain(
      'Leave github-token out for the default github.token, or set upload-sarif: false.',
    );
  });

  it.each(['GITHUB_REPOSITORY', 'GITHUB_SHA', 'GITHUB_REF'])(
    'upload-sarif where the runner sets no %s',
    async (variable) => {
      const message = await refusedScan(
        { 'upload-sarif': 'true', 'github-token': 'ghs_token' },
        { [variable]: '' },
      );
      expect(message).toBe(
        `Input upload-sarif: the runner sets no ${variable}, so there is no repository, commit and ref to upload to; run the step in GitHub Actions, or set upload-sarif: false.`,
      );
    },
  );

  it.each([
    ['reports/sca', 'forward slash /', 'reports_sca'],
    ['a:b', 'colon :', 'a_b'],
  ])('an artifact-name GitHub refuses (%s)', async (name, what, fixed) => {
    const service = new ArtifactServiceFake();
    const resultsUrl = await service.start();
    try {
      const message = await refusedScan(
        { 'upload-artifact': 'true', 'artifact-name': name },
        { ACTIONS_RESULTS_URL: resultsUrl, ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN },
      );
      expect(message).toBe(
        `Input artifact-name: "${name}" holds ${what}, which GitHub's artifact names cannot hold; name it without (${fixed}), or leave it out for sca-bridge-<scanner>.`,
      );
      expect(service.requests).toEqual([]);
    } finally {
      await service.stop();
    }
  });
});

describe('upload-sarif', () => {
  let dir: string;
  let github: GitHubFake;
  let apiUrl: string;
  afterEach(async () => github.stop());

  async function start(options: ConstructorParameters<typeof GitHubFake>[0] = {}) {
    dir = workspace();
    github = new GitHubFake(options);
    apiUrl = await github.start();
  }

  const inputs = {
    'import-file': 'findings.json',
    'upload-sarif': 'true',
    'github-token': 'ghs_token',
    'include-suppressed': 'true',
    'poll-interval': '0.05',
  };

  it('uploads gzip+base64 SARIF for the commit and ref, waits for processing and outputs sarif-id', async () => {
    await start({ pendingPolls: 2 });
    const run = await runAction(inputs, { workspace: dir, env: { GITHUB_API_URL: apiUrl } });
    expect(run.code).toBe(0);
    expect(run.outputs['sarif-id']).toBe('sarif-47');
    const [upload] = github.uploads;
    expect(upload?.authorization).toBe('Bearer ghs_token');
    // The API version is sent, and not masked as if it were the token (a date in every log would vanish).
    expect(upload?.apiVersion).toBe('2022-11-28');
    expect(run.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)).not.toContain(
      '2022-11-28',
    );
    expect(upload?.body).toMatchObject({
      commit_sha: '0123456789abcdef0123456789abcdef01234567',
      ref: 'refs/heads/main',
      checkout_uri: `file://${dir}`,
    });
    // The suppressed finding stays in the SARIF file but never reaches code scanning.
    const written = JSON.parse(readFileSync(path.join(dir, 'sca-bridge.sarif'), 'utf8')) as Log;
    expect(written.runs[0]?.results).toHaveLength(5);
    expect(upload?.sarif.runs[0]?.results).toHaveLength(4);
    expect(upload?.sarif.runs[0]?.results?.some((r) => 'suppressions' in r)).toBe(false);
    expectSchemaValid('sarif-schema-2.1.0.json', upload?.sarif);
    expect(github.requests.filter((r) => r.method === 'GET')).toHaveLength(3);
  });

  it('with the checkout in a subfolder of the workspace (checkout path:), places and uploads from it', async () => {
    await start();
    // The workspace holds the checkout in `shop/`, as actions/checkout with `path: shop` leaves it.
    const checkout = path.join(dir, 'shop');
    mkdirSync(checkout);
    for (const file of readdirSync(dir).filter((f) => f !== 'shop'))
      renameSync(path.join(dir, file), path.join(checkout, file));
    execFileSync('git', ['init', '-q'], { cwd: checkout });
    const run = await runAction(
      { ...inputs, 'import-file': 'shop/findings.json', 'working-directory': 'shop' },
      { workspace: dir, env: { GITHUB_API_URL: apiUrl } },
    );
    expect(run.code, run.stdout).toBe(0);
    const [upload] = github.uploads;
    expect(upload?.body).toMatchObject({ checkout_uri: `file://${checkout}` });
    const uris = (upload?.sarif.runs[0]?.results ?? []).map(
      (r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
    );
    expect(uris.length).toBeGreaterThan(0);
    // Paths in the repository, not in the workspace: no `shop/` in front.
    expect(uris.filter((uri) => uri?.startsWith('shop/'))).toEqual([]);
    expect(uris).toContain('package.json');
  });

  it('files a pull request run under the merge ref and merge commit GitHub gives it', async () => {
    await start();
    const event = {
      pull_request: {
        number: 12,
        head: { repo: { full_name: 'acme/shop' } },
        base: { repo: { full_name: 'acme/shop' } },
      },
    };
    const mergeSha = 'fedcba9876543210fedcba9876543210fedcba98';
    const run = await runAction(inputs, {
      workspace: dir,
      env: {
        GITHUB_API_URL: apiUrl,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_REF: 'refs/pull/12/merge',
        GITHUB_SHA: mergeSha,
      },
      event,
    });
    expect(run.code).toBe(0);
    expect(github.uploads[0]?.body).toMatchObject({ ref: 'refs/pull/12/merge', commit_sha: mergeSha });
  });

  it("files a pull request run that checked out the pull request's head under that commit and refs/pull/N/head", async () => {
    await start();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir })
        .toString()
        .trim();
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'head');
    const head = git('rev-parse', 'HEAD');
    const mergeSha = 'fedcba9876543210fedcba9876543210fedcba98';
    const env = {
      GITHUB_API_URL: apiUrl,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/12/merge',
      GITHUB_SHA: mergeSha,
    };
    const event = (sha: string) => ({
      pull_request: {
        number: 12,
        head: { sha, repo: { full_name: 'acme/shop' } },
        base: { repo: { full_name: 'acme/shop' } },
      },
    });
    const receiver = new WebhookReceiver();
    const hook = await receiver.start();
    const atHead = await runAction(
      { ...inputs, 'webhook-url': hook },
      { workspace: dir, env, event: event(head) },
    );
    await receiver.stop();
    expect(atHead.code).toBe(0);
    expect(github.uploads[0]?.body).toMatchObject({ ref: 'refs/pull/12/head', commit_sha: head });
    // The run summary (here the webhook's body) names the same commit as the upload.
    expect(JSON.parse(receiver.requests[0]?.body ?? '{}')).toMatchObject({ run: { commit: head } });
    // The summary's links point at the lines as read, in that commit too.
    expect(atHead.summary).toContain(`/blob/${head}/`);
    expect(atHead.summary).not.toContain(`/blob/${mergeSha}/`);
    // A checkout of something else (GitHub's merge commit, here not in the repository) keeps GitHub's pair.
    expect((await runAction(inputs, { workspace: dir, env, event: event('0'.repeat(40)) })).code).toBe(0);
    expect(github.uploads[1]?.body).toMatchObject({ ref: 'refs/pull/12/merge', commit_sha: mergeSha });
  });

  it('files a pull_request_target run, fork or not, under the base branch and its commit', async () => {
    await start();
    const event = {
      pull_request: {
        number: 14,
        head: { repo: { full_name: 'mallory/shop' } },
        base: { repo: { full_name: 'acme/shop' } },
      },
    };
    const run = await runAction(inputs, {
      workspace: dir,
      env: { GITHUB_API_URL: apiUrl, GITHUB_EVENT_NAME: 'pull_request_target' },
      event,
    });
    expect(run.code).toBe(0);
    // The helper's GITHUB_REF and GITHUB_SHA: the base branch and its head, as GitHub sets them.
    expect(github.uploads[0]?.body).toMatchObject({
      ref: 'refs/heads/main',
      commit_sha: '0123456789abcdef0123456789abcdef01234567',
    });
  });

  it('skips the upload on a fork pull request, where the token is read-only, the fork deleted or not', async () => {
    await start();
    // A deleted fork's pull request comes with `head.repo: null`. Secrets are not passed to a fork's run, so a
    // github-token from one is empty there: the upload is skipped all the same, not refused.
    for (const [headRepo, token] of [
      [{ full_name: 'mallory/shop' }, 'ghs_token'],
      [null, ''],
    ] as const) {
      const event = {
        pull_request: { number: 13, head: { repo: headRepo }, base: { repo: { full_name: 'acme/shop' } } },
      };
      const run = await runAction(
        { ...inputs, 'github-token': token },
        {
          workspace: dir,
          env: {
            GITHUB_API_URL: apiUrl,
            GITHUB_EVENT_NAME: 'pull_request',
            GITHUB_REF: 'refs/pull/13/merge',
          },
          event,
        },
      );
      expect(run.code).toBe(0);
      expect(github.uploads).toHaveLength(0);
      expect(run.commands.find((c) => c.command === 'warning')?.message).toContain(
        'pull requests from forks run with a read-only token',
      );
    }
  });

  it('registers no part of a webhook URL as a mask for the whole job (its text would vanish from later logs)', async () => {
    await start();
    const receiver = new WebhookReceiver(0);
    const origin = new URL(await receiver.start()).origin;
    try {
      // Only what a receiver echoes is masked, in sca-bridge's own messages (the next test): a path such as
      // `/sca-bridge`, or `/` alone, masked for the job would blank that text in every later line and link.
      for (const url of [
        `${origin}/`,
        `${origin}/mytopic123`,
        `${origin}/in?source=sca-bridge&sig=S1GNATURE-value`,
      ]) {
        const run = await runAction(
          { 'import-file': 'findings.json', 'webhook-url': url },
          { workspace: dir },
        );
        expect(run.code).toBe(0);
        // The whole URL is masked (it never appears in ordinary text); no part of it is.
        const masks = run.commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
        expect(masks.filter((mask) => mask !== url)).toEqual([]);
        expect(run.stdout).toContain(`Webhook delivered to ${origin}.`);
        expect(run.summary).not.toContain('***');
      }
      expect(receiver.requests.map((r) => r.url)).toEqual([
        '/',
        '/mytopic123',
        '/in?source=sca-bridge&sig=S1GNATURE-value',
      ]);
    } finally {
      await receiver.stop();
    }
  });

  it('explains a 403: security-events: write or code scanning missing; the webhook says error', async () => {
    await start({ uploadStatus: 403 });
    const receiver = new WebhookReceiver(0);
    const url = await receiver.start();
    const service = new ArtifactServiceFake();
    const resultsUrl = await service.start();
    try {
      const run = await runAction(
        { ...inputs, 'webhook-url': url, 'upload-artifact': 'true' },
        {
          workspace: dir,
          env: {
            GITHUB_API_URL: apiUrl,
            ACTIONS_RESULTS_URL: resultsUrl,
            ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
          },
        },
      );
      expect(run.code).toBe(1);
      const message = run.commands
        .filter((c) => c.command === 'error')
        .map((c) => c.message)
        .join('\n');
      expect(message).toContain('security-events: write');
      // The outputs give the gate's verdict on the findings; the failed step is no clean pass elsewhere.
      expect(run.outputs).toMatchObject({ total: '4', 'gate-result': 'passed' });
      const body = JSON.parse(receiver.requests[0]?.body ?? '{}') as Record<string, unknown>;
      expect(schemaErrors('schemas/run-summary.schema.json', body)).toEqual([]);
      expect(body).toMatchObject({
        status: 'error',
        // An error never reads as a pass, whoever reads only the gate.
        gate: {
          result: 'failed',
          reasons: ['the run ended with an error after the gate was evaluated (the findings alone pass it)'],
        },
        counts: { total: 4 },
        error: { exitCode: 3, message: expect.stringContaining('upload-sarif: GitHub refused') as unknown },
      });
      expect(run.summary).toContain('⚠️ Run failed');
      expect(run.summary).toContain('upload-sarif: GitHub refused');
      expect(run.summary).toContain('| **total** | **4** |');
      // The artifact's summary is the run's, the error's: not the pass it was before the upload.
      const files = unzip(service.zips.get('sca-bridge-dependency-track') ?? Buffer.alloc(0));
      const saved = JSON.parse(files.get('sca-bridge-summary.json') ?? '{}') as Record<string, unknown>;
      expect(saved).toMatchObject({ status: 'error', gate: { result: 'failed' } });
    } finally {
      await Promise.all([receiver.stop(), service.stop()]);
    }
  });

  it('says the gate failed as well when the upload failed too', async () => {
    await start({ uploadStatus: 403 });
    const run = await runAction(
      { ...inputs, 'fail-on': 'any' },
      { workspace: dir, env: { GITHUB_API_URL: apiUrl } },
    );
    expect(run.code).toBe(1);
    const failed = run.commands.filter((c) => c.command === 'error').map((c) => c.message);
    expect(failed.join('\n')).toContain('Gate failed: 4 findings (fail-on: any)');
    expect(failed.join('\n')).toContain('security-events: write');
    expect(run.outputs).toMatchObject({ 'gate-result': 'failed' });
  });

  it('keeps the upload when its processing status cannot be read: a warning, sarif-id set', async () => {
    await start({ pollStatus: 404 });
    const run = await runAction(inputs, { workspace: dir, env: { GITHUB_API_URL: apiUrl } });
    expect(run.code).toBe(0);
    expect(github.uploads).toHaveLength(1);
    expect(run.outputs['sarif-id']).toBe('sarif-47');
    const warnings = run.commands.filter((c) => c.command === 'warning').map((c) => c.message);
    expect(warnings.join('\n')).toContain("Could not check code scanning's processing of SARIF sarif-47");
  });

  it('fails when code scanning cannot process the SARIF', async () => {
    await start({ finalState: 'failed' });
    const run = await runAction(inputs, { workspace: dir, env: { GITHUB_API_URL: apiUrl } });
    expect(run.code).toBe(1);
    expect(
      run.commands
        .filter((c) => c.command === 'error')
        .map((c) => c.message)
        .join('\n'),
    ).toContain('Code scanning could not process SARIF sarif-47: locationFromSarifResult');
    // GitHub has the upload: its id is how to look into what went wrong.
    expect(run.outputs['sarif-id']).toBe('sarif-47');
  });
});

describe('upload-artifact', () => {
  it("uploads SARIF, summary, findings and a scan's raw answers: every page of findings and violations", async () => {
    const project = '3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b';
    const findings = manyDtFindings(150);
    // A server that quotes the key back in a finding: the reports carry the text, never the key.
    (findings[0] as { vulnerability: Record<string, unknown> }).vulnerability.description =
      'seen with dt-key-0123456789';
    const dt = await startDtSim({
      apiKey: 'dt-key-0123456789',
      // 5.x pages findings (4.x lists them whole); a server that caps pages at 100 gives 150 findings two.
      version: '5.0.0',
      pageCap: 100,
      projects: [{ uuid: project, name: 'shop', version: 'main', findings }],
    });
    const dir = workspace();
    const service = new ArtifactServiceFake();
    const resultsUrl = await service.start();
    try {
      const run = await runAction(
        {
          scanner: 'dependency-track',
          'api-url': dt.apiUrl,
          token: 'dt-key-0123456789',
          project,
          'upload-artifact': 'true',
        },
        {
          workspace: dir,
          env: { ACTIONS_RESULTS_URL: resultsUrl, ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN },
        },
      );
      expect(run.code, run.stdout).toBe(0);
      const archive = service.archives.get('sca-bridge-dependency-track') ?? '';
      for (const file of [
        'sca-bridge.sarif',
        'sca-bridge-summary.json',
        'sca-bridge-findings.json',
        // 150 findings in pages of 100 (the server's cap), and the violations' one page.
        'raw-dependency-track-findings-page-1.json',
        'raw-dependency-track-findings-page-2.json',
        'raw-dependency-track-policy-violations-page-1.json',
      ])
        expect(archive).toContain(file);
      expect(archive).not.toContain('page-3');
      const files = unzip(service.zips.get('sca-bridge-dependency-track') ?? Buffer.alloc(0));
      expect(files.get('sca-bridge.sarif')).toContain('seen with ***');
      for (const [name, text] of files) expect(text, name).not.toContain('dt-key-0123456789');
      // Every finding, written one at a time: JSON that reads back whole, as many as the run counted.
      const [report, ...others] = JSON.parse(files.get('sca-bridge-findings.json') ?? '') as {
        scanner: string;
        findings: { id: string }[];
      }[];
      const summary = JSON.parse(files.get('sca-bridge-summary.json') ?? '') as { counts: { total: number } };
      expect(others).toEqual([]);
      expect(report?.scanner).toBe('dependency-track');
      expect(report?.findings).toHaveLength(summary.counts.total);
      const sarif = readFileSync(path.join(dir, 'sca-bridge.sarif'), 'utf8');
      expect(sarif).toContain('seen with ***');
      expect(sarif).not.toContain('dt-key-0123456789');
    } finally {
      await Promise.all([dt.close(), service.stop()]);
    }
  });

  it("uploads an export whose file name GitHub's artifacts refuse (report:2024.json) under a name they take", async () => {
    const dir = workspace();
    renameSync(path.join(dir, 'findings.json'), path.join(dir, 'report:2024.json'));
    const service = new ArtifactServiceFake();
    const resultsUrl = await service.start();
    try {
      const run = await runAction(
        { 'import-file': 'report:2024.json', 'upload-artifact': 'true' },
        { workspace: dir, env: { ACTIONS_RESULTS_URL: resultsUrl, ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN } },
      );
      expect(run.code).toBe(0);
      expect(run.commands.filter((c) => c.command === 'warning' && !c.properties.file)).toEqual([]);
      const files = unzip(service.zips.get('sca-bridge-dependency-track') ?? Buffer.alloc(0));
      expect([...files.keys()].sort()).toEqual([
        'raw-1-report_2024.json',
        'sca-bridge-findings.json',
        'sca-bridge-summary.json',
        'sca-bridge.sarif',
      ]);
    } finally {
      await service.stop();
    }
  });

  it("counts @actions/artifact's own warnings (GitHub Enterprise Server) against the step's 10 warnings", async () => {
    const dir = workspace();
    manyFindings(dir, 30, ['MEDIUM']);
    const service = new ArtifactServiceFake();
    const resultsUrl = await service.start();
    try {
      const run = await runAction(
        { 'import-file': 'many.json', 'upload-artifact': 'true' },
        {
          workspace: dir,
          env: {
            // @actions/artifact v2+ refuses GHES, with a warning of its own, before any request.
            GITHUB_SERVER_URL: 'https://ghes.example.com',
            ACTIONS_RESULTS_URL: resultsUrl,
            ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN,
          },
        },
      );
      expect(run.code).toBe(0);
      const warnings = run.commands.filter((c) => c.command === 'warning');
      expect(warnings).toHaveLength(10);
      expect(warnings.filter((w) => !w.properties.file).map((w) => w.message)).toEqual([
        expect.stringContaining('not currently supported on GHES'),
        expect.stringContaining('The workflow artifact could not be uploaded'),
      ]);
      expect(run.summary).toContain('8 findings are annotated; 22 more are counted');
      // The artifact was not uploaded: the summary does not send anyone to it.
      expect(run.summary).toContain('…and 5 more, counted above');
      expect(run.summary).toContain('the workflow artifact that would hold every one could not be uploaded');
      expect(service.requests).toEqual([]);
      expect(run.exported.SCA_BRIDGE_JOB_ANNOTATIONS).toBe('10');
    } finally {
      await service.stop();
    }
  });

  it('uploads, for a scan that ended in an error, its run summary and the pages it read, tokens masked', async () => {
    const project = '3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b';
    const key = 'dt-key-0123456789';
    const findings = manyDtFindings(150);
    // A server that quotes the key back in a page it serves: no file of the artifact may carry it.
    (findings[0] as { vulnerability: Record<string, unknown> }).vulnerability.description =
      `seen with ${key}`;
    const dt = await startDtSim({
      apiKey: key,
      version: '5.0.0',
      pageCap: 100,
      projects: [{ uuid: project, name: 'shop', version: 'main', findings }],
      // The violations fail after the findings were read, and the error quotes the key too.
      faults: [{ path: /violation/, status: 400, body: { message: `no violations for ${key}` }, times: 10 }],
    });
    const service = new ArtifactServiceFake();
    const resultsUrl = await service.start();
    try {
      const run = await runAction(
        {
          scanner: 'dependency-track',
          'api-url': dt.apiUrl,
          token: key,
          project,
          'upload-artifact': 'true',
        },
        {
          workspace: workspace(),
          env: { ACTIONS_RESULTS_URL: resultsUrl, ACTIONS_RUNTIME_TOKEN: RUNTIME_TOKEN },
        },
      );
      expect(run.code, run.stdout).toBe(1);
      expect(run.outputs).toEqual({});
      expect([...service.zips.keys()]).toEqual(['sca-bridge-dependency-track']);
      const files = unzip(service.zips.get('sca-bridge-dependency-track') ?? Buffer.alloc(0));
      expect([...files.keys()].sort()).toEqual([
        'raw-dependency-track-findings-page-1.json',
        'raw-dependency-track-findings-page-2.json',
        'sca-bridge-summary.json',
      ]);
      const summary = JSON.parse(files.get('sca-bridge-summary.json') ?? '{}') as Record<string, unknown>;
      expect(summary).toMatchObject({ status: 'error', sarifFile: null, error: { exitCode: 3 } });
      expect(files.get('raw-dependency-track-findings-page-1.json')).toContain('seen with ***');
      for (const text of files.values()) expect(text).not.toContain(key);
    } finally {
      await Promise.all([dt.close(), service.stop()]);
    }
  });

  it('says in the job summary, not only the log, that the artifact could not be uploaded; the results stand', async () => {
    const run = await runAction(
      { 'import-file': 'findings.json', 'upload-artifact': 'true' },
      // No ACTIONS_RUNTIME_TOKEN or ACTIONS_RESULTS_URL: the runner gave no artifact service.
      { workspace: workspace() },
    );
    expect(run.code).toBe(0);
    expect(run.commands.find((c) => c.command === 'warning')?.message).toContain(
      'The workflow artifact could not be uploaded',
    );
    expect(run.summary).toContain('> The workflow artifact could not be uploaded');
    expect(run.outputs['gate-result']).toBe('passed');
  });
});

describe('webhook', () => {
  let receiver: WebhookReceiver;
  afterEach(async () => receiver.stop());

  it('sends the signed run summary on gate failure, retrying a 502', async () => {
    receiver = new WebhookReceiver(1);
    const url = `${await receiver.start()}/hooks/sca`;
    const run = await runAction(
      {
        'import-file': 'findings.json',
        'fail-on': 'critical',
        'webhook-url': url,
        'webhook-secret': 'shh-0123456789',
      },
      { workspace: workspace() },
    );
    expect(run.code).toBe(1);
    expect(receiver.requests).toHaveLength(2);
    const delivery = receiver.requests[1];
    expect(delivery?.url).toBe('/hooks/sca');
    expect(delivery?.headers['x-sca-bridge-event']).toBe('sca-bridge.scan.completed');
    expect(delivery?.headers['x-sca-bridge-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivery?.headers['user-agent']).toMatch(/^sca-bridge\//);
    expect(
      WebhookReceiver.signedWith(
        'shh-0123456789',
        delivery?.body ?? '',
        delivery?.headers['x-sca-bridge-signature-256'],
      ),
    ).toBe(true);
    const body = JSON.parse(delivery?.body ?? '{}') as Record<string, unknown>;
    expect(schemaErrors('schemas/run-summary.schema.json', body)).toEqual([]);
    expect(body).toMatchObject({
      event: 'sca-bridge.scan.completed',
      status: 'failed',
      scanner: 'dependency-track',
      run: { provider: 'github', repository: 'acme/shop' },
    });
    expect(delivery?.body).not.toContain('shh-0123456789');
  });

  it.each([
    ['`::` at the start of a line', 'busy\n::error title=PWN::injected\n::add-mask::main'],
    // .NET's TrimStart, which the runner applies before it looks for `::`, strips U+0085; JavaScript's \s lacks it.
    [
      '`::` after U+0085, which the runner takes for whitespace',
      'busy\n\u0085::error title=PWN::injected\n\u0085::add-mask::main',
    ],
    ['the older `##[…]` form anywhere in a line', 'busy ##[add-mask]main and ##[error]PWN'],
  ])("prints a server's text holding workflow commands (%s) with commands stopped", async (_, body) => {
    receiver = new WebhookReceiver(1, body);
    const run = await runAction(
      { 'import-file': 'findings.json', 'webhook-url': await receiver.start() },
      { workspace: workspace() },
    );
    expect(run.code).toBe(0);
    expect(receiver.requests).toHaveLength(2);
    expect(run.stdout).toContain('PWN');
    const acted = commandsActedOn(run.stdout);
    expect(acted.filter((line) => /PWN|add-mask(\]|::)main/.test(line))).toEqual([]);
  });

  it('sends status error when the inputs are refused, unless the webhook inputs are what is wrong', async () => {
    receiver = new WebhookReceiver();
    const url = await receiver.start();
    const refused = await runAction(
      {
        'import-file': 'findings.json',
        'fail-on': 'hihg',
        'webhook-url': url,
        'webhook-secret': 'shh-0123456789',
      },
      { workspace: workspace() },
    );
    expect(refused.code).toBe(1);
    const [delivery] = receiver.requests;
    const body = JSON.parse(delivery?.body ?? '{}') as Record<string, unknown>;
    expect(schemaErrors('schemas/run-summary.schema.json', body)).toEqual([]);
    // The mode and the gate it was asked for, as given.
    expect(body).toMatchObject({
      status: 'error',
      mode: 'import',
      gate: { failOn: 'hihg' },
      error: { exitCode: 2 },
    });
    expect(JSON.stringify(body.error)).toContain('Input fail-on');
    expect(
      WebhookReceiver.signedWith(
        'shh-0123456789',
        delivery?.body ?? '',
        delivery?.headers['x-sca-bridge-signature-256'],
      ),
    ).toBe(true);
    // A webhook URL that is itself refused is not guessed at.
    const unsent = await runAction(
      { 'import-file': 'findings.json', 'fail-on': 'hihg', 'webhook-url': 'hooks.example.com/x' },
      { workspace: workspace() },
    );
    expect(unsent.code).toBe(1);
    expect(receiver.requests).toHaveLength(1);
  });

  it('sends status error when the run fails, and a dead webhook is only a warning', async () => {
    receiver = new WebhookReceiver();
    const url = await receiver.start();
    const errored = await runAction(
      { 'import-file': 'missing.json', 'webhook-url': url },
      { workspace: workspace() },
    );
    expect(errored.code).toBe(1);
    expect(JSON.parse(receiver.requests[0]?.body ?? '{}')).toMatchObject({
      status: 'error',
      error: { exitCode: 2 },
    });

    const dead = await runAction(
      { 'import-file': 'findings.json', 'webhook-url': 'http://127.0.0.1:9/hook' },
      { workspace: workspace() },
    );
    expect(dead.code).toBe(0);
    const warnings = dead.commands
      .filter((c) => c.command === 'warning' && !c.properties.file)
      .map((c) => c.message);
    expect(warnings).toEqual([expect.stringContaining('The webhook to http://127.0.0.1:9 failed')]);
    // One full stop between the failure and what it means.
    expect(warnings[0]).toMatch(/server is running\. The scan result itself is unaffected\.$/);
    expect(dead.outputs.total).toBe('4');
  });
});

describe('test-connection', () => {
  let receiver: WebhookReceiver | undefined;
  afterEach(async () => {
    await receiver?.stop();
    receiver = undefined;
  });

  it('reports nothing but the failed step when the connection fails: no summary, outputs or webhook', async () => {
    receiver = new WebhookReceiver();
    const webhook = await receiver.start();
    const dt = await startDtSim({ apiKey: 'the-right-key-0123456789' });
    const run = await runAction(
      {
        mode: 'test-connection',
        scanner: 'dependency-track',
        'api-url': dt.apiUrl,
        token: 'a-wrong-key-0123456789',
        'webhook-url': webhook,
      },
      { workspace: workspace() },
    ).finally(() => dt.close());
    expect(run.code).toBe(1);
    expect(run.commands.find((c) => c.command === 'error')?.message).toContain('401');
    expect(run.summary).toBe('');
    expect(run.outputs).toEqual({});
    expect(receiver.requests).toEqual([]);
  });

  it('warns of the inputs a connection test does not read, given as other than their defaults', async () => {
    // Every input as the runner sets it: action.yml's default, empty when it has none.
    const { inputs } = parseYaml(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, { default?: string }>;
    };
    const defaults = Object.fromEntries(
      Object.entries(inputs).map(([name, input]) => [name, input.default ?? '']),
    );
    const test = async (given: Record<string, string>) => {
      const dt = await startDtSim({ apiKey: 'the-right-key-0123456789' });
      const run = await runAction(
        {
          ...defaults,
          'github-token': 'ghs_job-token',
          mode: 'test-connection',
          scanner: 'dependency-track',
          'api-url': dt.apiUrl,
          token: 'the-right-key-0123456789',
          ...given,
        },
        { workspace: workspace() },
      ).finally(() => dt.close());
      expect(run.code).toBe(0);
      // The other warning is the plain-http one of the simulator's address.
      return run.commands
        .filter((c) => c.command === 'warning' && !c.message.includes('plain http'))
        .map((c) => c.message);
    };
    expect(await test({})).toEqual([]);
    // A default in another case is still the default; an input the test reads (timeout) is no warning.
    const warnings = await test({
      'fail-on': 'critical',
      'import-file': 'findings.json',
      'job-summary': 'True',
      timeout: '30',
    });
    expect(warnings).toEqual([
      'mode test-connection tests the connection only, and writes, gates and sends nothing: import-file, fail-on are not read. Use mode scan or import for a run that reads them.',
    ]);
  });
});

describe('a runner that lacks a file GitHub gives, or inputs that come out empty', () => {
  it("counts the warning of a job summary it cannot write within the step's 10 warnings", async () => {
    const dir = workspace();
    manyFindings(dir, 15, ['MEDIUM']);
    // A file not made yet, in a folder that exists, is made: @actions/core writes only to a file that exists.
    const notMade = path.join(dir, 'summary-not-made.md');
    const made = await runAction(
      { 'import-file': 'many.json' },
      { workspace: dir, env: { GITHUB_STEP_SUMMARY: notMade } },
    );
    expect(made.stdout).not.toContain('The job summary could not be written');
    expect(readFileSync(notMade, 'utf8')).toContain('sca-bridge');
    for (const summaryFile of ['', path.join(dir, 'no-such-folder', 'summary.md')]) {
      const run = await runAction(
        { 'import-file': 'many.json' },
        { workspace: dir, env: { GITHUB_STEP_SUMMARY: summaryFile } },
      );
      expect(run.code).toBe(0);
      const warnings = run.commands.filter((c) => c.command === 'warning').map((c) => c.message);
      expect(warnings).toHaveLength(10);
      expect(warnings[0]).toContain('The job summary could not be written');
      expect(Number(run.exported.SCA_BRIDGE_JOB_ANNOTATIONS)).toBe(10);
    }
  });

  it('passes a run whose GITHUB_ENV cannot be written (the annotation count is bookkeeping)', async () => {
    const run = await runAction(
      { 'import-file': 'findings.json' },
      { workspace: workspace(), env: { GITHUB_ENV: '/nonexistent/env' } },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('internal error');
    expect(run.stdout).toContain("The job's annotation count could not be kept in GITHUB_ENV");
    expect(run.outputs['gate-result']).toBe('passed');
  });

  it('fails the step, not as a bug, when its outputs cannot be written', async () => {
    const run = await runAction(
      { 'import-file': 'findings.json' },
      { workspace: workspace(), env: { GITHUB_OUTPUT: '/nonexistent/output' } },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('internal error');
    const [failure] = run.commands.filter((c) => c.command === 'error' && !c.properties.file);
    expect(failure?.message).toContain("The step's outputs could not be written (GITHUB_OUTPUT)");
  });

  it('says why a scan was chosen when no scan input was given either (an import-file that came out empty)', async () => {
    // The runner sets every input action.yml declares, empty when not given: an empty import-file is no import.
    const run = await runAction(
      { mode: '', 'import-file': '', scanner: '', 'api-url': '' },
      { workspace: workspace() },
    );
    expect(run.code).toBe(1);
    const [failure] = run.commands.filter((c) => c.command === 'error');
    expect(failure?.message).toContain('Input scanner: set dependency-track or xray.');
    expect(failure?.message).toContain(
      'With mode and import-file empty, the Action scans; to import, check that import-file has a value.',
    );
    // A scan input given: the refusal is the scan's alone.
    const scan = await runAction(
      { mode: '', 'import-file': '', scanner: 'xray', 'api-url': '' },
      { workspace: workspace() },
    );
    expect(scan.code).toBe(1);
    expect(scan.stdout).not.toContain('With mode and import-file empty');
  });

  it('keeps job-summary: false when another input is refused', async () => {
    const run = await runAction(
      { 'import-file': 'findings.json', 'fail-on': 'hihg', 'job-summary': 'false' },
      { workspace: workspace() },
    );
    expect(run.code).toBe(1);
    expect(run.summary).toBe('');
    const written = await runAction(
      { 'import-file': 'findings.json', 'fail-on': 'hihg' },
      { workspace: workspace() },
    );
    expect(written.summary).toContain('Run failed');
  });

  it("counts a failed connection test's annotations for the job", async () => {
    const dt = await startDtSim({ apiKey: 'the-right-key-0123456789' });
    const run = await runAction(
      {
        mode: 'test-connection',
        scanner: 'dependency-track',
        'api-url': dt.apiUrl,
        token: 'a-wrong-key-0123456789',
      },
      { workspace: workspace(), env: { SCA_BRIDGE_JOB_ANNOTATIONS: '5' } },
    ).finally(() => dt.close());
    expect(run.code).toBe(1);
    const printed = run.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command)).length;
    expect(printed).toBeGreaterThan(0);
    expect(Number(run.exported.SCA_BRIDGE_JOB_ANNOTATIONS)).toBe(5 + printed);
  });
});

describe('a connection test against a server whose text holds workflow commands', () => {
  it("prints the server's team name with workflow commands stopped, whatever whitespace leads them", async () => {
    const dt = await startDtSim({
      apiKey: 'the-right-key-0123456789',
      // U+0085: whitespace to .NET's TrimStart, which the runner applies before it looks for `::`, not to \s.
      teamName: 'ops\n\u0085::add-mask::main\n\u0085::error title=PWN::injected',
    });
    const run = await runAction(
      {
        mode: 'test-connection',
        scanner: 'dependency-track',
        'api-url': dt.apiUrl,
        token: 'the-right-key-0123456789',
      },
      { workspace: workspace() },
    ).finally(() => dt.close());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('accepts the API key (team "ops');
    expect(commandsActedOn(run.stdout).filter((line) => /PWN|add-mask::main/.test(line))).toEqual([]);
  });
});

describe('a token a server echoes back', () => {
  it('reaches no log line, output, job summary or webhook body of the Action', async () => {
    const token = 'jfrog-action-ECHOED-5d1c07e9b2';
    const xray = await startXraySim({
      token: 'the-right-token-0123456789',
      unauthorizedBody: (auth) => JSON.stringify({ error: `Found invalid token: ${auth}` }),
    });
    const receiver = new WebhookReceiver(0);
    const webhook = await receiver.start();
    try {
      const run = await runAction(
        { scanner: 'xray', 'api-url': xray.url, token, 'repo-key': 'npm-local', 'webhook-url': webhook },
        { workspace: workspace() },
      );
      expect(run.code).toBe(1);
      expect(receiver.requests[0]?.body).toContain('Found invalid token: ***');
      expect(run.summary).toContain('Found invalid token: ***');
      const unmasked = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
      for (const text of [
        unmasked.join('\n'),
        run.summary,
        receiver.requests[0]?.body ?? '',
        JSON.stringify(run.outputs),
      ])
        expect(text).not.toContain(token);
    } finally {
      await Promise.all([xray.stop(), receiver.stop()]);
    }
  });
});

describe('webhook URLs with a secret path', () => {
  let receiver: WebhookReceiver;
  afterEach(async () => receiver.stop());

  it('never prints the path of a webhook that fails (chat webhooks carry their token there)', async () => {
    receiver = new WebhookReceiver(10);
    const url = `${await receiver.start()}/services/T000/B000/SECRETPATHTOKEN`;
    const run = await runAction(
      { 'import-file': 'findings.json', 'webhook-url': url },
      { workspace: workspace() },
    );
    expect(run.code).toBe(0);
    expect(receiver.requests.map((r) => r.url)).toEqual(Array(3).fill('/services/T000/B000/SECRETPATHTOKEN'));
    expect(run.stdout).toContain(`The webhook to ${new URL(url).origin} failed`);
    // `::add-mask::` is the runner's instruction to mask the URL, never shown.
    const shown = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
    expect(shown.join('\n')).not.toContain('SECRETPATHTOKEN');
    expect(run.summary).not.toContain('SECRETPATHTOKEN');
  });
});

describe('a webhook receiver that echoes the path', () => {
  it('masks the path, or a credential of the query, that a receiver echoes in its refusal', async () => {
    const echoing = new LoopbackServer((req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      const sig = new URL(req.url, 'http://receiver').searchParams.get('sig');
      res.end(sig ? `bad signature ${sig}` : `<pre>Cannot POST ${req.url}</pre>`);
    });
    const origin = await echoing.start();
    try {
      for (const [url, shownAs, secret] of [
        [`${origin}/hooks/ECHOEDPATHTOKEN0123`, 'Cannot POST ***', 'ECHOEDPATHTOKEN0123'],
        [`${origin}/hook?api-version=1&sig=S1GNATURE-value`, 'bad signature ***', 'S1GNATURE-value'],
      ] as const) {
        const run = await runAction(
          { 'import-file': 'findings.json', 'webhook-url': url },
          { workspace: workspace() },
        );
        const shown = run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::'));
        expect(shown.join('\n')).toContain(shownAs);
        expect(shown.join('\n')).not.toContain(secret);
        expect(run.summary).not.toContain(secret);
      }
    } finally {
      await echoing.stop();
    }
  });
});

describe('a webhook URL whose path is ordinary text', () => {
  it('does not mask the path for the whole job, which would blank it in the summary links and later logs', async () => {
    const receiver = new WebhookReceiver();
    const url = `${await receiver.start()}/sca-bridge`;
    try {
      const run = await runAction(
        { 'import-file': 'findings.json', 'webhook-url': url },
        { workspace: workspace(), env: { GITHUB_REPOSITORY: 'acme/sca-bridge-demo' } },
      );
      expect(run.code).toBe(0);
      expect(receiver.requests.map((r) => r.url)).toEqual(['/sca-bridge']);
      const masks = run.commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
      expect(masks.filter((mask) => mask !== url)).toEqual([]);
      expect(run.summary).toContain('https://github.com/acme/sca-bridge-demo/blob/');
      expect(run.summary).not.toContain('***');
    } finally {
      await receiver.stop();
    }
  });
});

describe('@github/local-action', () => {
  it('runs the Action from source with an .env of inputs', async () => {
    const { execFile } = await import('node:child_process');
    const dir = workspace();
    const env = path.join(dir, '.env');
    const summary = path.join(dir, 'summary.md');
    writeFileSync(
      env,
      [
        `INPUT_IMPORT-FILE=${path.join(dir, 'findings.json')}`,
        'INPUT_FAIL-ON=high',
        // Run from the repository's folder: the SARIF goes to the workspace, not over a report of the repository's own.
        `INPUT_SARIF-FILE=${path.join(dir, 'sca-bridge.sarif')}`,
        `GITHUB_WORKSPACE=${dir}`,
        `GITHUB_STEP_SUMMARY=${summary}`,
      ].join('\n'),
    );
    // local-action starts `npm exec tsx`, which finds tsx only from the repository's own folder.
    const bin = path.join(REPO_ROOT, 'node_modules/.bin/local-action');
    const output = await new Promise<string>((resolve) => {
      execFile(
        bin,
        ['run', REPO_ROOT, 'src/action/run.ts', env],
        { cwd: REPO_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME } },
        (_error, stdout, stderr) => resolve(stdout + stderr),
      );
    });
    expect(output).toMatch(/'gate-result'\s*│\s*'failed'/);
    expect(output).toContain(
      '::error title=CVE-2021-23337 in lodash@4.17.20 (high),file=package.json,line=6',
    );
    expect(readFileSync(summary, 'utf8')).toContain('## sca-bridge: ❌ Gate failed');
  });
});
