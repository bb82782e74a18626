import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:https';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import path from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { ScannerError, UserError } from '../../../src/errors.js';
import {
  DeadlinePassed,
  HttpClient,
  type HttpOptions,
  HttpStatusError,
  NotSent,
  redirectAdvice,
} from '../../../src/http/client.js';
import { MemoryLogger } from '../../helpers/memory-logger.js';
import { tempDir } from '../../helpers/cli.js';
import { LoopbackServer, type RecordedRequest, sendJson } from '../../sim/server.js';
import { tlsServerOptions } from '../../sim/tls.js';

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
  it.each([408, 520, 522, 524])(
    'retries a read answered %i (a timeout, or a CDN whose origin blinked)',
    async (status) => {
      let calls = 0;
      const url = await start((_, res) => sendJson(res, ++calls === 1 ? status : 200, {}));
      const http = client(url);
      expect((await http.send({ path: 'api/read', retry: true })).status).toBe(200);
      expect(calls).toBe(2);
      await http.close();
    },
  );

  it('does not retry a client error that another attempt cannot mend (404)', async () => {
    let calls = 0;
    const url = await start((_, res) => sendJson(res, (++calls, 404), {}));
    const http = client(url);
    await failure(http.send({ path: 'api/read', retry: true }));
    expect(calls).toBe(1);
    await http.close();
  });

  it('keeps an answer asked to be kept, masked; one it cannot write is a warning, not a failure', async () => {
    const url = await start((_, res) => sendJson(res, 200, { echo: 'odt_secret0123' }));
    const keepDir = tempDir();
    const logger = new MemoryLogger();
    const http = client(url, { headers: { 'x-api-key': 'odt_secret0123' }, keepDir }, logger);
    await http.send({ path: 'api/v1/finding', keepAs: 'findings-page-1' });
    await http.send({ path: 'api/version' });
    expect(readdirSync(keepDir)).toEqual(['findings-page-1.json']);
    expect(readFileSync(path.join(keepDir, 'findings-page-1.json'), 'utf8')).toBe('{"echo":"***"}');
    const unwritable = client(url, { keepDir: path.join(keepDir, 'missing') }, logger);
    expect((await unwritable.send({ path: 'x', keepAs: 'page' })).status).toBe(200);
    expect(logger.of('warn').join('\n')).toContain('Could not keep');
    await Promise.all([http.close(), unwritable.close()]);
  });

  it('tells a request that never reached the server (refused) from one whose answer was lost (a reset)', async () => {
    const refused = client('http://127.0.0.1:1', { maxAttempts: 1 });
    expect(await failure(refused.send({ path: 'create' }))).toBeInstanceOf(NotSent);
    await refused.close();
    const url = await start((_, res) => res.socket?.destroy());
    const reset = client(url, { maxAttempts: 1 });
    const lost = await failure(reset.send({ path: 'create' }));
    expect(lost).toBeInstanceOf(ScannerError);
    expect(lost).not.toBeInstanceOf(NotSent);
    await reset.close();
  });

  it('logs each retry as one sentence: the failure without its full stop, then the wait', async () => {
    const logger = new MemoryLogger();
    const http = client('http://127.0.0.1:1', { maxAttempts: 2 }, logger);
    await failure(http.send({ path: 'api/read', retry: true }));
    expect(logger.of('info')).toEqual([
      'connection to http://127.0.0.1:1/api/read refused: check api-url and that the server is running; retrying in 0.0 s (1/1)',
    ]);
    await http.close();
  });

  it('reads an empty or blank body as null, and names a body that is not JSON', async () => {
    const bodies = ['', ' \r\n', '<html>login</html>'];
    const url = await start((req, res) => {
      const body = bodies[Number(new URL((req as { url: string }).url, 'http://x').searchParams.get('i'))];
      res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
    });
    const http = client(url);
    expect((await http.json({ path: 'a', query: { i: 0 } })).data).toBeNull();
    expect((await http.json({ path: 'a', query: { i: 1 } })).data).toBeNull();
    expect((await failure(http.json({ path: 'a', query: { i: 2 } }))).message).toContain(
      '/a did not return JSON (got "<html>login</html>…")',
    );
    await http.close();
  });

  describe('a JSON answer cut short (a complete 200 whose JSON breaks off)', () => {
    /** Answers `{"rows":[1,2` to the first `cut` requests, then `{"rows":[1,2]}`. */
    async function cutting(cut: number) {
      let calls = 0;
      const url = await start((_, res) => {
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(++calls <= cut ? '{"rows":[1,2' : '{"rows":[1,2]}');
      });
      return { url, calls: () => calls };
    }

    it('is tried again when the read may be retried, and the whole answer read once parsed', async () => {
      const { url, calls } = await cutting(2);
      const keepDir = tempDir();
      const logger = new MemoryLogger();
      const http = client(url, { keepDir }, logger);
      const { data } = await http.json({ path: 'api/read', retry: true, keepAs: 'page' });
      expect(data).toEqual({ rows: [1, 2] });
      expect(calls()).toBe(3);
      // Only the whole answer is kept.
      expect(readFileSync(path.join(keepDir, 'page.json'), 'utf8')).toBe('{"rows":[1,2]}');
      expect(logger.of('info')[0]).toMatch(
        /^\/api\/read sent JSON that is cut short \(12 bytes; .*\): the server, or a proxy in front of it, ended the answer early; retrying in 0\.0 s \(1\/3\)$/,
      );
      // The run-again advice is for the final error only: the client is still trying.
      expect(logger.of('info').join('\n')).not.toContain('Run the job again');
      await http.close();
    });

    it('fails after every attempt, saying so; once when the call may not be retried', async () => {
      const always = await cutting(Infinity);
      const http = client(always.url);
      const error = await failure(http.json({ path: 'api/read', retry: true }));
      expect(always.calls()).toBe(4);
      expect(error.message).toMatch(
        /^after 4 attempts, \/api\/read sent JSON that is cut short \(12 bytes; .*\): the server, or a proxy in front of it, ended the answer early\. Run the job again; if it keeps happening, check their logs\.$/,
      );
      await failure(http.json({ method: 'POST', path: 'api/create' }));
      expect(always.calls()).toBe(5);
      await http.close();
    });

    it.each([
      ['trailing text', '{"rows":[1,2]} <!-- cached -->'],
      ['a NaN', '{"rows":[NaN]}'],
      ['a second value', '{"rows":[1]}{"rows":[2]}'],
    ])('a complete body with %s is malformed: it fails at once, not read again', async (_, body) => {
      let calls = 0;
      const url = await start((_req, res) => {
        calls++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
      const logger = new MemoryLogger();
      const http = client(url, {}, logger);
      const error = await failure(http.json({ path: 'api/read', retry: true }));
      expect(calls).toBe(1);
      expect(logger.of('info')).toEqual([]);
      expect(error.message).toMatch(
        new RegExp(
          `^/api/read sent malformed JSON \\(${Buffer.byteLength(body)} bytes; .+\\): the answer is complete but is not valid JSON, so sca-bridge does not read it again\\. Check that api-url points at the API, not at a proxy or the web UI; if it does, report it with the server's version\\.$`,
        ),
      );
      expect(error.message).not.toMatch(/cut short/);
      await http.close();
    });

    it('send() alone (a webhook) takes any body: only a caller that reads JSON asks for it', async () => {
      const { url, calls } = await cutting(Infinity);
      const http = client(url);
      expect((await http.send({ method: 'POST', path: 'hook', retry: true })).text).toBe('{"rows":[1,2');
      expect(calls()).toBe(1);
      await http.close();
    });
  });

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

/**
 * Node's timers count from the event loop's cached clock, so a wait may end a few milliseconds before the
 * wall clock says it should: the slack a lower bound on a wait allows.
 */
const TIMER_SLACK_MS = 100;

describe('Retry-After', () => {
  it('is waited for before the next attempt, not only logged', async () => {
    let answered = 0;
    const url = await start((_, res) => {
      answered += 1;
      if (answered === 1) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end('Too Many Requests');
      } else sendJson(res, 200, { ok: true });
    });
    const logger = new MemoryLogger();
    // A backoff of 1 ms: only Retry-After can make the client wait about a second.
    const http = client(url, { maxAttempts: 2, baseDelayMs: 1 }, logger);
    try {
      expect((await http.send({ path: 'api/read', retry: true })).status).toBe(200);
    } finally {
      await http.close();
    }
    const [first, second] = server?.requests ?? [];
    expect(logger.of('info')).toEqual([expect.stringMatching(/HTTP 429.*; retrying in 1\.0 s \(1\/1\)$/)]);
    // The 429 left after the first request came in: the retry came at least 1 s after the 429.
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1_000 - TIMER_SLACK_MS);
  });
});

