/**
 * A loopback simulator of Dependency-Track's REST API, faithful to research/dependency-track.md: the version
 * endpoint, team/self (4.4+), multipart BOM upload, token processing (event/token 4.11+, bom/token before),
 * project lookup (by name and version, or every version of a name), findings (paged on v5, whole on v4) and policy violations (always paged) with
 * `X-Total-Count`, `X-Api-Key` authentication and permissions, and fault injection.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/shared.js';
import { tlsServerOptions } from './tls.js';

export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/dtrack-api');
export const fixturePath = (name: string): string => path.join(FIXTURES, name);

type Row = Record<string, unknown>;

/** The start of a findings list, as a connection dropped mid-body leaves it. */
const PARTIAL_FINDINGS = '[{"component":{"uuid":"c1000000-0000-4000-8000-000000000001","name":"lod';

function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as T;
}

/** The hand-written findings (7 rows: 5 findings after collapsing, 1 suppressed). */
export function fixtureFindings(): Row[] {
  return readFixture<Row[]>('findings.json');
}

/** The hand-written violations (4 rows: 1 FAIL that counts, 1 FAIL suppressed, 1 WARN, 1 INFO). */
export function fixtureViolations(): Row[] {
  return readFixture<Row[]>('violations.json');
}

/** Every permission the flow needs, as `team-self.json` lists them. */
export const ALL_PERMISSIONS: readonly string[] = readFixture<{ permissions: { name: string }[] }>(
  'team-self.json',
).permissions.map((p) => p.name);

/** `n` distinct findings (one CVE on one npm component each), built from the first fixture row. */
export function manyFindings(n: number, severity = 'MEDIUM'): Row[] {
  const template = fixtureFindings()[0]!;
  return Array.from({ length: n }, (_, i) => {
    const row = structuredClone(template) as {
      component: Row;
      vulnerability: Row;
      matrix: string;
    };
    const id = String(i + 1).padStart(5, '0');
    const name = `pkg-${id}`;
    row.component = {
      ...row.component,
      uuid: `c1000000-0000-4000-8000-0000000${id}`,
      name,
      version: '1.0.0',
      purl: `pkg:npm/${name}@1.0.0`,
    };
    row.vulnerability = {
      ...row.vulnerability,
      uuid: `f1000000-0000-4000-8000-0000000${id}`,
      vulnId: `CVE-2099-${id}`,
      title: `Synthetic vulnerability ${id}`,
      severity,
      aliases: [],
    };
    row.matrix = `00000000-0000-4000-8000-000000000000:${String(row.component.uuid)}:${String(row.vulnerability.uuid)}`;
    return row as unknown as Row;
  });
}

/** `n` distinct violations built from the first fixture row (LICENSE, FAIL unless told). */
export function manyViolations(n: number, state = 'FAIL'): Row[] {
  const template = fixtureViolations()[0]!;
  return Array.from({ length: n }, (_, i) => {
    const row = structuredClone(template) as {
      uuid: string;
      component: Row;
      policyCondition: { policy: Row };
    };
    const id = String(i + 1).padStart(5, '0');
    row.uuid = `d1000000-0000-4000-8000-0000000${id}`;
    row.component = {
      ...row.component,
      name: `pkg-${id}`,
      purl: `pkg:npm/pkg-${id}@1.0.0`,
      version: '1.0.0',
    };
    row.policyCondition.policy = { ...row.policyCondition.policy, violationState: state };
    return row as unknown as Row;
  });
}

export interface SimProjectInit {
  uuid?: string;
  name: string;
  version?: string;
  /** Marked as the latest version of its name (DT 4.12+). */
  isLatest?: boolean;
  /** A collection project's logic (DT 4.13+), such as `AGGREGATE_DIRECT_CHILDREN`. */
  collectionLogic?: string;
  /** No SBOM was ever uploaded to it: it has no `lastBomImport`. */
  neverImported?: boolean;
  findings?: Row[];
  violations?: Row[];
}

export interface SimProject {
  uuid: string;
  name: string;
  version?: string;
  tags: string[];
  parent?: { uuid?: string; name?: string };
  isLatest?: boolean;
  collectionLogic?: string;
  lastBomImport?: number;
  findings: Row[];
  violations: Row[];
  /** What the project holds once its pending upload is processed. */
  next?: { findings: Row[]; violations: Row[] };
}

