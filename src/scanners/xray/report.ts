import { ScannerError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { CreateReportBody, ReportDetails, ReportKind, XrayClient } from './client.js';
import { Cancelled, type Limiter, settleAll } from './limiter.js';

/**
 * One fixed sort key for every page of a report: paging with LIMIT/OFFSET is only consistent when each
 * page sorts the same way. `vulnerable_component` is accepted by both the vulnerabilities and the
 * violations report, and ties far less than `severity` (5 values) or `path` (every row of one artifact,
 * hundreds in a Docker image).
 */
export const ORDER_BY = 'vulnerable_component';

/** Rows asked for per page. Servers cap it lower (the cap is undocumented): page 1 tells the real size. */
export const REQUESTED_PAGE_ROWS = 1000;

/** Content pages read at the same time, over every report of a run. */
export const PAGE_CONCURRENCY = 4;

export interface ReportFlowOptions {
  client: XrayClient;
  logger: Logger;
  limiter: Limiter;
  pollIntervalMs: number;
  timeoutMs: number;
  keepReport: boolean;
  requestedRows?: number;
  /** True once a sibling report failed: this one stops waiting and reading (and is still deleted). */
  stopped?: () => boolean;
}

export interface ReportResult {
  id: number;
  name: string;
  rows: unknown[];
}

function describeProgress(details: ReportDetails): string {
  const parts = [details.status];
  if (details.progress !== undefined) parts.push(`${details.progress}%`);
  if (details.total_artifacts !== undefined) {
    parts.push(`${details.num_of_processed_artifacts ?? 0} of ${details.total_artifacts} artifacts`);
  }
  if (details.number_of_rows !== undefined) parts.push(`${details.number_of_rows} rows`);
  return parts.join(', ');
}

/** Polls `GET /reports/{id}` every poll-interval until `completed`, `failed`/`aborted`, or the timeout. */
export async function waitForReport(
  kind: ReportKind,
  id: number,
  options: Pick<ReportFlowOptions, 'client' | 'logger' | 'pollIntervalMs' | 'timeoutMs' | 'stopped'>,
): Promise<ReportDetails> {
  const { client, logger } = options;
  const stopped = options.stopped ?? (() => false);
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  let shown = '';
  for (;;) {
    if (stopped()) throw new Cancelled(`waiting for Xray ${kind} report ${id} stopped`);
    const details = await client.reportDetails(id);
    const status = details.status.toLowerCase();
    const progress = describeProgress(details);
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    if (progress !== shown) logger.info(`Xray ${kind} report ${id}: ${progress} (${elapsed} s)`);
    else logger.debug(`Xray ${kind} report ${id}: ${progress} (${elapsed} s)`);
    shown = progress;
    if (status === 'completed' || status === 'complete') return details;
    if (status === 'failed' || status === 'aborted') {
      throw new ScannerError(
        `Xray could not generate the ${kind} report ${id} (status ${status}${details.error ? `: ${details.error}` : ''}). Check in Xray → Reports why it stopped; the repository must be indexed by Xray, and a report may be aborted when Xray restarts. Run the scan again once Xray is healthy.`,
      );
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new ScannerError(
        `Xray's ${kind} report ${id} was not ready within timeout (${options.timeoutMs / 1000} s; last status: ${progress}). Raise timeout for large repositories, or narrow the report with include-path-patterns.`,
      );
    }
    await client.wait(Math.min(options.pollIntervalMs, left));
  }
}

/**
 * Reads every row: page 1 first, its row count is the server's real page size, then the remaining pages
 * (asked with that size, so the offsets line up whatever the server does with a capped size), a bounded
 * number at a time. The rows collected must equal `total_rows`: a gap is an error, never a quiet loss.
 */
export async function readAllPages(
  kind: ReportKind,
  id: number,
  options: Pick<ReportFlowOptions, 'client' | 'logger' | 'limiter' | 'requestedRows' | 'stopped'>,
): Promise<unknown[]> {
  const { client, logger, limiter } = options;
  const stopped = options.stopped ?? (() => false);
  const asked = options.requestedRows ?? REQUESTED_PAGE_ROWS;
  const first = await limiter.run(() => client.reportPage(kind, id, 1, asked, ORDER_BY));
  const total = first.total_rows;
  if (total === 0 && first.rows.length === 0) return [];
  const pageSize = first.rows.length;
  if (pageSize === 0) {
    throw new ScannerError(
      `Xray's ${kind} report ${id} says it holds ${total} rows (total_rows) but its first page is empty; sca-bridge cannot read it. Run the scan again; if it persists, report it to JFrog support.`,
    );
  }
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages > 1) {
    const capped =
      pageSize < asked ? ` (the server caps a page at ${pageSize} rows; ${asked} were asked)` : '';
    logger.info(
      `Reading Xray ${kind} report ${id}: ${total} rows in ${pages} pages of ${pageSize}${capped}, ${limiter.size} at a time.`,
    );
  }
  const byPage: unknown[][] = [first.rows];
  let failed = false;
  const reads = Array.from({ length: pages - 1 }, (_, i) => i + 2).map((page) =>
    limiter.run(async () => {
      // After one page (or a sibling report) failed, the pages still waiting are not worth asking for.
      if (failed || stopped()) throw new Cancelled(`reading Xray ${kind} report ${id} stopped`);
      try {
        const content = await client.reportPage(kind, id, page, pageSize, ORDER_BY);
        if (content.total_rows !== total) {
          throw new ScannerError(
            `Xray's ${kind} report ${id} changed while it was read: page 1 said ${total} rows, page ${page} says ${content.total_rows}. Run the scan again.`,
          );
        }
        byPage[page - 1] = content.rows;
        logger.debug(`Xray ${kind} report ${id}: page ${page} of ${pages}, ${content.rows.length} rows`);
      } catch (error) {
        failed = true;
        throw error;
      }
    }),
  );
  await settleAll(reads);
  const rows = byPage.flat();
  if (rows.length !== total) {
    const expected = (page: number) => (page < pages ? pageSize : total - (pages - 1) * pageSize);
    const short = byPage
      .map((page, i) => ({ page: i + 1, rows: page.length }))
      .filter((p) => p.rows !== expected(p.page))
      .map((p) => `page ${p.page}: ${p.rows} of ${expected(p.page)}`);
    throw new ScannerError(
      `Xray's ${kind} report ${id} holds ${total} rows (total_rows) but its ${pages} pages of ${pageSize} gave ${rows.length}${short.length ? ` (${short.slice(0, 5).join(', ')})` : ''}. sca-bridge reports nothing rather than an incomplete result; run the scan again, and if it persists report it to JFrog support.`,
    );
  }
  return rows;
}

/**
 * One report from creation to deletion: create (never retried), wait, read every page, and delete it
 * unless keep-report, also when any step failed.
 */
export async function runReport(
  kind: ReportKind,
  body: CreateReportBody,
  options: ReportFlowOptions,
): Promise<ReportResult> {
  const { client, logger } = options;
  const id = await client.createReport(kind, body);
  logger.info(`Created Xray ${kind} report ${id} (${body.name}).`);
  try {
    await waitForReport(kind, id, options);
    const rows = await readAllPages(kind, id, options);
    logger.info(`Read ${rows.length} rows of Xray ${kind} report ${id}.`);
    return { id, name: body.name, rows };
  } finally {
    if (options.keepReport) {
      logger.info(
        `keep-report: Xray ${kind} report ${id} (${body.name}) is kept; it is listed in Xray → Reports.`,
      );
    } else {
      try {
        await client.deleteReport(id);
        logger.info(`Deleted Xray ${kind} report ${id}.`);
      } catch (error) {
        // A failed delete must not hide the scan's own result or error: it is a warning.
        const why = error instanceof Error ? error.message : String(error);
        logger.warn(`${why} The report ${body.name} (id ${id}) is left in Xray → Reports; delete it there.`);
      }
    }
  }
}