describe('a stopped run', () => {
  it('stops its calls at once, but lets a call that outlives the stop finish within one shared grace period', async () => {
    // Every answer takes 3 s.
    const url = await start((_, res) => void setTimeout(() => sendJson(res, 200, { ok: true }), 3_000));
    const run = new AbortController();
    const http = client(url, { signal: run.signal, maxAttempts: 1 });
    try {
      const stopped = performance.now();
      run.abort(new Error('stopped'));
      expect((await failure(http.send({ path: 'api/read' }))).message).toBe('stopped');
      // The first finishes within the grace period (its answer takes 3 s); the second, begun about 3 s after
      // the stop, is cut off when the same period ends, 5 s after the stop: with a period of its own it
      // would have had its answer at about 6 s.
      expect((await http.send({ method: 'POST', path: 'api/create', outlivesCancel: true })).status).toBe(
        200,
      );
      const cut = await failure(http.send({ method: 'DELETE', path: 'api/delete', outlivesCancel: true }));
      expect(cut.message).toBe(
        `${url}/api/delete did not answer within the 5 s a call may still take once the job is stopped.`,
      );
      // Not cut before the period's end (a lower bound: a slow machine only exceeds it); not hung.
      const elapsed = performance.now() - stopped;
      expect(elapsed).toBeGreaterThanOrEqual(5_000 - TIMER_SLACK_MS);
      expect(elapsed).toBeLessThan(30_000);
    } finally {
      await http.close();
    }
  });
});

