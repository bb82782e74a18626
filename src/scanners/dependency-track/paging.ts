import { ScannerError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { type DtApi, totalCount } from './api.js';
import type { Call } from './errors.js';
import { isRecord } from '../../schema.js';
import { Cancelled, Limiter } from '../limiter.js';

/**
 * Rows asked for per page. DT's default is 100; a larger page means fewer requests, and a server that caps the
 * page size answers page 1 with fewer rows than asked, which is then the size asked for every later page.
 */
const PAGE_SIZE = 1000;

/** Pages read at the same time once page 1 told the total and the page size (as many as Xray's). */
const PAGE_CONCURRENCY = 4;

/** A row's identity, from one of its string fields (`matrix` of a finding, `uuid` of a violation). */
export function byField(field: string): (row: unknown) => string | undefined {
  return (row) => {
    const value = isRecord(row) ? row[field] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
}

/** The list's total changed between two of its pages; `change` says how. */
class ListChanged extends ScannerError {
  constructor(
    readonly change: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads of a whole list: a total that changed while the first was read gets one more try from page 1. */
const READS = 2;

/**
 * Reads every row of a paged list: page 1 of `pageNumber`/`pageSize` tells the total (`X-Total-Count`) and the
 * page size the server serves (fewer rows than asked while the total is larger: a cap, asked for from then on,
 * so the pages stay contiguous), then the other pages `PAGE_CONCURRENCY` at a time, taken in page order until
 * the rows of the pages that added any reach the total (a row DT lists twice counts twice there, as its total
 * does), and further pages one by one if they do not yet. Pages longer than asked for are accepted (DT4 returns
 * findings whole, in one request). A row an earlier page gave is kept once, and a page that adds nothing before
 * the total is reached (a server that ignores `pageNumber`) is an error, never a quiet gap. So is a total that changes between pages (rows deleted or added meanwhile shift
 * others onto pages already read, where they are never seen), after one more read from page 1: an analyser
 * that finishes just after the BOM was processed changes the list once.
 */
export async function readAllPages(
  api: DtApi,
  path: string,
  query: Record<string, string | number | boolean>,
  call: Call & { rows: string; identity: (row: unknown) => string | undefined },
  logger: Logger,
  pageSize = PAGE_SIZE,
  concurrency = PAGE_CONCURRENCY,
): Promise<unknown[]> {
  const limiter = new Limiter(concurrency);
  for (let read = 1; ; read++) {
    try {
      return await readOnce(api, path, query, call, logger, pageSize, read, limiter);
    } catch (error) {
      if (!(error instanceof ListChanged) || read >= READS) throw error;
      logger.info(`${error.change}; reading them again from page 1.`);
    }
  }
}

type ListCall = Call & { rows: string; identity: (row: unknown) => string | undefined };

async function readOnce(
  api: DtApi,
  path: string,
  query: Record<string, string | number | boolean>,
  call: ListCall,
  logger: Logger,
  asked: number,
  read: number,
  limiter: Limiter,
): Promise<unknown[]> {
  let first: number | undefined;
  /** One page's rows, checked: a list, with an `X-Total-Count` equal to page 1's. */
  const readPage = async (page: number, pageSize: number): Promise<unknown[]> => {
    const { data, headers } = await api.json(
      {
        path,
        query: { ...query, pageNumber: page, pageSize },
        retry: true,
        keepAs: `dependency-track-${call.rows.replace(/ /g, '-')}${read > 1 ? `-read-${read}` : ''}-page-${page}`,
      },
      call,
    );
    if (!Array.isArray(data)) {
      throw new ScannerError(
        `Dependency-Track answered ${path} with ${data === null ? 'an empty body' : `a JSON ${typeof data}`} instead of a list of ${call.rows} while ${call.what}: check that api-url is Dependency-Track's API server.`,
      );
    }
    const total = totalCount(headers);
    if (total === undefined) {
      throw new ScannerError(
        `Dependency-Track sent no X-Total-Count header with the ${call.rows} (${path}), so sca-bridge cannot tell whether it read them all. A proxy in front of Dependency-Track may drop the header: let it pass.`,
      );
    }
    first ??= total;
    if (total !== first) {
      const change = `The ${call.rows} of ${path} changed while they were read: page 1 said ${first} (X-Total-Count), page ${page} says ${total}`;
      throw new ListChanged(
        change,
        `${change}, in both of ${READS} reads. Nothing is reported rather than an incomplete list; run the job again (another upload or analysis may be changing the project).`,
      );
    }
    return data;
  };

  const rows: unknown[] = [];
  const seen = new Set<string>();
  /** The rows of the pages that added any, repeats included: what X-Total-Count counts. */
  let served = 0;
  /** Adds a page's rows in page order; true once the total is reached. A page that adds nothing before is an error. */
  const add = (page: number, data: unknown[], total: number): boolean => {
    const before = rows.length;
    // A repeat within one answer is the server's own (DT may list a finding twice and counts both); only
    // rows an earlier page already gave are skipped.
    const ids = data.map((row) => call.identity(row));
    data.forEach((row, i) => {
      const id = ids[i];
      if (id === undefined || !seen.has(id)) rows.push(row);
    });
    for (const id of ids) if (id !== undefined) seen.add(id);
    // A finding DT lists twice is two of its total wherever the page boundary falls: a page that adds rows counts
    // whole. (A page of repeats alone, a server ignoring pageNumber, adds nothing and is the error below.)
    if (rows.length > before) served += data.length;
    logger.debug(`${path}: page ${page} had ${data.length} ${call.rows}; ${served} of ${total} read`);
    if (served >= total) return true;
    if (rows.length === before) {
      throw new ScannerError(
        `The count of ${call.rows} does not add up: Dependency-Track reports ${total} (X-Total-Count) for ${path}, but page ${page} ${data.length ? 'only repeated rows already read' : 'came back empty'} after ${rows.length}. Nothing is reported rather than an incomplete list; run the job again (the project may have changed while it was read).`,
      );
    }
    return false;
  };

  const firstPage = await limiter.run(() => readPage(1, asked));
  const total = first!;
  if (add(1, firstPage, total)) return rows;
  // Fewer rows than asked while the total is larger: the server caps pages at what it gave. With pageNumber
  // semantics the offset is (page − 1) × pageSize, so asking that size keeps the pages contiguous. More rows
  // than asked: it does not page (DT4 sends findings whole), and the pages after are read one at a time, where
  // the first that adds nothing ends the read, rather than many copies of the whole list at once.
  const pageSize = Math.min(asked, firstPage.length);
  const pages = firstPage.length > asked ? 1 : Math.ceil(total / pageSize);
  if (pages > 1) {
    logger.debug(
      `${path}: ${total} ${call.rows} in ${pages} pages of ${pageSize}${pageSize < asked ? ` (the server caps a page at ${pageSize}; ${asked} were asked)` : ''}, ${limiter.size} at a time`,
    );
  }
  // After a failure the pages still waiting are not asked for; every page before a failed one was already
  // asked (the limiter starts them in order), so the first failure in page order is the same on every run.
  let failed = false;
  const reads = Array.from({ length: pages - 1 }, (_, i) => i + 2).map((page) =>
    limiter.run(async () => {
      if (failed) throw new Cancelled(`reading ${path} stopped`);
      try {
        return await readPage(page, pageSize);
      } catch (error) {
        failed = true;
        throw error;
      }
    }),
  );
  // Each is awaited below in page order; handled now, so that one failing while an earlier one is awaited is
  // not an unhandled rejection.
  for (const pending of reads) pending.catch(() => undefined);
  try {
    // In page order: the first page that fails or adds nothing is the error, and once the list is read or has
    // failed the pages still waiting are not asked for (a server that ignores pageNumber is found out at page 2,
    // not after every page).
    for (const [i, pending] of reads.entries()) if (add(i + 2, await pending, total)) return rows;
  } finally {
    failed = true;
    await Promise.allSettled(reads);
  }
  // The pages the total called for came short without one adding nothing (a server listing rows twice across
  // pages of its own, or a total counting rows it does not serve): read on, one page at a time, until the total
  // is reached or a page adds nothing.
  for (let page = pages + 1; ; page++) {
    if (add(page, await readPage(page, pageSize), total)) return rows;
  }
}
