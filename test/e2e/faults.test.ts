/**
 * Faults against the simulators (issue 8, "Scale and hardening"): connection resets mid-body, truncated JSON,
 * 5xx storms past the retry budget, a 429 asking for longer than sca-bridge waits, server-side processing
 * that never ends. Every run of the built CLI must end the same way: exit 3; a message that says what
 * happened and what to do; the webhook told `status: "error"` with `error.exitCode: 3`; no SARIF or GitLab
 * report that could pass for this run's result (stale copies are put in place first and must be gone); and
 * every Xray report the run created deleted.
 *
 * Retry backoffs are real time (1 s, 2 s, 4 s, each ±25 %): the tests run concurrently, and the slow ones are
 * declared first so that they start together. The whole file takes about as long as its slowest test.
 */
import { runSummaryOf } from '../helpers/schemas.js';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, defaultFlags, runCli, STALE_REPORT, tempDir } from '../helpers/cli.js';
import {
  type DtSim,
  type DtSimOptions,
  fixturePath,
  manyFindings,
  startDtSim,
} from '../sim/dependency-track.js';
import { WebhookReceiver } from '../sim/webhook.js';
import {
  fixture,
  generateRows,
  type Row,
  type XraySim,
  type XraySimOptions,
  startXraySim,
} from '../sim/xray.js';

const DT_TOKEN = 'odt_FAULTS_Zq8xW3vR7tY1uI5oP9aS2dF6gH0jK4lM';
const XRAY_TOKEN = 'jfrog-faults-TOKEN-5d1e9a0b7c3f';
const EXISTING = '3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b';
const FINDINGS = `/api/v1/finding/project/${EXISTING}`;
const VIOLATIONS = `/api/v1/violation/project/${EXISTING}`;
const READING_FINDINGS = 'reading the findings of "shop-web" version "1.0.0"';
const READING_VIOLATIONS = 'reading the policy violations of "shop-web" version "1.0.0"';
/** Page `n` of a vulnerabilities report's content, as `path?query` (the Xray simulator's fault target). */
const page = (n: number) => new RegExp(`^/xray/api/v1/reports/vulnerabilities/\\d+\\?.*page_num=${n}&`);
const CONTENT = /^\/xray\/api\/v1\/reports\/vulnerabilities\/\d+$/;
const STATUS = /^\/xray\/api\/v1\/reports\/\d+$/;

/** The start of a report page or a findings list, where a connection dropped mid-body cuts it. */
const PARTIAL_PAGE = '{"total_rows":3,"rows":[{"cves":[{"cve":"CVE-20';
const PARTIAL_FINDINGS = '[{"component":{"uuid":"c1000000-0000-4000-8000-000000000001","name":"pkg-0';

// What a message must say. Loose on wording, strict on content.
/** What happened: the connection went away before the answer was complete. */
const DROPPED = /connection\b.*\b(?:reset|closed)\b/i;
/** What happened: the answer arrived whole at the HTTP level, but its JSON ends early. */
const CUT_SHORT = /\b(?:cut short|incomplete|truncated|ends? early|ended early)\b/i;
/** What to do when the fault may pass: run again, or try later. */
const RUN_AGAIN = /\brun (?:the (?:job|scan) )?again\b|\btry again\b/i;
/** What happened: the server stopped answering, or did not answer in time. */
const NO_ANSWER = /\b(?:did not answer in time|stopped answering|timed out)\b/i;

/**
 * A bound that only a hang exceeds. Timing is no test here: how long a run takes on a loaded 2-core runner
 * says nothing; what it did (polls, retries, messages, deletions) does.
 */
const HANG_MS = 30_000;
/**
 * Node's timers count from the event loop's cached clock, so a wait may end a few milliseconds before the
 * wall clock says it should: the slack a lower bound on a wait allows (a wait not done at all is far below).
 */
const TIMER_SLACK_MS = 100;