describe('a deadline', () => {
  // The request time limit is a minute, as when timeout is 600 s: before the deadline was honoured, a poll of
  // a server that never answers took 4 attempts of a minute each, plus the backoff between them.
  const slow = { requestTimeoutMs: 60_000, maxAttempts: 4 };

  it('cuts off an attempt still waiting for its answer, and starts no other', async () => {
    const url = await start(() => undefined);
    const http = client(url, slow);
    try {
      const started = performance.now();
      // Not a whole millisecond, as `timeout` need not be.
      const deadline = Date.now() + 300.5;
      const error = await failure(http.send({ path: 'api/poll', retry: true, deadline }));
      expect(error).toBeInstanceOf(DeadlinePassed);
      expect(error.message).toBe(`${url}/api/poll did not answer in the time left`);
      expect(server?.requests).toHaveLength(1);
      // Not before the deadline (a lower bound: a slow machine only exceeds it); far from a minute.
      const elapsed = performance.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(300 - TIMER_SLACK_MS);
      expect(elapsed).toBeLessThan(15_000);
    } finally {
      await http.close();
    }
  });

  it('begins no backoff that would end past it: the failure, and that no time was left', async () => {
    // A request that asks for it is answered with a Retry-After of 10 s.
    const url = await start((req, res) => {
      const asked = (req as RecordedRequest).headers['x-retry-after'];
      sendJson(res, 503, { error: 'busy' }, asked ? { 'retry-after': String(asked) } : {});
    });
    const logger = new MemoryLogger();
    // The first backoff is 0.75 to 1.25 s.
    const http = client(url, { ...slow, baseDelayMs: 1_000 }, logger);
    const retryAfter = client(url, slow, logger);
    try {
      const deadline = Date.now() + 500;
      const errors = await Promise.all([
        failure(http.send({ path: 'api/poll', retry: true, deadline })),
        failure(
          retryAfter.send({ path: 'api/poll', headers: { 'x-retry-after': '10' }, retry: true, deadline }),
        ),
      ]);
      for (const error of errors) {
        expect(error).toBeInstanceOf(DeadlinePassed);
        expect(error.message).toBe(
          `${url}/api/poll answered HTTP 503: {"error":"busy"}, with no time left to try again`,
        );
      }
      expect(server?.requests).toHaveLength(2);
      expect(logger.of('info')).toEqual([]);
    } finally {
      await Promise.all([http.close(), retryAfter.close()]);
    }
  });

  it('does not hide a stop that comes first: it is said as the stop', async () => {
    const url = await start(() => undefined);
    const run = new AbortController();
    const http = client(url, { ...slow, signal: run.signal });
    try {
      setTimeout(() => run.abort(new Error('stopped')), 100);
      const error = await failure(
        http.send({ path: 'api/poll', retry: true, deadline: Date.now() + 10_000 }),
      );
      expect(error).not.toBeInstanceOf(DeadlinePassed);
      expect(error.message).toBe('stopped');
    } finally {
      await http.close();
    }
  });
});

