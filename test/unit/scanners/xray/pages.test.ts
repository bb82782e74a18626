import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ScannerError } from '../../../../src/errors.js';
import { HttpClient, type HttpOptions } from '../../../../src/http/client.js';
import { createXrayAdapter } from '../../../../src/scanners/xray/adapter.js';
import type { PageRequest, XrayClient } from '../../../../src/scanners/xray/client.js';
import { Limiter } from '../../../../src/scanners/limiter.js';
import { readAllPages } from '../../../../src/scanners/xray/report.js';
import { tempDir } from '../../../helpers/cli.js';
import { generateRows, type XraySim, startXraySim } from '../../../sim/xray.js';
import { RecordingLogger, TOKEN, xrayConfig } from './helpers.js';

const http = (options: HttpOptions) => new HttpClient({ ...options, baseDelayMs: 1 });
let sim: XraySim | undefined;

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function scanAgainst(options: Parameters<typeof startXraySim>[0], pageConcurrency?: number) {
  sim = await startXraySim(options);
  const config = xrayConfig({ 'api-url': sim.url });
  return createXrayAdapter({ http, ...(pageConcurrency ? { pageConcurrency } : {}) }).scan({
    config,
    logger: new RecordingLogger(),
  });
}

const content = /^\/xray\/api\/v1\/reports\/vulnerabilities\/\d+$/;

describe('reading report pages (loopback simulator)', () => {
  it('keeps at most 4 content pages in flight, and reads every row once', async () => {
    const rows = generateRows(1000, 'npm-local');
    const result = await scanAgainst({
      token: TOKEN,
      repositories: [{ key: 'npm-local' }],
      rows: { 'npm-local': rows },
      pageCap: 50,
      pollsUntilComplete: 0,
      latencyMs: 15,
    });
    expect(result.findings).toHaveLength(1000);
    expect(new Set(result.findings.map((f) => f.id)).size).toBe(1000);
    const pages = sim!.calls('POST', content);
    expect(pages).toHaveLength(20);
    // Content pages alone: page 1, then 19 pages at most 4 at a time.
    const overlapping = (at: number) => pages.filter((p) => p.start <= at && p.end > at).length;
    const most = Math.max(...pages.map((p) => overlapping(p.start)));
    expect(most).toBe(4);
    expect(sim!.maxInFlight).toBe(4);
    expect(new Set(pages.map((p) => p.query.order_by))).toEqual(new Set(['vulnerable_component']));
  });

  it('reads every row from a server that offsets pages by the size asked, not the size served', async () => {
    // Asking 1000 again for page 2 would skip rows 50–999 on such a server; sca-bridge asks the served size.
    const result = await scanAgainst({
      token: TOKEN,
      repositories: [{ key: 'npm-local' }],
      rows: { 'npm-local': generateRows(120, 'npm-local') },
      pageCap: 50,
      pollsUntilComplete: 1,
      offsetFrom: 'requested',
    });
    expect(result.findings).toHaveLength(120);
    expect(sim!.calls('POST', content).map((p) => p.query.num_of_rows)).toEqual(['1000', '50', '50']);
  });

  it('stops asking for pages after one fails for good, and deletes the report', async () => {
    sim = await startXraySim({
      token: TOKEN,
      repositories: [{ key: 'npm-local' }],
      rows: { 'npm-local': generateRows(1000, 'npm-local') },
      pageCap: 50,
      pollsUntilComplete: 0,
      latencyMs: 5,
    });
    sim.fail({ method: 'POST', match: /vulnerabilities\/\d+\?.*page_num=3&/, status: 400, times: Infinity });
    await expect(
      createXrayAdapter({ http, pageConcurrency: 2 }).scan({
        config: xrayConfig({ 'api-url': sim.url }),
        logger: new RecordingLogger(),
      }),
    ).rejects.toThrow('Reading page 3 of Xray vulnerabilities report 100');
    expect(sim.calls('POST', content).length).toBeLessThan(8);
    expect(sim.deleted).toEqual([100]);
  });

  it('fails when the server miscounts total_rows', async () => {
    await expect(
      scanAgainst({
        token: TOKEN,
        repositories: [{ key: 'npm-local' }],
        rows: { 'npm-local': generateRows(30, 'npm-local') },
        pageCap: 10,
        pollsUntilComplete: 0,
        totalRowsSkew: 1,
      }),
    ).rejects.toThrow(
      "Xray's vulnerabilities report 100 holds 31 rows (total_rows) but its 4 pages of 10 gave 30 (page 4: 0 of 1).",
    );
    expect(sim!.deleted).toEqual([100]);
  });

  it('reads the report again when rows tied on order_by come in another order per page, until every row is read', async () => {
    // One old component version with many issues: every row ties on vulnerable_component.
    const rows = generateRows(120, 'npm-local').map((row) => ({
      ...row,
      vulnerable_component: 'gav://org.acme:big:1.0',
    }));
    sim = await startXraySim({
      token: TOKEN,
      repositories: [{ key: 'npm-local' }],
      rows: { 'npm-local': rows },
      pageCap: 50,
      pollsUntilComplete: 0,
      unstableTies: true,
    });
    const logger = new RecordingLogger();
    const keepDir = tempDir();
    const result = await createXrayAdapter({ http, pageConcurrency: 1 }).scan({
      config: xrayConfig({ 'api-url': sim.url }),
      logger,
      keepDir,
    });
    expect(new Set(result.findings.map((f) => f.id)).size).toBe(120);
    // The same field again, in either direction, would tie the same rows: the second read sorts by another.
    expect(sim.calls('POST', content).map((p) => `${p.query.page_num} ${p.query.order_by}`)).toEqual([
      '1 vulnerable_component',
      '2 vulnerable_component',
      '3 vulnerable_component',
      '1 cve',
      '2 cve',
      '3 cve',
    ]);
    expect(logger.text('info')).toContain(
      "Xray's vulnerabilities report 100 repeated rows across pages (rows tied on vulnerable_component came in another order per page), 70 distinct of 120: reading it again sorted by cve (read 2 of at most 3).",
    );
    expect(
      readdirSync(keepDir)
        .filter((f) => f.startsWith('xray-'))
        .sort(),
    ).toEqual([
      'xray-vulnerabilities-report-100-page-1.json',
      'xray-vulnerabilities-report-100-page-2.json',
      'xray-vulnerabilities-report-100-page-3.json',
      'xray-vulnerabilities-report-100-read-2-page-1.json',
      'xray-vulnerabilities-report-100-read-2-page-2.json',
      'xray-vulnerabilities-report-100-read-2-page-3.json',
    ]);
  });
});