/**
 * The `Retry-After` (seconds) of the answers to a retried call's attempts 1, 2 and 3: the first two above the
 * backoff the client would wait otherwise (1 s and 2 s, each ±25 %), so a client that ignored them retries
 * too early; the third, the last wait, short, to keep the test's time near that of the backoff tests.
 */
const RETRY_AFTER_S = [3, 3, 1] as const;

/** Each retry waited at least the Retry-After its answer gave. */
function expectGapsHonour(gaps: readonly number[]): void {
  expect(gaps).toHaveLength(RETRY_AFTER_S.length);
  gaps.forEach((gap, i) =>
    expect(gap, `the wait before retry ${i + 1}`).toBeGreaterThanOrEqual(
      RETRY_AFTER_S[i]! * 1000 - TIMER_SLACK_MS,
    ),
  );
}

/** For each answer but the last, the time from that answer leaving the simulator to the next request arriving. */
function gapsAfterAnswers(requests: readonly { start: number; end: number }[]): number[] {
  return requests.slice(1).map((next, i) => next.start - requests[i]!.end);
}

interface Summary {
  status: string;
  sarifFile: string | null;
  error?: { message: string; exitCode: number };
}

interface FaultRun {
  result: CliResult;
  summary: Summary;
  /** The run's error message, as the summary (and the webhook) give it. */
  message: string;
  /** The webhook's body, as received. */
  webhookBody: string;
  /** Wall-clock time of the CLI process. */
  elapsedMs: number;
  /** "retrying in" lines in the log: retries actually waited for. */
  retries: number;
}

/**
 * Runs `sca-bridge scan --json` with SARIF, both GitLab reports and a webhook, over stale outputs of an
 * "earlier run", and checks what every failed run guarantees.
 */
async function failingRun(
  args: string[],
  token: string,
  setup?: (work: string) => void,
  onStart?: (child: ChildProcess) => void,
): Promise<FaultRun> {
  const work = tempDir('sca-bridge-faults-');
  setup?.(work);
  const outputs = ['out.sarif', 'gl-dependency-scanning-report.json', 'gl-code-quality-report.json'].map(
    (name) => path.join(work, name),
  );
  for (const file of outputs) writeFileSync(file, STALE_REPORT);
  const receiver = new WebhookReceiver();
  const webhookUrl = await receiver.start();
  const started = performance.now();
  let result: CliResult;
  try {
    result = await runCli(
      [
        'scan',
        ...args,
        '--branch',
        'main',
        '--working-directory',
        work,
        '--sarif-file',
        outputs[0]!,
        '--gitlab-dependency-report',
        outputs[1]!,
        '--gitlab-codequality-report',
        outputs[2]!,
        '--webhook-url',
        `${webhookUrl}/hooks/sca`,
        '--json',
      ],
      { cwd: work, env: { SCA_BRIDGE_TOKEN: token }, ...(onStart ? { onStart } : {}) },
    );
  } finally {
    await receiver.stop();
  }
  const elapsedMs = performance.now() - started;

  expect(result.code, result.stderr).toBe(3);
  const summary = runSummaryOf<Summary>(result.stdout);
  expect(summary).toMatchObject({ status: 'error', sarifFile: null, error: { exitCode: 3 } });
  const message = summary.error!.message;
  expect(result.stderr).toContain(`error: ${message}`);
  // The webhook was told, once, with the same error.
  expect(receiver.requests).toHaveLength(1);
  const delivery = receiver.requests[0]!;
  expect(delivery).toMatchObject({ method: 'POST', url: '/hooks/sca' });
  // The run summary of SPEC §4 plus `event`, valid against the summary's schema.
  expect(runSummaryOf(delivery.body)).toMatchObject({
    event: 'sca-bridge.scan.completed',
    status: 'error',
    sarifFile: null,
    gate: { result: 'failed' },
    error: { exitCode: 3, message },
  });
  // Nothing an earlier run wrote is left to pass for this run's result, and this run wrote nothing.
  for (const file of outputs) expect(existsSync(file), file).toBe(false);
  for (const text of [result.stdout, result.stderr, delivery.body]) expect(text).not.toContain(token);
  const retries = result.stderr.split('\n').filter((line) => line.includes('; retrying in ')).length;
  return { result, summary, message, webhookBody: delivery.body, elapsedMs, retries };
}

