import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MemoryLogger } from '../../helpers/memory-logger.js';
import { expect } from 'vitest';
import { UserError } from '../../../src/errors.js';
import type { Finding } from '../../../src/findings/model.js';

/** The hand-written export files every importer test reads. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/exports/', import.meta.url));

export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
}

/** Runs `fn`, expects it to throw a UserError (exit 2) and returns its message. */
export function userErrorMessage(fn: () => unknown): string {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(UserError);
  expect((thrown as UserError).exitCode).toBe(2);
  return (thrown as UserError).message;
}

/** The same for promises. */
export async function userErrorMessageAsync(promise: Promise<unknown>): Promise<string> {
  const thrown = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(UserError);
  expect((thrown as UserError).exitCode).toBe(2);
  return (thrown as UserError).message;
}

/** Finds the one finding of a component and id, failing clearly when it is absent or repeated. */
export function findingOf(findings: readonly Finding[], id: string, packageName: string): Finding {
  const matching = findings.filter((f) => f.id === id && f.component.packageName === packageName);
  expect(matching, `${id} on ${packageName}`).toHaveLength(1);
  return matching[0] as Finding;
}

/** A logger that records what it is told. */
export function recordingLogger(): MemoryLogger {
  return new MemoryLogger();
}
