import { MockAgent } from 'undici';
import { parseConfig, type Config, type RawInputs } from '../../../../src/config.js';
import { HttpClient } from '../../../../src/http/client.js';
import type { HttpFactory } from '../../../../src/scanners/xray/client.js';

export const TOKEN = 'eyJ2ZXIiOiIyIiwidHlwIjoiSldUIn0.sca-bridge-unit-token-5e1f';
export const ORIGIN = 'https://acme.jfrog.io';

export { MemoryLogger as RecordingLogger } from '../../../helpers/memory-logger.js';

export function xrayConfig(inputs: RawInputs = {}, mode: Config['mode'] = 'scan'): Config {
  return parseConfig(
    mode,
    {
      scanner: 'xray',
      'api-url': `${ORIGIN}/xray/`,
      token: TOKEN,
      'repo-key': 'npm-local',
      branch: 'feature/login',
      'poll-interval': '0.01',
      timeout: '5',
      ...inputs,
    },
    { env: {}, cwd: process.cwd() },
  );
}

export interface MockCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
  authorization: string | undefined;
}

export interface MockReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Responder = (call: MockCall, nth: number) => MockReply;

/**
 * A MockAgent answering like the JFrog Platform from handlers registered per method and path; it records
 * every call. Unmatched calls answer 599 so a test sees them.
 */
export class MockJfrog {
  readonly agent = new MockAgent();
  readonly calls: MockCall[] = [];
  private readonly routes: { method: string; path: RegExp; respond: Responder; count: number }[] = [];

  constructor() {
    this.agent.disableNetConnect();
    this.agent
      .get(ORIGIN)
      .intercept({ path: () => true, method: () => true })
      .reply((opts) => {
        const url = new URL(opts.path, ORIGIN);
        const headers = (opts.headers ?? {}) as Record<string, string>;
        const call: MockCall = {
          method: opts.method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          body: typeof opts.body === 'string' ? opts.body : '',
          authorization: headers.authorization,
        };
        this.calls.push(call);
        const route = this.routes.find((r) => r.method === call.method && r.path.test(call.path));
        if (!route) return { statusCode: 599, data: `no mock for ${call.method} ${call.path}` };
        const reply = route.respond(call, ++route.count);
        return {
          statusCode: reply.status,
          data: typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {}),
          responseOptions: { headers: { 'content-type': 'application/json', ...reply.headers } },
        };
      })
      .persist();
  }

  on(method: string, path: RegExp, respond: Responder | MockReply): this {
    this.routes.push({
      method,
      path,
      respond: typeof respond === 'function' ? respond : () => respond,
      count: 0,
    });
    return this;
  }

  /** The HTTP client factory for the adapter: the project's client, on this agent, with short backoff. */
  readonly http: HttpFactory = (options) => {
    return new HttpClient({ ...options, baseDelayMs: 1, dispatcher: this.agent });
  };

  find(method: string, path: RegExp): MockCall[] {
    return this.calls.filter((c) => c.method === method && path.test(c.path));
  }
}

/** The version and reports-list answers every scan starts with. */
export function withAccess(mock: MockJfrog): MockJfrog {
  return mock
    .on('GET', /^\/xray\/api\/v1\/system\/version$/, {
      status: 200,
      body: { xray_version: '3.131.25', xray_revision: 'abc123' },
    })
    .on('POST', /^\/xray\/api\/v1\/reports$/, { status: 200, body: { total_reports: 7, reports: [] } });
}