describe('redirects', () => {
  const redirectTo = (location: string) => (_: unknown, res: Parameters<typeof sendJson>[0]) => {
    res.writeHead(301, { location });
    res.end();
  };

  async function redirected(location: string, base = '', options: Partial<HttpOptions> = {}) {
    const url = await start(redirectTo(location));
    const http = client(`${url}${base}`, options);
    const error = await failure(http.send({ path: 'api/version', retry: true }));
    await http.close();
    return error as HttpStatusError;
  }

  it('are not followed, and name the base their target implies', async () => {
    const error = await redirected('https://dt.example.com/api/version');
    expect(error).toBeInstanceOf(HttpStatusError);
    expect(error.status).toBe(301);
    expect(error.redirect).toEqual({
      to: 'https://dt.example.com/api/version',
      base: 'https://dt.example.com',
    });
    expect(server?.requests).toHaveLength(1);
    expect(redirectAdvice(error.redirect!, 'api-url')).toBe(
      'it redirects to https://dt.example.com/api/version, and sca-bridge does not follow redirects (the token would travel along): set api-url to https://dt.example.com',
    );
  });

  it('keep a context path, and give no base for a target that dropped the path asked for', async () => {
    expect((await redirected('https://host.example/dtrack/api/version?x=1', '/dtrack')).redirect).toEqual({
      to: 'https://host.example/dtrack/api/version',
      base: 'https://host.example/dtrack',
    });
    const login = (await redirected('/sso/login?next=%2Fapi')).redirect;
    expect(login?.to).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sso\/login$/);
    expect(login?.base).toBeUndefined();
    expect(redirectAdvice(login!, 'api-url')).toMatch(
      /: set api-url to the address the server answers at without a redirect$/,
    );
  });

  it('show only the origin when the path is a secret', async () => {
    const error = await redirected('https://hooks.example.com/services/T0/B0/SECRET', '', {
      originOnly: true,
    });
    expect(error.redirect).toEqual({ to: 'https://hooks.example.com' });
  });
});

describe('an https:// URL at a port that speaks plain HTTP', () => {
  it('says to check the scheme and port, not the certificates, and tries once', async () => {
    const url = await start();
    const logger = new MemoryLogger();
    const http = client(url.replace(/^http:/, 'https:'), {}, logger);
    const error = await failure(http.send({ path: 'api/version', retry: true }));
    expect(error.message).toMatch(
      /^https:\/\/127\.0\.0\.1:\d+\/api\/version does not answer TLS \(.+\): the server at that port speaks plain HTTP, or another port is meant\. Check api-url: its scheme \(http:\/\/ or https:\/\/\) and port\.$/,
    );
    expect(error.message).not.toContain('insecure');
    // No retry: another attempt meets the same plain HTTP.
    expect(logger.of('info').filter((line) => line.includes('retrying'))).toEqual([]);
    await http.close();
  });
});

describe('ca-file', () => {
  const dir = tempDir();
  const caFile = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['no certificate', 'not a pem\n', 'holds no PEM certificate'],
    [
      'a broken one',
      '-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----\n',
      'certificate 1 in',
    ],
  ])('refuses a file with %s as bad input', (_, text, says) => {
    const file = caFile('bad.pem', text);
    const open = () => client('https://dt.example.test', { caFile: file });
    expect(open).toThrow(UserError);
    expect(open).toThrow(`Input ca-file: `);
    expect(open).toThrow(says);
    expect(open).toThrow(/give a PEM bundle of the CA certificates that signed the server's certificate/);
  });

  it("that does not hold the server's CA: says so, rather than to give a ca-file", async () => {
    const other = caFile('other-ca.pem', rootCertificates[0]!);
    const https = createServer(tlsServerOptions(), (_, res) => res.end('{}'));
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    const http = client(`https://127.0.0.1:${(https.address() as AddressInfo).port}`, { caFile: other });
    try {
      const error = await failure(http.send({ path: 'api/version', retry: true }));
      expect(error.message).toMatch(
        /^TLS verification of https:\/\/127\.0\.0\.1:\d+\/api\/version failed \(DEPTH_ZERO_SELF_SIGNED_CERT\): the ca-file .+other-ca\.pem does not hold the CA that signed the server's certificate\. Add that CA's certificate to it/,
      );
    } finally {
      await http.close();
      https.close();
    }
  });
});

