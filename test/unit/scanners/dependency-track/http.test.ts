import type { AddressInfo, Socket } from 'node:net';
import { createServer } from 'node:net';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ScannerError } from '../../../../src/errors.js';
import { DtApi } from '../../../../src/scanners/dependency-track/api.js';
import { byField, readAllPages } from '../../../../src/scanners/dependency-track/paging.js';
import { checkKey, checkServer } from '../../../../src/scanners/dependency-track/server.js';
import { API_KEY, dtConfig, fastAdapter, MemoryLogger } from './helpers.js';

const ORIGIN = 'https://dt.example.test';
const UUID = '3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b';
const PATH = `/api/v1/violation/project/${UUID}`;
const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ uuid: `v-${from + i}` }));
const call = { what: 'reading the policy violations', rows: 'policy violations', identity: byField('uuid') };

function open(logger = new MemoryLogger()): DtApi {
  return DtApi.open(
    { config: dtConfig('scan', { 'api-url': `${ORIGIN}/api`, project: UUID }), logger },
    { baseDelayMs: 1 },
  );
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as Error,
  );
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('paging (nock)', () => {
  it('sends the key, asks pages of 1000 and stops when the rows reach X-Total-Count', async () => {
    nock(ORIGIN, { reqheaders: { 'x-api-key': API_KEY } })
      .get(PATH)
      .query({ suppressed: 'true', pageNumber: '1', pageSize: '1000' })
      .reply(200, rows(1000), { 'X-Total-Count': '1200' })
      .get(PATH)
      .query({ suppressed: 'true', pageNumber: '2', pageSize: '1000' })
      .reply(200, rows(200, 1000), { 'X-Total-Count': '1200' });
    const got = await readAllPages(open(), PATH.slice(1), { suppressed: true }, call, new MemoryLogger());
    expect(got).toEqual(rows(1200));
  });

  it('accepts a page longer than asked for (DT4 returns findings whole): one request', async () => {
    nock(ORIGIN).get(PATH).query(true).once().reply(200, rows(2500), { 'X-Total-Count': '2500' });
    expect(await readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger())).toHaveLength(2500);
  });

  it('a server that caps the page size: the later pages ask for what page 1 gave, so they stay contiguous', async () => {
    const asked: string[] = [];
    nock(ORIGIN)
      .get(PATH)
      .query(true)
      .times(4)
      .reply((req: Request) => {
        const q = new URL(req.url).searchParams;
        const [page, size] = [Number(q.get('pageNumber')), Number(q.get('pageSize'))];
        asked.push(`${page}/${size}`);
        // Alpine: offset from the size asked, at most 300 rows served.
        return [
          200,
          rows(1000).slice((page - 1) * size, (page - 1) * size + Math.min(size, 300)),
          { 'X-Total-Count': '1000' },
        ];
      });
    const logger = new MemoryLogger();
    expect(await readAllPages(open(), PATH.slice(1), {}, call, logger)).toEqual(rows(1000));
    expect(asked.sort()).toEqual(['1/1000', '2/300', '3/300', '4/300']);
    expect(logger.lines.map((l) => l.message)).toContain(
      `${PATH.slice(1)}: 1000 policy violations in 4 pages of 300 (the server caps a page at 300; 1000 were asked), 4 at a time`,
    );
  });

  it('reads the pages after page 1 at most 4 at a time, and assembles them in page order', async () => {
    let inFlight = 0;
    let most = 0;
    nock(ORIGIN)
      .get(PATH)
      .query(true)
      .times(10)
      .reply(async (req: Request) => {
        inFlight++;
        most = Math.max(most, inFlight);
        const page = Number(new URL(req.url).searchParams.get('pageNumber'));
        // Later pages answer first: the order of the rows must not depend on it.
        await new Promise((resolve) => setTimeout(resolve, 5 * (12 - page)));
        inFlight--;
        return [200, rows(10, (page - 1) * 10), { 'X-Total-Count': '100' }];
      });
    expect(await readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger(), 10)).toEqual(rows(100));
    expect(most).toBe(4);
  });

  it('a total that changes on a later page read at the same time as others: read again from page 1', async () => {
    const changing = nock(ORIGIN);
    const page = (n: number) => (q: Record<string, unknown>) => q.pageNumber === String(n);
    changing.get(PATH).query(page(1)).reply(200, rows(10), { 'X-Total-Count': '50' });
    for (const n of [2, 3, 5]) {
      changing
        .get(PATH)
        .query(page(n))
        .reply(200, rows(10, (n - 1) * 10), { 'X-Total-Count': '50' });
    }
    // Row v-1 was deleted while page 4 was asked for: every later row moved up one place.
    const after = rows(50).filter((r) => r.uuid !== 'v-1');
    changing.get(PATH).query(page(4)).reply(200, after.slice(30, 40), { 'X-Total-Count': '49' });
    for (const n of [1, 2, 3, 4, 5]) {
      changing
        .get(PATH)
        .query(page(n))
        .reply(200, after.slice((n - 1) * 10, n * 10), { 'X-Total-Count': '49' });
    }
    const logger = new MemoryLogger();
    const read = await readAllPages(open(), PATH.slice(1), {}, call, logger, 10);
    expect(read).toEqual(after);
    expect(logger.lines.map((l) => l.message).join('\n')).toContain(
      `The policy violations of ${PATH.slice(1)} changed while they were read: page 1 said 50 (X-Total-Count), page 4 says 49; reading them again from page 1.`,
    );
  });

  it('a total that changes on a later page on both reads: the error names that page, whichever page answered first', async () => {
    const changing = nock(ORIGIN);
    for (let read = 1; read <= 2; read++) {
      for (const n of [1, 2, 3, 4, 5]) {
        changing
          .get(PATH)
          .query((q) => q.pageNumber === String(n))
          // Page 3 changed; page 5 answers first with a change of its own, reported after page 3's.
          .delay(n === 5 ? 0 : 20)
          .reply(200, rows(10, (n - 1) * 10), { 'X-Total-Count': n === 3 ? '51' : n === 5 ? '52' : '50' });
      }
    }
    const error = await failure(readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger(), 10));
    expect(error.message).toBe(
      `The policy violations of ${PATH.slice(1)} changed while they were read: page 1 said 50 (X-Total-Count), page 3 says 51, in both of 2 reads. Nothing is reported rather than an incomplete list; run the job again (another upload or analysis may be changing the project).`,
    );
  });

  it('a list that shrinks between pages is read again from page 1 (later rows had shifted onto page 1)', async () => {
    nock(ORIGIN)
      .get(PATH)
      .query((q) => q.pageNumber === '1')
      .reply(200, rows(100), { 'X-Total-Count': '150' })
      .get(PATH)
      .query((q) => q.pageNumber === '2')
      // 10 rows of page 1 were deleted: rows 100–109 moved onto page 1, already read.
      .reply(200, rows(40, 110), { 'X-Total-Count': '140' })
      .get(PATH)
      .query((q) => q.pageNumber === '1')
      .reply(200, rows(100, 10), { 'X-Total-Count': '140' })
      .get(PATH)
      .query((q) => q.pageNumber === '2')
      .reply(200, rows(40, 110), { 'X-Total-Count': '140' });
    const logger = new MemoryLogger();
    const read = await readAllPages(open(), PATH.slice(1), {}, call, logger);
    expect(read).toEqual([...rows(100, 10), ...rows(40, 110)]);
    expect(logger.lines.map((l) => l.message).join('\n')).toContain(
      `The policy violations of ${PATH.slice(1)} changed while they were read: page 1 said 150 (X-Total-Count), page 2 says 140; reading them again from page 1.`,
    );
  });

  it('a list that changes between pages on both reads: an error, never a list with rows missing', async () => {
    const changing = nock(ORIGIN);
    for (const [first, second] of [
      ['3', '4'],
      ['4', '5'],
    ] as const) {
      changing
        .get(PATH)
        .query((q) => q.pageNumber === '1')
        .reply(200, rows(2), { 'X-Total-Count': first })
        .get(PATH)
        .query((q) => q.pageNumber === '2')
        .reply(200, rows(2, 2), { 'X-Total-Count': second });
    }
    const error = await failure(readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger(), 2));
    expect(error).toBeInstanceOf(ScannerError);
    expect(error.message).toBe(
      `The policy violations of ${PATH.slice(1)} changed while they were read: page 1 said 4 (X-Total-Count), page 2 says 5, in both of 2 reads. Nothing is reported rather than an incomplete list; run the job again (another upload or analysis may be changing the project).`,
    );
  });

  it('an empty page before the total: the count does not add up', async () => {
    nock(ORIGIN)
      .get(PATH)
      .query((q) => q.pageNumber === '1')
      .reply(200, rows(100), { 'X-Total-Count': '150' })
      .get(PATH)
      .query((q) => q.pageNumber === '2')
      .reply(200, [], { 'X-Total-Count': '150' });
    const error = await failure(readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger()));
    expect(error.message).toBe(
      `The count of policy violations does not add up: Dependency-Track reports 150 (X-Total-Count) for ${PATH.slice(1)}, but page 2 came back empty after 100. Nothing is reported rather than an incomplete list; run the job again (the project may have changed while it was read).`,
    );
  });

  it('reads a list of a row DT lists twice, once on each side of a page boundary, as X-Total-Count counts it', async () => {
    // 12 rows: the third again as the eleventh, served 10 a page.
    const list = [...rows(10), rows(1, 2)[0], ...rows(1, 10)];
    nock(ORIGIN)
      .get(PATH)
      .query(true)
      .times(2)
      .reply((req: Request) => {
        const page = Number(new URL(req.url).searchParams.get('pageNumber'));
        return [200, list.slice((page - 1) * 10, page * 10), { 'X-Total-Count': '12' }];
      });
    expect(await readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger(), 10)).toEqual([
      ...rows(10),
      ...rows(1, 10),
    ]);
  });

  it('a server that ignores pageNumber: repeated rows are not counted twice, and the shortfall is an error', async () => {
    nock(ORIGIN).get(PATH).query(true).times(2).reply(200, rows(100), { 'X-Total-Count': '150' });
    const error = await failure(readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger()));
    expect(error.message).toBe(
      `The count of policy violations does not add up: Dependency-Track reports 150 (X-Total-Count) for ${PATH.slice(1)}, but page 2 only repeated rows already read after 100. Nothing is reported rather than an incomplete list; run the job again (the project may have changed while it was read).`,
    );
  });

  it('a server that ignores pageNumber, with many pages to go: found out at page 2, not after every page', async () => {
    // Page 1 of 1000 of a total of 20,000: 19 more pages planned, 4 at a time.
    let requests = 0;
    nock(ORIGIN)
      .get(PATH)
      .query(true)
      .times(5)
      .reply(() => {
        requests++;
        return [200, rows(1000), { 'X-Total-Count': '20000' }];
      });
    const error = await failure(readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger()));
    expect(error.message).toContain('but page 2 only repeated rows already read after 1000.');
    // Page 1, then the first 4 in flight; none after page 2 was found to add nothing.
    expect(requests).toBe(5);
  });

  it('a server that does not page and counts one row more than it sends: two requests, not one per page', async () => {
    // DT4 sends findings whole: 20,000 rows, 20,001 counted. Pages of the size asked would be 21 copies of them.
    nock(ORIGIN).get(PATH).query(true).times(2).reply(200, rows(20_000), { 'X-Total-Count': '20001' });
    const error = await failure(readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger()));
    expect(error.message).toContain('but page 2 only repeated rows already read after 20000.');
  });

  it('keeps a row the server lists twice in one answer, as X-Total-Count counts it (DT4 sends the list whole)', async () => {
    const twice = [...rows(3), ...rows(1)];
    nock(ORIGIN).get(PATH).query(true).reply(200, twice, { 'X-Total-Count': '4' });
    expect(await readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger())).toEqual(twice);
  });

  it('no X-Total-Count: cannot tell, so an error', async () => {
    nock(ORIGIN).get(PATH).query(true).reply(200, rows(3));
    const error = await failure(readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger()));
    expect(error.message).toBe(
      `Dependency-Track sent no X-Total-Count header with the policy violations (${PATH.slice(1)}), so sca-bridge cannot tell whether it read them all. A proxy in front of Dependency-Track may drop the header: let it pass.`,
    );
  });

  it('not a list: an error naming api-url', async () => {
    nock(ORIGIN).get(PATH).query(true).reply(200, { rows: [] }, { 'X-Total-Count': '0' });
    const error = await failure(readAllPages(open(), PATH.slice(1), {}, call, new MemoryLogger()));
    expect(error.message).toBe(
      `Dependency-Track answered ${PATH.slice(1)} with a JSON object instead of a list of policy violations while reading the policy violations: check that api-url is Dependency-Track's API server.`,
    );
  });
});

