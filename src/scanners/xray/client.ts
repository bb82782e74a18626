import { z } from 'zod';
import { JobStopped } from '../../cancel.js';
import type { Config } from '../../config.js';
import { ScannerError, UserError } from '../../errors.js';
import {
  DeadlinePassed,
  HttpClient,
  type HttpOptions,
  type HttpRequest,
  NotSent,
} from '../../http/client.js';
import { optNumber, optString } from '../../schema.js';
import { scannerHttpOptions, type ScannerContext } from '../scanner.js';
import { type ErrorContext, explainXrayError, reportIt, XrayStatusError } from './errors.js';
import { platformBase } from './urls.js';

/** Builds the project's HTTP client; tests swap in one whose dispatcher is a MockAgent. */
export type HttpFactory = (options: HttpOptions) => HttpClient;

export const defaultHttpFactory: HttpFactory = (options) => new HttpClient(options);

/** The two report types sca-bridge reads. */
export type ReportKind = 'vulnerabilities' | 'violations';

/** `include_path_patterns` and `exclude_path_patterns` are left out when empty: older Xray versions reject unknown fields. */
export interface ReportRepository {
  name: string;
  include_path_patterns?: string[];
  exclude_path_patterns?: string[];
}

export interface CreateReportBody {
  name: string;
  resources: { repositories: ReportRepository[] };
  filters?: { watch_names?: string[] };
}

const versionSchema = z.object({ xray_version: z.string(), xray_revision: z.string().optional() });

/** A report id: a number, or a string of digits (some versions). */
const reportId = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);

// Only the fields sca-bridge reads are checked: any other may be null or missing without harm. An entry
// without an id or name is no report sca-bridge looks for.
const reportsListSchema = z.object({
  total_reports: z.number().optional(),
  reports: z
    .array(z.object({ id: reportId.optional().catch(undefined), name: optString.catch(undefined) }).loose())
    .nullish(),
});

const createdSchema = z.object({ report_id: reportId });

/** Only `status` must be there; Xray writes null into the rest while a report is young (`progress: null`). */
const detailsSchema = z.object({
  status: z.string(),
  progress: optNumber,
  total_artifacts: optNumber,
  num_of_processed_artifacts: optNumber,
  number_of_rows: optNumber,
  error: optString,
});
export type ReportDetails = z.infer<typeof detailsSchema>;

/** `rows` is null in a page without rows (Go writes an empty list as null): read as none, when none are due. */
const pageSchema = z
  .object({ total_rows: z.number().int().nonnegative(), rows: z.array(z.unknown()).nullable() })
  .refine((page) => page.rows !== null || page.total_rows === 0, {
    path: ['rows'],
    message: 'null, yet total_rows is not 0',
  })
  .transform((page) => ({ total_rows: page.total_rows, rows: page.rows ?? [] }));
export type ReportPage = z.infer<typeof pageSchema>;

/** One page of a report's content, and which read of the whole report it belongs to (1 the first). */
export interface PageRequest {
  page: number;
  rows: number;
  orderBy: string;
  read?: number;
}

const repositoriesSchema = z.array(z.object({ key: z.string(), type: optString.catch(undefined) }).loose());

/** A repository the token can see, with its type (`LOCAL`, `REMOTE`, `VIRTUAL`, `FEDERATED`…) when given. */
export interface Repository {
  key: string;
  type?: string;
}

/**
 * A report creation whose outcome is unknown: the request left, but its answer was lost (a network failure, a
 * gateway's 5xx, a body cut short). Xray may hold the report all the same: `findReport` tells.
 */
export class CreationUnclear extends ScannerError {}

/**
 * Whether a failed creation may have created the report: its answer was lost, not refused (3xx, 4xx), and the
 * request reached Xray (a refused connection, an unknown host or a TLS failure made nothing).
 */
function mayHaveCreated(error: unknown): error is ScannerError {
  if (
    !(error instanceof ScannerError) ||
    error instanceof JobStopped ||
    error instanceof DeadlinePassed ||
    error instanceof NotSent
  )
    return false;
  return !(error instanceof XrayStatusError) || error.status >= 500 || error.status === 408;
}

/** Operations that follow a version call and reports list that answered: a wrong api-url is ruled out. */
const AFTER_ACCESS: ReadonlySet<ErrorContext['operation']> = new Set([
  'create-report',
  'find-report',
  'report-status',
  'report-content',
]);

