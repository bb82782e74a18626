import { z } from 'zod';
import { ScannerError } from '../../errors.js';
import { DeadlinePassed } from '../../http/client.js';
import type { Logger } from '../../logger.js';
import { pollDeadline } from '../scanner.js';
import { plural } from '../../wording.js';
import type { DtApi } from './api.js';
import { DtError } from './errors.js';
import type { ServerVersion } from '../version.js';
import { has } from './version.js';

export interface WaitOptions {
  timeoutSeconds: number;
  pollIntervalSeconds: number;
  /** How often a "still processing" line is logged. */
  progressEveryMs?: number;
}

const statusSchema = z.object({ processing: z.boolean() });

function seconds(ms: number): string {
  const s = ms / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

/**
 * Waits until DT has processed an upload: `processing: false` on `/api/v1/event/token/{t}` (4.11+), or on
 * `/api/v1/bom/token/{t}` on older servers (also when the event endpoint answers 404). DT chains ingest,
 * vulnerability analysis and policy evaluation to the token, so `false` means findings and violations are in.
 */
export async function waitForProcessing(
  api: DtApi,
  token: string,
  version: ServerVersion | undefined,
  options: WaitOptions,
  logger: Logger,
): Promise<void> {
  const started = Date.now();
  const timeoutMs = options.timeoutSeconds * 1000;
  const intervalMs = options.pollIntervalSeconds * 1000;
  const progressEveryMs = options.progressEveryMs ?? 10_000;
  const deadline = pollDeadline(started, timeoutMs);
  let useEvent = has(version, 'eventToken') !== false;
  let polls = 0;
  let lastProgress = started;
  // The timeout's message. `lastPoll`: the failure of a poll that ended the wait, which is no word that the
  // server was still processing, so the message says only what it knows.
  const timedOut = (lastPoll?: string) =>
    new ScannerError(
      `Dependency-Track ${lastPoll ? 'did not report the SBOM processed' : 'was still processing the SBOM'} after ${seconds(Date.now() - started)} (timeout ${options.timeoutSeconds} s, ${plural(polls, 'poll')} of token ${token} answered${lastPoll ? `; the last poll: ${lastPoll}` : ''}). The analysis goes on on the server: raise timeout (seconds) if this project regularly takes longer, or check the server's load and its task queue.`,
    );
  logger.info(
    `Waiting for Dependency-Track to process the SBOM (token ${token}): polling every ${options.pollIntervalSeconds} s for up to ${options.timeoutSeconds} s.`,
  );
  for (;;) {
    const path = useEvent
      ? `api/v1/event/token/${encodeURIComponent(token)}`
      : `api/v1/bom/token/${encodeURIComponent(token)}`;
    let data: unknown;
    try {
      ({ data } = await api.json(
        { path, retry: true, deadline },
        {
          what: 'following the processing of the SBOM',
          ...(useEvent ? {} : { permission: 'BOM_UPLOAD' as const }),
          notFound: () =>
            `Dependency-Track has neither /api/v1/event/token nor /api/v1/bom/token: sca-bridge cannot follow the upload's processing. Check api-url.`,
        },
      ));
    } catch (error) {
      if (useEvent && error instanceof DtError && error.status === 404) {
        logger.debug(
          '/api/v1/event/token answered 404 (Dependency-Track before 4.11): polling /api/v1/bom/token',
        );
        useEvent = false;
        continue;
      }
      if (error instanceof DeadlinePassed) throw timedOut(error.message);
      throw error;
    }
    polls++;
    const status = statusSchema.safeParse(data);
    if (!status.success) {
      throw new ScannerError(
        `Dependency-Track answered ${path} without a processing flag (${JSON.stringify(data)?.slice(0, 120)}): check that api-url is Dependency-Track's API server.`,
      );
    }
    const elapsed = Date.now() - started;
    if (!status.data.processing) {
      logger.info(`Dependency-Track processed the SBOM in ${seconds(elapsed)} (${plural(polls, 'poll')}).`);
      return;
    }
    if (elapsed >= timeoutMs) throw timedOut();
    const now = Date.now();
    if (now - lastProgress >= progressEveryMs) {
      lastProgress = now;
      logger.info(`Still processing: ${seconds(elapsed)} elapsed of at most ${options.timeoutSeconds} s.`);
    } else {
      logger.debug(`processing (${seconds(elapsed)} elapsed, poll ${polls})`);
    }
    await api.wait(Math.max(0, Math.min(intervalMs, timeoutMs - elapsed)));
  }
}
