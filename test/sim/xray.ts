// A loopback simulator of the JFrog Platform APIs sca-bridge calls (Xray reports, Artifactory repositories),
// for the end-to-end tests and the bench. It records every request and can inject faults.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import picomatch from 'picomatch';

export type Row = Record<string, unknown>;

export interface SimRepository {
  key: string;
  type?: string;
  packageType?: string;
}

export interface XraySimOptions {
  /** The token with every permission (Xray Read, Manage Reports, Artifactory read). */
  token: string;
  /** A valid token without Manage Reports: report calls answer 403, the rest works. */
  readOnlyToken?: string;
  version?: string;
  repositories?: SimRepository[];
  /** Vulnerability rows per repository key. */
  rows?: Record<string, Row[]>;
  /** Violation rows per repository key. */
  violations?: Record<string, Row[]>;
  /** The largest page the server serves, whatever `num_of_rows` asks (Xray's cap is undocumented). */
  pageCap?: number;
  /** Status polls answered `pending`/`running` before the report is `completed` (0: completed at once). */
  pollsUntilComplete?: number;
  /** Ends every report this way instead of `completed`, with this `error` text. */
  reportOutcome?: { status: 'failed' | 'aborted'; error: string };
  /**
   * How a page's offset is computed when the size asked is over the cap: `capped` uses the size served,
   * `requested` the size asked (so asking 1000 again for page 2 would skip rows).
   */
  offsetFrom?: 'capped' | 'requested';
  /** Delay before every response, in ms (the bench's network). */
  latencyMs?: number;
  /** The 401 body; a function sees the Authorization header the client sent (to test echoing servers). */
  unauthorizedBody?: (authorization: string) => string;
  /** Matches `filters.watch_names` regardless of case (Xray's matching is undocumented). */
  watchNamesIgnoreCase?: boolean;
  /** Adds this to every page's `total_rows` (a server that miscounts). */
  totalRowsSkew?: number;
  /**
   * A report for a repository that does not exist: `refuse`d (404, the default), or created `empty`, as some
   * Xray versions do for a misspelt key.
   */
  unknownRepository?: 'refuse' | 'empty';
  /**
   * Rows tied on `order_by` come in the report's order on page 1 and reversed on every other page, the same
   * on every request, as a database's top-N sort (not stable; it orders ties by how many rows it keeps) may
   * give them: pages then repeat and miss rows.
   */
  unstableTies?: boolean;
}

export interface SimRequest {
  method: string;
  /** Path without the query. */
  path: string;
  query: Record<string, string>;
  body: string;
  authorization: string;
  status: number;
  start: number;
  end: number;
}

export interface Fault {
  method?: string;
  /** Tested against `path?query` as the client sent it. */
  match: RegExp;
  status: number;
  /** A function makes the body of the request: a server or proxy that quotes its headers back. */
  body?: string | ((request: SimRequest) => string);
  headers?: Record<string, string>;
  /** How many matching requests fail; Infinity for all. */
  times: number;
  /**
   * Drops the connection mid-body instead of ending the response: the status line, the headers with a
   * Content-Length larger than what is sent, and `body`, then `reset` (a TCP RST: ECONNRESET) or `close` (a
   * FIN: the body ends early), or `stall`: nothing more, the connection left open (a server or proxy that
   * stopped answering mid-body) until the client gives up or the simulator stops. Without it, a `body`
   * shorter than the real answer is a complete response with a correct Content-Length (invalid JSON when
   * cut short).
   */
  abort?: 'reset' | 'close' | 'stall';
  /** Never answers (`status` and `body` unused) until the client gives up or the simulator stops. */
  hang?: boolean;
  /**
   * The request is carried out (a report created) and its answer lost on the way back: the fault is what the
   * client gets instead (a gateway's 504, or with `abort` a dropped connection).
   */
  lost?: boolean;
  /**
   * With `lost`: the request is carried out this many ms after the answer, not before it (Xray still creating
   * the report when the gateway gave up): a lookup at once finds nothing, a later one finds it.
   */
  createAfterMs?: number;
}

