import { hash } from 'node:crypto';
import { ScannerError } from '../../errors.js';
import { DeadlinePassed } from '../../http/client.js';
import { isRecord } from '../../schema.js';
import type { Logger } from '../../logger.js';
import { clause } from '../../wording.js';
import { pollDeadline } from '../scanner.js';
import {
  type CreateReportBody,
  CreationUnclear,
  type ReportDetails,
  type ReportKind,
  type XrayClient,
} from './client.js';
import { OVERLOADED } from './errors.js';
import { Cancelled, type Limiter, settleAll } from '../limiter.js';

/**
 * One fixed sort key for every page of a report: paging with LIMIT/OFFSET is only consistent when each
 * page sorts the same way. `vulnerable_component` is accepted by both the vulnerabilities and the
 * violations report, and ties far less than `severity` (5 values) or `path` (every row of one artifact,
 * hundreds in a Docker image).
 */
export const ORDER_BY = 'vulnerable_component';

/** Rows asked for per page. Servers cap it lower (the cap is undocumented): page 1 tells the real size. */
const REQUESTED_PAGE_ROWS = 1000;

/** Content pages read at the same time, over every report of a run. */
export const PAGE_CONCURRENCY = 4;

export interface ReportFlowOptions {
  client: XrayClient;
  logger: Logger;
  limiter: Limiter;
  pollIntervalMs: number;
  timeoutMs: number;
  keepReport: boolean;
  /** True once a sibling report failed: this one stops waiting and reading (and is still deleted). */
  stopped?: () => boolean;
  /** When a creation that lost its answer is looked up, in ms after the first look (`LOOKUPS_AFTER_MS`). */
  lookupsAfterMs?: readonly number[];
}

/**
 * When a creation that lost its answer is looked up by its name, in ms after the first look. A gateway's 504
 * usually means Xray is still creating the report: it shows up in the list seconds later. Looks past the run's
 * timeout are not made.
 */
const LOOKUPS_AFTER_MS: readonly number[] = [0, 2_000, 5_000, 10_000, 20_000];

/** How often a wait between looks checks whether the other report failed. */
const STOP_CHECK_MS = 250;

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

/** The statuses of a report Xray is still making (JFrog documents `pending` and `running`). */
const WAITING_STATUSES = new Set(['pending', 'running']);

/**
 * Polls `GET /reports/{id}` every poll-interval until `completed`, `failed`/`aborted` (or another status that
 * carries an error), or the timeout.
 */
async function waitForReport(
  kind: ReportKind,
  id: number,
  options: Pick<ReportFlowOptions, 'client' | 'logger' | 'pollIntervalMs' | 'timeoutMs' | 'stopped'>,
): Promise<ReportDetails> {
  const { client, logger } = options;
  const stopped = options.stopped ?? (() => false);
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  // A poll that hangs is given up then: the one sent as the timeout runs out still gets its few seconds.
  const answerBy = pollDeadline(started, options.timeoutMs);
  let shown = '';
  /** The timeout's message, with what the last poll said. */
  const notReady = (last: string) =>
    new ScannerError(
      `Xray's ${kind} report ${id} was not ready within timeout (${options.timeoutMs / 1000} s; ${last}). Raise timeout for large repositories, or narrow the report with include-path-patterns.`,
    );
  for (;;) {
    if (stopped()) throw new Cancelled(`waiting for Xray ${kind} report ${id} stopped`);
    const details = await client.reportDetails(id, answerBy).catch((error: unknown) => {
      if (!(error instanceof DeadlinePassed)) throw error;
      throw notReady(`${shown ? `last status: ${shown}; ` : ''}the last poll: ${error.message}`);
    });
    const status = details.status.toLowerCase();
    const progress = describeProgress(details);
    const elapsed = ((Date.now() - started) / 1000).toFixed(1);
    if (progress !== shown) logger.info(`Xray ${kind} report ${id}: ${progress} (${elapsed} s)`);
    else logger.debug(`Xray ${kind} report ${id}: ${progress} (${elapsed} s)`);
    shown = progress;
    if (status === 'completed' || status === 'complete') {
      const { total_artifacts: total, num_of_processed_artifacts: processed } = details;
      if (total !== undefined && processed !== undefined && processed < total) {
        logger.warn(
          `Xray's ${kind} report ${id} completed having processed ${processed} of ${total} artifacts: findings in the other ${total - processed} are not in it (Xray may not have scanned them yet). Run the scan again once Xray has scanned the repository (Xray → Scans List shows its progress).`,
        );
      }
      return details;
    }
    // A status Xray does not document that comes with an error is an end too: waiting would only run out the timeout.
    const unknownWithError = !WAITING_STATUSES.has(status) && !!details.error;
    if (status === 'failed' || status === 'aborted' || unknownWithError) {
      throw new ScannerError(
        `Xray could not generate the ${kind} report ${id} (status ${status}${details.error ? `: ${details.error}` : ''}). Check in Xray → Reports why it stopped; the repository must be indexed by Xray, and a report may be aborted when Xray restarts. Run the scan again once Xray is healthy.`,
      );
    }
    const left = deadline - Date.now();
    if (left <= 0) throw notReady(`last status: ${progress}`);
    await client.wait(Math.min(options.pollIntervalMs, left));
  }
}

