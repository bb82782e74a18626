import { describe, expect, it } from 'vitest';
import { ExitCode, exitCodeOf, ScannerError, UserError } from '../../../../src/errors.js';
import { HttpClient, type HttpOptions } from '../../../../src/http/client.js';
import { createXrayAdapter } from '../../../../src/scanners/xray/adapter.js';
import { ORDER_BY } from '../../../../src/scanners/xray/report.js';
import { fixture, type Row, startXraySim } from '../../../sim/xray.js';
import {
  MockJfrog,
  type MockReply,
  ORIGIN,
  RecordingLogger,
  TOKEN,
  withAccess,
  xrayConfig,
} from './helpers.js';

const ROWS = fixture<Row[]>('vulnerabilities.json');
const VIOLATIONS = fixture<Row[]>('violations.json');
const NOW = () => new Date('2026-11-22T10:15:30.123Z');
/** The run's own part of its report names: random in a real run. */
const UNIQUE = () => 'c0ffee';
const REPORT_NAME = 'sca-bridge_npm-local_feature-login_2026-11-22T10-15-30Z_c0ffee';
/** A lost creation's lookups: two, 10 ms apart (seconds apart in a real run). */
const LOOKUPS = [0, 10];

/** Pages of `rows`, capped at `cap` whatever was asked; offsets from the size served. */
function pages(rows: Row[], cap: number) {
  return (call: { query: Record<string, string> }): MockReply => {
    const size = Math.min(Number(call.query.num_of_rows), cap);
    const offset = (Number(call.query.page_num) - 1) * size;
    return { status: 200, body: { total_rows: rows.length, rows: rows.slice(offset, offset + size) } };
  };
}

/**
 * A report 42 that is pending, then running, then completed with `statusRows` rows (number_of_rows); its content
 * served by `content`.
 */
function withReport(
  mock: MockJfrog,
  content: (call: { query: Record<string, string> }) => MockReply,
  statusRows = ROWS.length,
) {
  const statuses = ['pending', 'running', 'completed'];
  return mock
    .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, {
      status: 200,
      body: { report_id: 42, status: 'pending' },
    })
    .on('GET', /^\/xray\/api\/v1\/reports\/42$/, (_call, nth) => ({
      status: 200,
      body: {
        id: 42,
        status: statuses[Math.min(nth - 1, 2)],
        progress: [0, 50, 100][Math.min(nth - 1, 2)],
        total_artifacts: 2,
        num_of_processed_artifacts: [0, 1, 2][Math.min(nth - 1, 2)],
        number_of_rows: nth >= 3 ? statusRows : 0,
      },
    }))
    .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities\/42$/, content)
    .on('DELETE', /^\/xray\/api\/v1\/reports\/42$/, {
      status: 200,
      body: { info: 'report deleted successfully' },
    });
}

function expectNoToken(logger: RecordingLogger, ...texts: string[]) {
  for (const text of [logger.text(), ...texts]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice(0, 20));
  }
}

