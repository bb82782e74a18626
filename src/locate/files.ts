import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Folders of installed dependencies and version control: their manifests are the dependencies' own, and
 * would pass a dependency of a dependency off as a direct one. Skipped even when git tracks them (Go and
 * PHP projects often commit `vendor/`).
 */
const SKIPPED_FOLDERS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  'vendor',
  '.venv',
  'venv',
  '.tox',
]);

/** Files git tracks under `root`, relative to it; undefined when `root` is not in a git work tree. */
async function gitFiles(root: string): Promise<string[] | undefined> {
  try {
    const { stdout } = await run('git', ['ls-files', '-z'], { cwd: root, maxBuffer: 512 * 1024 * 1024 });
    return stdout.split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

async function walk(root: string): Promise<string[]> {
  const files: string[] = [];
  const pending = [''];
  while (pending.length) {
    const folder = pending.pop() ?? '';
    let entries;
    try {
      entries = await readdir(path.join(root, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const relative = folder ? `${folder}/${entry.name}` : entry.name;
      // Symbolic links are not followed: they may leave the repository or loop.
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) pending.push(relative);
      else if (entry.isFile()) files.push(relative);
    }
  }
  return files.sort();
}

function outsideSkippedFolders(file: string): boolean {
  const folders = file.split('/');
  folders.pop();
  return !folders.some((folder) => SKIPPED_FOLDERS.has(folder));
}

/**
 * The repository's files, relative to `root` with `/`: what git tracks when `root` is in a checkout (what
 * GitHub can show), else every file found walking the folders. A checkout where git tracks nothing under
 * `root` (an untracked build folder) is walked too.
 */
export async function listFiles(root: string): Promise<string[]> {
  const tracked = await gitFiles(root);
  return tracked?.length ? tracked.filter(outsideSkippedFolders) : walk(root);
}