/**
 * The sort field of each read of a whole report: the first, and when rows repeat across pages, up to two more
 * (the CVE field is `cve` in a vulnerabilities report, `cves` in a violations report). Rows tied on one field
 * (one component with many issues) are told apart by another; reading the same field again, in either
 * direction, may well repeat the same mistake.
 */
const READ_ORDERS: Record<ReportKind, readonly string[]> = {
  vulnerabilities: [ORDER_BY, 'cve', 'impacted_artifact'],
  violations: [ORDER_BY, 'cves', 'impacted_artifact'],
};

/** A row's identity: a digest of its JSON text, so a large report's keys stay small. */
function rowKey(row: unknown): string {
  return hash('sha1', JSON.stringify(row), 'base64');
}

/**
 * The distinct rows of every read of a report. A repeat within one page is the server's own (one query
 * cannot give a row twice) and counts; a row an earlier page of the same read gave is a repeat across pages.
 */
class RowUnion {
  private readonly rows = new Map<string, { row: unknown; count: number }>();
  /** Rows held, a repeat within a page counted. */
  size = 0;

  /** Adds one read's pages; returns its repeats across pages. */
  add(pages: unknown[][]): number {
    const earlier = new Set<string>();
    let repeats = 0;
    for (const page of pages) {
      const counts = new Map<string, { row: unknown; count: number }>();
      for (const row of page) {
        const key = rowKey(row);
        const seen = counts.get(key);
        if (seen) seen.count++;
        else counts.set(key, { row, count: 1 });
      }
      for (const [key, { row, count }] of counts) {
        if (earlier.has(key)) repeats++;
        earlier.add(key);
        const held = this.rows.get(key) ?? { row, count: 0 };
        if (count > held.count) {
          this.size += count - held.count;
          held.count = count;
        }
        this.rows.set(key, held);
      }
    }
    return repeats;
  }

  all(): unknown[] {
    return [...this.rows.values()].flatMap(({ row, count }) => Array<unknown>(count).fill(row));
  }
}

interface Paging {
  kind: ReportKind;
  id: number;
  pages: number;
  pageSize: number;
  total: number;
}

/**
 * Reads pages `from` to the last of one read of the report, a bounded number at a time, in page order. After
 * one page (or a sibling report) failed, the pages still waiting are not asked for.
 */
