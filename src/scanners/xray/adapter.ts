import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { ScannerError } from '../../errors.js';
import type { PolicyViolation, SourceResult } from '../../findings/model.js';
import {
  mapXrayRow,
  mapXrayViolationRow,
  xrayRowSchema,
  xrayViolationRowSchema,
} from '../../importers/xray-report.js';
import type { Logger } from '../../logger.js';
import type { ScannerAdapter, ScannerContext } from '../scanner.js';
import {
  type CreateReportBody,
  defaultHttpFactory,
  type HttpFactory,
  type ReportKind,
  type ReportRepository,
  type Repository,
  XrayClient,
} from './client.js';
import { XrayStatusError } from './errors.js';
import { Limiter, settleAll } from '../limiter.js';
import { PAGE_CONCURRENCY, type ReportFlowOptions, runReport } from './report.js';
import { clause, plural } from '../../wording.js';
import { repositoryScansUrl, reportName, reportsUrl, uiBase } from './urls.js';

export interface XrayAdapterOptions {
  /** Builds the HTTP client (tests: one on a MockAgent, or with short backoff). */
  http?: HttpFactory;
  /** Content pages in flight at once. */
  pageConcurrency?: number;
  /** The clock the report names use. */
  now?: () => Date;
  /** The run's own part of its report names (random by default). */
  unique?: () => string;
  /** When a creation that lost its answer is looked up (`LOOKUPS_AFTER_MS` by default). */
  lookupsAfterMs?: readonly number[];
}

/** Validates a report's rows with the schema the `xray-report` importer uses; a bad row names itself. */
function parseRows<T>(schema: z.ZodType<T>, rows: unknown[], kind: ReportKind, id: number): T[] {
  const parsed = z.array(schema).safeParse(rows);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ScannerError(
    `Xray's ${kind} report ${id} holds a row sca-bridge cannot read (${issue?.path.join('.')}: ${issue?.message}). Please report it with your Xray version.`,
  );
}

function repositoryResource(config: Config, repoKey: string): ReportRepository {
  return {
    name: repoKey,
    ...(config.includePathPatterns.length ? { include_path_patterns: config.includePathPatterns } : {}),
    ...(config.excludePathPatterns.length ? { exclude_path_patterns: config.excludePathPatterns } : {}),
  };
}

const EMPTY_REPORT =
  "It holds no rows: either the repository has no known vulnerabilities, or Xray has not scanned it. A repository is only in Xray's reports when it is indexed (Administration → Xray Settings → Indexed Resources → Repositories) and watched by a watch with a security policy (Xray → Watches & Policies), and its artifacts have been scanned.";

/** Where a user checks repo-key. */
const LIST_REPOS =
  '`sca-bridge list-repos` (in the CLI) prints the repository keys the token can see, and names the virtual ones';

/** Xray indexes the local and remote repositories behind a virtual one, not the virtual one itself. */
const isVirtual = (repository: Repository | undefined) => repository?.type?.toUpperCase() === 'VIRTUAL';

function repositoryCount(n: number): string {
  return n === 1 ? '1 repository' : `${n} repositories`;
}

/** ` (2 local, 1 remote, 1 virtual)`: the repositories' types, when the API gave them. */
function typesOf(repositories: readonly Repository[]): string {
  const counts = new Map<string, number>();
  for (const { type } of repositories) {
    if (type) counts.set(type.toLowerCase(), (counts.get(type.toLowerCase()) ?? 0) + 1);
  }
  const shown = [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([type, n]) => `${n} ${type}`);
  return shown.length ? ` (${shown.join(', ')})` : '';
}

/**
 * An empty report for a repository Xray does not know may be Xray's answer to a misspelt or virtual key:
 * checked only then, against the repositories the token can see. A virtual key fails the run (exit 3): Xray
 * never reports on one, and an empty report would pass any gate. A key the list lacks is a warning: nothing
 * documents that the list (`?project=`) holds the repositories shared with a project, and the token's
 * Artifactory read may be narrower than its Xray reporting. A key that differs only in case from one listed is
 * a warning too: Artifactory keeps keys unique ignoring case, but whether Xray's report matches one ignoring case
 * is not documented. When the list cannot be read, or is empty, the empty report stands, with the warning.
 */