/** A response the simulator gives instead of the real one, `times` times, to requests that match. */
export interface Fault {
  method?: string;
  /** Exact path (`/api/v1/bom`) or a pattern. */
  path: string | RegExp;
  times?: number;
  status?: number;
  headers?: Record<string, string>;
  /** A function makes the body of the request's headers: a server or proxy that quotes them back. */
  body?: string | object | ((headers: IncomingHttpHeaders) => string);
  /** Send headers and part of the body, then drop the connection. */
  reset?: boolean;
  /**
   * Drops the connection mid-body: the status (default 200), the headers with a Content-Length larger than
   * what is sent, `body` (default: the start of a findings list), then after a moment `reset` (a TCP RST:
   * ECONNRESET) or `close` (a FIN: the body ends early); or `stall`: nothing more, the connection left open
   * (a server or proxy that stopped answering mid-body) until the client gives up or the simulator closes.
   * Without `abort` or `reset`, a string `body` cut short is a complete response with a correct
   * Content-Length (invalid JSON).
   */
  abort?: 'reset' | 'close' | 'stall';
  /** Never answers, not even with a status line, until the client gives up or the simulator closes. */
  hang?: boolean;
}

export interface DtSimOptions {
  /** What `/api/version` reports; it also selects behaviour (4.4 team/self, 4.11 event/token, 5 paged findings). */
  version?: string;
  apiKey: string;
  /** The key's team permissions (default: every permission the flow needs). */
  permissions?: readonly string[];
  teamName?: string;
  projects?: SimProjectInit[];
  /** What a project holds after an upload to it is processed (default: the fixture findings and violations). */
  afterUpload?: { findings: Row[]; violations: Row[] };
  /** Token polls answered `processing: true` after each upload (`Infinity`: never done). */
  processingPolls?: number;
  /**
   * Every upload's processing fails, as DT's does on a BOM it cannot import: the token then answers
   * `processing: false` all the same, and the project keeps its `lastBomImport` and findings (the import's
   * transaction is rolled back).
   */
  failProcessing?: boolean;
  faults?: Fault[];
  /** Serve HTTPS with the committed self-signed certificate. */
  tls?: boolean;
  /** Answer every path with the web UI's index.html, as the frontend container does. */
  frontend?: boolean;
  /** Dates as ISO 8601 text rather than epoch milliseconds (a server whose JSON mapper writes them so). */
  datesAsText?: boolean;
  /** `X-Total-Count` claims this many more rows than the simulator holds. */
  totalCountSkew?: number;
  /** `GET /api/v1/project?name=` searches (names containing it) rather than matching exactly. */
  nameSearch?: boolean;
  /** Paged lists serve at most this many rows a page, whatever `pageSize` asks (a server that caps it). */
  pageCap?: number;
  /** Every request is answered after this many milliseconds (network and server time). */
  latencyMs?: number;
}

export interface SimRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  apiKey: string | undefined;
  status: number;
  /** `performance.now()` when the request came in. */
  start: number;
  /** `performance.now()` when the answer was sent (for `abort` faults: its partial body); 0 before. */
  end: number;
}

export interface SimUpload {
  fields: Record<string, string>;
  bomName: string | undefined;
  bom: string;
  contentType: string;
}

export interface DtSim {
  /** Server root, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** `url` + `/api`, the way users usually write api-url. */
  apiUrl: string;
  requests: SimRequest[];
  uploads: SimUpload[];
  projects: SimProject[];
  /** The most requests that were being answered at the same time. */
  readonly maxInFlight: number;
  /** Requests whose method and path match. */
  count(method: string, path: string | RegExp): number;
  close(): Promise<void>;
}

interface Version {
  major: number;
  minor: number;
}

function parseVersion(text: string): Version {
  const [major = 0, minor = 0] = text.split('.').map((part) => Number.parseInt(part, 10));
  return { major, minor };
}