describe('rows repeated across pages (fake client)', () => {
  const row = (name: string) => ({ issue_id: name, vulnerable_component: 'gav://org.acme:big:1.0' });

  /**
   * A client serving pages of 3 rows: on its k-th request for a page, that page of `reads[k]` (the last one
   * repeating), whatever the sort field asked.
   */
  function fakeClient(total: number, reads: string[][]): { client: XrayClient; asked: string[] } {
    const asked: string[] = [];
    const times = new Map<number, number>();
    const reportPage = (_kind: string, _id: number, { page, orderBy }: PageRequest) => {
      const nth = times.get(page) ?? 0;
      times.set(page, nth + 1);
      asked.push(`${page} ${orderBy}`);
      const rows = reads[Math.min(nth, reads.length - 1)]!;
      return Promise.resolve({ total_rows: total, rows: rows.slice((page - 1) * 3, page * 3).map(row) });
    };
    return { client: { reportPage } as unknown as XrayClient, asked };
  }

  const readAll = (client: XrayClient, logger = new RecordingLogger()) =>
    readAllPages('vulnerabilities', 7, { client, logger, limiter: new Limiter(2) });

  it('reads on until the distinct rows reach total_rows, a row a later read gives included', async () => {
    const { client, asked } = fakeClient(6, [
      ['a', 'b', 'c', 'c', 'd', 'e'],
      ['a', 'b', 'c', 'b', 'd', 'e'],
      ['a', 'b', 'c', 'd', 'e', 'f'],
    ]);
    expect((await readAll(client)).map((r) => (r as { issue_id: string }).issue_id).sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
    ]);
    expect(asked).toEqual([
      '1 vulnerable_component',
      '2 vulnerable_component',
      '1 cve',
      '2 cve',
      '1 impacted_artifact',
      '2 impacted_artifact',
    ]);
  });

  it('fails with exit 3 when rows keep repeating across pages and some are never read', async () => {
    // The same repeat whatever the order: a row the server never gives is no duplicate of its own to keep.
    const { client, asked } = fakeClient(6, [['a', 'b', 'c', 'c', 'd', 'e']]);
    const error = await readAll(client).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScannerError);
    expect((error as ScannerError).message).toBe(
      "Xray's vulnerabilities report 7 repeated rows across pages on each of 3 reads (sorted by vulnerable_component, cve, impacted_artifact) and gave 5 distinct rows of 6 (total_rows). sca-bridge reports nothing rather than an incomplete result; run the scan again, and if it persists report it to JFrog support.",
    );
    expect(asked).toEqual([
      '1 vulnerable_component',
      '2 vulnerable_component',
      '1 cve',
      '2 cve',
      '1 impacted_artifact',
      '2 impacted_artifact',
    ]);
  });
});