async function checkEmptyReportKey(client: XrayClient, config: Config, logger: Logger): Promise<void> {
  const repoKey = config.repoKey!;
  const unchecked = (why: string) =>
    logger.warn(
      `Xray's vulnerabilities report for ${repoKey} is empty, and repo-key could not be checked (${why}). ${EMPTY_REPORT} Check repo-key too: ${LIST_REPOS}.`,
    );
  let repositories: Repository[];
  try {
    repositories = await client.repositories();
  } catch (error) {
    unchecked(clause((error as Error).message));
    return;
  }
  const scope = config.projectKey ? ` in the JFrog Project ${config.projectKey}` : '';
  if (!repositories.length) {
    unchecked(`the token sees no repository at all${scope}`);
    return;
  }
  const exact = repositories.find((repo) => repo.key === repoKey);
  // Xray may match the key regardless of case: a listed key that differs only in case is the one meant.
  const near = exact
    ? undefined
    : repositories.find((repo) => repo.key.toLowerCase() === repoKey.toLowerCase());
  const repository = exact ?? near;
  if (!repository) {
    logger.warn(
      `Xray's vulnerabilities report for ${repoKey} is empty, and repo-key ${repoKey} is not among the ${repositoryCount(repositories.length)} the token lists${scope}: check repo-key: it is the repository key exactly as Artifactory spells it (${LIST_REPOS}). Xray reports nothing for a repository it does not know; but the list may leave out repositories the token cannot read in Artifactory or that are shared with the project, so the empty report stands. ${EMPTY_REPORT}`,
    );
    return;
  }
  if (isVirtual(repository)) {
    throw new ScannerError(
      `Xray's vulnerabilities report for ${repoKey} is empty: ${repository.key} is a virtual repository, and Xray does not report on virtual repositories. Set repo-key to the local or remote repositories behind it (one scan each; ${LIST_REPOS}).`,
    );
  }
  if (near) {
    logger.warn(
      `Xray's vulnerabilities report for ${repoKey} is empty, and repo-key ${repoKey} is not among the ${repositoryCount(repositories.length)} the token lists${scope}: ${near.key}, which the token lists, differs from it only in case: set repo-key to ${near.key} if that is the repository meant. ${EMPTY_REPORT}`,
    );
    return;
  }
  const kind = repository.type ? `${repository.type.toLowerCase()} ` : '';
  logger.warn(
    `Xray's vulnerabilities report for ${repoKey} is empty; repo-key names a ${kind}repository the token can see. ${EMPTY_REPORT}`,
  );
}

async function withClient<T>(
  ctx: ScannerContext,
  http: HttpFactory,
  use: (client: XrayClient) => Promise<T>,
): Promise<T> {
  const client = new XrayClient(ctx, http);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}

async function checkAccess(client: XrayClient, config: Config, logger: Logger): Promise<string> {
  // Both are read-only; asking at once saves a round trip. The version's error wins when both fail; the
  // reports list's is said knowing the version (a 404 then means an Xray without the Reports API, not a wrong URL).
  const [asked, listed] = await Promise.allSettled([client.version(), client.reportsList()]);
  if (asked.status === 'rejected') throw asked.reason;
  const version = asked.value;
  if (listed.status === 'rejected') {
    const error: unknown = listed.reason;
    throw error instanceof XrayStatusError ? error.knowing({ xrayVersion: version.version }) : error;
  }
  const reports = listed.value;
  logger.info(
    `Reached Xray ${version.version}${version.revision ? ` (revision ${version.revision})` : ''} at ${client.base}: URL and TLS are fine.`,
  );
  logger.info(
    `The token is valid and may manage Xray reports: POST /xray/api/v1/reports answered (${reports} reports visible${config.projectKey ? ` in the JFrog Project ${config.projectKey}` : ''}).`,
  );
  return version.version;
}