describe('proxies', () => {
  /** A port nothing listens on: taken, then given back. */
  async function closedPort(): Promise<number> {
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    return port;
  }

  /** A proxy that wants credentials, for tunnels (https) and plain http alike. */
  async function authProxy(): Promise<{ url: string; requests: () => number; stop: () => Promise<void> }> {
    let requests = 0;
    const proxy = createHttpServer((_, res) => {
      requests++;
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="corp"' });
      res.end();
    });
    proxy.on('connect', (_, socket: Socket) => {
      requests++;
      socket.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\n\r\n',
      );
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
      requests: () => requests,
      stop: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
    };
  }

  it('a proxy that cannot be reached is named with its variable, never with its password', async () => {
    const port = await closedPort();
    const logger = new MemoryLogger();
    const http = client(
      'https://dt.example.test',
      { env: { HTTPS_PROXY: `http://ci:pr0xy-pw@127.0.0.1:${port}` }, maxAttempts: 1 },
      logger,
    );
    const error = await failure(http.send({ path: 'api/version' }));
    await http.close();
    expect(error.message).toBe(
      `cannot reach the proxy http://127.0.0.1:${port} (HTTPS_PROXY, ECONNREFUSED) that requests to https://dt.example.test/api/version go through: check HTTPS_PROXY and that the proxy is running, or list the host in NO_PROXY to reach it directly.`,
    );
    expect(logger.secrets).toContain('pr0xy-pw');
  });

  it.each([
    ['https', 'HTTPS_PROXY'],
    ['http', 'HTTP_PROXY'],
  ])(
    'a proxy asking for credentials (407) over %s is asked once and says to put them in the variable',
    async (scheme, variable) => {
      const proxy = await authProxy();
      const http = client(`${scheme}://dt.example.test`, { env: { [variable]: proxy.url } });
      try {
        const error = await failure(http.send({ path: 'api/version', retry: true }));
        expect(error.message).toBe(
          `the proxy ${proxy.url} (${variable}) asks for credentials (HTTP 407) before it forwards requests to ${scheme}://dt.example.test/api/version: put them in ${variable} as http://user:password@host:port (URL-encode special characters), from a secret.`,
        );
        expect(proxy.requests()).toBe(1);
      } finally {
        await http.close();
        await proxy.stop();
      }
    },
  );

  it('a proxy refusing the credentials its variable gives (407) says so, without showing them', async () => {
    const proxy = await authProxy();
    const withLogin = proxy.url.replace('http://', 'http://ci:wr0ng-pw@');
    const http = client('https://dt.example.test', { env: { HTTPS_PROXY: withLogin } });
    try {
      const error = await failure(http.send({ path: 'api/version', retry: true }));
      expect(error.message).toBe(
        `the proxy ${proxy.url} (HTTPS_PROXY) refused the user name and password in HTTPS_PROXY (HTTP 407) for requests to https://dt.example.test/api/version: check them (URL-encoded) and that the proxy account may reach that host.`,
      );
      expect(proxy.requests()).toBe(1);
    } finally {
      await http.close();
      await proxy.stop();
    }
  });

  it('any other failure through a proxy names it too', async () => {
    const proxy = createHttpServer();
    proxy.on('connect', (_, socket: Socket) => socket.destroy());
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const http = client('https://dt.example.test', { env: { HTTPS_PROXY: url }, maxAttempts: 1 });
    try {
      const error = await failure(http.send({ path: 'api/version' }));
      expect(error.message).toMatch(
        new RegExp(
          `^the connection to https://dt.example.test/api/version was closed .+ It went through the proxy ${url} \\(HTTPS_PROXY\\)\\.$`,
        ),
      );
    } finally {
      await http.close();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it.each([
    ['localhost', false],
    ['*', false],
    ['.localhost', false],
    ['LOCALHOST:PORT', false],
    ['localhost:1', true],
    ['*.localhost', true],
    ['example.com, other.test', true],
  ])('NO_PROXY=%s: the proxy is named only when the request goes through it', async (noProxy, proxied) => {
    const [target, proxyPort] = [await closedPort(), await closedPort()];
    const http = client(`http://localhost:${target}`, {
      env: { HTTP_PROXY: `http://127.0.0.1:${proxyPort}`, NO_PROXY: noProxy.replace('PORT', String(target)) },
      maxAttempts: 1,
    });
    const error = await failure(http.send({ path: 'api/version' }));
    await http.close();
    expect(error.message.startsWith('cannot reach the proxy')).toBe(proxied);
    expect(error.message.includes(`${target}/api/version`)).toBe(true);
  });
});
