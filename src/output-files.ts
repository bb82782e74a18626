import { existsSync } from 'node:fs';
import { lstat, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from './errors.js';
import { sameFile } from './paths.js';

/**
 * Creates an output's folder one level at a time: Node's recursive mkdir never returns below a tree that
 * refuses new folders, such as /proc.
 */
async function makeFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  for (let dir = folder; !existsSync(dir) && path.dirname(dir) !== dir; dir = path.dirname(dir))
    missing.unshift(dir);
  for (const dir of missing)
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
}

/**
 * A file system's refusal (it has a code and a system call) is the user's to fix (exit 2); anything else
 * thrown while a report is built is a bug and stays one.
 */
function asUserError(error: unknown, file: string, input: string): unknown {
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (!code || !syscall) return error;
  return new UserError(`Input ${input}: cannot write ${file} (${code}); give a writable path.`);
}

/** Writes an output file, making its folder first. */
export async function writeOutput<T>(file: string, input: string, write: () => Promise<T>): Promise<T> {
  try {
    await makeFolder(path.dirname(path.resolve(file)));
    return await write();
  } catch (error) {
    throw asUserError(error, file, input);
  }
}

/**
 * Removes an earlier run's report: a regular file only, never a device or pipe named as output
 * (`/dev/stdout`). Makes no folder: nothing is written yet.
 */
export async function removeStale(file: string, input: string): Promise<void> {
  const stats = await lstat(file).catch(() => undefined);
  if (stats?.isFile())
    await rm(file, { force: true }).catch((error: unknown) =>
      Promise.reject(asUserError(error, file, input)),
    );
}

/**
 * Refuses outputs that are the same file as another output or as an input, before anything is removed or
 * written: a run replaces its outputs, and must never replace the export it is reading.
 */
export function checkOutputPaths(
  outputs: Record<string, string | undefined>,
  inputs: readonly (readonly [input: string, file: string | undefined])[],
): void {
  const named = Object.entries(outputs).filter((entry): entry is [string, string] => !!entry[1]);
  for (const [i, [input, file]] of named.entries()) {
    for (const [other, otherFile] of named.slice(0, i)) {
      if (sameFile(file, otherFile))
        throw new UserError(
          `Inputs ${other} and ${input} name the same file (${file}); give each its own path.`,
        );
    }
    for (const [source, sourceFile] of inputs) {
      if (sourceFile && sameFile(file, sourceFile))
        throw new UserError(
          `Input ${input}: ${file} is the ${source} this run reads; give the ${input} its own path (nothing was changed).`,
        );
    }
  }
}
