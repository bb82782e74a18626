import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliResult, runCli, tempDir } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared.js';

/**
 * Repositories whose files the locator reads, made to break it: every import must still end normally
 * (SPEC §5: exit 4 is a bug), in seconds.
 */
const EXPORT = path.join(REPO_ROOT, 'test/fixtures/cli/dt-fpf.json');
const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

function repository(files: Record<string, string>): string {
  const root = tempDir('sca-bridge-locate-inputs-');
  made.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root });
}

/** Imports the fixture export in `root`; a run still going after `deadlineMs` is stopped (and fails). */
async function importIn(root: string, deadlineMs = 30_000): Promise<CliResult & { sarif?: Log }> {
  let timer: NodeJS.Timeout | undefined;
  const stopLate = (child: ChildProcess) => {
    timer = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
  };
  const sarifFile = path.join(root, 'out.sarif');
  try {
    const result = await runCli(['import', EXPORT, '--sarif-file', sarifFile, '--working-directory', root], {
      cwd: root,
      onStart: stopLate,
    });
    return result.code === 0
      ? { ...result, sarif: JSON.parse(readFileSync(sarifFile, 'utf8')) as Log }
      : result;
  } finally {
    clearTimeout(timer);
  }
}

describe('locating findings in hostile repositories', () => {
  it('reads a yarn.lock entry of 130,000 specifiers (a stack overflow once: exit 4)', async () => {
    const header = Array.from({ length: 130_000 }, (_, i) => `p${i}@1`).join(', ');
    const root = repository({ 'yarn.lock': `${header}:\n  version "1"\n`, 'package.json': '{}\n' });
    const result = await importIn(root);
    expect(result.code, result.stderr).toBe(0);
  });

  it('does not follow committed symbolic links to a FIFO (hung) or /dev/zero (read without end)', async () => {
    const elsewhere = repository({});
    execFileSync('mkfifo', [path.join(elsewhere, 'fifo')]);
    const root = repository({ 'package.json': '{\n  "dependencies": {\n    "lodash": "4.17.20"\n  }\n}\n' });
    symlinkSync(path.join(elsewhere, 'fifo'), path.join(root, 'requirements.txt'));
    symlinkSync('/dev/zero', path.join(root, 'package-lock.json'));
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'links');
    const result = await importIn(root);
    expect(result.code, result.stderr).toBe(0);
    const uris = result.sarif?.runs.flatMap((run) =>
      (run.results ?? []).map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri),
    );
    expect(uris?.length).toBeGreaterThan(0);
    expect(uris?.filter((uri) => uri !== 'package.json')).toEqual([]);
  });
});