function atLeast(v: Version, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

const COMPONENT_TYPES = new Set([
  'application',
  'framework',
  'library',
  'container',
  'platform',
  'operating-system',
  'device',
  'device-driver',
  'firmware',
  'file',
  'machine-learning-model',
  'data',
  'cryptographic-asset',
]);

class HttpReply {
  constructor(
    readonly status: number,
    readonly body: string | object | undefined = undefined,
    readonly headers: Record<string, string> = {},
  ) {}
}

const text = (status: number, body: string) => new HttpReply(status, body, { 'content-type': 'text/plain' });

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Alpine's ApiFilter: `pageNumber`/`page` + `pageSize`/`size`/`limit`, or `offset` + `limit`; default 0 and 100.
 * The offset comes from the size asked; a `cap` only shortens the page served.
 */
function pageOf(query: URLSearchParams, cap = Infinity): { offset: number; limit: number } {
  const num = (...names: string[]) => {
    for (const name of names) {
      const value = query.get(name);
      if (value !== null && value !== '') return Number.parseInt(value, 10);
    }
    return undefined;
  };
  const limit = num('pageSize', 'size', 'limit') ?? 100;
  const offset = num('offset');
  if (offset !== undefined) return { offset, limit: Math.min(limit, cap) };
  const page = num('pageNumber', 'page') ?? 1;
  return { offset: (page - 1) * limit, limit: Math.min(limit, cap) };
}

function isSuppressed(row: Row): boolean {
  return (row.analysis as { isSuppressed?: boolean } | undefined)?.isSuppressed === true;
}

/** Puts the project's own UUID where the fixtures hold a placeholder. */
function forProject(rows: Row[], uuid: string): Row[] {
  return JSON.parse(JSON.stringify(rows).replaceAll('00000000-0000-4000-8000-000000000000', uuid)) as Row[];
}

function projectJson(p: SimProject, v: Version, datesAsText = false): Row {
  const lastBomImport =
    p.lastBomImport && datesAsText ? new Date(p.lastBomImport).toISOString() : p.lastBomImport;
  return {
    uuid: p.uuid,
    name: p.name,
    ...(p.version !== undefined ? { version: p.version } : {}),
    classifier: 'APPLICATION',
    tags: p.tags.map((name) => ({ name })),
    ...(p.lastBomImport ? { lastBomImport, lastBomImportFormat: 'CycloneDX 1.5' } : {}),
    // DT 4.13+ writes NONE for any other project; DT5 leaves NONE out.
    ...(atLeast(v, 4, 13) && (p.collectionLogic || v.major < 5)
      ? { collectionLogic: p.collectionLogic ?? 'NONE' }
      : {}),
    active: true,
    ...(atLeast(v, 4, 12) ? { isLatest: !!p.isLatest } : {}),
    ...(v.major < 5 ? { children: [], properties: [] } : {}),
  };
}

export async function startDtSim(options: DtSimOptions): Promise<DtSim> {
  const versionText = options.version ?? '4.14.3';
  const version = parseVersion(versionText);
  const permissions = new Set(options.permissions ?? ALL_PERMISSIONS);
  const faults = (options.faults ?? []).map((fault) => ({ ...fault, left: fault.times ?? 1 }));
  const processingPolls = options.processingPolls ?? 2;
  const afterUpload = options.afterUpload ?? { findings: fixtureFindings(), violations: fixtureViolations() };
  const projects: SimProject[] = (options.projects ?? []).map((p) => {
    const uuid = p.uuid ?? randomUUID();
    return {
      uuid,
      name: p.name,
      ...(p.version !== undefined ? { version: p.version } : {}),
      tags: [],
      ...(p.isLatest !== undefined ? { isLatest: p.isLatest } : {}),
      ...(p.collectionLogic ? { collectionLogic: p.collectionLogic } : {}),
      ...(p.neverImported ? {} : { lastBomImport: 1_700_000_000_000 }),
      findings: forProject(p.findings ?? [], uuid),
      violations: forProject(p.violations ?? [], uuid),
    };
  });
  const tokens = new Map<string, { project: SimProject; left: number }>();
  const requests: SimRequest[] = [];
  const uploads: SimUpload[] = [];

  /** The end of an upload's processing: DT sets `lastBomImport` when the import commits, not on upload. */
  const complete = (project: SimProject) => {
    if (options.failProcessing) {
      delete project.next;
      return;
    }
    project.lastBomImport = Date.now();
    if (project.next) {
      project.findings = forProject(project.next.findings, project.uuid);
      project.violations = forProject(project.next.violations, project.uuid);
      delete project.next;
    }
  };

  const paged = (rows: Row[], query: URLSearchParams, paginate: boolean): HttpReply => {
    const shown = query.get('suppressed') === 'true' ? rows : rows.filter((row) => !isSuppressed(row));
    const total = String(shown.length + (options.totalCountSkew ?? 0));
    if (!paginate) return new HttpReply(200, shown, { 'X-Total-Count': total });
    const { offset, limit } = pageOf(query, options.pageCap);
    return new HttpReply(200, shown.slice(offset, offset + limit), { 'X-Total-Count': total });
  };

  const need = (permission: string): HttpReply | undefined =>
    permissions.has(permission) ? undefined : new HttpReply(403);

  /** Reads a multipart upload the way DT's form parser does, and records it. */
  async function receiveUpload(req: IncomingMessage): Promise<SimUpload> {
    const body = await readBody(req);
    const contentType = String(req.headers['content-type'] ?? '');
    const received: SimUpload = { fields: {}, bom: '', bomName: undefined, contentType };
    try {
      const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
      for (const [name, value] of form.entries()) {
        if (typeof value === 'string') received.fields[name] = value;
        else if (name === 'bom') {
          received.bom = await value.text();
          received.bomName = value.name;
        }
      }
    } catch {
      received.bom = body.toString('utf8');
    }
    uploads.push(received);
    return received;
  }

  /**
   * The parent an auto-created project names, as DT's upload finds it: by UUID, or by name with
   * `parentVersion` (a null version when that is missing); `null` when named and not found.
   */
  function parentOf(fields: Record<string, string>): SimProject | null | undefined {
    if (!atLeast(version, 4, 8)) return undefined;
    if (fields.parentUUID) return projects.find((p) => p.uuid === fields.parentUUID) ?? null;
    if (!fields.parentName) return undefined;
    const wanted = fields.parentVersion ?? null;
    return projects.find((p) => p.name === fields.parentName && (p.version ?? null) === wanted) ?? null;
  }

  async function upload(req: IncomingMessage): Promise<HttpReply> {
    const { fields, bom } = await receiveUpload(req);
    const denied = need('BOM_UPLOAD');
    if (denied) return denied;
    if (!bom) return text(400, 'A BOM must be provided.');
    if (atLeast(version, 4, 11) && !bom.trimStart().startsWith('<')) {
      const errors: string[] = [];
      try {
        const doc = JSON.parse(bom) as { bomFormat?: string; components?: { type?: string }[] };
        if (doc.bomFormat !== 'CycloneDX') errors.push('$.bomFormat: must be CycloneDX');
        (doc.components ?? []).forEach((c, i) => {
          if (!COMPONENT_TYPES.has(String(c.type))) {
            errors.push(
              `$.components[${i}].type: does not have a value in the enumeration [${[...COMPONENT_TYPES].join(', ')}]`,
            );
          }
        });
      } catch {
        errors.push('$: the document is not valid JSON');
      }
      if (errors.length) {
        return new HttpReply(
          400,
          { status: 400, title: 'The uploaded BOM is invalid', detail: 'Schema validation failed', errors },
          { 'content-type': 'application/problem+json' },
        );
      }
    }
    let project: SimProject | undefined;
    if (fields.project) {
      project = projects.find((p) => p.uuid === fields.project);
      if (!project) return text(404, 'The project could not be found.');
    } else {
      project = projects.find(
        (p) => p.name === fields.projectName && (p.version ?? '') === (fields.projectVersion ?? ''),
      );
      if (!project) {
        if (fields.autoCreate !== 'true') return text(404, 'The project could not be found.');
        const creators = ['PROJECT_CREATION_UPLOAD', 'PORTFOLIO_MANAGEMENT', 'PORTFOLIO_MANAGEMENT_CREATE'];
        if (!creators.some((p) => permissions.has(p))) {
          return text(401, 'The principal does not have permission to create project.');
        }
        const parent = parentOf(fields);
        if (parent === null) return text(404, 'The parent component could not be found.');
        project = {
          uuid: randomUUID(),
          name: fields.projectName ?? '',
          ...(fields.projectVersion ? { version: fields.projectVersion } : {}),
          tags:
            atLeast(version, 4, 12) && fields.projectTags
              ? fields.projectTags.split(',').map((t) => t.trim())
              : [],
          ...(parent ? { parent: { uuid: parent.uuid, name: parent.name } } : {}),
          ...(atLeast(version, 4, 12) && fields.isLatest ? { isLatest: fields.isLatest === 'true' } : {}),
          findings: [],
          violations: [],
        };
        projects.push(project);
      }
    }
    if (project.collectionLogic) return text(400, 'BOM cannot be uploaded to collection project.');
    project.next = afterUpload;
    const token = randomUUID();
    tokens.set(token, { project, left: processingPolls });
    return new HttpReply(200, { token, ...(version.major >= 5 ? { projectUuid: project.uuid } : {}) });
  }

  function poll(token: string): HttpReply {
    const state = tokens.get(token);
    if (!state) return new HttpReply(200, { processing: false });
    if (state.left > 0) {
      state.left--;
      return new HttpReply(200, { processing: true });
    }
    complete(state.project);
    return new HttpReply(200, { processing: false });
  }

  async function route(req: IncomingMessage, url: URL): Promise<HttpReply> {
    const method = req.method ?? 'GET';
    const p = url.pathname;
    if (options.frontend) {
      return new HttpReply(
        200,
        '<!doctype html><html><head><title>Dependency-Track</title></head><body><div id="app"></div></body></html>',
        {
          'content-type': 'text/html',
        },
      );
    }
    if (method === 'GET' && p === '/api/version') {
      return new HttpReply(200, { ...readFixture<Row>('version.json'), version: versionText });
    }
    if (!p.startsWith('/api/')) return notFound(p);
    if (req.headers['x-api-key'] !== options.apiKey) return new HttpReply(401);

    if (method === 'GET' && p === '/api/v1/team/self' && atLeast(version, 4, 4)) {
      const team = readFixture<{ permissions: { name: string; description: string }[] }>('team-self.json');
      const described = new Map(team.permissions.map((x) => [x.name, x.description]));
      return new HttpReply(200, {
        ...team,
        ...(options.teamName ? { name: options.teamName } : {}),
        permissions: [...permissions].map((name) => ({ name, description: described.get(name) ?? name })),
      });
    }
    if (method === 'POST' && p === '/api/v1/bom') return upload(req);
    let m = /^\/api\/v1\/event\/token\/([^/]+)$/.exec(p);
    if (method === 'GET' && m && atLeast(version, 4, 11)) return poll(decodeURIComponent(m[1]!));
    m = /^\/api\/v1\/bom\/token\/([^/]+)$/.exec(p);
    if (method === 'GET' && m) {
      const reply = need('BOM_UPLOAD') ?? poll(decodeURIComponent(m[1]!));
      if (version.major >= 5) reply.headers['X-API-Deprecated'] = 'true';
      return reply;
    }
    if (method === 'GET' && p === '/api/v1/project/lookup') {
      const denied = need('VIEW_PORTFOLIO');
      if (denied) return denied;
      const name = url.searchParams.get('name');
      const ver = url.searchParams.get('version');
      const found = projects.find((x) => x.name === name && (x.version ?? null) === ver);
      return found
        ? new HttpReply(200, projectJson(found, version, options.datesAsText))
        : text(404, 'The project could not be found.');
    }
    if (method === 'GET' && p === '/api/v1/project') {
      const denied = need('VIEW_PORTFOLIO');
      if (denied) return denied;
      // An exact name match, newest version first, paged like every list.
      const name = url.searchParams.get('name');
      const named = projects
        .filter((x) => name === null || (options.nameSearch ? x.name.includes(name) : x.name === name))
        .sort((a, b) => (b.version ?? '').localeCompare(a.version ?? ''));
      const { offset, limit } = pageOf(url.searchParams, options.pageCap);
      return new HttpReply(
        200,
        named.slice(offset, offset + limit).map((x) => projectJson(x, version, options.datesAsText)),
        { 'X-Total-Count': String(named.length) },
      );
    }
    m = /^\/api\/v1\/project\/([0-9a-f-]{36})$/.exec(p);
    if (method === 'GET' && m) {
      const denied = need('VIEW_PORTFOLIO');
      if (denied) return denied;
      const found = projects.find((x) => x.uuid === m![1]);
      return found
        ? new HttpReply(200, projectJson(found, version, options.datesAsText))
        : text(404, 'The project could not be found.');
    }
    m = /^\/api\/v1\/(finding|violation)\/project\/([0-9a-f-]{36})$/.exec(p);
    if (method === 'GET' && m) {
      const findings = m[1] === 'finding';
      const denied = need(findings ? 'VIEW_VULNERABILITY' : 'VIEW_POLICY_VIOLATION');
      if (denied) return denied;
      const found = projects.find((x) => x.uuid === m![2]);
      if (!found) return text(404, 'The project could not be found.');
      // v4 returns findings whole whatever the paging parameters say; v5 pages them; violations are always paged.
      return paged(
        findings ? found.findings : found.violations,
        url.searchParams,
        !findings || version.major >= 5,
      );
    }
    return notFound(p);
  }

  /** Jersey has no such resource: the servlet container's error page, in JSON as the client accepts JSON. */
  function notFound(p: string): HttpReply {
    return new HttpReply(404, { url: p, status: '404', message: 'Not Found', servlet: 'Jersey' });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = req.method ?? 'GET';
    const record: SimRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      apiKey: req.headers['x-api-key'] as string | undefined,
      status: 0,
      start: performance.now(),
      end: 0,
    };
    requests.push(record);
    const fault = faults.find(
      (f) =>
        f.left > 0 &&
        (!f.method || f.method === method) &&
        (typeof f.path === 'string' ? f.path === url.pathname : f.path.test(url.pathname)),
    );
    if (fault) {
      fault.left--;
      const faultBody = typeof fault.body === 'function' ? fault.body(req.headers) : fault.body;
      if (method === 'POST' && url.pathname === '/api/v1/bom') {
        // The server got the upload before it failed: record it, as a real one would have stored it.
        const body = await readBody(req);
        uploads.push({
          fields: {},
          bomName: undefined,
          bom: body.toString('utf8'),
          contentType: String(req.headers['content-type'] ?? ''),
        });
      }
      if (fault.hang) return;
      if (fault.reset) {
        record.status = 200;
        record.end = performance.now();
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
        res.write('[{"component":{"name":"lod', () => res.socket?.destroy());
        return;
      }
      if (fault.abort) {
        const how = fault.abort;
        const partial =
          faultBody === undefined
            ? PARTIAL_FINDINGS
            : typeof faultBody === 'string'
              ? faultBody
              : JSON.stringify(faultBody);
        record.status = fault.status ?? 200;
        record.end = performance.now();
        res.writeHead(record.status, {
          'content-type': 'application/json',
          ...fault.headers,
          'content-length': String(Buffer.byteLength(partial) + 1000),
        });
        // The drop waits a moment, so the client has read the headers and the partial body: a RST would
        // make the receiving kernel discard whatever it still held. A stall sends nothing more.
        res.write(partial, () => {
          if (how === 'stall') return;
          setTimeout(() => {
            if (how === 'reset') res.socket?.resetAndDestroy();
            else res.socket?.destroy();
          }, 20);
        });
        return;
      }
      return send(res, record, new HttpReply(fault.status ?? 500, faultBody ?? '', fault.headers ?? {}));
    }
    let reply: HttpReply;
    try {
      reply = await route(req, url);
    } catch (error) {
      reply = text(500, `simulator error: ${(error as Error).message}`);
    }
    send(res, record, reply);
  }

  function send(res: ServerResponse, record: SimRequest, reply: HttpReply): void {
    record.status = reply.status;
    record.end = performance.now();
    const isText = typeof reply.body === 'string';
    const body = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
    const headers: Record<string, string> = {
      ...(body && !isText ? { 'content-type': 'application/json' } : {}),
      ...(body && isText ? { 'content-type': 'text/plain' } : {}),
      ...reply.headers,
    };
    res.writeHead(reply.status, headers);
    res.end(body);
  }

  let inFlight = 0;
  let maxInFlight = 0;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => inFlight--);
    const latency = options.latencyMs
      ? new Promise<void>((resolve) => setTimeout(resolve, options.latencyMs))
      : Promise.resolve();
    latency
      .then(() => handle(req, res))
      .catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
  };
  const server: Server = options.tls
    ? createHttpsServer(tlsServerOptions(), listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url,
    apiUrl: `${url}/api`,
    requests,
    uploads,
    projects,
    get maxInFlight() {
      return maxInFlight;
    },
    count: (method, p) =>
      requests.filter((r) => r.method === method && (typeof p === 'string' ? r.path === p : p.test(r.path)))
        .length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