/** Xray and Artifactory calls, each with the retry rule SPEC §9 gives it and an actionable error. */
export class XrayClient {
  /** The JFrog Platform base URL (`https://acme.jfrog.io`), without `/xray`. */
  readonly base: string;
  private readonly http: HttpClient;

  private readonly config: Config;
  private readonly signal: AbortSignal | undefined;
  /** Xray's version once `version()` answered, for messages that ask for a report. */
  private xrayVersion: string | undefined;

  constructor(ctx: ScannerContext, factory: HttpFactory = defaultHttpFactory) {
    const { config } = ctx;
    this.config = config;
    this.signal = ctx.signal;
    if (!config.apiUrl) {
      throw new UserError('Input api-url: set the JFrog Platform base URL (https://acme.jfrog.io).');
    }
    const token = config.token ?? '';
    this.base = platformBase(config.apiUrl);
    this.http = factory({
      baseUrl: this.base,
      headers: { authorization: `Bearer ${token}` },
      ...scannerHttpOptions(ctx),
    });
  }

  /** `?projectKey=` on every report call when the repository belongs to a JFrog Project. */
  private get project(): Record<string, string> {
    return this.config.projectKey ? { projectKey: this.config.projectKey } : {};
  }

  private async call<T>(
    req: HttpRequest,
    schema: z.ZodType<T>,
    ctx: Omit<ErrorContext, 'repoKey' | 'projectKey' | 'watches' | 'xrayVersion'>,
  ): Promise<T> {
    const context: ErrorContext = {
      ...ctx,
      repoKey: this.config.repoKey,
      projectKey: this.config.projectKey,
      watches: this.config.watches,
      xrayVersion: this.xrayVersion,
    };
    let data: unknown;
    try {
      data = (await this.http.json(req)).data;
    } catch (error) {
      throw explainXrayError(error, context);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : '(top level)';
      // Once Xray has answered the version and the reports list, a shape it gives is Xray's, not another server's.
      const fix = AFTER_ACCESS.has(ctx.operation)
        ? `Xray answered in a shape sca-bridge does not know. ${reportIt(this.xrayVersion)}`
        : 'Check that api-url is the JFrog Platform base URL (https://acme.jfrog.io).';
      throw new ScannerError(
        this.http.redact(
          `${ctx.doing} (${this.http.url(req.path).href}): unexpected answer (${where}: ${issue?.message}). ${fix}`,
        ),
      );
    }
    return parsed.data;
  }

  /** `GET /xray/api/v1/system/version`: reachability, TLS and the version. */
  async version(): Promise<{ version: string; revision?: string }> {
    const data = await this.call({ path: 'xray/api/v1/system/version', retry: true }, versionSchema, {
      operation: 'version',
      doing: 'Reading the Xray version',
    });
    this.xrayVersion = data.xray_version;
    return { version: data.xray_version, ...(data.xray_revision ? { revision: data.xray_revision } : {}) };
  }