/** A server of `version` whose team/self is hidden (404); the caller answers the key's fallback check, GET /api/v1/project. */
function teamSelfHidden(version: string) {
  return nock(ORIGIN)
    .get('/api/version')
    .reply(200, { version })
    .get('/api/v1/team/self')
    .reply(404, { url: '/api/v1/team/self', status: '404', message: 'Not Found', servlet: 'Jersey' })
    .get('/api/v1/project')
    .query({ pageSize: '1', pageNumber: '1' });
}

describe('server and key checks (nock)', () => {
  it('team/self with an empty body: authentication is not enforced, a warning', async () => {
    nock(ORIGIN)
      .get('/api/version')
      .reply(200, { version: '4.14.3' })
      .get('/api/v1/team/self')
      .reply(200, '');
    const logger = new MemoryLogger();
    const api = open(logger);
    const server = await checkServer(api, logger);
    expect(await checkKey(api, server, ['VIEW_PORTFOLIO'], logger)).toEqual({});
    expect(logger.of('warn')).toEqual([
      'Dependency-Track does not enforce authentication (team/self answered with nothing): the API key is not checked and its permissions cannot be listed.',
    ]);
  });

  it('team/self 404 "No Team for the given API key found.": a warning', async () => {
    nock(ORIGIN)
      .get('/api/version')
      .reply(200, { version: '4.14.3' })
      .get('/api/v1/team/self')
      .reply(404, 'No Team for the given API key found.', { 'content-type': 'text/plain' });
    const logger = new MemoryLogger();
    const api = open(logger);
    expect(await checkKey(api, await checkServer(api, logger), [], logger)).toEqual({ accepted: true });
    expect(logger.of('warn')).toEqual([
      'Dependency-Track found no team for the API key ("No Team for the given API key found."); its permissions cannot be checked.',
    ]);
  });

  it('team/self 404 from a server of unreadable version (or a proxy hiding it): the key checked with GET /api/v1/project', async () => {
    teamSelfHidden('custom-build').reply(401);
    const logger = new MemoryLogger();
    const api = open(logger);
    const error = await failure(checkKey(api, await checkServer(api, logger), [], logger));
    expect(error.message).toMatch(
      /^Dependency-Track refused the API key \(HTTP 401 from \/api\/v1\/project\)/,
    );
    expect(logger.of('warn')).toContain(
      "Dependency-Track custom-build answered 404 for /api/v1/team/self (a server older than 4.4, or a proxy that hides the endpoint), so the API key's permissions cannot be listed; the first call that needs one will tell.",
    );
  });

  it('a proxy that hides team/self and /api/v1/project too: the key unverified, a warning, the run goes on', async () => {
    teamSelfHidden('4.14.3').reply(404, {
      url: '/api/v1/project',
      status: '404',
      message: 'Not Found',
      servlet: 'Jersey',
    });
    const logger = new MemoryLogger();
    const api = open(logger);
    expect(await checkKey(api, await checkServer(api, logger), [], logger)).toEqual({});
    expect(logger.of('warn').at(-1)).toMatch(
      /^The API key could not be verified \(.+\); the calls the run needs will tell\.$/,
    );
  });

  it('/api/version answering something else than DT: names api-url', async () => {
    nock(ORIGIN).get('/api/version').reply(200, { status: 'ok' });
    const error = await failure(checkServer(open(), new MemoryLogger()));
    expect(error.message).toBe(
      `${ORIGIN}/api/version answered, but not as Dependency-Track does (no version in {"status":"ok"}): check that api-url is Dependency-Track's API server.`,
    );
  });
});

