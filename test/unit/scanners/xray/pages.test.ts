import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, type HttpOptions } from '../../../../src/http/client.js';
import { createXrayAdapter } from '../../../../src/scanners/xray/adapter.js';
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
});