  /**
   * `POST /xray/api/v1/reports` (Get Reports List, Xray 3.8+): pagination is mandatory, `filters` optional.
   * Read-only, so retried like a GET.
   */
  private listReports(
    ask: Pick<HttpRequest, 'outlivesCancel'> & {
      query: { direction: 'asc' | 'desc'; num_of_rows: number; order_by: string };
      filters?: { name: string };
    },
    ctx: Pick<ErrorContext, 'operation' | 'doing'>,
  ) {
    const { direction, num_of_rows, order_by } = ask.query;
    return this.call(
      {
        method: 'POST',
        path: 'xray/api/v1/reports',
        query: { direction, page_num: 1, num_of_rows, order_by, ...this.project },
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ask.filters ? { filters: ask.filters } : {}),
        retry: true,
        ...(ask.outlivesCancel ? { outlivesCancel: true } : {}),
      },
      reportsListSchema,
      ctx,
    );
  }

  /** The reports list, one row: needs a valid token with Manage Reports. Returns how many reports it sees. */
  async reportsList(): Promise<number> {
    const data = await this.listReports(
      { query: { direction: 'asc', num_of_rows: 1, order_by: 'name' } },
      { operation: 'auth-check', doing: 'Checking the token against the Xray reports list' },
    );
    return data.total_reports ?? data.reports?.length ?? 0;
  }

  /**
   * The id of the report named `name`, if Xray holds one. Xray's name filter matches a substring (a report's
   * name is part of its violations sibling's), so the name is compared whole; newest first, should an Xray
   * ignore the filter. Like the creation it follows, it outlives a stop: a report found is then deleted.
   */
  async findReport(name: string): Promise<number | undefined> {
    const data = await this.listReports(
      {
        query: { direction: 'desc', num_of_rows: 10, order_by: 'start_time' },
        filters: { name },
        outlivesCancel: true,
      },
      { operation: 'find-report', doing: `Looking up the Xray report ${name}` },
    );
    return data.reports?.find((report) => report.name === name && report.id !== undefined)?.id;
  }

  /** `GET /artifactory/api/repositories`: the repositories the token can see (`?project=` with project-key), by key. */
  async repositories(): Promise<Repository[]> {
    const data = await this.call(
      {
        path: 'artifactory/api/repositories',
        query: this.config.projectKey ? { project: this.config.projectKey } : {},
        retry: true,
      },
      repositoriesSchema,
      { operation: 'repositories', doing: 'Listing the Artifactory repositories' },
    );
    const byKey = new Map(data.map(({ key, type }) => [key, { key, ...(type ? { type } : {}) }]));
    return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }

  /**
   * `POST /xray/api/v1/reports/{kind}`: creates a report. Never retried: a retry could create a second one.
   * A stop signal does not cut it off, so the report it creates is known and can be deleted. A failure that
   * may have created it all the same is a `CreationUnclear`.
   */
  async createReport(kind: ReportKind, body: CreateReportBody): Promise<number> {
    // Outliving the stop is for a creation already under way; once stopped, none starts (it would only be
    // deleted again, or left behind when the grace period ends first).
    this.signal?.throwIfAborted();
    try {
      const data = await this.call(
        {
          method: 'POST',
          path: `xray/api/v1/reports/${kind}`,
          query: this.project,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          retry: false,
          outlivesCancel: true,
        },
        createdSchema,
        {
          operation: 'create-report',
          doing: `Creating the Xray ${kind} report`,
          report: kind,
          pathPatterns: body.resources.repositories.some(
            (repo) => !!repo.include_path_patterns?.length || !!repo.exclude_path_patterns?.length,
          ),
        },
      );
      return data.report_id;
    } catch (error) {
      throw mayHaveCreated(error) ? new CreationUnclear(error.message) : error;
    }
  }

  /** `GET /xray/api/v1/reports/{id}`: status, progress and row count; given up at `deadline` (epoch ms). */
  reportDetails(id: number, deadline?: number): Promise<ReportDetails> {
    return this.call(
      { path: `xray/api/v1/reports/${id}`, query: this.project, retry: true, deadline },
      detailsSchema,
      { operation: 'report-status', doing: `Reading the status of Xray report ${id}` },
    );
  }

  /**
   * `POST /xray/api/v1/reports/{kind}/{id}?…`: one page of a report's content. Read-only: retried like a GET.
   * A page of a later read of the whole report is kept under its own name.
   */
  reportPage(kind: ReportKind, id: number, ask: PageRequest): Promise<ReportPage> {
    const { page, rows, orderBy, read = 1 } = ask;
    return this.call(
      {
        method: 'POST',
        path: `xray/api/v1/reports/${kind}/${id}`,
        query: { direction: 'asc', page_num: page, num_of_rows: rows, order_by: orderBy, ...this.project },
        retry: true,
        keepAs: `xray-${kind}-report-${id}${read > 1 ? `-read-${read}` : ''}-page-${page}`,
      },
      pageSchema,
      {
        operation: 'report-content',
        doing: `Reading page ${page} of Xray ${kind} report ${id}`,
        asked: `page_num=${page}, num_of_rows=${rows}, order_by=${orderBy}, direction=asc`,
      },
    );
  }

  /** `DELETE /xray/api/v1/reports/{id}`; deleting twice changes nothing, so it is retried, and 404 means done. */
  async deleteReport(id: number): Promise<void> {
    try {
      await this.http.send({
        method: 'DELETE',
        path: `xray/api/v1/reports/${id}`,
        query: this.project,
        retry: true,
        outlivesCancel: true,
      });
    } catch (error) {
      if ((error as { status?: number }).status === 404) return;
      throw explainXrayError(error, {
        operation: 'delete-report',
        doing: `Deleting Xray report ${id}`,
        repoKey: this.config.repoKey,
        projectKey: this.config.projectKey,
      });
    }
  }

  /** Waits between polls; a stopped run ends the wait. */
  wait(ms: number): Promise<void> {
    return this.http.wait(ms);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
