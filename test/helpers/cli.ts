import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './shared.js';

export const CLI = path.join(REPO_ROOT, 'dist/cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a process, the way users and CI do, with a clean environment. `onStart` gets the
 * process (to send it a signal as CI does when it stops a job).
 */
export function runCli(
  args: readonly string[],
  options: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    onStart?: (child: ChildProcess) => void;
  } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      // TMPDIR: the run's temporary folder (test/helpers/temp-root.ts), removed when the run ends.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    options.onStart?.(child);
  });
}

/**
 * `defaults` (flag to value) as arguments, but for the flags `args` gives itself: the CLI refuses a flag of one
 * value given twice with two values, so a test's own `--timeout` replaces its helper's rather than follow it.
 */
export function defaultFlags(args: readonly string[], defaults: Readonly<Record<string, string>>): string[] {
  return Object.entries(defaults).flatMap(([flag, value]) => (args.includes(flag) ? [] : [flag, value]));
}

/** What an earlier run left at a report path: a report's start, which a run may replace (and must clear). */
export const STALE_REPORT =
  '{"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [{"stale": true}]}';

export function tempDir(prefix = 'sca-bridge-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
