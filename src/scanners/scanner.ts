import type { Config } from '../config.js';
import type { SourceResult } from '../findings/model.js';
import type { HttpOptions } from '../http/client.js';
import type { Logger } from '../logger.js';

/** What a scanner flow gets: the validated configuration and a logger, nothing global. */
export interface ScannerContext {
  config: Config;
  logger: Logger;
  /** The run's cancellation (the CI system stopping the job). */
  signal?: AbortSignal;
  /** Where the scanner's raw answers (pages of findings, violations, report rows) are kept, if anywhere. */
  keepDir?: string;
}

/**
 * The options every scanner's HTTP client takes from its run: TLS, proxies, the request time limit, the logger,
 * the cancellation and where raw answers are kept.
 */
export function scannerHttpOptions(ctx: ScannerContext): Omit<HttpOptions, 'baseUrl'> {
  const { config } = ctx;
  return {
    insecure: config.insecure,
    ...(config.caFile ? { caFile: config.caFile } : {}),
    env: config.proxyEnv,
    requestTimeoutMs: requestTimeoutMs(config),
    logger: ctx.logger,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.keepDir ? { keepDir: ctx.keepDir } : {}),
  };
}

/**
 * A request's time limit: a minute, or `timeout` when that is shorter, so a server that accepts the
 * connection and never answers cannot hold a short run for minutes.
 */
export function requestTimeoutMs(config: Pick<Config, 'timeoutSeconds'>): number {
  return Math.min(60_000, config.timeoutSeconds * 1000);
}

/** The most the poll sent as `timeout` runs out may take to answer: the server may just have finished. */
const LAST_POLL_MS = 5_000;

/**
 * The deadline of a wait's status polls (`HttpRequest.deadline`, epoch ms): `timeout` after the wait started,
 * plus a few seconds (or `timeout` when shorter) for the poll sent as it runs out. A server that hangs holds
 * the run that long past `timeout` at most, not each retry's request time limit and backoff (minutes).
 */
export function pollDeadline(started: number, timeoutMs: number): number {
  return started + timeoutMs + Math.min(LAST_POLL_MS, timeoutMs);
}

/** One scanner's API: each lives in its own folder and maps into the finding model only. */
export interface ScannerAdapter {
  /** Checks URL, TLS and token (and the token's permissions where the API tells); logs what it found. */
  testConnection(ctx: ScannerContext): Promise<void>;
  /** Runs the scan through the API and returns every finding and violation the server holds. */
  scan(ctx: ScannerContext): Promise<SourceResult>;
  /** Repository keys the token can see (Xray only). */
  listRepositories?(ctx: ScannerContext): Promise<string[]>;
}
