import { ScannerError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { type DtApi, totalCount } from './api.js';
import type { Call } from './errors.js';

/** Rows asked for per page: DT's own default, which every version honours or exceeds. */
export const PAGE_SIZE = 100;

/**
 * Reads every row of a paged list: pages of `pageNumber`/`pageSize` until the rows collected reach
 * `X-Total-Count`. Pages longer than asked for are accepted (DT4 returns findings whole); an empty page before
 * the total is reached is an error, never a quiet gap.
 */
export async function readAllPages(
  api: DtApi,
  path: string,
  query: Record<string, string | number | boolean>,
  call: Call & { rows: string },
  logger: Logger,
  pageSize = PAGE_SIZE,
): Promise<unknown[]> {
  const rows: unknown[] = [];
  for (let page = 1; ; page++) {
    const { data, headers } = await api.json(
      { path, query: { ...query, pageNumber: page, pageSize }, retry: true },
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
    rows.push(...data);
    logger.debug(`${path}: page ${page} had ${data.length} ${call.rows}; ${rows.length} of ${total} read`);
    if (rows.length >= total) return rows;
    if (data.length === 0) {
      throw new ScannerError(
        `The count of ${call.rows} does not add up: Dependency-Track reports ${total} (X-Total-Count) for ${path}, but page ${page} came back empty after ${rows.length}. Nothing is reported rather than an incomplete list; run the job again (the project may have changed while it was read).`,
      );
    }
  }
}
