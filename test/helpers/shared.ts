import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `../shared` beside the repository (or SCA_BRIDGE_SHARED): real fixtures and schemas, absent on a bare clone. */
export const SHARED_DIR = process.env.SCA_BRIDGE_SHARED ?? path.resolve(REPO_ROOT, '../shared');

let announced = false;

/** Whether this runs in CI (`CI` set, and not to `false` or `0`), which always has ../shared beside the repository. */
export function inCi(): boolean {
  const ci = process.env.CI;
  return !!ci && !/^(?:false|0)$/i.test(ci);
}

/**
 * Whether ../shared is there; when it is not, says once per test file that the checks needing it are skipped.
 * In CI its absence is an error, never a skip: CI always has it, so a check skipped there is a check lost.
 */
export function sharedAvailable(): boolean {
  const available = existsSync(path.join(SHARED_DIR, 'schemas'));
  if (!available && inCi()) {
    throw new Error(
      `${SHARED_DIR} does not exist, and CI is set: CI always has ../shared (schemas, real fixtures) beside the repository, so the checks that need it must run, not be skipped. Set SCA_BRIDGE_SHARED to its path.`,
    );
  }
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
