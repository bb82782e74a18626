import { afterEach, describe, expect, it } from 'vitest';
import { JobStopped } from '../../../../src/cancel.js';
import { HttpClient, type HttpOptions } from '../../../../src/http/client.js';
import { XrayClient } from '../../../../src/scanners/xray/client.js';
import { type XraySim, startXraySim } from '../../../sim/xray.js';
import { RecordingLogger, TOKEN, xrayConfig } from './helpers.js';

const http = (options: HttpOptions) => new HttpClient({ ...options, baseDelayMs: 1 });
const BODY = { name: 'sca-bridge-test', resources: { repositories: [{ name: 'npm-local' }] } };
const create = /^\/xray\/api\/v1\/reports\/vulnerabilities$/;
let sim: XraySim | undefined;

afterEach(async () => {
  await sim?.stop();
  sim = undefined;
});

async function stoppable(): Promise<{ client: XrayClient; run: AbortController }> {
  sim = await startXraySim({ token: TOKEN, repositories: [{ key: 'npm-local' }], pollsUntilComplete: 0 });
  const run = new AbortController();
  const config = xrayConfig({ 'api-url': sim.url });
  return { client: new XrayClient({ config, logger: new RecordingLogger(), signal: run.signal }, http), run };
}

describe('XrayClient once the job is stopped', () => {
  it('creates no report: the stop is thrown before the request is sent', async () => {
    const { client, run } = await stoppable();
    run.abort(new JobStopped('SIGTERM'));
    await expect(client.createReport('vulnerabilities', BODY)).rejects.toThrow(
      'The job was stopped (SIGTERM) before the scan finished; nothing is reported.',
    );
    expect(sim!.calls('POST', create)).toHaveLength(0);
  });

  it('still deletes the report it created before the stop', async () => {
    const { client, run } = await stoppable();
    const id = await client.createReport('vulnerabilities', BODY);
    run.abort(new JobStopped('SIGTERM'));
    await client.deleteReport(id);
    expect(sim!.deleted).toEqual([id]);
  });
});