/**
 * A server that quoted the token back (`failingRun` checks that the token itself appears nowhere): what it said
 * is passed on with the token masked, in the error message, the log, the `--json` summary and the webhook.
 */
function expectQuotedMasked(run: FaultRun, masked: string): void {
  expect(masked).toContain('***');
  expect(run.message).toContain(masked);
  expect(run.result.stderr).toContain(masked);
  expect(runSummaryOf<Summary>(run.result.stdout).error?.message).toContain(masked);
  expect(runSummaryOf<Summary>(run.webhookBody).error?.message).toContain(masked);
}

async function withDt<T>(options: Partial<DtSimOptions>, fn: (sim: DtSim) => Promise<T>): Promise<T> {
  const sim = await startDtSim({
    apiKey: DT_TOKEN,
    projects: [{ uuid: EXISTING, name: 'shop-web', version: '1.0.0', findings: manyFindings(3) }],
    ...options,
  });
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

function dtScan(sim: DtSim, ...args: string[]): Promise<FaultRun> {
  return dtRun(sim, args);
}

function dtRun(sim: DtSim, args: string[], onStart?: (child: ChildProcess) => void): Promise<FaultRun> {
  return failingRun(
    ['--scanner', 'dependency-track', '--api-url', sim.apiUrl, '--poll-interval', '0.05', ...args],
    DT_TOKEN,
    (work) => copyFileSync(fixturePath('bom.json'), path.join(work, 'bom.json')),
    onStart,
  );
}

/** An SBOM upload of a new project version, which the simulator may keep processing. */
const UPLOAD = ['--sbom', 'bom.json', '--project-name', 'shop-web', '--project-version', '2.0.0'];

async function withXray<T>(options: Partial<XraySimOptions>, fn: (sim: XraySim) => Promise<T>): Promise<T> {
  const sim = await startXraySim({
    token: XRAY_TOKEN,
    repositories: fixture<{ key: string }[]>('repositories.json'),
    rows: { 'npm-local': fixture<Row[]>('vulnerabilities.json') },
    violations: { 'npm-local': fixture<Row[]>('violations.json') },
    pageCap: 100,
    pollsUntilComplete: 0,
    ...options,
  });
  try {
    return await fn(sim);
  } finally {
    await sim.stop();
  }
}

/** Kills the CLI (SIGKILL) if it still runs after `ms`: a hang then fails the test as no exit 3, not as a timeout. */
function killAfter(ms: number): (child: ChildProcess) => void {
  return (child) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', () => clearTimeout(timer));
  };
}

/** Sends `signal` to the CLI once `ready` holds, as CI does when it stops a job. */
function stopWhen(ready: () => boolean, signal: NodeJS.Signals): (child: ChildProcess) => void {
  return (child) => {
    const timer = setInterval(() => {
      if (!ready()) return;
      clearInterval(timer);
      child.kill(signal);
    }, 20);
    child.on('close', () => clearInterval(timer));
  };
}

function xrayScan(sim: XraySim, ...args: string[]): Promise<FaultRun> {
  return xrayRun(sim, args);
}

function xrayRun(sim: XraySim, args: string[], onStart?: (child: ChildProcess) => void): Promise<FaultRun> {
  return failingRun(
    [
      '--scanner',
      'xray',
      '--api-url',
      sim.url,
      '--repo-key',
      'npm-local',
      ...defaultFlags(args, { '--poll-interval': '0.05', '--timeout': '20' }),
      ...args,
    ],
    XRAY_TOKEN,
    undefined,
    onStart,
  );
}

