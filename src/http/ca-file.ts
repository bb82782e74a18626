import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The ca-file's certificates, each parsed now: TLS would ignore a broken one and fail later, blaming the server. */
export function readCaFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`Input ca-file: cannot read ${file}; give the path of a PEM bundle.`);
  }
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  const fix =
    "give a PEM bundle of the CA certificates that signed the server's certificate (blocks from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----; `openssl x509 -inform der -in ca.der -out ca.pem` converts a DER file).";
  if (!blocks.length) throw new UserError(`Input ca-file: ${file} holds no PEM certificate; ${fix}`);
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch {
      throw new UserError(`Input ca-file: certificate ${i + 1} in ${file} does not parse; ${fix}`);
    }
  });
  return text;
}
