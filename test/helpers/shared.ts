import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `../shared` beside the repository (or SCA_BRIDGE_SHARED): real fixtures and schemas, absent on a bare clone. */
export const SHARED_DIR = process.env.SCA_BRIDGE_SHARED ?? path.resolve(REPO_ROOT, '../shared');

let announced = false;

/** Whether ../shared is there; when it is not, says once per test file that the checks needing it are skipped. */
export function sharedAvailable(): boolean {
  const available = existsSync(path.join(SHARED_DIR, 'schemas'));
  if (!available && !announced) {
    announced = true;
    console.warn(
      `SKIPPED: schema validations of this file: ${SHARED_DIR} does not exist (it holds the schemas).`,
    );
  }
  return available;
}

export function readSharedJson(relative: string): unknown {
  return JSON.parse(readFileSync(path.join(SHARED_DIR, relative), 'utf8'));
}

/** Says plainly, once per suite, that a suite needing ../shared was skipped. */
export function announceSkip(suite: string): void {
  if (!sharedAvailable()) {
    console.warn(`SKIPPED: ${suite}: ${SHARED_DIR} does not exist (it holds the real fixtures and schemas).`);
  }
}