/** Every report the run created (one of each kind asked for) is deleted, and the log says so. */
function expectReportsDeleted(sim: XraySim, run: FaultRun, kinds: string[] = ['vulnerabilities']): void {
  const reports = [...sim.reports.values()];
  expect(reports.map((r) => r.kind).sort()).toEqual([...kinds].sort());
  expect(reports.filter((r) => !r.deleted)).toEqual([]);
  for (const report of reports) {
    expect(run.result.stderr).toContain(`Deleted Xray ${report.kind} report ${report.id}.`);
  }
}

describe.concurrent('faults: exit 3, an error webhook, no stale or partial report', () => {
  // ---- Slow: each waits out the real backoff of 3 retries (about 7 s). ----

  it('DT: a connection reset mid-body on every attempt of the findings read', async () => {
    await withDt({ faults: [{ path: FINDINGS, abort: 'reset', times: Infinity }] }, async (sim) => {
      const run = await dtScan(sim, '--project', EXISTING);
      expect(sim.count('GET', FINDINGS)).toBe(4);
      expect(run.retries).toBe(3);
      expect(run.message).toContain('after 4 attempts');
      expect(run.message).toContain(FINDINGS);
      expect(run.message).toMatch(DROPPED);
      expect(run.message).toMatch(RUN_AGAIN);
      // Like every other Dependency-Track failure, it says what sca-bridge was doing.
      expect(run.message).toContain(READING_FINDINGS);
    });
  });

  it('Xray: a connection reset mid-body on every attempt of a page read; the report is deleted', async () => {
    await withXray({}, async (sim) => {
      sim.fail({
        method: 'POST',
        match: page(1),
        status: 200,
        body: PARTIAL_PAGE,
        abort: 'reset',
        times: Infinity,
      });
      const run = await xrayScan(sim);
      expect(sim.calls('POST', CONTENT)).toHaveLength(4);
      expect(run.retries).toBe(3);
      expect(run.message).toMatch(/^Reading page 1 of Xray vulnerabilities report 100: /);
      expect(run.message).toContain('after 4 attempts');
      expect(run.message).toMatch(DROPPED);
      expect(run.message).toMatch(RUN_AGAIN);
      expectReportsDeleted(sim, run);
    });
  });

  it('DT: a Content-Length larger than the body, then a close, on every attempt of the violations read', async () => {
    await withDt(
      {
        faults: [
          { path: VIOLATIONS, abort: 'close', body: '[{"type":"LICENSE","uuid":"d10', times: Infinity },
        ],
      },
      async (sim) => {
        const run = await dtScan(sim, '--project', EXISTING);
        expect(sim.count('GET', FINDINGS)).toBe(1);
        expect(sim.count('GET', VIOLATIONS)).toBe(4);
        expect(run.retries).toBe(3);
        expect(run.message).toContain('after 4 attempts');
        expect(run.message).toContain(VIOLATIONS);
        expect(run.message).toMatch(DROPPED);
        expect(run.message).toMatch(RUN_AGAIN);
        expect(run.message).toContain(READING_VIOLATIONS);
      },
    );
  });

  it('Xray: a Content-Length larger than the body, then a close, on every status poll; the report is deleted', async () => {
    await withXray({}, async (sim) => {
      sim.fail({
        method: 'GET',
        match: STATUS,
        status: 200,
        body: '{"id":100,"status":"runn',
        abort: 'close',
        times: Infinity,
      });
      const run = await xrayScan(sim);
      expect(sim.calls('GET', STATUS)).toHaveLength(4);
      expect(sim.calls('POST', CONTENT)).toHaveLength(0);
      expect(run.retries).toBe(3);
      expect(run.message).toMatch(/^Reading the status of Xray report 100: /);
      expect(run.message).toContain('after 4 attempts');
      expect(run.message).toMatch(DROPPED);
      expect(run.message).toMatch(RUN_AGAIN);
      expectReportsDeleted(sim, run);
    });
  });

  it('DT: a 502 storm from a proxy (no Retry-After) past the retry budget; the proxy quotes the key', async () => {
    await withDt(
      {
        faults: [
          {
            path: FINDINGS,
            status: 502,
            body: (headers) => `Bad Gateway: upstream refused X-Api-Key ${String(headers['x-api-key'])}`,
            times: Infinity,
          },
        ],
      },
      async (sim) => {
        const run = await dtScan(sim, '--project', EXISTING);
        expect(sim.count('GET', FINDINGS)).toBe(4);
        expect(run.retries).toBe(3);
        expect(run.message).toBe(
          `Dependency-Track failed while ${READING_FINDINGS} (HTTP 502 from ${FINDINGS}, after retries). Dependency-Track said: "Bad Gateway: upstream refused X-Api-Key ***". Check the server (or the proxy in front of it), then run the job again.`,
        );
        expectQuotedMasked(run, 'Bad Gateway: upstream refused X-Api-Key ***');
      },
    );
  });

  // ---- About 7 s: Retry-After honoured on each of the 3 retries, as RETRY_AFTER_S asks. ----

  it('Xray: a 503 storm with Retry-After on page 2 past the retry budget; the token quoted back is masked; the report is deleted', async () => {
    await withXray({ rows: { 'npm-local': generateRows(250, 'npm-local') } }, async (sim) => {
      for (const [i, seconds] of RETRY_AFTER_S.entries()) {
        sim.fail({
          method: 'POST',
          match: page(2),
          status: 503,
          headers: { 'retry-after': String(seconds) },
          // A gateway that quotes the request's credentials back in its error.
          body: (request) =>
            JSON.stringify({ error: `Service Unavailable (request with ${request.authorization})` }),
          times: i === RETRY_AFTER_S.length - 1 ? Infinity : 1,
        });
      }
      const run = await xrayScan(sim);
      const pages = sim.calls('POST', CONTENT).filter((p) => p.query.page_num === '2');
      expect(pages.map((p) => p.status)).toEqual([503, 503, 503, 503]);
      expect(run.retries).toBe(3);
      // Retry-After is honoured, not only logged: each retry came at least as long after the 503 before it
      // as that 503 asked, longer than the backoff would have waited.
      expectGapsHonour(gapsAfterAnswers(pages));
      RETRY_AFTER_S.forEach((seconds, i) =>
        expect(run.result.stderr).toContain(`; retrying in ${seconds.toFixed(1)} s (${i + 1}/3)`),
      );
      expect(run.message).toBe(
        `Reading page 2 of Xray vulnerabilities report 100 (${sim.url}/xray/api/v1/reports/vulnerabilities/100): the server failed (HTTP 503: Service Unavailable (request with ***)) after sca-bridge's retries. Xray may be overloaded or restarting; try again later, or ask your JFrog administrator to check Xray's logs.`,
      );
      expectQuotedMasked(run, 'Service Unavailable (request with ***)');
      expectReportsDeleted(sim, run);
    });
  });

  it('DT: a 429 storm with Retry-After on the findings read past the retry budget; the key quoted back is masked', async () => {
    await withDt(
      {
        faults: RETRY_AFTER_S.map((seconds, i) => ({
          path: FINDINGS,
          status: 429,
          headers: { 'Retry-After': String(seconds) },
          body: (headers) => `Too Many Requests from X-Api-Key ${String(headers['x-api-key'])}`,
          times: i === RETRY_AFTER_S.length - 1 ? Infinity : 1,
        })),
      },
      async (sim) => {
        const run = await dtScan(sim, '--project', EXISTING);
        const reads = sim.requests.filter((r) => r.method === 'GET' && r.path === FINDINGS);
        expect(reads.map((r) => r.status)).toEqual([429, 429, 429, 429]);
        expect(run.retries).toBe(3);
        // Each retry came at least as long as the server asked for after the 429 before it.
        expectGapsHonour(gapsAfterAnswers(reads));
        RETRY_AFTER_S.forEach((seconds, i) =>
          expect(run.result.stderr).toMatch(
            new RegExp(
              `HTTP 429.*; retrying in ${seconds.toFixed(1).replace('.', '\\.')} s \\(${i + 1}/3\\)`,
            ),
          ),
        );
        expect(run.message).toBe(
          `Dependency-Track failed while ${READING_FINDINGS} (HTTP 429 from ${FINDINGS}, after retries). Dependency-Track said: "Too Many Requests from X-Api-Key ***". Check the server (or the proxy in front of it), then run the job again.`,
        );
        expect(run.message).toMatch(RUN_AGAIN);
        expectQuotedMasked(run, 'Too Many Requests from X-Api-Key ***');
      },
    );
  });

  // ---- Fast: no backoff. ----

  it('DT: the answer to the SBOM upload stalls mid-body; the run ends when the per-request limit (timeout) passes', async () => {
    // --timeout 1: a request may wait min(60 s, timeout) = 1 s for headers and for each silence in its body.
    // The upload is sent once, so the run ends about 1 s after it; the bound leaves a loaded runner 14 s more
    // for the CLI's start and its other calls. Without the limit the run would wait for ever: it is killed.
    const limitMs = 1_000;
    const boundMs = limitMs + 14_000;
    await withDt(
      { faults: [{ method: 'POST', path: '/api/v1/bom', abort: 'stall', body: '{"token":"9f1c', times: 1 }] },
      async (sim) => {
        const run = await dtRun(sim, [...UPLOAD, '--timeout', String(limitMs / 1000)], killAfter(boundMs));
        // An upload is never sent twice (a second one would be a second import): one attempt, no retry.
        expect(sim.uploads).toHaveLength(1);
        expect(sim.count('POST', '/api/v1/bom')).toBe(1);
        expect(run.retries).toBe(0);
        expect(sim.count('GET', /^\/api\/v1\/event\/token\//)).toBe(0);
        expect(run.message).toMatch(NO_ANSWER);
        expect(run.message).toContain('/api/v1/bom');
        expect(run.message).toMatch(RUN_AGAIN);
        expect(run.elapsedMs).toBeLessThan(boundMs);
      },
    );
  });

  it('DT: the token poll never answers; the run ends as timeout runs out, not after every attempt', async () => {
    // --timeout 1: a request may wait 1 s, and the polls may take 1 s past timeout (the poll sent at its end).
    // The wait then ends with its timeout's message; without the deadline the poll took 4 attempts and 3
    // backoffs (about 11 s), and ended as an unanswered request.
    await withDt(
      { faults: [{ path: /^\/api\/v1\/event\/token\//, hang: true, times: Infinity }] },
      async (sim) => {
        const run = await dtRun(sim, [...UPLOAD, '--timeout', '1'], killAfter(HANG_MS));
        expect(run.retries).toBeLessThanOrEqual(1);
        expect(sim.count('GET', /^\/api\/v1\/event\/token\//)).toBeLessThanOrEqual(2);
        expect(sim.count('GET', /^\/api\/v1\/(?:finding|violation)\//)).toBe(0);
        expect(run.message).toMatch(
          /^Dependency-Track did not report the SBOM processed after \d+\.\d s \(timeout 1 s, 0 polls of token [0-9a-f-]{36} answered; the last poll: .*\/api\/v1\/event\/token\/[0-9a-f-]{36}.*\)\. The analysis goes on on the server: raise timeout \(seconds\)/,
        );
      },
    );
  });

  it('Xray: a status poll never answers; the run ends as timeout runs out, and the report is deleted', async () => {
    await withXray({ pollsUntilComplete: Infinity }, async (sim) => {
      sim.fail({ method: 'GET', match: STATUS, status: 200, times: Infinity, hang: true });
      const run = await xrayRun(sim, ['--timeout', '1'], killAfter(HANG_MS));
      expect(run.retries).toBeLessThanOrEqual(1);
      expect(sim.calls('GET', STATUS).length).toBeLessThanOrEqual(2);
      expect(run.message).toMatch(
        /^Xray's vulnerabilities report 100 was not ready within timeout \(1 s; the last poll: .*\/xray\/api\/v1\/reports\/100\b.*\)\. Raise timeout for large repositories/,
      );
      expectReportsDeleted(sim, run);
    });
  });

  it('DT: a truncated JSON body with a correct Content-Length', async () => {
    await withDt(
      {
        faults: [
          {
            path: FINDINGS,
            status: 200,
            headers: { 'content-type': 'application/json', 'X-Total-Count': '3' },
            body: PARTIAL_FINDINGS,
            times: Infinity,
          },
        ],
      },
      async (sim) => {
        const run = await dtScan(sim, '--project', EXISTING);
        // Never accepted. A read: every attempt of the retry budget, then the failure, which says so.
        expect(sim.count('GET', FINDINGS)).toBe(4);
        expect(run.retries).toBe(3);
        expect(run.message).toContain('after 4 attempts');
        expect(run.message).toContain(READING_FINDINGS);
        expect(run.message).toMatch(CUT_SHORT);
        expect(run.message).toMatch(RUN_AGAIN);
        // The answer came from Dependency-Track's API: api-url is not the problem.
        expect(run.message).not.toMatch(/web UI|check that api-url/);
      },
    );
  });

  it('Xray: a truncated JSON body with a correct Content-Length; the report is deleted', async () => {
    await withXray({}, async (sim) => {
      sim.fail({ method: 'POST', match: page(1), status: 200, body: PARTIAL_PAGE, times: Infinity });
      const run = await xrayScan(sim);
      // A read: every attempt of the retry budget, then the failure, which says so.
      expect(sim.calls('POST', CONTENT)).toHaveLength(4);
      expect(run.retries).toBe(3);
      expect(run.message).toContain('after 4 attempts');
      expect(run.message).toMatch(/^Reading page 1 of Xray vulnerabilities report 100: /);
      expect(run.message).toMatch(CUT_SHORT);
      expect(run.message).toMatch(RUN_AGAIN);
      expect(run.message).not.toMatch(/web UI|check that api-url/);
      expectReportsDeleted(sim, run);
    });
  });

  it('DT: 429 with a Retry-After (3600 s) longer than the client waits fails at once, not in an hour', async () => {
    await withDt(
      {
        faults: [
          {
            path: FINDINGS,
            status: 429,
            headers: { 'Retry-After': '3600' },
            body: 'Too Many Requests',
            times: Infinity,
          },
        ],
      },
      async (sim) => {
        const run = await dtScan(sim, '--project', EXISTING);
        expect(run.elapsedMs).toBeLessThan(HANG_MS);
        expect(sim.count('GET', FINDINGS)).toBe(1);
        expect(run.retries).toBe(0);
        expect(run.message).toContain(
          `${FINDINGS} asked to retry after 3600 s (HTTP 429), longer than sca-bridge waits (120 s); try again later.`,
        );
        expect(run.message).toMatch(/^While reading the findings of /);
      },
    );
  });

  it('Xray: 429 with a Retry-After date an hour away fails at once; both reports are deleted', async () => {
    await withXray({}, async (sim) => {
      sim.fail({
        method: 'POST',
        match: page(1),
        status: 429,
        headers: { 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() },
        body: '{"error":"Too many requests"}',
        times: Infinity,
      });
      // With the violations report as well: the failure of one report stops and deletes its sibling too.
      const run = await xrayScan(sim, '--fail-on-policy-violation');
      expect(run.elapsedMs).toBeLessThan(HANG_MS);
      expect(sim.calls('POST', CONTENT)).toHaveLength(1);
      expect(run.retries).toBe(0);
      expect(run.message).toMatch(
        /^Reading page 1 of Xray vulnerabilities report \d+: \S+ asked to retry after 3[56]\d\d s \(HTTP 429\), longer than sca-bridge waits \(120 s\); try again later\.$/,
      );
      expectReportsDeleted(sim, run, ['vulnerabilities', 'violations']);
    });
  });

  it('Xray: a report that never completes, within a short timeout; the report is deleted', async () => {
    await withXray({ pollsUntilComplete: Infinity }, async (sim) => {
      const run = await xrayScan(sim, '--timeout', '0.5', '--poll-interval', '0.05');
      expect(run.elapsedMs).toBeLessThan(HANG_MS);
      // However few polls a loaded runner manages, it polled, and the message names the last status served:
      // the simulator answers pending to the first poll, running to the later ones.
      const polls = sim.calls('GET', STATUS).length;
      expect(polls).toBeGreaterThanOrEqual(1);
      expect(sim.calls('POST', CONTENT)).toHaveLength(0);
      expect(run.message).toBe(
        `Xray's vulnerabilities report 100 was not ready within timeout (0.5 s; last status: ${polls === 1 ? 'pending' : 'running'}, 0%, 0 of 4 artifacts, 0 rows). Raise timeout for large repositories, or narrow the report with include-path-patterns.`,
      );
      expectReportsDeleted(sim, run);
    });
  });

  it('Xray: the job stopped (SIGTERM) while the report is generated; the report is deleted', async () => {
    await withXray({ pollsUntilComplete: Infinity }, async (sim) => {
      const polled = () => sim.calls('GET', STATUS).length >= 2;
      const run = await xrayRun(sim, ['--timeout', '60'], stopWhen(polled, 'SIGTERM'));
      expect(run.message).toBe(
        'The job was stopped (SIGTERM) before the scan finished; nothing is reported.',
      );
      expect(run.elapsedMs).toBeLessThan(10_000);
      expect(run.result.stderr).toContain(
        'SIGTERM: the job is being stopped; cancelling the scan and cleaning up.',
      );
      expectReportsDeleted(sim, run);
    });
  });

  it('Xray: the job stopped while the report is being created; the report it creates is still deleted', async () => {
    // Every answer takes 1.5 s: the signal comes while the creation is in flight.
    await withXray({ latencyMs: 1500 }, async (sim) => {
      const creating = () => sim.calls('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/).length > 0;
      const run = await xrayRun(sim, ['--timeout', '60'], stopWhen(creating, 'SIGTERM'));
      expect(run.message).toBe(
        'The job was stopped (SIGTERM) before the scan finished; nothing is reported.',
      );
      expectReportsDeleted(sim, run);
    });
  });

  it('DT: the job stopped (SIGINT) while the SBOM is processed', async () => {
    await withDt({ processingPolls: Infinity }, async (sim) => {
      const polling = () => sim.count('GET', /^\/api\/v1\/event\/token\//) >= 2;
      const run = await dtRun(sim, [...UPLOAD, '--timeout', '60'], stopWhen(polling, 'SIGINT'));
      expect(run.message).toBe('The job was stopped (SIGINT) before the scan finished; nothing is reported.');
      expect(run.elapsedMs).toBeLessThan(10_000);
    });
  });

  it('DT: BOM processing that never finishes, within a short timeout', async () => {
    await withDt({ processingPolls: Infinity }, async (sim) => {
      const run = await dtScan(sim, ...UPLOAD, '--timeout', '0.5');
      expect(run.elapsedMs).toBeLessThan(HANG_MS);
      expect(sim.uploads).toHaveLength(1);
      // However few polls a loaded runner manages, it polled, and the message counts the polls made.
      const polls = sim.count('GET', /^\/api\/v1\/event\/token\//);
      expect(polls).toBeGreaterThanOrEqual(1);
      // Nothing is read from a project still being processed.
      expect(sim.count('GET', /^\/api\/v1\/(?:finding|violation)\//)).toBe(0);
      expect(run.message).toMatch(
        new RegExp(
          `^Dependency-Track was still processing the SBOM after \\d+(?:\\.\\d)? s \\(timeout 0\\.5 s, ${polls === 1 ? '1 poll' : `${polls} polls`} of token [0-9a-f-]{36} answered\\)\\. The analysis goes on on the server: raise timeout \\(seconds\\) if this project regularly takes longer, or check the server's load and its task queue\\.$`,
        ),
      );
    });
  });
});
