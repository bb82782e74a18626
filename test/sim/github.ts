import { gunzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { LoopbackServer, sendJson } from './server.js';

export interface GitHubFakeOptions {
  /** Status of the upload itself (202 normally; 403 without security-events: write). */
  uploadStatus?: number;
  /** Polls answered `pending` before the final state. */
  pendingPolls?: number;
  finalState?: 'complete' | 'failed';
  /** Status of every processing-status check, when not 200. */
  pollStatus?: number;
}

/** A loopback stand-in for GitHub's code-scanning SARIF API (the Action reads its base from GITHUB_API_URL). */
export class GitHubFake extends LoopbackServer {
  readonly uploads: {
    body: Record<string, unknown>;
    sarif: Log;
    authorization: string | undefined;
    apiVersion: string | undefined;
  }[] = [];

  constructor(options: GitHubFakeOptions = {}) {
    let polls = 0;
    super((req, res) => {
      // As api.github.com does: a request without a User-Agent is refused.
      if (!req.headers['user-agent']) {
        return sendJson(res, 403, {
          message:
            'Request forbidden by administrative rules. Please make sure your request has a User-Agent header.',
        });
      }
      const upload = /^\/repos\/([^/]+\/[^/]+)\/code-scanning\/sarifs$/.exec(req.url);
      if (upload && req.method === 'POST') {
        if ((options.uploadStatus ?? 202) !== 202) {
          return sendJson(res, options.uploadStatus ?? 403, {
            message: 'Resource not accessible by integration',
          });
        }
        const body = JSON.parse(req.body) as Record<string, unknown>;
        const sarif = JSON.parse(gunzipSync(Buffer.from(String(body.sarif), 'base64')).toString()) as Log;
        this.uploads.push({
          body,
          sarif,
          authorization: req.headers.authorization,
          apiVersion: [req.headers['x-github-api-version']].flat()[0],
        });
        return sendJson(res, 202, {
          id: 'sarif-47',
          url: `/repos/${upload[1]}/code-scanning/sarifs/sarif-47`,
        });
      }
      if (/\/code-scanning\/sarifs\/sarif-47$/.test(req.url)) {
        polls += 1;
        if (options.pollStatus) return sendJson(res, options.pollStatus, { message: 'Not Found' });
        if (polls <= (options.pendingPolls ?? 1)) return sendJson(res, 200, { processing_status: 'pending' });
        return options.finalState === 'failed'
          ? sendJson(res, 200, {
              processing_status: 'failed',
              errors: ['locationFromSarifResult: expected artifact location'],
            })
          : sendJson(res, 200, { processing_status: 'complete', analyses_url: 'x' });
      }
      sendJson(res, 404, { message: 'Not Found' });
    });
  }
}
