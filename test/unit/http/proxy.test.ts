/**
 * Forward proxies seen from the messages and the routing: an error status that came through a proxy names it
 * (the proxy may have given it itself), and NO_PROXY's IP ranges (`127.0.0.0/8`) send requests past the proxy
 * as its host names do. Loopback servers only: the proxy on 127.0.0.1, the scanner behind a name that does not
 * resolve (a plain-http request through a proxy names its host to the proxy, never resolves it).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpClient, HttpStatusError } from '../../../src/http/client.js';
import { uploadSarif } from '../../../src/publish/code-scanning.js';
import { agentProxies, proxyFor } from '../../../src/http/proxy.js';
import { explain } from '../../../src/scanners/dependency-track/errors.js';
import { explainXrayError } from '../../../src/scanners/xray/errors.js';
import { MemoryLogger } from '../../helpers/memory-logger.js';
import { LoopbackServer, sendJson } from '../../sim/server.js';

const SCANNER = 'http://scanner.internal.example:8081';
const PAGE = '<html><body>Access Denied by corporate proxy policy</body></html>';

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.map((stop) => stop()));
  stops = [];
});

/** A forward proxy that answers every request itself; `seen` lists the URLs it was asked for. */
async function proxy(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? '');
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function client(baseUrl: string, env: Record<string, string>): HttpClient {
  const http = new HttpClient({ baseUrl, logger: new MemoryLogger(), baseDelayMs: 1, maxAttempts: 2, env });
  stops.push(() => http.close());
  return http;
}

async function statusError(promise: Promise<unknown>): Promise<HttpStatusError> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (failure: unknown) => failure as Error,
  );
  expect(error).toBeInstanceOf(HttpStatusError);
  return error as HttpStatusError;
}

const refused = (origin: string) =>
  `The answer came through the proxy ${origin} (HTTP_PROXY), which may have refused or failed the request itself: check that the proxy lets requests to scanner.internal.example through, or list scanner.internal.example in NO_PROXY to reach it directly.`;

describe('an error status that came through a proxy', () => {
  it.each([403, 502])(
    'names the proxy (HTTP_PROXY) and what to check when it answers %i itself',
    async (code) => {
      const forward = await proxy((_, res) => {
        res.writeHead(code, { 'content-type': 'text/html' });
        res.end(PAGE);
      });
      const http = client(SCANNER, { HTTP_PROXY: forward.url });
      const error = await statusError(http.send({ path: 'api/version', retry: true }));
      expect(forward.seen[0]).toBe(`${SCANNER}/api/version`);
      expect(error.proxy).toEqual({ variable: 'HTTP_PROXY', origin: forward.url, withCredentials: false });
      expect(error.throughProxy()).toBe(refused(forward.url));
      expect(error.message).toBe(
        `${SCANNER}/api/version answered HTTP ${code}: ${PAGE}. ${refused(forward.url)}`,
      );
    },
  );

  it('names the proxy when it answers 200 with a page of its own where JSON was expected', async () => {
    const forward = await proxy((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(PAGE);
    });
    const http = client(SCANNER, { HTTP_PROXY: forward.url });
    const error = await http.json({ path: 'api/version', retry: true }).then(
      () => new Error('expected a failure'),
      (failure: unknown) => failure as Error,
    );
    expect(error.message).toContain('/api/version did not return JSON');
    expect(error.message).toContain(refused(forward.url));
  });

  it("code scanning: GitHub's advice for a 403, and what to check of the proxy that gave it", async () => {
    const forward = await proxy((_, res) => {
      res.writeHead(403, { 'content-type': 'text/html' });
      res.end(PAGE);
    });
    const target = {
      apiUrl: 'http://github.internal.example',
      token: 'ghs_0123456789abcdef',
      repository: 'acme/shop',
      commitSha: '0'.repeat(40),
      ref: 'refs/heads/main',
      proxyEnv: { HTTP_PROXY: forward.url },
      waitSeconds: 1,
      pollSeconds: 1,
    };
    const log = { version: '2.1.0' as const, runs: [] };
    const error = await uploadSarif(log, target, new MemoryLogger(), () => undefined).then(
      () => new Error('expected a failure'),
      (failure: unknown) => failure as Error,
    );
    expect(error.message).toContain('`permissions: security-events: write`');
    expect(
      error.message.endsWith(
        refused(forward.url).replaceAll('scanner.internal.example', 'github.internal.example'),
      ),
    ).toBe(true);
  });

  it('never shows the password of the proxy variable', async () => {
    const forward = await proxy((_, res) => {
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('denied');
    });
    const http = client(SCANNER, { HTTP_PROXY: forward.url.replace('http://', 'http://ci:pr0xy-pw@') });
    const error = await statusError(http.send({ path: 'api/version' }));
    expect(error.message).toContain(`the proxy ${forward.url} (HTTP_PROXY)`);
    expect(error.message).not.toContain('pr0xy-pw');
  });

  it("only says it came through the proxy when the answer is the server's own JSON", async () => {
    const forward = await proxy((_, res) => sendJson(res, 404, { error: 'no such route' }));
    const http = client(SCANNER, { HTTP_PROXY: forward.url });
    const error = await statusError(http.send({ path: 'api/version' }));
    expect(error.throughProxy()).toBe(`The answer came through the proxy ${forward.url} (HTTP_PROXY).`);
    // The caller knows its server better: an answer that is not its own may be the proxy's.
    expect(error.throughProxy(false)).toBe(refused(forward.url));
  });

  it('says nothing of a proxy when there is none', async () => {
    const server = new LoopbackServer((_, res) => sendJson(res, 403, {}));
    const url = await server.start();
    stops.push(() => server.stop());
    const error = await statusError(client(url, {}).send({ path: 'api/version' }));
    expect(error.proxy).toBeUndefined();
    expect(error.throughProxy()).toBe('');
    expect(error.message).toBe(`${url}/api/version answered HTTP 403: {}`);
  });
});

