import { z } from 'zod';
import type { Config } from '../../config.js';
import { ScannerError, UserError } from '../../errors.js';
import { HttpClient, type HttpOptions, type HttpRequest, HttpStatusError } from '../../http/client.js';
import { optNumber, optString } from '../../schema.js';
import { scannerHttpOptions, type ScannerContext } from '../scanner.js';
import { type ErrorContext, explainXrayError } from './errors.js';
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

const reportsListSchema = z.object({
  total_reports: z.number().optional(),
  reports: z.array(z.unknown()).optional(),
});

// Only the fields sca-bridge reads are checked: any other may be null or missing without harm.
const createdSchema = z.object({
  report_id: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number),
});

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

const pageSchema = z.object({ total_rows: z.number().int().nonnegative(), rows: z.array(z.unknown()) });
export type ReportPage = z.infer<typeof pageSchema>;

/** One page of a report's content, and which read of the whole report it belongs to (1 the first). */
export interface PageRequest {
  page: number;
  rows: number;
  orderBy: string;
  read?: number;
}

const repositoriesSchema = z.array(z.object({ key: z.string() }).loose());

/** Xray and Artifactory calls, each with the retry rule SPEC §9 gives it and an actionable error. */
export class XrayClient {
  /** The JFrog Platform base URL (`https://acme.jfrog.io`), without `/xray`. */
  readonly base: string;
  private readonly http: HttpClient;

  private readonly config: Config;
  private readonly signal: AbortSignal | undefined;

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
    ctx: Omit<ErrorContext, 'repoKey' | 'projectKey' | 'watches'>,
    networkHint = '',
  ): Promise<T> {
    const context: ErrorContext = {
      ...ctx,
      repoKey: this.config.repoKey,
      projectKey: this.config.projectKey,
      watches: this.config.watches,
    };
    let data: unknown;
    try {
      data = (await this.http.json(req)).data;
    } catch (error) {
      const explained = explainXrayError(error, context);
      if (explained === error) throw error;
      if (networkHint && error instanceof ScannerError && !(error instanceof HttpStatusError)) {
        throw new ScannerError(`${explained.message} ${networkHint}`);
      }
      throw explained;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : '(top level)';
      throw new ScannerError(
        this.http.redact(
          `${ctx.doing} (${this.http.url(req.path).href}): unexpected answer (${where}: ${issue?.message}). Check that api-url is the JFrog Platform base URL (https://acme.jfrog.io).`,
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
    return { version: data.xray_version, ...(data.xray_revision ? { revision: data.xray_revision } : {}) };
  }

  /**
   * `POST /xray/api/v1/reports` (one row): needs a valid token with Manage Reports. Read-only, so retried
   * like a GET. Returns the number of reports the token can see.
   */
  async reportsList(): Promise<number> {
    const data = await this.call(
      {
        method: 'POST',
        path: 'xray/api/v1/reports',
        query: { direction: 'asc', page_num: 1, num_of_rows: 1, order_by: 'name', ...this.project },
        headers: { 'content-type': 'application/json' },
        body: '{}',
        retry: true,
      },
      reportsListSchema,
      { operation: 'auth-check', doing: 'Checking the token against the Xray reports list' },
    );
    return data.total_reports ?? data.reports?.length ?? 0;
  }

  /** `GET /artifactory/api/repositories`: the keys the token can see (`?project=` with project-key). */
  async repositories(): Promise<string[]> {
    const data = await this.call(
      {
        path: 'artifactory/api/repositories',
        query: this.config.projectKey ? { project: this.config.projectKey } : {},
        retry: true,
      },
      repositoriesSchema,
      { operation: 'repositories', doing: 'Listing the Artifactory repositories' },
    );
    return [...new Set(data.map((repo) => repo.key))].sort((a, b) => a.localeCompare(b));
  }

  /**
   * `POST /xray/api/v1/reports/{kind}`: creates a report. Never retried: a retry could create a second one.
   * A stop signal does not cut it off, so the report it creates is known and can be deleted.
   */
  async createReport(kind: ReportKind, body: CreateReportBody): Promise<number> {
    // Outliving the stop is for a creation already under way; once stopped, none starts (it would only be
    // deleted again, or left behind when the grace period ends first).
    this.signal?.throwIfAborted();
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
      // A network failure after the request left: Xray may have created the report all the same.
      `If Xray created the report anyway, it is listed in Xray → Reports as ${body.name}; delete it there.`,
    );
    return data.report_id;
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
      { operation: 'report-content', doing: `Reading page ${page} of Xray ${kind} report ${id}` },
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
