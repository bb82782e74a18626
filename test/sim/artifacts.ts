import { LoopbackServer, sendJson } from './server.js';

/**
 * A runtime token as the runner hands it to @actions/artifact: a JWT whose `scp` names the run and job (the
 * client reads them, never checks the signature).
 */
export const RUNTIME_TOKEN = [
  { alg: 'none', typ: 'JWT' },
  { scp: 'Actions.GenericRead:1 Actions.Results:run-1:job-1' },
]
  .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
  .concat('signature')
  .join('.');

/**
 * A loopback stand-in for GitHub's artifact service as @actions/artifact speaks to it: Twirp calls to list,
 * create and finalize an artifact, and the archive put in blocks at the signed URL it hands out.
 */
export class ArtifactServiceFake extends LoopbackServer {
  /** Each uploaded archive as text (a zip stores its file names plainly), by artifact name. */
  readonly archives = new Map<string, string>();
  private base = '';

  constructor() {
    super((req, res) => {
      const url = new URL(req.url, 'http://fake');
      if (url.pathname.endsWith('/ListArtifacts')) return sendJson(res, 200, { artifacts: [] });
      if (url.pathname.endsWith('/CreateArtifact')) {
        const { name } = JSON.parse(req.body) as { name: string };
        const signedUploadUrl = `${this.base}/blob/${encodeURIComponent(name)}?sig=1`;
        return sendJson(res, 200, { ok: true, signedUploadUrl });
      }
      if (url.pathname.endsWith('/FinalizeArtifact'))
        return sendJson(res, 200, { ok: true, artifactId: '7' });
      if (url.pathname.startsWith('/blob/') && req.method === 'PUT') {
        const name = decodeURIComponent(url.pathname.slice('/blob/'.length));
        // Blocks carry the archive; the block list that commits them is XML.
        if (url.searchParams.get('comp') !== 'blocklist')
          this.archives.set(name, (this.archives.get(name) ?? '') + req.body);
        res.writeHead(201, {
          etag: '"1"',
          'last-modified': new Date().toUTCString(),
          'x-ms-request-id': '1',
          'x-ms-version': '2020-10-02',
        });
        res.end();
        return;
      }
      sendJson(res, 404, {});
    });
  }

  override async start(): Promise<string> {
    this.base = await super.start();
    return this.base;
  }
}