describe("the scanners' explanations through a proxy", () => {
  const origin = 'http://proxy.corp.example:3128';
  const via = { variable: 'HTTP_PROXY', origin, withCredentials: false };
  const status = (code: number, body: string, contentType: string, path = '/xray/api/v1/system/version') =>
    new HttpStatusError(code, `${SCANNER}${path}`, body, contentType, undefined, via);

  it('Xray: its own 403 (JSON) keeps the token advice and says only that it came through the proxy', () => {
    const message = explainXrayError(status(403, '{"error":"Forbidden"}', 'application/json'), {
      operation: 'version',
      doing: 'Reading the Xray version',
    }).message;
    expect(message).toMatch(
      /^Reading the Xray version \(.+\): permission denied \(HTTP 403: Forbidden\): the token's user lacks a permission: it needs Xray Read/,
    );
    expect(message.endsWith(` The answer came through the proxy ${origin} (HTTP_PROXY).`)).toBe(true);
  });

  it("Xray: a proxy's 403 page, or a 502 with nothing, adds what to check of the proxy", () => {
    for (const [code, body, type] of [
      [403, PAGE, 'text/html'],
      [502, '', ''],
    ] as const) {
      const message = explainXrayError(status(code, body, type), {
        operation: 'version',
        doing: 'Reading the Xray version',
      }).message;
      expect(message.endsWith(` ${refused(origin)}`), message).toBe(true);
    }
  });

  it("Xray: a proxy's 502 page is no longer only Xray's overload", () => {
    const message = explainXrayError(status(502, PAGE, 'text/html'), {
      operation: 'version',
      doing: 'Reading the Xray version',
    }).message;
    expect(message).toContain('Xray may be overloaded');
    expect(message.endsWith(` ${refused(origin)}`)).toBe(true);
  });

  it('Xray: its own 401 says only that it came through the proxy', () => {
    const message = explainXrayError(status(401, '{"error":"Bad credentials"}', 'application/json'), {
      operation: 'auth-check',
      doing: 'Checking the token',
    }).message;
    expect(message).toContain('JFrog refused the token');
    expect(message.endsWith(` The answer came through the proxy ${origin} (HTTP_PROXY).`)).toBe(true);
  });

  it("Dependency-Track: a proxy's 403 page names the proxy besides a login proxy in front", () => {
    const message = explain(status(403, PAGE, 'text/html', '/api/version'), {
      what: "reading Dependency-Track's version",
      unauthenticated: true,
    }).message;
    expect(message).toContain('a login or single sign-on proxy in front of Dependency-Track');
    expect(message.endsWith(` ${refused(origin)}`)).toBe(true);
  });

  it("Dependency-Track: a 502's text is not said to be Dependency-Track's", () => {
    const message = explain(status(502, 'proxy says no', 'text/plain', '/api/version'), {
      what: "reading Dependency-Track's version",
    }).message;
    expect(message).toBe(
      `Dependency-Track failed while reading Dependency-Track's version (HTTP 502 from /api/version, after retries). The answer said: "proxy says no". Check the server (or the proxy in front of it), then run the job again. ${refused(origin)}`,
    );
  });

  it("Dependency-Track: its empty 401 (a wrong key) is its own; a gateway's JSON 502 still names the proxy", () => {
    const unauthorised = explain(status(401, '', '', '/api/v1/team/self'), {
      what: 'checking the API key',
    }).message;
    expect(unauthorised.endsWith(` The answer came through the proxy ${origin} (HTTP_PROXY).`)).toBe(true);
    const gateway = explain(
      status(
        502,
        '{"message":"An invalid response was received from the upstream server"}',
        'application/json',
      ),
      { what: "reading Dependency-Track's version" },
    ).message;
    expect(gateway.endsWith(` ${refused(origin)}`), gateway).toBe(true);
  });

  it('Dependency-Track: its own plain-text 404 says only that it came through the proxy', () => {
    const message = explain(status(404, 'The project could not be found.', 'text/plain', '/api/v1/project'), {
      what: 'reading the project',
    }).message;
    expect(message).not.toContain('may have refused');
    expect(message.endsWith(` The answer came through the proxy ${origin} (HTTP_PROXY).`)).toBe(true);
  });
});