export interface SimReport {
  id: number;
  kind: 'vulnerabilities' | 'violations';
  name: string;
  /** The create request's body as sent. */
  body: Record<string, unknown>;
  projectKey: string | undefined;
  repoKey: string;
  rows: Row[];
  polls: number;
  deleted: boolean;
  /** Rows sorted per `order_by` and direction, computed on first use. */
  sortedBy: Map<string, Row[]>;
}

const VULNERABILITY_ORDER = [
  'severity',
  'published',
  'cve',
  'vulnerable_component',
  'impacted_artifact',
  'path',
  'fixed_versions',
  'package_type',
  'provider',
  'cvss2',
  'cvss3',
  'summary',
];
const VIOLATION_ORDER = [
  'type',
  'summary',
  'severity',
  'updated',
  'impacted_artifact',
  'path',
  'vulnerable_component',
  'cves',
  'cvss2_max_score',
  'cvss3_max_score',
];

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/xray-api');

/** A hand-written fixture of `test/fixtures/xray-api/`. */
export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

const SEVERITIES = ['Critical', 'High', 'Medium', 'Low'] as const;

/**
 * `count` distinct vulnerability rows (each its own issue and component version), for large reports.
 * Row i has severity SEVERITIES[i % 4] and lives at `<repoKey>/lib-<i % 97>/…`.
 */
export function generateRows(count: number, repoKey: string): Row[] {
  return Array.from({ length: count }, (_, i) => {
    const lib = `lib-${i % 97}`;
    const version = `1.${Math.floor(i / 97)}.${i}`;
    const severity = SEVERITIES[i % 4];
    const score = [9.8, 7.5, 5.3, 3.1][i % 4];
    return {
      cves: [
        {
          cve: `CVE-2024-${String(10000 + i)}`,
          cvss_v3_score: score,
          cvss_v3_vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        },
      ],
      cvss3_max_score: score,
      summary: `Generated vulnerability ${i} in ${lib}`,
      severity,
      vulnerable_component: `npm://${lib}:${version}`,
      impacted_artifact: `npm://${lib}:${version}`,
      impact_path: [`npm://${lib}:${version}`],
      path: `${repoKey}/${lib}/-/${lib}-${version}.tgz`,
      fixed_versions: [`[1.${Math.floor(i / 97)}.${i + 1}]`],
      published: '2024-03-01T00:00:00Z',
      artifact_scan_time: '2026-11-20T08:00:00Z',
      issue_id: `XRAY-${String(500000 + i)}`,
      package_type: 'npm',
      provider: 'JFrog',
      description: `Generated vulnerability ${i}.`,
      references: [],
    };
  });
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

/**
 * Sends the headers (declaring 1000 bytes more than `text`) and `text`, then drops the connection, or
 * (`stall`) sends nothing more. The drop waits a moment, so the client has read the headers and the partial
 * body first: a RST would make the receiving kernel discard whatever it still held.
 */
function abort(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
  how: NonNullable<Fault['abort']>,
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    ...headers,
    'content-length': String(Buffer.byteLength(text) + 1000),
  });
  res.write(text, () => {
    if (how === 'stall') return;
    setTimeout(() => {
      const socket = res.socket;
      if (!socket) return;
      if (how === 'reset') socket.resetAndDestroy();
      else socket.destroy();
    }, 20);
  });
}

function sortKey(row: Row, orderBy: string): string {
  const value =
    orderBy === 'cve' || orderBy === 'cves'
      ? (row.cves as { cve?: string }[] | undefined)?.[0]?.cve
      : orderBy === 'cvss3' || orderBy === 'cvss2'
        ? row[`${orderBy}_max_score`]
        : row[orderBy];
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  abort?: Fault['abort'];
  hang?: boolean;
}

export class XraySim {
  readonly requests: SimRequest[] = [];
  readonly reports = new Map<number, SimReport>();
  /** Most requests the server was handling at one time. */
  maxInFlight = 0;
  private inFlight = 0;
  private nextId = 100;
  private readonly faults: Fault[] = [];
  private server: Server | undefined;
  private port = 0;

  constructor(public options: XraySimOptions) {}