async function readPages(
  paging: Paging,
  from: number,
  read: number,
  options: Pick<ReportFlowOptions, 'client' | 'logger' | 'limiter' | 'stopped'>,
): Promise<unknown[][]> {
  const { client, logger, limiter } = options;
  const { kind, id, pages, pageSize, total } = paging;
  const stopped = options.stopped ?? (() => false);
  const byPage: unknown[][] = [];
  let failed = false;
  const reads = Array.from({ length: pages - from + 1 }, (_, i) => i + from).map((page) =>
    limiter.run(async () => {
      if (failed || stopped()) throw new Cancelled(`reading Xray ${kind} report ${id} stopped`);
      try {
        const content = await client.reportPage(kind, id, {
          page,
          rows: pageSize,
          orderBy: READ_ORDERS[kind][read - 1] ?? ORDER_BY,
          read,
        });
        if (content.total_rows !== total) {
          throw new ScannerError(
            `Xray's ${kind} report ${id} changed while it was read: page 1 said ${total} rows, page ${page} says ${content.total_rows}. Run the scan again.`,
          );
        }
        byPage[page - from] = content.rows;
        logger.debug(`Xray ${kind} report ${id}: page ${page} of ${pages}, ${content.rows.length} rows`);
      } catch (error) {
        failed = true;
        throw error;
      }
    }),
  );
  await settleAll(reads);
  return byPage;
}

function sortValue(row: unknown): string {
  return String(isRecord(row) ? row[ORDER_BY] : undefined);
}

/**
 * Whether a row of one read comes back on a later page. Only a row whose sort value is on two pages can (a tie
 * a page boundary cuts), so only those are keyed: a clean read costs a digest for a few rows, not for each.
 */
function repeatsAcrossPages(byPage: readonly unknown[][]): boolean {
  const firstPage = new Map<string, number>();
  const spanning = new Set<string>();
  for (const [i, page] of byPage.entries()) {
    for (const row of page) {
      const value = sortValue(row);
      const seen = firstPage.get(value);
      if (seen === undefined) firstPage.set(value, i);
      else if (seen !== i) spanning.add(value);
    }
  }
  if (!spanning.size) return false;
  const pageOf = new Map<string, number>();
  for (const [i, page] of byPage.entries()) {
    for (const row of page) {
      if (!spanning.has(sortValue(row))) continue;
      const key = rowKey(row);
      const seen = pageOf.get(key);
      if (seen !== undefined && seen !== i) return true;
      pageOf.set(key, i);
    }
  }
  return false;
}

/** The error for pages that hold fewer or more rows than `total_rows`, naming the pages that differ. */
function countError(paging: Paging, byPage: unknown[][]): ScannerError {
  const { kind, id, pages, pageSize, total } = paging;
  const expected = (page: number) => (page < pages ? pageSize : total - (pages - 1) * pageSize);
  const short = byPage
    .map((page, i) => ({ page: i + 1, rows: page.length }))
    .filter((p) => p.rows !== expected(p.page))
    .map((p) => `page ${p.page}: ${p.rows} of ${expected(p.page)}`);
  return new ScannerError(
    `Xray's ${kind} report ${id} holds ${total} rows (total_rows) but its ${pages} pages of ${pageSize} gave ${byPage.flat().length}${short.length ? ` (${short.slice(0, 5).join(', ')})` : ''}. sca-bridge reports nothing rather than an incomplete result; run the scan again, and if it persists report it to JFrog support.`,
  );
}

/**
 * Compares the content's `total_rows` with the `number_of_rows` the report's status gave. Nothing documents that
 * the two count alike (a violations report may count otherwise), so a difference is only said: a warning when the
 * content holds fewer, which may be a loss worth a look, info when it holds more. Every row the content holds is
 * read, and a read that gives other than `total_rows` still fails.
 */