describe('NO_PROXY with IP ranges', () => {
  it.each([
    ['127.0.0.0/8', false],
    ['localhost, 127.0.0.0/8', false],
    ['10.0.0.0/8,127.0.0.1/32', false],
    ['10.0.0.0/8', true],
    ['127.0.0.0/33', true],
  ])('NO_PROXY=%s: the proxy is used: %s; routing and messages agree', async (noProxy, proxied) => {
    const forward = await proxy((_, res) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('proxy says no');
    });
    const server = new LoopbackServer((_, res) => sendJson(res, 200, { version: '4.14.1' }));
    const url = await server.start();
    stops.push(() => server.stop());
    const env = { HTTP_PROXY: forward.url, NO_PROXY: noProxy };
    expect(proxyFor(new URL(url), env) !== undefined).toBe(proxied);
    const http = client(url, env);
    const sent = http.send({ path: 'api/version' });
    if (proxied) {
      expect((await statusError(sent)).message).toContain(`through the proxy ${forward.url} (HTTP_PROXY)`);
      expect(server.requests).toHaveLength(0);
    } else {
      expect((await sent).status).toBe(200);
      expect(forward.seen).toEqual([]);
      expect(server.requests).toHaveLength(1);
    }
  });

  it.each([
    ['http://[::1]:8081', '::1/128', false],
    ['http://[::1]:8081', 'fe80::/10', true],
    ['https://10.1.2.3', '10.0.0.0/8', false],
    ['https://11.1.2.3', '10.0.0.0/8', true],
    ['https://192.168.1.5:8443', '192.168.0.0/16', false],
    // Ranges match IP addresses only, as with curl: never a host name that may resolve into them.
    ['https://dt.internal.example', '10.0.0.0/8', true],
  ])('%s with NO_PROXY=%s goes through the proxy: %s', (url, noProxy, proxied) => {
    const env = { HTTP_PROXY: 'http://proxy.corp.example:3128', NO_PROXY: noProxy };
    expect(proxyFor(new URL(url), env) !== undefined).toBe(proxied);
  });

  it("keeps the ranges from undici's agent, which would read them as host names", () => {
    expect(agentProxies({ no_proxy: 'localhost, 10.0.0.0/8 .corp.example ::1/128' }).noProxy).toBe(
      'localhost,.corp.example',
    );
  });
});
