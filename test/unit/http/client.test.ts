import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, type HttpOptions } from '../../../src/http/client.js';
import { MemoryLogger } from '../../helpers/memory-logger.js';
import { LoopbackServer, sendJson } from '../../sim/server.js';

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function start(handler = (_: unknown, res: Parameters<typeof sendJson>[0]) => sendJson(res, 200, {})) {
  server = new LoopbackServer(handler);
  return server.start();
}

function client(
  baseUrl: string,
  options: Partial<HttpOptions> = {},
  logger = new MemoryLogger(),
): HttpClient {
  return new HttpClient({ baseUrl, logger, baseDelayMs: 1, ...options });
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );
}

describe('HttpClient', () => {
  it('sends a request undici refuses (a header it cannot carry) once, not as a network error to retry', async () => {
    const url = await start();
    const logger = new MemoryLogger();
    const http = client(url, { headers: { 'x-api-key': 'odt_abc\u2019def' } }, logger);
    const error = await failure(http.send({ path: 'api/version', retry: true }));
    expect(error.message).toMatch(
      /^sca-bridge could not send the request to http:\/\/127\.0\.0\.1:\d+\/api\/version \(.+\): a header or the URL holds characters HTTP cannot carry; check the token and api-url\.$/,
    );
    expect(error.message).not.toContain('odt_abc');
    expect(logger.of('info')).toEqual([]);
    expect(server?.requests).toEqual([]);
    await http.close();
  });
});