function checkStatusRows(
  kind: ReportKind,
  id: number,
  statusRows: number | undefined,
  total: number,
  logger: Logger,
): void {
  if (statusRows === undefined || statusRows === total) return;
  // Rows counted and none served is a fault, not a clean repository: passing the gate on it would hide every finding.
  if (total === 0) {
    throw new ScannerError(
      `Xray's ${kind} report ${id} counted ${statusRows} rows when it completed (number_of_rows) but its content holds none (total_rows 0). Run the scan again; if it persists, run it with keep-report: true, compare the report in Xray → Reports, and report it to JFrog support.`,
    );
  }
  if (total < statusRows) {
    logger.warn(
      `Xray's ${kind} report ${id} counted ${statusRows} rows when it completed (number_of_rows) but its content holds ${total} (total_rows); sca-bridge reads and reports those ${total}. If findings seem missing, run the scan again with keep-report: true and compare the report in Xray → Reports; if it persists, report it to JFrog support.`,
    );
    return;
  }
  logger.info(
    `Xray's ${kind} report ${id} counted ${statusRows} rows when it completed (number_of_rows); its content holds ${total} (total_rows), and all ${total} are read.`,
  );
}

/**
 * Reads every row: page 1 first, its row count is the server's real page size, then the remaining pages
 * (asked with that size, so the offsets line up whatever the server does with a capped size), a bounded
 * number at a time. The rows collected must equal `total_rows`: a gap is an error, never a quiet loss.
 *
 * Rows tied on `ORDER_BY` may come in another order per page (a database's top-N sort is not stable, and
 * orders ties by how many rows it keeps), so a page can repeat rows of another and miss others while the
 * count still adds up. Rows are keyed by their content: when some repeat across pages, the report is read
 * again sorted by other fields (`READ_ORDERS`), keeping the distinct rows of every read, until they reach
 * `total_rows`; otherwise the run fails (exit 3) rather than report fewer rows than Xray holds.
 */
export async function readAllPages(
  kind: ReportKind,
  id: number,
  options: Pick<ReportFlowOptions, 'client' | 'logger' | 'limiter' | 'stopped'>,
  statusRows?: number,
): Promise<unknown[]> {
  const { client, logger, limiter } = options;
  const first = await limiter.run(() =>
    client.reportPage(kind, id, { page: 1, rows: REQUESTED_PAGE_ROWS, orderBy: ORDER_BY }),
  );
  const total = first.total_rows;
  checkStatusRows(kind, id, statusRows, total, logger);
  if (total === 0 && first.rows.length === 0) return [];
  const pageSize = first.rows.length;
  if (pageSize === 0) {
    throw new ScannerError(
      `Xray's ${kind} report ${id} says it holds ${total} rows (total_rows) but its first page is empty; sca-bridge cannot read it. Run the scan again; if it persists, report it to JFrog support.`,
    );
  }
  const paging: Paging = { kind, id, pages: Math.max(1, Math.ceil(total / pageSize)), pageSize, total };
  if (paging.pages > 1) {
    const capped =
      pageSize < REQUESTED_PAGE_ROWS
        ? ` (the server caps a page at ${pageSize} rows; ${REQUESTED_PAGE_ROWS} were asked)`
        : '';
    logger.info(
      `Reading Xray ${kind} report ${id}: ${total} rows in ${paging.pages} pages of ${pageSize}${capped}, ${limiter.size} at a time.`,
    );
  }
  const byPage = [first.rows, ...(await readPages(paging, 2, 1, options))];
  if (!repeatsAcrossPages(byPage)) {
    const rows = byPage.flat();
    if (rows.length !== total) throw countError(paging, byPage);
    return rows;
  }
  const union = new RowUnion();
  union.add(byPage);
  const orders = READ_ORDERS[kind];
  for (let read = 2; read <= orders.length && union.size !== total; read++) {
    logger.info(
      `Xray's ${kind} report ${id} repeated rows across pages (rows tied on ${orders[read - 2]} came in another order per page), ${union.size} distinct of ${total}: reading it again sorted by ${orders[read - 1]} (read ${read} of at most ${orders.length}).`,
    );
    union.add(await readPages(paging, 1, read, options));
  }
  if (union.size === total) return union.all();
  throw new ScannerError(
    `Xray's ${kind} report ${id} repeated rows across pages on each of ${orders.length} reads (sorted by ${orders.join(', ')}) and gave ${union.size} distinct rows of ${total} (total_rows). sca-bridge reports nothing rather than an incomplete result; run the scan again, and if it persists report it to JFrog support.`,
  );
}