  /** `http://127.0.0.1:<port>`: the JFrog Platform base URL. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Ids of the reports deleted, in order. */
  get deleted(): number[] {
    return [...this.reports.values()].filter((r) => r.deleted).map((r) => r.id);
  }

  /** Requests whose path matches. */
  calls(method: string, match: RegExp): SimRequest[] {
    return this.requests.filter((r) => r.method === method && match.test(r.path));
  }

  /** Makes the next `times` matching requests fail. */
  fail(fault: Fault): this {
    this.faults.push({ ...fault });
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const start = performance.now();
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://sim');
    const record: SimRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization ?? '',
      status: 0,
      start,
      end: 0,
    };
    this.requests.push(record);
    let reply: Reply;
    try {
      const fault = this.fault(record, `${url.pathname}${url.search}`);
      if (fault?.lost && fault.createAfterMs) {
        setTimeout(() => this.route(record), fault.createAfterMs).unref();
      } else if (fault?.lost) this.route(record);
      reply = fault ?? this.route(record);
    } catch (error) {
      reply = { status: 500, body: { error: `simulator bug: ${(error as Error).message}` } };
    }
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    // The answer leaves `latencyMs` after the request came in: the simulator's own work (one thread for
    // every request) hides inside that time, as a real server's many threads would.
    const wait = (this.options.latencyMs ?? 0) - (performance.now() - start);
    if (wait > 0) await sleep(wait);
    this.inFlight--;
    if (reply.hang) return;
    record.status = reply.status;
    record.end = performance.now();
    if (reply.abort) abort(res, reply.status, text, reply.headers, reply.abort);
    else send(res, reply.status, text, reply.headers);
  }

  private fault(
    req: SimRequest,
    target: string,
  ): (Reply & Pick<Fault, 'lost' | 'createAfterMs'>) | undefined {
    const fault = this.faults.find(
      (f) => f.times > 0 && (!f.method || f.method === req.method) && f.match.test(target),
    );
    if (!fault) return undefined;
    fault.times--;
    return {
      status: fault.status,
      body: (typeof fault.body === 'function' ? fault.body(req) : fault.body) ?? {
        errors: [{ status: fault.status, message: 'injected fault' }],
      },
      ...(fault.headers ? { headers: fault.headers } : {}),
      ...(fault.abort ? { abort: fault.abort } : {}),
      ...(fault.hang ? { hang: true } : {}),
      ...(fault.lost ? { lost: true } : {}),
      ...(fault.createAfterMs ? { createAfterMs: fault.createAfterMs } : {}),
    };
  }

  /** `full`, `read` (no Manage Reports) or undefined (refused). */
  private access(req: SimRequest): 'full' | 'read' | undefined {
    if (req.authorization === `Bearer ${this.options.token}`) return 'full';
    if (this.options.readOnlyToken && req.authorization === `Bearer ${this.options.readOnlyToken}`)
      return 'read';
    return undefined;
  }

  private unauthorized(req: SimRequest, xray: boolean): Reply {
    const body = this.options.unauthorizedBody
      ? this.options.unauthorizedBody(req.authorization)
      : xray
        ? { error: 'Found invalid token' }
        : { errors: [{ status: 401, message: 'Bad credentials' }] };
    return { status: 401, body };
  }

  private route(req: SimRequest): Reply {
    const { method, path: p } = req;
    if (method === 'GET' && p === '/xray/api/v1/system/ping')
      return { status: 200, body: { status: 'pong' } };
    // The version needs no token, as on many installations: a bad token shows at the next call.
    if (method === 'GET' && p === '/xray/api/v1/system/version') {
      return {
        status: 200,
        body: { xray_version: this.options.version ?? '3.131.25', xray_revision: 'sim1' },
      };
    }
    if (method === 'GET' && p === '/artifactory/api/repositories') {
      if (!this.access(req)) return this.unauthorized(req, false);
      return {
        status: 200,
        body: (this.options.repositories ?? []).map((r) => ({
          key: r.key,
          type: r.type ?? 'LOCAL',
          description: '',
          url: `${this.url}/artifactory/${r.key}`,
          packageType: r.packageType ?? 'Npm',
        })),
      };
    }
    if (p.startsWith('/xray/api/v1/reports')) {
      const access = this.access(req);
      if (!access) return this.unauthorized(req, true);
      if (access === 'read') {
        return { status: 403, body: { error: 'Forbidden: the user does not have the Manage Reports role' } };
      }
      return this.reportsRoute(req);
    }
    return { status: 404, body: { errors: [{ status: 404, message: 'Not Found' }] } };
  }

  private reportsRoute(req: SimRequest): Reply {
    const { method, path: p, query } = req;
    const badPaging = () =>
      !query.direction || !query.page_num || !query.num_of_rows || !query.order_by
        ? { status: 400, body: { error: 'pagination parameters are mandatory' } }
        : undefined;
    if (method === 'POST' && p === '/xray/api/v1/reports') {
      const bad = badPaging();
      if (bad) return bad;
      // Get Reports List: `filters.name` matches a substring; sorted by name or start time (here, the id).
      let name = '';
      try {
        name = (JSON.parse(req.body || '{}') as { filters?: { name?: string } }).filters?.name ?? '';
      } catch {
        return { status: 400, body: { error: 'invalid JSON body' } };
      }
      const live = [...this.reports.values()]
        .filter((r) => !r.deleted && r.name.includes(name))
        .sort((a, b) => (query.order_by === 'name' ? a.name.localeCompare(b.name) : a.id - b.id));
      if (query.direction === 'desc') live.reverse();
      return {
        status: 200,
        body: {
          total_reports: live.length,
          reports: live.slice(0, Number(query.num_of_rows)).map((r) => this.details(r)),
        },
      };
    }
    const create = /^\/xray\/api\/v1\/reports\/(vulnerabilities|violations)$/.exec(p);
    if (method === 'POST' && create) return this.create(create[1] as SimReport['kind'], req);
    const content = /^\/xray\/api\/v1\/reports\/(vulnerabilities|violations)\/(\d+)$/.exec(p);
    if (method === 'POST' && content) {
      const bad = badPaging();
      if (bad) return bad;
      return this.content(content[1] as SimReport['kind'], Number(content[2]), query);
    }
    const one = /^\/xray\/api\/v1\/reports\/(\d+)$/.exec(p);
    const report = one ? this.reports.get(Number(one[1])) : undefined;
    if (one && (!report || report.deleted)) return { status: 404, body: { error: 'Report not found' } };
    if (method === 'GET' && report) {
      report.polls++;
      return { status: 200, body: this.details(report) };
    }
    if (method === 'DELETE' && report) {
      report.deleted = true;
      return { status: 200, body: { info: 'report deleted successfully' } };
    }
    return { status: 404, body: { errors: [{ status: 404, message: 'Not Found' }] } };
  }

  private create(kind: SimReport['kind'], req: SimRequest): Reply {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { error: 'invalid JSON body' } };
    }
    const repositories = (body.resources as { repositories?: Record<string, unknown>[] } | undefined)
      ?.repositories;
    const repo = repositories?.[0];
    if (typeof body.name !== 'string' || !body.name || !repo || typeof repo.name !== 'string') {
      return { status: 400, body: { error: 'name and resources.repositories[0].name are mandatory' } };
    }
    const repoKey = repo.name;
    const known = (this.options.repositories ?? []).some((r) => r.key === repoKey);
    if (!known && this.options.unknownRepository !== 'empty') {
      return { status: 404, body: { error: `Repository ${repoKey} does not exist or is not indexed` } };
    }
    const all =
      (kind === 'vulnerabilities' ? this.options.rows?.[repoKey] : this.options.violations?.[repoKey]) ?? [];
    const include = (repo.include_path_patterns as string[] | undefined) ?? [];
    const exclude = (repo.exclude_path_patterns as string[] | undefined) ?? [];
    const included = include.length ? picomatch(include, { dot: true }) : () => true;
    const excluded = exclude.length ? picomatch(exclude, { dot: true }) : () => false;
    const watches = (body.filters as { watch_names?: string[] } | undefined)?.watch_names;
    const rows = all.filter((row) => {
      const full = typeof row.path === 'string' ? row.path : '';
      const inRepo = full.slice(full.indexOf('/') + 1);
      if (full && !(included(inRepo) && !excluded(inRepo))) return false;
      const fold = (name: unknown) =>
        this.options.watchNamesIgnoreCase ? String(name).toLowerCase() : String(name);
      return !watches?.length || watches.some((watch) => fold(watch) === fold(row.watch_name));
    });
    const id = this.nextId++;
    this.reports.set(id, {
      id,
      kind,
      name: body.name,
      body,
      projectKey: req.query.projectKey,
      repoKey,
      rows,
      polls: 0,
      deleted: false,
      sortedBy: new Map(),
    });
    return { status: 200, body: { report_id: id, status: 'pending' } };
  }

  private state(report: SimReport): { status: string; progress: number } {
    const needed = this.options.pollsUntilComplete ?? 3;
    if (needed === 0 || report.polls > needed) {
      const outcome = this.options.reportOutcome;
      return { status: outcome?.status ?? 'completed', progress: 100 };
    }
    if (report.polls <= 1 && needed > 0) return { status: 'pending', progress: 0 };
    return { status: 'running', progress: Math.round(((report.polls - 1) / needed) * 100) };
  }

  private details(report: SimReport): Record<string, unknown> {
    const { status, progress } = this.state(report);
    const done = status === 'completed';
    return {
      id: report.id,
      name: report.name,
      report_type: report.kind === 'vulnerabilities' ? 'vulnerability' : 'violations',
      status,
      total_artifacts: 4,
      num_of_processed_artifacts: Math.round((progress / 100) * 4),
      progress,
      number_of_rows: done ? report.rows.length : 0,
      start_time: '2026-11-22T10:00:00Z',
      ...(done ? { end_time: '2026-11-22T10:00:05Z' } : {}),
      ...(status === 'failed' || status === 'aborted' ? { error: this.options.reportOutcome?.error } : {}),
      author: 'ci-bot',
    };
  }

  /** The report's rows in `order_by` order, sorted once per order (a real server's index). */
  private sorted(report: SimReport, orderBy: string, descending: boolean, page: number): Row[] {
    const tiesReversed = !!this.options.unstableTies && page > 1;
    const key = `${orderBy}:${descending}:${tiesReversed}`;
    let rows = report.sortedBy.get(key);
    if (!rows) {
      const tie = tiesReversed ? -1 : 1;
      rows = report.rows
        .map((row, index) => ({ row, index, key: sortKey(row, orderBy) }))
        // Ties keep the report's own order, so every page sorts the same way (unless `unstableTies`).
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : tie * (a.index - b.index)))
        .map((entry) => entry.row);
      if (descending) rows.reverse();
      report.sortedBy.set(key, rows);
    }
    return rows;
  }

  private content(kind: SimReport['kind'], id: number, query: Record<string, string>): Reply {
    const report = this.reports.get(id);
    if (!report || report.deleted || report.kind !== kind)
      return { status: 404, body: { error: 'Report not found' } };
    if (this.state(report).status !== 'completed') {
      return { status: 400, body: { error: `report ${id} is not completed` } };
    }
    const orderBy = query.order_by ?? '';
    if (!(kind === 'vulnerabilities' ? VULNERABILITY_ORDER : VIOLATION_ORDER).includes(orderBy)) {
      return { status: 400, body: { error: `invalid order_by ${orderBy}` } };
    }
    const page = Number(query.page_num);
    const asked = Number(query.num_of_rows);
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(asked) || asked < 1) {
      return { status: 400, body: { error: 'page_num and num_of_rows must be positive integers' } };
    }
    const served = Math.min(asked, this.options.pageCap ?? 100);
    const sorted = this.sorted(report, orderBy, query.direction === 'desc', page);
    const offset = (page - 1) * (this.options.offsetFrom === 'requested' ? asked : served);
    return {
      status: 200,
      body: {
        total_rows: report.rows.length + (this.options.totalRowsSkew ?? 0),
        rows: sorted.slice(offset, offset + served),
      },
    };
  }
}

/** Starts a simulator; stop it with `sim.stop()`. */
export function startXraySim(options: XraySimOptions): Promise<XraySim> {
  return new XraySim(options).start();
}
