import { inflateRawSync } from 'node:zlib';
import { LoopbackServer, sendJson } from './server.js';

/**
 * The files of a zip archive, as text, by name: the central directory at its end names each file and where its
 * data starts (stored, or deflated as @actions/artifact's zip writes them).
 */
export function unzip(zip: Buffer): Map<string, string> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const files = new Map<string, string>();
  let entry = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const nameLength = zip.readUInt16LE(entry + 28);
    const name = zip.toString('utf8', entry + 46, entry + 46 + nameLength);
    const local = zip.readUInt32LE(entry + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + zip.readUInt32LE(entry + 20));
    files.set(name, (zip.readUInt16LE(entry + 10) === 8 ? inflateRawSync(data) : data).toString('utf8'));
    entry += 46 + nameLength + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
  }
  return files;
}

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
  /** Each uploaded archive's bytes, by artifact name (`unzip` reads its files). */
  readonly zips = new Map<string, Buffer>();
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
        if (url.searchParams.get('comp') !== 'blocklist') {
          this.archives.set(name, (this.archives.get(name) ?? '') + req.body);
          this.zips.set(name, Buffer.concat([this.zips.get(name) ?? Buffer.alloc(0), req.raw]));
        }
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