/**
 * The report a creation that lost its answer made all the same: looked up by its name (unique per run), never
 * created again. Xray may still be creating it, so it is looked up again a few times (`LOOKUPS_AFTER_MS`, within
 * the run's timeout) before none is concluded. A report found is the run's, read and then deleted as any; none
 * found fails the run. A stop ends the waits between looks; one last look then finds a report to delete.
 */
async function lostReport(
  error: CreationUnclear,
  name: string,
  options: Pick<ReportFlowOptions, 'client' | 'logger' | 'timeoutMs' | 'lookupsAfterMs' | 'stopped'>,
): Promise<number> {
  const { client, logger } = options;
  const stopped = options.stopped ?? (() => false);
  const lost = clause(error.message);
  const schedule = (options.lookupsAfterMs ?? LOOKUPS_AFTER_MS).filter(
    (at, i) => i === 0 || at <= options.timeoutMs,
  );
  const find = async () => {
    try {
      return await client.findReport(name);
    } catch (lookup) {
      throw new ScannerError(
        `${lost}. Xray may have created the report all the same, and looking it up by its name failed too (${clause((lookup as Error).message)}): if Xray → Reports lists ${name}, delete it there.`,
      );
    }
  };
  const found = (id: number) => {
    logger.warn(
      `${lost}. Xray created the report all the same: ${name} is report ${id}, and the scan goes on with it.`,
    );
    return id;
  };
  // The run is stopped (the job, or the other report failed): one last look, and a report listed is deleted by
  // the flow, which stops at its next call.
  const lastLook = async (stop: unknown) => {
    const id = await client.findReport(name).catch(() => undefined);
    if (id !== undefined) return found(id);
    logger.warn(
      `${lost}. The run stopped while sca-bridge looked for the report ${name}: should Xray → Reports list it, delete it there.`,
    );
    throw stop;
  };
  const started = Date.now();
  for (const [i, at] of schedule.entries()) {
    // In slices, so the other report failing ends the wait as a stopped job does.
    for (let left = started + at - Date.now(); left > 0; left = started + at - Date.now()) {
      try {
        await client.wait(Math.min(left, STOP_CHECK_MS));
      } catch (stop) {
        return lastLook(stop);
      }
      if (stopped()) return lastLook(new Cancelled(`looking for Xray report ${name} stopped`));
    }
    const id = await find();
    if (id !== undefined) return found(id);
    const next = schedule[i + 1];
    if (next !== undefined) {
      logger.info(
        `${lost}. Xray lists no report named ${name} yet (look ${i + 1} of ${schedule.length}): it may still be creating it; looking again in ${(Math.max(0, started + next - Date.now()) / 1000).toFixed(1)} s.`,
      );
    }
  }
  const over = schedule.length > 1 ? ` after ${schedule.length} looks over ${schedule.at(-1)! / 1000} s` : '';
  throw new ScannerError(
    `${lost}. Xray lists no report named ${name}${over}, so it seems none was created (should one show up in Xray → Reports, delete it there). ${OVERLOADED}`,
  );
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
  const id = await client.createReport(kind, body).catch((error: unknown) => {
    if (!(error instanceof CreationUnclear)) throw error;
    return lostReport(error, body.name, options);
  });
  logger.info(`Created Xray ${kind} report ${id} (${body.name}).`);
  try {
    const details = await waitForReport(kind, id, options);
    const rows = await readAllPages(kind, id, options, details.number_of_rows);
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
