import { ScannerError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { type DtApi, totalCount } from './api.js';
import type { Call } from './errors.js';
import { isRecord } from '../../schema.js';

/** Rows asked for per page: DT's own default, which every version honours or exceeds. */
const PAGE_SIZE = 100;

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
 * Reads every row of a paged list: pages of `pageNumber`/`pageSize` until the distinct rows collected reach
 * `X-Total-Count`. Pages longer than asked for are accepted (DT4 returns findings whole). A row an earlier page
 * gave (a server that ignores `pageNumber`) is not counted twice, and a page that adds nothing before the
 * total is reached is an error, never a quiet gap. So is a total that changes between pages (rows deleted or
 * added meanwhile shift others onto pages already read, where they are never seen), after one more read from
 * page 1: an analyser that finishes just after the BOM was processed changes the list once.
 */
export async function readAllPages(
  api: DtApi,
  path: string,
  query: Record<string, string | number | boolean>,
  call: Call & { rows: string; identity: (row: unknown) => string | undefined },
  logger: Logger,
  pageSize = PAGE_SIZE,
): Promise<unknown[]> {
  for (let read = 1; ; read++) {
    try {
      return await readOnce(api, path, query, call, logger, pageSize, read);
    } catch (error) {
      if (!(error instanceof ListChanged) || read >= READS) throw error;
      logger.info(`${error.change}; reading them again from page 1.`);
    }
  }
}

async function readOnce(
  api: DtApi,
  path: string,
  query: Record<string, string | number | boolean>,
  call: Call & { rows: string; identity: (row: unknown) => string | undefined },
  logger: Logger,
  pageSize: number,
  read: number,
): Promise<unknown[]> {
  const rows: unknown[] = [];
  const seen = new Set<string>();
  let first: number | undefined;
  for (let page = 1; ; page++) {
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
    const before = rows.length;
    // A repeat within one answer is the server's own (DT may list a finding twice and counts both); only
    // rows an earlier page already gave are skipped.
    const ids = data.map((row) => call.identity(row));
    data.forEach((row, i) => {
      const id = ids[i];
      if (id === undefined || !seen.has(id)) rows.push(row);
    });
    for (const id of ids) if (id !== undefined) seen.add(id);
    logger.debug(`${path}: page ${page} had ${data.length} ${call.rows}; ${rows.length} of ${total} read`);
    if (rows.length >= total) return rows;
    if (rows.length === before) {
      throw new ScannerError(
        `The count of ${call.rows} does not add up: Dependency-Track reports ${total} (X-Total-Count) for ${path}, but page ${page} ${data.length ? 'only repeated rows already read' : 'came back empty'} after ${rows.length}. Nothing is reported rather than an incomplete list; run the job again (the project may have changed while it was read).`,
      );
    }
  }
}
