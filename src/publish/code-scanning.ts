import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { ScannerError } from '../errors.js';
import { HttpClient, HttpStatusError } from '../http/client.js';
import type { Logger } from '../logger.js';
import { clause } from '../wording.js';

/** Per request, not with the client's headers: those are the token, and masked wherever they appear. */
const GITHUB_API = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };

export interface UploadTarget {
  apiUrl: string;
  token: string;
  /** `owner/name`. */
  repository: string;
  commitSha: string;
  ref: string;
  checkoutUri?: string;
  proxyEnv: Record<string, string | undefined>;
  /** How long to wait for GitHub to process the upload. */
  waitSeconds: number;
  pollSeconds: number;
}

/**
 * GitHub shows suppressed results as open alerts, so they never reach code scanning: drop them, and the
 * empty `suppressions` arrays that SARIF's all-or-none rule put on the others.
 */
function withoutSuppressed(log: Log): Log {
  return {
    ...log,
    runs: log.runs.map((run) => ({
      ...run,
      results: (run.results ?? [])
        .filter((result) => !result.suppressions?.length)
        .map(({ suppressions: _drop, ...result }) => result),
    })),
  };
}

/** GitHub's refusal with what to do; through a proxy, what to check of it too (the error's own message has it). */
function explain(error: HttpStatusError, repository: string): string {
  const advice = statusAdvice(error, repository);
  return advice ? error.explained(advice) : `The SARIF upload failed: ${error.message}`;
}

function statusAdvice(error: HttpStatusError, repository: string): string | undefined {
  if (error.status === 403 || error.status === 401) {
    return `GitHub refused the SARIF upload to ${repository} (HTTP ${error.status}: ${error.body.slice(0, 200)}). The job needs \`permissions: security-events: write\`, and the repository needs code scanning (GitHub Advanced Security on private repositories). The SARIF file is still written; upload it with github/codeql-action/upload-sarif, or set upload-sarif: false.`;
  }
  if (error.status === 404) {
    return `GitHub answered 404 for ${repository}'s code scanning: check the repository and that the token can see it. The SARIF file is still written.`;
  }
  if (error.status === 413)
    return 'GitHub refused the SARIF as too large (HTTP 413). The SARIF file is still written.';
  return undefined;
}

/** Uploads SARIF through the REST API (gzip + base64) and waits until GitHub has processed it. */
export async function uploadSarif(
  log: Log,
  target: UploadTarget,
  logger: Logger,
  uploaded: (id: string) => void,
): Promise<string> {
  logger.secret(target.token);
  const client = new HttpClient({
    baseUrl: target.apiUrl,
    urlInput: 'GITHUB_API_URL',
    headers: { authorization: `Bearer ${target.token}` },
    env: target.proxyEnv,
    logger,
  });
  try {
    const sarif = gzipSync(JSON.stringify(withoutSuppressed(log))).toString('base64');
    let id: string;
    try {
      const { data } = await client.json<{ id: string }>({
        method: 'POST',
        path: `repos/${target.repository}/code-scanning/sarifs`,
        headers: { ...GITHUB_API, 'content-type': 'application/json' },
        body: JSON.stringify({
          commit_sha: target.commitSha,
          ref: target.ref,
          sarif,
          tool_name: 'sca-bridge',
          ...(target.checkoutUri ? { checkout_uri: target.checkoutUri } : {}),
        }),
        // GitHub deduplicates uploads of the same analysis, so a retry after a 5xx cannot double it.
        retry: true,
      });
      id = data.id;
    } catch (error) {
      throw error instanceof HttpStatusError ? new ScannerError(explain(error, target.repository)) : error;
    }
    logger.info(`SARIF uploaded to code scanning (id ${id}); waiting for GitHub to process it.`);
    // GitHub has the upload whatever its processing ends in: its id is the way to look at it.
    uploaded(id);
    await waitForProcessing(client, target, id, logger);
    return id;
  } finally {
    await client.close();
  }
}

async function waitForProcessing(
  client: HttpClient,
  target: UploadTarget,
  id: string,
  logger: Logger,
): Promise<void> {
  const deadline = Date.now() + target.waitSeconds * 1000;
  for (;;) {
    let data: { processing_status?: string; errors?: string[] | null };
    try {
      ({ data } = await client.json<typeof data>({
        path: `repos/${target.repository}/code-scanning/sarifs/${id}`,
        headers: GITHUB_API,
        retry: true,
      }));
    } catch (error) {
      // GitHub has the upload: a status it cannot tell (after the retries) is no reason to fail the job.
      if (!(error instanceof ScannerError)) throw error;
      logger.warn(
        `Could not check code scanning's processing of SARIF ${id} (${clause(error.message)}); GitHub processes it on its own.`,
      );
      return;
    }
    if (data.processing_status === 'complete') {
      logger.info('Code scanning processed the SARIF.');
      return;
    }
    if (data.processing_status === 'failed') {
      throw new ScannerError(
        `Code scanning could not process SARIF ${id}: ${(data.errors ?? []).map(clause).join('; ') || 'no reason given'}.`,
      );
    }
    if (Date.now() >= deadline) {
      logger.warn(
        `Code scanning is still processing the SARIF after ${target.waitSeconds} s; it will finish on its own.`,
      );
      return;
    }
    await sleep(Math.min(target.pollSeconds * 1000, deadline - Date.now()));
  }
}
