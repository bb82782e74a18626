import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/shared.js';

/**
 * A self-signed certificate for 127.0.0.1 and localhost, valid for ten years, committed for tests only
 * (made once with `openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -addext "subjectAltName=IP:127.0.0.1,DNS:localhost"`).
 * The certificate is its own CA: pass `TLS_CERT_FILE` as `ca-file` to trust it.
 */
export const TLS_CERT_FILE = path.join(REPO_ROOT, 'test/fixtures/tls/cert.pem');
export const TLS_KEY_FILE = path.join(REPO_ROOT, 'test/fixtures/tls/key.pem');

export function tlsServerOptions(): { cert: string; key: string } {
  return { cert: readFileSync(TLS_CERT_FILE, 'utf8'), key: readFileSync(TLS_KEY_FILE, 'utf8') };
}