describe('scan errors (nock)', () => {
  it('a project ACL that denies the team: says to add the team to the project', async () => {
    nock(ORIGIN)
      .get('/api/version')
      .reply(200, { version: '4.14.3' })
      .get('/api/v1/team/self')
      .reply(200, { name: 'CI', permissions: [{ name: 'VIEW_VULNERABILITY' }] })
      .get(`/api/v1/project/${UUID}`)
      .reply(200, { uuid: UUID, name: 'a', version: '1' })
      .get(`/api/v1/finding/project/${UUID}`)
      .query(true)
      .reply(403, 'Access to the specified project is forbidden', { 'content-type': 'text/plain' });
    const logger = new MemoryLogger();
    const error = await failure(
      fastAdapter.scan({ config: dtConfig('scan', { 'api-url': ORIGIN, project: UUID }), logger }),
    );
    expect(error.message).toBe(
      `Dependency-Track denied access to the project (HTTP 403 from /api/v1/finding/project/${UUID}) while reading the findings of "a" version "1": portfolio access control is on and the API key's team is not among the project's teams; add the team to the project (or its parent) in Dependency-Track. Dependency-Track said: "Access to the specified project is forbidden".`,
    );
    expect(logger.of('warn')).toHaveLength(2);
  });

  it('a proxy that echoes the key in an error body: the key is masked in the message', async () => {
    nock(ORIGIN)
      .get('/api/version')
      .times(4)
      .reply(500, `upstream failed for X-Api-Key: ${API_KEY}`, { 'content-type': 'text/plain' });
    const error = await failure(
      fastAdapter.scan({
        config: dtConfig('scan', { 'api-url': ORIGIN, project: UUID }),
        logger: new MemoryLogger(),
      }),
    );
    expect(error.message).toBe(
      'Dependency-Track failed while reading Dependency-Track\'s version (GET /api/version) (HTTP 500 from /api/version, after retries). Dependency-Track said: "upstream failed for X-Api-Key: ***". Check the server (or the proxy in front of it), then run the job again.',
    );
  });

  it('a server that accepts and never answers holds each request no longer than timeout', async () => {
    // A real socket: the connection is accepted, and nothing is ever sent back.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    nock.enableNetConnect('127.0.0.1');
    try {
      const started = performance.now();
      const error = await failure(
        fastAdapter.testConnection({
          config: dtConfig('test-connection', { 'api-url': `http://127.0.0.1:${port}`, timeout: '0.3' }),
          logger: new MemoryLogger(),
        }),
      );
      // Four attempts of 0.3 s and short backoffs, not four of a minute.
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(error.message).toContain('did not answer in time');
      // The wait it says is the one it had.
      expect(error.message).toContain('a request waits 0.3 s at most');
    } finally {
      nock.disableNetConnect();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a non-JSON or cut-short answer that echoes the key: masked in the message', async () => {
    nock(ORIGIN).get('/api/version').reply(200, `denied ${API_KEY}`, { 'content-type': 'text/plain' });
    nock(ORIGIN).get('/api/version').reply(200, `{"key": ${API_KEY}`, { 'content-type': 'application/json' });
    for (let i = 0; i < 2; i++) {
      const error = await failure(
        fastAdapter.testConnection({
          config: dtConfig('test-connection', { 'api-url': ORIGIN }),
          logger: new MemoryLogger(),
        }),
      );
      expect(error.message).toContain('/api/version');
      expect(error.message).not.toContain(API_KEY);
    }
  });

  it('a non-JSON answer that is not a web page', async () => {
    nock(ORIGIN).get('/api/version').reply(200, 'OK', { 'content-type': 'text/plain' });
    const error = await failure(
      fastAdapter.testConnection({
        config: dtConfig('test-connection', { 'api-url': ORIGIN }),
        logger: new MemoryLogger(),
      }),
    );
    expect(error.message).toBe(
      `/api/version did not answer JSON while reading Dependency-Track's version (GET /api/version) (got "OK…"): check that api-url is Dependency-Track's API server.`,
    );
  });
});