describe('Xray adapter: scan', () => {
  it('creates the report, polls it, reads every capped page with one order_by, maps the rows and deletes it', async () => {
    const mock = withReport(withAccess(new MockJfrog()), pages(ROWS, 3));
    const logger = new RecordingLogger();
    const adapter = createXrayAdapter({ http: mock.http, now: NOW, unique: UNIQUE });
    const config = xrayConfig({
      'include-path-patterns': 'shop-*/**',
      'exclude-path-patterns': ['tools/**', '**/*.zip'],
    });
    const result = await adapter.scan({ config, logger });

    // Every call went to the platform base, whatever `/xray/` api-url ended with, with the bearer token.
    expect(mock.calls.every((c) => c.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const create = mock.find('POST', /\/reports\/vulnerabilities$/);
    expect(create).toHaveLength(1);
    expect(JSON.parse(create[0]!.body)).toEqual({
      name: REPORT_NAME,
      resources: {
        repositories: [
          {
            name: 'npm-local',
            include_path_patterns: ['shop-*/**'],
            exclude_path_patterns: ['tools/**', '**/*.zip'],
          },
        ],
      },
    });
    expect(create[0]!.query).toEqual({});
    expect(mock.find('GET', /\/reports\/42$/)).toHaveLength(3);

    // Page 1 asks 1000 and gets 3: the other pages ask 3, so offsets line up; one sort key throughout.
    const content = mock.find('POST', /\/reports\/vulnerabilities\/42$/);
    expect(content.map((c) => c.query)).toEqual(
      [1, 2, 3].map((page) => ({
        direction: 'asc',
        page_num: String(page),
        num_of_rows: page === 1 ? '1000' : '3',
        order_by: ORDER_BY,
      })),
    );
    expect(ORDER_BY).toBe('vulnerable_component');
    expect(mock.find('DELETE', /\/reports\/42$/)).toHaveLength(1);

    // 8 rows → 8 findings (collapsing happens later in the core); no violations without the gate.
    expect(result.findings).toHaveLength(8);
    expect(result.findings.map((f) => f.id)).toEqual([
      'CVE-2021-23337',
      'CVE-2021-23337',
      'CVE-2021-23337',
      'CVE-2021-44906',
      'CVE-2022-24999',
      'CVE-2021-3807',
      'XRAY-75221',
      'CVE-2020-28500',
    ]);
    expect(result.findings[0]).toMatchObject({
      scanner: 'xray',
      severity: 'high',
      component: { packageName: 'lodash', version: '4.17.20', ecosystem: 'npm' },
      componentPaths: ['shop-web/-/shop-web-1.4.0.tgz'],
      fixedVersions: ['4.17.21'],
    });
    expect(result.violations).toEqual([]);
    expect(result.context).toEqual({
      repoKey: 'npm-local',
      scannerVersion: '3.131.25',
      reportUrl: `${ORIGIN}/ui/scans-list/repositories/npm-local/scan-descendants`,
    });
    expect(mock.find('POST', /\/reports\/violations$/)).toHaveLength(0);

    const log = logger.text();
    expect(log).toContain(`Reached Xray 3.131.25 (revision abc123) at ${ORIGIN}`);
    expect(log).toContain(`Created Xray vulnerabilities report 42 (${REPORT_NAME}).`);
    expect(log).toMatch(
      /Xray vulnerabilities report 42: pending, 0%, 0 of 2 artifacts, 0 rows \(\d+\.\d s\)/,
    );
    expect(log).toMatch(/Xray vulnerabilities report 42: running, 50%, 1 of 2 artifacts, 0 rows/);
    expect(log).toMatch(/Xray vulnerabilities report 42: completed, 100%, 2 of 2 artifacts, 8 rows/);
    expect(log).toContain(
      'Reading Xray vulnerabilities report 42: 8 rows in 3 pages of 3 (the server caps a page at 3 rows; 1000 were asked), 4 at a time.',
    );
    expect(log).toContain('Deleted Xray vulnerabilities report 42.');
    expect(logger.secrets).toContain(TOKEN);
    expectNoToken(logger);
  });

  it('reads a report that fits one page with one content call', async () => {
    const mock = withReport(withAccess(new MockJfrog()), pages(ROWS, 1000));
    const result = await createXrayAdapter({ http: mock.http }).scan({
      config: xrayConfig(),
      logger: new RecordingLogger(),
    });
    expect(result.findings).toHaveLength(8);
    expect(mock.find('POST', /\/reports\/vulnerabilities\/42$/)).toHaveLength(1);
  });

  it('retries a content page after a transient 503, but never a report creation', async () => {
    const flaky = withReport(withAccess(new MockJfrog()), (call) =>
      call.query.page_num === '2' && flaky.find('POST', /\/reports\/vulnerabilities\/42$/).length === 2
        ? { status: 503, body: { error: 'Service Unavailable' } }
        : pages(ROWS, 3)(call),
    );
    const result = await createXrayAdapter({ http: flaky.http }).scan({
      config: xrayConfig(),
      logger: new RecordingLogger(),
    });
    expect(result.findings).toHaveLength(8);
    expect(
      flaky
        .find('POST', /\/reports\/vulnerabilities\/42$/)
        .map((c) => c.query.page_num)
        .sort(),
    ).toEqual(['1', '2', '2', '3']);

    // A 503 to the creation is sent once, then the report is looked up by its name: Xray holds none.
    const refused = withAccess(new MockJfrog()).on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, {
      status: 503,
      body: { error: 'Service Unavailable' },
    });
    const error = await createXrayAdapter({
      http: refused.http,
      now: NOW,
      unique: UNIQUE,
      lookupsAfterMs: LOOKUPS,
    })
      .scan({ config: xrayConfig(), logger: new RecordingLogger() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScannerError);
    expect(refused.find('POST', /\/reports\/vulnerabilities$/)).toHaveLength(1);
    expect((error as Error).message).toBe(
      `Creating the Xray vulnerabilities report (${ORIGIN}/xray/api/v1/reports/vulnerabilities): the server failed (HTTP 503: Service Unavailable), and a report creation is never sent twice. Xray lists no report named ${REPORT_NAME} after 2 looks over 0.01 s, so it seems none was created (should one show up in Xray → Reports, delete it there). Xray may be overloaded or restarting; try again later, or ask your JFrog administrator to check Xray's logs.`,
    );
  });

  describe('a creation whose answer is lost', () => {
    const VERSION = /^\/xray\/api\/v1\/system\/version$/;
    const LIST = /^\/xray\/api\/v1\/reports$/;

    /** Xray's reports list holding `reports`, filtered by name as Xray does (a substring). */
    function listing(reports: { id: number; name: string }[]) {
      return (call: { body: string }): MockReply => {
        const name = (JSON.parse(call.body) as { filters?: { name?: string } }).filters?.name ?? '';
        const found = reports.filter((r) => r.name.includes(name));
        return { status: 200, body: { total_reports: found.length, reports: found } };
      };
    }

    it('finds the report Xray created all the same by its name, reads it and deletes it; never creates twice', async () => {
      // The gateway gave up waiting for Xray, which created report 42 (routes match in the order given).
      const lost = new MockJfrog().on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, {
        status: 504,
        body: '<html><body>504 Gateway Time-out</body></html>',
        headers: { 'content-type': 'text/html' },
      });
      const mock = withReport(lost, pages(ROWS, 1000))
        .on('GET', VERSION, { status: 200, body: { xray_version: '3.131.25' } })
        // The violations sibling's name holds this one's: only the whole name is taken.
        .on(
          'POST',
          LIST,
          listing([
            { id: 41, name: `${REPORT_NAME}_violations` },
            { id: 42, name: REPORT_NAME },
          ]),
        );
      const logger = new RecordingLogger();
      const result = await createXrayAdapter({ http: mock.http, now: NOW, unique: UNIQUE }).scan({
        config: xrayConfig(),
        logger,
      });
      expect(result.findings).toHaveLength(8);
      expect(mock.find('POST', /\/reports\/vulnerabilities$/)).toHaveLength(1);
      const lookup = mock.find('POST', LIST)[1]!;
      expect(lookup.query).toEqual({
        direction: 'desc',
        page_num: '1',
        num_of_rows: '10',
        order_by: 'start_time',
      });
      expect(JSON.parse(lookup.body)).toEqual({ filters: { name: REPORT_NAME } });
      expect(mock.find('DELETE', /\/reports\/42$/)).toHaveLength(1);
      expect(logger.text('warn')).toBe(
        `Creating the Xray vulnerabilities report (${ORIGIN}/xray/api/v1/reports/vulnerabilities): the server failed (HTTP 504), and a report creation is never sent twice. Xray created the report all the same: ${REPORT_NAME} is report 42, and the scan goes on with it.`,
      );
    });

    it('a connection reset or a cut-short answer is as unclear as a 5xx; a refusal (4xx) is not looked up', async () => {
      for (const [reply, lookedUp] of [
        [{ status: 200, body: '{"report_id": 4' }, true],
        [{ status: 200, body: { id: 42 } }, true],
        [{ status: 502, body: 'Bad Gateway' }, true],
        [{ status: 408, body: '' }, true],
        [{ status: 429, body: { error: 'Too many reports' } }, false],
        [{ status: 400, body: { error: 'bad' } }, false],
      ] as const) {
        const mock = new MockJfrog()
          .on('GET', VERSION, { status: 200, body: { xray_version: '3.131.25' } })
          .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, reply)
          .on('POST', LIST, listing([]));
        const error = (await createXrayAdapter({
          http: mock.http,
          now: NOW,
          unique: UNIQUE,
          lookupsAfterMs: LOOKUPS,
        })
          .scan({ config: xrayConfig(), logger: new RecordingLogger() })
          .catch((e: unknown) => e)) as Error;
        expect(exitCodeOf(error), JSON.stringify(reply)).toBe(ExitCode.ScannerFailure);
        expect(mock.find('POST', /\/reports\/vulnerabilities$/)).toHaveLength(1);
        // The access check's reports list, and the two lookups when the answer was lost.
        expect(mock.find('POST', LIST), JSON.stringify(reply)).toHaveLength(lookedUp ? 3 : 1);
        if (lookedUp)
          expect(error.message).toContain(
            `Xray lists no report named ${REPORT_NAME} after 2 looks over 0.01 s, so it seems none was created`,
          );
      }
    });

    it('looks again when the first lookup finds nothing: Xray was still creating the report (a 504 usually means so)', async () => {
      const lost = new MockJfrog().on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, {
        status: 504,
        body: '<html><body>504 Gateway Time-out</body></html>',
        headers: { 'content-type': 'text/html' },
      });
      // The access check's list, then a lookup before Xray lists the report, then one after.
      const mock = withReport(lost, pages(ROWS, 1000))
        .on('GET', VERSION, { status: 200, body: { xray_version: '3.131.25' } })
        .on('POST', LIST, (call, nth) => listing(nth <= 2 ? [] : [{ id: 42, name: REPORT_NAME }])(call));
      const logger = new RecordingLogger();
      const result = await createXrayAdapter({
        http: mock.http,
        now: NOW,
        unique: UNIQUE,
        lookupsAfterMs: [0, 50, 100],
      }).scan({ config: xrayConfig(), logger });
      expect(result.findings).toHaveLength(8);
      expect(mock.find('POST', /\/reports\/vulnerabilities$/)).toHaveLength(1);
      expect(mock.find('POST', LIST)).toHaveLength(3);
      expect(mock.find('DELETE', /\/reports\/42$/)).toHaveLength(1);
      expect(logger.text('info')).toMatch(
        new RegExp(
          `Xray lists no report named ${REPORT_NAME} yet \\(look 1 of 3\\): it may still be creating it; looking again in 0\\.\\d s\\.`,
        ),
      );
      expect(logger.text('warn')).toContain(
        `Xray created the report all the same: ${REPORT_NAME} is report 42`,
      );
    });

    it('looks no later than the timeout', async () => {
      const mock = new MockJfrog()
        .on('GET', VERSION, { status: 200, body: { xray_version: '3.131.25' } })
        .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, { status: 504, body: '' })
        .on('POST', LIST, listing([]));
      const started = Date.now();
      const error = (await createXrayAdapter({
        http: mock.http,
        now: NOW,
        unique: UNIQUE,
        lookupsAfterMs: [0, 50, 1_000, 60_000],
      })
        .scan({ config: xrayConfig({ timeout: '0.2' }), logger: new RecordingLogger() })
        .catch((e: unknown) => e)) as Error;
      expect(Date.now() - started).toBeLessThan(900);
      expect(mock.find('POST', LIST)).toHaveLength(1 + 2);
      expect(error.message).toContain(`Xray lists no report named ${REPORT_NAME} after 2 looks over 0.05 s`);
    });

    it('stops looking when the other report fails, after one last look', async () => {
      const mock = new MockJfrog()
        .on('GET', VERSION, { status: 200, body: { xray_version: '3.131.25' } })
        .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, { status: 504, body: '' })
        .on('POST', /^\/xray\/api\/v1\/reports\/violations$/, { status: 400, body: { error: 'bad watch' } })
        .on('POST', LIST, listing([]));
      const started = Date.now();
      const logger = new RecordingLogger();
      const error = (await createXrayAdapter({
        http: mock.http,
        now: NOW,
        unique: UNIQUE,
        lookupsAfterMs: [0, 60_000],
      })
        .scan({ config: xrayConfig({ 'fail-on-policy-violation': 'true', timeout: '120' }), logger })
        .catch((e: unknown) => e)) as Error;
      // Not the minute the schedule holds: the violations report's failure ends the wait.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(error.message).toContain('bad watch');
      // The token's check, the first look, and the last one.
      expect(mock.find('POST', LIST)).toHaveLength(1 + 2);
      expect(logger.text('warn')).toContain(
        `The run stopped while sca-bridge looked for the report ${REPORT_NAME}: should Xray → Reports list it, delete it there.`,
      );
    });

    it('names the report to delete by hand when the lookup fails too', async () => {
      const mock = new MockJfrog()
        .on('GET', VERSION, { status: 200, body: { xray_version: '3.131.25' } })
        .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, { status: 500, body: { error: 'boom' } })
        .on('POST', LIST, (_call, nth) =>
          nth === 1 ? { status: 200, body: { total_reports: 0 } } : { status: 503, body: { error: 'busy' } },
        );
      const error = (await createXrayAdapter({ http: mock.http, now: NOW, unique: UNIQUE })
        .scan({ config: xrayConfig(), logger: new RecordingLogger() })
        .catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(ScannerError);
      expect(error.message).toBe(
        `Creating the Xray vulnerabilities report (${ORIGIN}/xray/api/v1/reports/vulnerabilities): the server failed (HTTP 500: boom), and a report creation is never sent twice. Xray may have created the report all the same, and looking it up by its name failed too (Looking up the Xray report ${REPORT_NAME} (${ORIGIN}/xray/api/v1/reports): the server failed (HTTP 503: busy) after sca-bridge's retries. Xray may be overloaded or restarting; try again later, or ask your JFrog administrator to check Xray's logs): if Xray → Reports lists ${REPORT_NAME}, delete it there.`,
      );
      // Retried as a read: 4 attempts of the lookup.
      expect(mock.find('POST', LIST)).toHaveLength(1 + 4);
      expectNoToken(new RecordingLogger(), error.message);
    });
  });

  it('fails when the rows collected differ from total_rows, and still deletes the report', async () => {
    // The server says 8 rows but page 2 comes back short: a gap must never pass quietly.
    const mock = withReport(withAccess(new MockJfrog()), (call) => {
      const reply = pages(ROWS, 3)(call);
      if (call.query.page_num === '2') {
        const body = reply.body as { total_rows: number; rows: Row[] };
        return { status: 200, body: { ...body, rows: body.rows.slice(0, 2) } };
      }
      return reply;
    });
    const logger = new RecordingLogger();
    const error = await createXrayAdapter({ http: mock.http })
      .scan({ config: xrayConfig(), logger })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScannerError);
    expect((error as Error).message).toBe(
      "Xray's vulnerabilities report 42 holds 8 rows (total_rows) but its 3 pages of 3 gave 7 (page 2: 2 of 3). sca-bridge reports nothing rather than an incomplete result; run the scan again, and if it persists report it to JFrog support.",
    );
    expect(mock.find('DELETE', /\/reports\/42$/)).toHaveLength(1);
  });

  it('fails when total_rows changes between pages', async () => {
    const mock = withReport(withAccess(new MockJfrog()), (call) => {
      const reply = pages(ROWS, 3)(call);
      const body = reply.body as { total_rows: number; rows: Row[] };
      return call.query.page_num === '3' ? { status: 200, body: { ...body, total_rows: 9 } } : reply;
    });
    await expect(
      createXrayAdapter({ http: mock.http }).scan({ config: xrayConfig(), logger: new RecordingLogger() }),
    ).rejects.toThrow(
      "Xray's vulnerabilities report 42 changed while it was read: page 1 said 8 rows, page 3 says 9. Run the scan again.",
    );
    expect(mock.find('DELETE', /\/reports\/42$/)).toHaveLength(1);
  });

  it('fails on a failed report with Xray’s error text, and deletes it', async () => {
    const mock = withAccess(new MockJfrog())
      .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, { status: 200, body: { report_id: 7 } })
      .on('GET', /^\/xray\/api\/v1\/reports\/7$/, {
        status: 200,
        body: { id: 7, status: 'failed', progress: 40, error: 'index for repository npm-local is corrupted' },
      })
      .on('DELETE', /^\/xray\/api\/v1\/reports\/7$/, { status: 200, body: {} });
    await expect(
      createXrayAdapter({ http: mock.http }).scan({ config: xrayConfig(), logger: new RecordingLogger() }),
    ).rejects.toThrow(
      'Xray could not generate the vulnerabilities report 7 (status failed: index for repository npm-local is corrupted).',
    );
    expect(mock.find('POST', /\/reports\/vulnerabilities\/7$/)).toHaveLength(0);
    expect(mock.find('DELETE', /\/reports\/7$/)).toHaveLength(1);
  });

  it('reads a report whose fields other than its id and status are null', async () => {
    const young = {
      id: 9,
      name: null,
      progress: null,
      total_artifacts: null,
      num_of_processed_artifacts: null,
    };
    const mock = withAccess(new MockJfrog())
      .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, {
        status: 200,
        body: { report_id: 9, status: null },
      })
      .on('GET', /^\/xray\/api\/v1\/reports\/9$/, (_call, nth) => ({
        status: 200,
        body:
          nth === 1
            ? { ...young, status: 'pending', number_of_rows: null, error: null }
            : { ...young, status: 'completed', number_of_rows: ROWS.length, error: null },
      }))
      .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities\/9$/, pages(ROWS, 1000))
      .on('DELETE', /^\/xray\/api\/v1\/reports\/9$/, { status: 200, body: {} });
    const logger = new RecordingLogger();
    const result = await createXrayAdapter({ http: mock.http }).scan({ config: xrayConfig(), logger });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(logger.of('info').filter((line) => line.startsWith('Xray vulnerabilities report 9:'))).toEqual([
      expect.stringMatching(/^Xray vulnerabilities report 9: pending \(\d+\.\d s\)$/),
      expect.stringMatching(new RegExp(`^Xray vulnerabilities report 9: completed, ${ROWS.length} rows \\(`)),
    ]);
  });

  it('gives up after timeout with the last status, and deletes the report', async () => {
    const mock = withAccess(new MockJfrog())
      .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, { status: 200, body: { report_id: 8 } })
      .on('GET', /^\/xray\/api\/v1\/reports\/8$/, {
        status: 200,
        body: { id: 8, status: 'running', progress: 10 },
      })
      .on('DELETE', /^\/xray\/api\/v1\/reports\/8$/, { status: 200, body: {} });
    const started = Date.now();
    await expect(
      createXrayAdapter({ http: mock.http }).scan({
        config: xrayConfig({ timeout: '0.2', 'poll-interval': '0.05' }),
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow(
      "Xray's vulnerabilities report 8 was not ready within timeout (0.2 s; last status: running, 10%). Raise timeout for large repositories, or narrow the report with include-path-patterns.",
    );
    // It waited out the timeout (a lower bound, which a slow machine only exceeds), and did not hang.
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(30_000);
    // It polled; at most a poll at 0, 50, 100, 150 and 200 ms (a loaded machine manages fewer), none after
    // the deadline's last one.
    expect(mock.find('GET', /\/reports\/8$/).length).toBeGreaterThanOrEqual(1);
    expect(mock.find('GET', /\/reports\/8$/).length).toBeLessThanOrEqual(6);
    expect(mock.find('DELETE', /\/reports\/8$/)).toHaveLength(1);
  });

  it('gives up at timeout when a status poll never answers, not after every attempt of a minute; deletes the report', async () => {
    const sim = await startXraySim({
      token: TOKEN,
      repositories: [{ key: 'npm-local' }],
      pollsUntilComplete: 5,
    });
    sim.fail({
      method: 'GET',
      match: /^\/xray\/api\/v1\/reports\/\d+(\?|$)/,
      status: 200,
      times: Infinity,
      hang: true,
    });
    // A request may wait a minute, as with timeout 600 s: before the deadline was honoured, the poll took 4
    // attempts of a minute each.
    const http = (options: HttpOptions) =>
      new HttpClient({ ...options, baseDelayMs: 1, requestTimeoutMs: 60_000 });
    try {
      const started = performance.now();
      const error = await createXrayAdapter({ http })
        .scan({ config: xrayConfig({ 'api-url': sim.url, timeout: '1' }), logger: new RecordingLogger() })
        .then(
          () => expect.fail('expected the scan to fail'),
          (e: unknown) => e as Error,
        );
      const [id] = [...sim.reports.keys()];
      expect(exitCodeOf(error)).toBe(ExitCode.ScannerFailure);
      expect(error.message).toBe(
        `Xray's vulnerabilities report ${id} was not ready within timeout (1 s; the last poll: ${sim.url}/xray/api/v1/reports/${id} did not answer in the time left). Raise timeout for large repositories, or narrow the report with include-path-patterns.`,
      );
      expect(sim.calls('GET', /^\/xray\/api\/v1\/reports\/\d+$/)).toHaveLength(1);
      // The clean-up outlives the wait: the report is deleted.
      expect(sim.deleted).toEqual([id]);
      // The poll sent at the start has the timeout and as long again (1 s) to answer; far from minutes.
      expect(performance.now() - started).toBeLessThan(15_000);
    } finally {
      await sim.stop();
    }
  });

  it('keeps the report with keep-report, also when the run fails', async () => {
    const mock = withReport(withAccess(new MockJfrog()), pages(ROWS, 3));
    const logger = new RecordingLogger();
    await createXrayAdapter({ http: mock.http }).scan({
      config: xrayConfig({ 'keep-report': 'true' }),
      logger,
    });
    expect(mock.find('DELETE', /./)).toHaveLength(0);
    expect(logger.text()).toContain(
      'keep-report: Xray vulnerabilities report 42 (sca-bridge_npm-local_feature-login_',
    );
    expect(logger.text()).toContain(`Kept reports: ${ORIGIN}/ui/reports`);

    const failing = withAccess(new MockJfrog())
      .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, {
        status: 200,
        body: { report_id: 9, status: null },
      })
      .on('GET', /^\/xray\/api\/v1\/reports\/9$/, { status: 200, body: { status: 'failed', error: 'boom' } });
    await expect(
      createXrayAdapter({ http: failing.http }).scan({
        config: xrayConfig({ 'keep-report': 'true' }),
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow('(status failed: boom)');
    expect(failing.find('DELETE', /./)).toHaveLength(0);
  });

  it('sends projectKey on every report call and names the report after the project', async () => {
    const mock = withReport(withAccess(new MockJfrog()), pages(ROWS, 5));
    const result = await createXrayAdapter({ http: mock.http, now: NOW, unique: UNIQUE }).scan({
      config: xrayConfig({ 'project-key': 'shop', branch: 'release/2026.11 hotfix' }),
      logger: new RecordingLogger(),
    });
    const reportCalls = mock.calls.filter((c) => c.path.startsWith('/xray/api/v1/reports'));
    expect(reportCalls.length).toBe(1 + 1 + 3 + 2 + 1);
    expect(reportCalls.every((c) => c.query.projectKey === 'shop')).toBe(true);
    expect(mock.find('GET', /version$/)[0]!.query).toEqual({});
    expect(JSON.parse(mock.find('POST', /vulnerabilities$/)[0]!.body).name).toBe(
      'sca-bridge_shop_npm-local_release-2026.11-hotfix_2026-11-22T10-15-30Z_c0ffee',
    );
    expect(result.context.project).toBe('shop');
  });

  it('with fail-on-policy-violation, reads the violations report for the watches and deletes both', async () => {
    const mock = withReport(withAccess(new MockJfrog()), pages(ROWS, 1000))
      .on('POST', /^\/xray\/api\/v1\/reports\/violations$/, { status: 200, body: { report_id: 43 } })
      .on('GET', /^\/xray\/api\/v1\/reports\/43$/, { status: 200, body: { id: 43, status: 'completed' } })
      .on('POST', /^\/xray\/api\/v1\/reports\/violations\/43$/, pages(VIOLATIONS, 1))
      .on('DELETE', /^\/xray\/api\/v1\/reports\/43$/, { status: 200, body: {} });
    const result = await createXrayAdapter({ http: mock.http, now: NOW, unique: UNIQUE }).scan({
      config: xrayConfig({ 'fail-on-policy-violation': 'true', watches: 'prod-watch,license-watch' }),
      logger: new RecordingLogger(),
    });
    expect(JSON.parse(mock.find('POST', /\/reports\/violations$/)[0]!.body)).toEqual({
      name: `${REPORT_NAME}_violations`,
      resources: { repositories: [{ name: 'npm-local' }] },
      filters: { watch_names: ['prod-watch', 'license-watch'] },
    });
    expect(
      mock
        .find('POST', /\/reports\/violations\/43$/)
        .map((c) => [c.query.page_num, c.query.num_of_rows, c.query.order_by]),
    ).toEqual([
      ['1', '1000', ORDER_BY],
      ['2', '1', ORDER_BY],
    ]);
    expect(result.violations).toEqual([
      {
        scanner: 'xray',
        type: 'security',
        policy: 'block-critical',
        watch: 'prod-watch',
        state: 'FAIL',
        severity: 'critical',
        component: 'npm://minimist:1.2.5',
        subject: 'CVE-2021-44906',
        suppressed: false,
      },
      {
        scanner: 'xray',
        type: 'license',
        policy: 'no-gpl',
        watch: 'license-watch',
        state: 'FAIL',
        severity: 'high',
        component: 'npm://left-pad:1.3.0',
        suppressed: false,
      },
    ]);
    expect(
      mock
        .find('DELETE', /./)
        .map((c) => c.path)
        .sort(),
    ).toEqual(['/xray/api/v1/reports/42', '/xray/api/v1/reports/43']);
  });

  it('says that watches without fail-on-policy-violation change nothing, and reads no violations report', async () => {
    const mock = withReport(withAccess(new MockJfrog()), pages(ROWS, 1000));
    const logger = new RecordingLogger();
    await createXrayAdapter({ http: mock.http, now: NOW, unique: UNIQUE }).scan({
      config: xrayConfig({ watches: 'prod-watch' }),
      logger,
    });
    expect(mock.find('POST', /\/reports\/violations/)).toEqual([]);
    expect(logger.of('warn')).toContain(
      'watches (prod-watch) choose the violations fail-on-policy-violation counts; without it no violations report is read, so they change nothing. Set fail-on-policy-violation to fail on them.',
    );
  });

  it('deletes the violations report when the vulnerabilities report fails, and reports the real cause', async () => {
    const mock = withAccess(new MockJfrog())
      .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, { status: 200, body: { report_id: 50 } })
      .on('GET', /^\/xray\/api\/v1\/reports\/50$/, {
        status: 200,
        body: { id: 50, status: 'aborted', error: 'Xray restarted' },
      })
      .on('POST', /^\/xray\/api\/v1\/reports\/violations$/, { status: 200, body: { report_id: 51 } })
      .on('GET', /^\/xray\/api\/v1\/reports\/51$/, { status: 200, body: { id: 51, status: 'running' } })
      .on('DELETE', /^\/xray\/api\/v1\/reports\/5[01]$/, { status: 200, body: {} });
    await expect(
      createXrayAdapter({ http: mock.http }).scan({
        config: xrayConfig({ 'fail-on-policy-violation': 'true', timeout: '30' }),
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow(
      'Xray could not generate the vulnerabilities report 50 (status aborted: Xray restarted).',
    );
    expect(
      mock
        .find('DELETE', /./)
        .map((c) => c.path)
        .sort(),
    ).toEqual(['/xray/api/v1/reports/50', '/xray/api/v1/reports/51']);
  });

  it('ends the wait on a status it does not know that carries an error, quoting it, and deletes the report', async () => {
    const mock = withAccess(new MockJfrog())
      .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, { status: 200, body: { report_id: 52 } })
      .on('GET', /^\/xray\/api\/v1\/reports\/52$/, {
        status: 200,
        body: { id: 52, status: 'error', error: 'indexing failed' },
      })
      .on('DELETE', /^\/xray\/api\/v1\/reports\/52$/, { status: 200, body: {} });
    await expect(
      createXrayAdapter({ http: mock.http }).scan({
        config: xrayConfig({ timeout: '30' }),
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow(
      'Xray could not generate the vulnerabilities report 52 (status error: indexing failed).',
    );
    // One poll, not polls for the 30 s of the timeout.
    expect(mock.find('GET', /reports\/52$/)).toHaveLength(1);
    expect(mock.find('DELETE', /./).map((c) => c.path)).toEqual(['/xray/api/v1/reports/52']);
  });

  it('a refused violations report points at watches and the Xray version, not repo-key', async () => {
    const mock = withReport(withAccess(new MockJfrog()), pages(ROWS, 1000)).on(
      'POST',
      /^\/xray\/api\/v1\/reports\/violations$/,
      { status: 400, body: { error: "watch 'prod-wach' does not exist" } },
    );
    await expect(
      createXrayAdapter({ http: mock.http }).scan({
        config: xrayConfig({ 'fail-on-policy-violation': 'true', watches: 'prod-wach' }),
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow(
      `Creating the Xray violations report (${ORIGIN}/xray/api/v1/reports/violations): Xray refused the violations report that fail-on-policy-violation reads (HTTP 400: watch 'prod-wach' does not exist). Check watches (prod-wach): each must name a watch that exists in Xray, spelled exactly (Xray → Watches & Policies). Violations reports need Xray 3.11 or later. To scan without them, set fail-on-policy-violation: false.`,
    );
    expect(mock.find('DELETE', /./).map((c) => c.path)).toEqual(['/xray/api/v1/reports/42']);
  });

  describe('an empty report', () => {
    const EMPTY =
      "It holds no rows: either the repository has no known vulnerabilities, or Xray has not scanned it. A repository is only in Xray's reports when it is indexed (Administration → Xray Settings → Indexed Resources → Repositories) and watched by a watch with a security policy (Xray → Watches & Policies), and its artifacts have been scanned.";
    const LIST_REPOS =
      '`sca-bridge list-repos` (in the CLI) prints the repository keys the token can see, and names the virtual ones';

    /** An empty report (Go writes its rows as null) for `repoKey`, on a platform with `repositories`. */
    function emptyReport(repositories: MockReply) {
      return withReport(
        withAccess(new MockJfrog()),
        () => ({ status: 200, body: { total_rows: 0, rows: null } }),
        0,
      ).on('GET', /^\/artifactory\/api\/repositories$/, repositories);
    }

    async function scanEmpty(repoKey: string, repositories: MockReply) {
      const mock = emptyReport(repositories);
      const logger = new RecordingLogger();
      const outcome = await createXrayAdapter({ http: mock.http })
        .scan({ config: xrayConfig({ 'repo-key': repoKey }), logger })
        .catch((e: unknown) => e as Error);
      // The report is deleted before the repository is checked, whatever the check finds.
      expect(mock.find('DELETE', /\/reports\/42$/)).toHaveLength(1);
      expect(mock.find('GET', /^\/artifactory\/api\/repositories$/)).toHaveLength(1);
      return { outcome, logger };
    }

    const REPOSITORIES: MockReply = { status: 200, body: fixture('repositories.json') };

    it('passes with a warning when repo-key names a repository the token can see (the repository must be indexed and watched)', async () => {
      const { outcome, logger } = await scanEmpty('npm-local', REPOSITORIES);
      expect(outcome).not.toBeInstanceOf(Error);
      expect((outcome as { findings: unknown[] }).findings).toEqual([]);
      expect(logger.text('warn')).toBe(
        `Xray's vulnerabilities report for npm-local is empty; repo-key names a local repository the token can see. ${EMPTY}`,
      );
    });

    it('passes with a warning when repo-key differs only in case from one listed: it names the listed key', async () => {
      const { outcome, logger } = await scanEmpty('NPM-local', REPOSITORIES);
      expect(outcome).not.toBeInstanceOf(Error);
      expect(logger.text('warn')).toBe(
        `Xray's vulnerabilities report for NPM-local is empty, and repo-key NPM-local is not among the 4 repositories the token lists: npm-local, which the token lists, differs from it only in case: set repo-key to npm-local if that is the repository meant. ${EMPTY}`,
      );
    });

    it('passes with a warning when repo-key is not listed at all: the list may lack repositories shared with a project or not readable in Artifactory', async () => {
      const { outcome, logger } = await scanEmpty('npm-locl', REPOSITORIES);
      expect(outcome).not.toBeInstanceOf(Error);
      expect((outcome as { findings: unknown[] }).findings).toEqual([]);
      expect(logger.text('warn')).toBe(
        `Xray's vulnerabilities report for npm-locl is empty, and repo-key npm-locl is not among the 4 repositories the token lists: check repo-key: it is the repository key exactly as Artifactory spells it (${LIST_REPOS}). Xray reports nothing for a repository it does not know; but the list may leave out repositories the token cannot read in Artifactory or that are shared with the project, so the empty report stands. ${EMPTY}`,
      );
    });

    it.each(['generic-virtual', 'Generic-Virtual'])(
      'fails (exit 3) for a virtual repository (%s): Xray reports on the local and remote ones behind it',
      async (repoKey) => {
        const { outcome } = await scanEmpty(repoKey, REPOSITORIES);
        expect(exitCodeOf(outcome)).toBe(ExitCode.ScannerFailure);
        expect((outcome as Error).message).toBe(
          `Xray's vulnerabilities report for ${repoKey} is empty: generic-virtual is a virtual repository, and Xray does not report on virtual repositories. Set repo-key to the local or remote repositories behind it (one scan each; ${LIST_REPOS}).`,
        );
      },
    );

    it('passes with the warning, naming repo-key and list-repos, when the repositories cannot be listed', async () => {
      const { outcome, logger } = await scanEmpty('npm-local', {
        status: 403,
        body: { errors: [{ status: 403, message: 'Forbidden' }] },
      });
      expect(outcome).not.toBeInstanceOf(Error);
      expect(logger.text('warn')).toMatch(
        new RegExp(
          `^Xray's vulnerabilities report for npm-local is empty, and repo-key could not be checked \\(Listing the Artifactory repositories .*HTTP 403.*\\)\\. It holds no rows: .* Check repo-key too: \`sca-bridge list-repos\``,
        ),
      );
    });

    it('passes with the warning when the token sees no repository at all: nothing proves the key wrong', async () => {
      const { outcome, logger } = await scanEmpty('npm-local', { status: 200, body: [] });
      expect(outcome).not.toBeInstanceOf(Error);
      expect(logger.text('warn')).toBe(
        `Xray's vulnerabilities report for npm-local is empty, and repo-key could not be checked (the token sees no repository at all). ${EMPTY} Check repo-key too: ${LIST_REPOS}.`,
      );
    });
  });

  describe("the report's own counts", () => {
    it('fails (exit 3) when the content holds no row of the 40 the status counted: a fault, not a clean repository', async () => {
      const mock = withReport(
        withAccess(new MockJfrog()),
        () => ({
          status: 200,
          body: { total_rows: 0, rows: [] },
        }),
        40,
      );
      const logger = new RecordingLogger();
      await expect(
        createXrayAdapter({ http: mock.http }).scan({ config: xrayConfig(), logger }),
      ).rejects.toThrow(
        new ScannerError(
          "Xray's vulnerabilities report 42 counted 40 rows when it completed (number_of_rows) but its content holds none (total_rows 0). Run the scan again; if it persists, run it with keep-report: true, compare the report in Xray → Reports, and report it to JFrog support.",
        ),
      );
      expect(mock.find('DELETE', /\/reports\/42$/)).toHaveLength(1);
    });

    it('warns, with the keep-report hint, when the content holds some but fewer rows than the status counted: the counts are not confirmed to match', async () => {
      const mock = withReport(withAccess(new MockJfrog()), pages(ROWS, 1000), ROWS.length + 2);
      const logger = new RecordingLogger();
      const result = await createXrayAdapter({ http: mock.http }).scan({ config: xrayConfig(), logger });
      expect(result.findings).toHaveLength(ROWS.length);
      expect(logger.of('warn')).toContain(
        `Xray's vulnerabilities report 42 counted ${ROWS.length + 2} rows when it completed (number_of_rows) but its content holds ${ROWS.length} (total_rows); sca-bridge reads and reports those ${ROWS.length}. If findings seem missing, run the scan again with keep-report: true and compare the report in Xray → Reports; if it persists, report it to JFrog support.`,
      );
    });

    it('reads every row when the content holds more than the status counted, and says so', async () => {
      const mock = withReport(withAccess(new MockJfrog()), pages(ROWS, 1000), ROWS.length - 2);
      const logger = new RecordingLogger();
      const result = await createXrayAdapter({ http: mock.http }).scan({ config: xrayConfig(), logger });
      expect(result.findings).toHaveLength(ROWS.length);
      expect(logger.of('info')).toContain(
        `Xray's vulnerabilities report 42 counted ${ROWS.length - 2} rows when it completed (number_of_rows); its content holds ${ROWS.length} (total_rows), and all ${ROWS.length} are read.`,
      );
    });

    it('warns when the report completed before Xray processed every artifact', async () => {
      const mock = withAccess(new MockJfrog())
        .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, { status: 200, body: { report_id: 42 } })
        .on('GET', /^\/xray\/api\/v1\/reports\/42$/, {
          status: 200,
          body: {
            id: 42,
            status: 'completed',
            total_artifacts: 5,
            num_of_processed_artifacts: 3,
            number_of_rows: 8,
          },
        })
        .on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities\/42$/, pages(ROWS, 1000))
        .on('DELETE', /^\/xray\/api\/v1\/reports\/42$/, { status: 200, body: {} });
      const logger = new RecordingLogger();
      await createXrayAdapter({ http: mock.http }).scan({ config: xrayConfig(), logger });
      expect(logger.of('warn')).toEqual([
        "Xray's vulnerabilities report 42 completed having processed 3 of 5 artifacts: findings in the other 2 are not in it (Xray may not have scanned them yet). Run the scan again once Xray has scanned the repository (Xray → Scans List shows its progress).",
      ]);
    });
  });

  describe("answers to a report's content sca-bridge cannot use", () => {
    it('a 400 names the page, size and sort field asked for, and asks for a report with the Xray version', async () => {
      const mock = withReport(withAccess(new MockJfrog()), () => ({
        status: 400,
        body: { error: 'invalid order_by' },
      }));
      const error = await createXrayAdapter({ http: mock.http })
        .scan({ config: xrayConfig(), logger: new RecordingLogger() })
        .catch((e: unknown) => e as Error);
      expect(exitCodeOf(error)).toBe(ExitCode.ScannerFailure);
      expect((error as Error).message).toBe(
        `Reading page 1 of Xray vulnerabilities report 42 (${ORIGIN}/xray/api/v1/reports/vulnerabilities/42): Xray refused page_num=1, num_of_rows=1000, order_by=vulnerable_component, direction=asc (HTTP 400: invalid order_by), though the report is completed and sca-bridge asks only with parameters Xray documents. Please report it to sca-bridge with your Xray version (3.131.25).`,
      );
      // A 400 is not retried; the report is deleted.
      expect(mock.find('POST', /\/reports\/vulnerabilities\/42$/)).toHaveLength(1);
      expect(mock.find('DELETE', /\/reports\/42$/)).toHaveLength(1);
    });

    it('rows: null is no rows when total_rows is 0, and a shape error otherwise, with its own hint (not api-url)', async () => {
      const mock = withReport(withAccess(new MockJfrog()), () => ({
        status: 200,
        body: { total_rows: 3, rows: null },
      }));
      const error = await createXrayAdapter({ http: mock.http })
        .scan({ config: xrayConfig(), logger: new RecordingLogger() })
        .catch((e: unknown) => e as Error);
      expect(exitCodeOf(error)).toBe(ExitCode.ScannerFailure);
      expect((error as Error).message).toBe(
        `Reading page 1 of Xray vulnerabilities report 42 (${ORIGIN}/xray/api/v1/reports/vulnerabilities/42): unexpected answer (rows: null, yet total_rows is not 0). Xray answered in a shape sca-bridge does not know. Please report it to sca-bridge with your Xray version (3.131.25).`,
      );
      expect(mock.find('DELETE', /\/reports\/42$/)).toHaveLength(1);
    });
  });

  it('never sees a scan without repo-key: the config refuses it (exit 2)', () => {
    expect(() => xrayConfig({ 'repo-key': '' })).toThrow(UserError);
    expect(() => xrayConfig({ 'repo-key': '' })).toThrow('Input repo-key');
  });

  it('explains a repository Xray does not know, with list-repos, and creates nothing to delete', async () => {
    const mock = withAccess(new MockJfrog()).on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, {
      status: 404,
      body: { error: 'Repository npm-lcal does not exist' },
    });
    await expect(
      createXrayAdapter({ http: mock.http }).scan({
        config: xrayConfig({ 'repo-key': 'npm-lcal' }),
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow(
      `Creating the Xray vulnerabilities report (${ORIGIN}/xray/api/v1/reports/vulnerabilities): Xray refused the report for the repository "npm-lcal" (HTTP 404: Repository npm-lcal does not exist). Check repo-key: it is the repository key exactly as Artifactory spells it (\`sca-bridge list-repos\` prints the keys the token can see), and the repository must be indexed by Xray (Administration → Xray Settings → Indexed Resources).`,
    );
    expect(mock.find('DELETE', /./)).toHaveLength(0);
  });

  it('names the path patterns when a report that sent them is refused: older Xray versions reject them', async () => {
    const mock = withAccess(new MockJfrog()).on('POST', /^\/xray\/api\/v1\/reports\/vulnerabilities$/, {
      status: 400,
      body: { error: 'Unrecognized field "exclude_path_patterns"' },
    });
    await expect(
      createXrayAdapter({ http: mock.http }).scan({
        config: xrayConfig({ 'exclude-path-patterns': 'test/**' }),
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow(
      `Creating the Xray vulnerabilities report (${ORIGIN}/xray/api/v1/reports/vulnerabilities): Xray refused the report for the repository "npm-local" (HTTP 400: Unrecognized field "exclude_path_patterns"). Older Xray versions refuse the include-path-patterns and exclude-path-patterns sca-bridge sends with the report: run the scan again without them, or upgrade Xray. Otherwise check repo-key: it is the repository key`,
    );
  });

  it('explains a refused token (401, either body shape) without ever showing it, and creates nothing', async () => {
    for (const body of [
      { error: `Found invalid token ${TOKEN}` },
      { errors: [{ status: 401, message: `Bad credentials for Bearer ${TOKEN}` }] },
    ]) {
      const mock = new MockJfrog()
        .on('GET', /version$/, { status: 200, body: { xray_version: '3.131.25' } })
        .on('POST', /^\/xray\/api\/v1\/reports$/, { status: 401, body });
      const logger = new RecordingLogger();
      const error = (await createXrayAdapter({ http: mock.http })
        .scan({ config: xrayConfig(), logger })
        .catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(ScannerError);
      expect(error.message).toMatch(
        /^Checking the token against the Xray reports list \(https:\/\/acme\.jfrog\.io\/xray\/api\/v1\/reports\): JFrog refused the token \(HTTP 401: (Found invalid token \*\*\*|Bad credentials for \*\*\*)\)\. The token is invalid, expired or revoked: create a new access token/,
      );
      expectNoToken(logger, error.message);
      expect(mock.find('POST', /vulnerabilities/)).toHaveLength(0);
    }
  });

  it('explains a token without Manage Reports (403)', async () => {
    const mock = new MockJfrog()
      .on('GET', /version$/, { status: 200, body: { xray_version: '3.131.25' } })
      .on('POST', /^\/xray\/api\/v1\/reports$/, {
        status: 403,
        body: { errors: [{ status: 403, message: 'Forbidden' }] },
      });
    await expect(
      createXrayAdapter({ http: mock.http }).scan({ config: xrayConfig(), logger: new RecordingLogger() }),
    ).rejects.toThrow(
      `Checking the token against the Xray reports list (${ORIGIN}/xray/api/v1/reports): permission denied (HTTP 403: Forbidden): the token's user lacks a permission: it needs Xray Read on the repository npm-local (a permission target with Xray "Read") and the Manage Reports role (Administration → User Management → Roles / Permissions → Xray: Manage Reports).`,
    );
  });

  it('explains an unreachable URL', async () => {
    // Port 1 on loopback refuses at once; the project's client, with short backoff between its retries.
    const http = (options: HttpOptions) => new HttpClient({ ...options, baseDelayMs: 1 });
    const error = await createXrayAdapter({ http })
      .testConnection({
        config: xrayConfig({ 'api-url': 'http://127.0.0.1:1/xray' }, 'test-connection'),
        logger: new RecordingLogger(),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScannerError);
    expect((error as Error).message).toBe(
      'Reading the Xray version: after 4 attempts, connection to http://127.0.0.1:1/xray/api/v1/system/version refused: check api-url and that the server is running.',
    );
  });
});

describe('Xray adapter: test-connection and list-repos', () => {
  it('test-connection checks version and the reports list, and says what it proved', async () => {
    const mock = withAccess(new MockJfrog());
    const logger = new RecordingLogger();
    await createXrayAdapter({ http: mock.http }).testConnection({
      config: xrayConfig({}, 'test-connection'),
      logger,
    });
    expect(mock.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /xray/api/v1/system/version',
      'POST /xray/api/v1/reports',
    ]);
    const list = mock.find('POST', /reports$/)[0]!;
    expect(list.query).toEqual({ direction: 'asc', page_num: '1', num_of_rows: '1', order_by: 'name' });
    expect(list.body).toBe('{}');
    expect(logger.text('info').split('\n')).toEqual([
      `Reached Xray 3.131.25 (revision abc123) at ${ORIGIN}: URL and TLS are fine.`,
      'The token is valid and may manage Xray reports: POST /xray/api/v1/reports answered (7 reports visible).',
      'Connection test passed. Not checked here: Xray Read on a particular repository, which the scan needs for its report (`sca-bridge list-repos` shows the repositories the token can see).',
    ]);
  });

  it('test-connection says when api-url is not a JFrog Platform', async () => {
    const mock = new MockJfrog().on('GET', /version$/, { status: 404, body: '<html>Not Found</html>' });
    await expect(
      createXrayAdapter({ http: mock.http }).testConnection({
        config: xrayConfig({}, 'test-connection'),
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow(
      `Reading the Xray version (${ORIGIN}/xray/api/v1/system/version): not found (HTTP 404). api-url must be the JFrog Platform base URL (https://acme.jfrog.io, with or without /xray), and Xray must be installed on it.`,
    );
  });

  describe('a reports list not found where the version answered', () => {
    async function connect(version: string) {
      const mock = new MockJfrog()
        .on('GET', /version$/, { status: 200, body: { xray_version: version } })
        .on('POST', /^\/xray\/api\/v1\/reports$/, { status: 404, body: '404 page not found' });
      return createXrayAdapter({ http: mock.http })
        .testConnection({ config: xrayConfig({}, 'test-connection'), logger: new RecordingLogger() })
        .catch((e: unknown) => e as Error);
    }
    const WHERE = `Checking the token against the Xray reports list (${ORIGIN}/xray/api/v1/reports): not found (HTTP 404: 404 page not found)`;

    it('an Xray older than 3.8 has no Reports API: upgrade it (api-url is right)', async () => {
      expect(((await connect('3.5.2')) as Error).message).toBe(
        `${WHERE}, though Xray 3.5.2 answered the version call at the same address, so api-url is right. sca-bridge reads Xray through its Reports API, which needs Xray 3.8 or later: ask your JFrog administrator to upgrade Xray.`,
      );
    });

    it('a recent Xray has it: something in front of Xray does not pass it on', async () => {
      expect(((await connect('3.131.25')) as Error).message).toBe(
        `${WHERE}, though Xray 3.131.25 answered the version call at the same address, so api-url is right. sca-bridge reads Xray through its Reports API, which needs Xray 3.8 or later: this version has it, so a proxy or gateway in front of Xray may not pass POST /xray/api/v1/reports on: ask your JFrog administrator.`,
      );
    });
  });

  it('list-repos logs the repositories by type, and names the virtual ones Xray does not report on', async () => {
    const mock = new MockJfrog().on('GET', /^\/artifactory\/api\/repositories$/, {
      status: 200,
      body: fixture('repositories.json'),
    });
    const logger = new RecordingLogger();
    await createXrayAdapter({ http: mock.http }).listRepositories!({
      config: xrayConfig({}, 'list-repos'),
      logger,
    });
    expect(logger.of('info')).toEqual([
      `4 repositories visible to the token at ${ORIGIN} (2 local, 1 remote, 1 virtual).`,
      'Xray does not report on virtual repositories (generic-virtual): give repo-key the local or remote repositories behind them.',
    ]);
  });

  it('list-repos returns the keys sorted, scoped to the project when project-key is set', async () => {
    const mock = new MockJfrog().on('GET', /^\/artifactory\/api\/repositories$/, {
      status: 200,
      body: fixture('repositories.json'),
    });
    const keys = await createXrayAdapter({ http: mock.http }).listRepositories!({
      config: xrayConfig({ 'project-key': 'shop' }, 'list-repos'),
      logger: new RecordingLogger(),
    });
    expect(keys).toEqual(['docker-remote', 'generic-virtual', 'libs-release-local', 'npm-local']);
    expect(mock.calls[0]!.query).toEqual({ project: 'shop' });
  });

  it('list-repos explains a 403', async () => {
    const mock = new MockJfrog().on('GET', /^\/artifactory\/api\/repositories$/, {
      status: 403,
      body: { errors: [{ status: 403, message: 'Forbidden' }] },
    });
    await expect(
      createXrayAdapter({ http: mock.http }).listRepositories!({
        config: xrayConfig({}, 'list-repos'),
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow(
      "permission denied (HTTP 403: Forbidden): the token's user may not list repositories: it needs Read permission on the repositories",
    );
  });
});