/** Creates the Xray adapter; `xray` below is the one the CLI and the Action load. */
export function createXrayAdapter(options: XrayAdapterOptions = {}): ScannerAdapter {
  const http = options.http ?? defaultHttpFactory;
  const now = options.now ?? (() => new Date());

  return {
    async testConnection(ctx) {
      await withClient(ctx, http, async (client) => {
        await checkAccess(client, ctx.config, ctx.logger);
        ctx.logger.info(
          'Connection test passed. Not checked here: Xray Read on a particular repository, which the scan needs for its report (`sca-bridge list-repos` shows the repositories the token can see).',
        );
      });
    },

    async listRepositories(ctx) {
      return withClient(ctx, http, async (client) => {
        const repositories = await client.repositories();
        ctx.logger.info(
          `${repositoryCount(repositories.length)} visible to the token at ${client.base}${ctx.config.projectKey ? ` in the JFrog Project ${ctx.config.projectKey}` : ''}${typesOf(repositories)}.`,
        );
        const virtual = repositories.filter(isVirtual).map((repo) => repo.key);
        if (virtual.length) {
          ctx.logger.info(
            `Xray does not report on virtual repositories (${virtual.join(', ')}): give repo-key the local or remote repositories behind them.`,
          );
        }
        return repositories.map((repo) => repo.key);
      });
    },

    async scan(ctx): Promise<SourceResult> {
      const { config, logger } = ctx;
      // The config refuses an Xray scan without repo-key (exit 2) before any scanner runs.
      const repoKey = config.repoKey!;
      // A reusable workflow may pass watches to every run: said, not refused.
      if (config.watches.length && !config.failOnPolicyViolation) {
        logger.warn(
          `watches (${config.watches.join(', ')}) choose the violations fail-on-policy-violation counts; without it no violations report is read, so they change nothing. Set fail-on-policy-violation to fail on them.`,
        );
      }
      return withClient(ctx, http, async (client) => {
        const scannerVersion = await checkAccess(client, config, logger);
        const at = now();
        const unique = options.unique?.() ?? randomBytes(3).toString('hex');
        const name = (suffix?: string) =>
          reportName({
            repoKey,
            projectKey: config.projectKey,
            branch: config.branch,
            at,
            unique,
            ...(suffix ? { suffix } : {}),
          });
        const resources = { repositories: [repositoryResource(config, repoKey)] };
        let failed = false;
        const flow: ReportFlowOptions = {
          client,
          logger,
          limiter: new Limiter(options.pageConcurrency ?? PAGE_CONCURRENCY),
          pollIntervalMs: config.pollIntervalSeconds * 1000,
          timeoutMs: config.timeoutSeconds * 1000,
          keepReport: config.keepReport,
          stopped: () => failed,
          ...(options.lookupsAfterMs ? { lookupsAfterMs: options.lookupsAfterMs } : {}),
        };
        const run = (kind: ReportKind, body: CreateReportBody) =>
          runReport(kind, body, flow).catch((error: unknown) => {
            failed = true;
            throw error;
          });

        const [vulnerabilities, violationsReport] = await settleAll([
          run('vulnerabilities', { name: name(), resources }),
          config.failOnPolicyViolation
            ? run('violations', {
                name: name('violations'),
                resources,
                ...(config.watches.length ? { filters: { watch_names: config.watches } } : {}),
              })
            : Promise.resolve(undefined),
        ]);

        const rows = parseRows(xrayRowSchema, vulnerabilities.rows, 'vulnerabilities', vulnerabilities.id);
        if (!rows.length) await checkEmptyReportKey(client, config, logger);
        let violations: PolicyViolation[] = [];
        if (violationsReport) {
          violations = parseRows(
            xrayViolationRowSchema,
            violationsReport.rows,
            'violations',
            violationsReport.id,
          ).map(mapXrayViolationRow);
          logger.info(
            `${plural(violations.length, 'policy violation')} in ${repoKey}${config.watches.length ? ` (watches: ${config.watches.join(', ')})` : ''}.`,
          );
        }
        const ui = uiBase(config.uiUrl, config.apiUrl ?? client.base);
        if (config.keepReport) logger.info(`Kept reports: ${reportsUrl(ui)}`);
        return {
          scanner: 'xray',
          findings: rows.map(mapXrayRow),
          violations,
          context: {
            repoKey,
            ...(config.projectKey ? { project: config.projectKey } : {}),
            scannerVersion,
            reportUrl: repositoryScansUrl(ui, repoKey),
          },
        };
      });
    },
  };
}

export const xray: ScannerAdapter = createXrayAdapter();
