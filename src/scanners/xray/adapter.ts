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
  XrayClient,
} from './client.js';
import { Limiter, settleAll } from './limiter.js';
import { PAGE_CONCURRENCY, type ReportFlowOptions, runReport } from './report.js';
import { plural } from '../../wording.js';
import { repositoryScansUrl, reportName, reportsUrl, uiBase } from './urls.js';

export interface XrayAdapterOptions {
  /** Builds the HTTP client (tests: one on a MockAgent, or with short backoff). */
  http?: HttpFactory;
  /** Content pages in flight at once. */
  pageConcurrency?: number;
  /** The clock the report names use. */
  now?: () => Date;
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
  // Both are read-only; asking at once saves a round trip. The version's error wins when both fail.
  const [version, reports] = await settleAll([client.version(), client.reportsList()]);
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
        const keys = await client.repositories();
        ctx.logger.info(
          `${keys.length === 1 ? '1 repository' : `${keys.length} repositories`} visible to the token at ${client.base}${ctx.config.projectKey ? ` in the JFrog Project ${ctx.config.projectKey}` : ''}.`,
        );
        return keys;
      });
    },

    async scan(ctx): Promise<SourceResult> {
      const { config, logger } = ctx;
      // The config refuses an Xray scan without repo-key (exit 2) before any scanner runs.
      const repoKey = config.repoKey!;
      return withClient(ctx, http, async (client) => {
        const scannerVersion = await checkAccess(client, config, logger);
        const at = now();
        const name = (suffix?: string) =>
          reportName({
            repoKey,
            projectKey: config.projectKey,
            branch: config.branch,
            at,
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
        if (!rows.length)
          logger.warn(`Xray's vulnerabilities report for ${repoKey} is empty. ${EMPTY_REPORT}`);
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
