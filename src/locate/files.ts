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
  // Package caches CI jobs keep in the project folder (GitLab caches nothing outside it), walked when git is
  // missing (node:24-slim has none): their manifests are other packages', not the repository's.
  '.sca-bridge-npm',
  '.npm',
  '.pnpm-store',
  '.m2',
  '.gradle',
  '.cache',
]);

/** git's mode of a symbolic link. */
const SYMLINK = '120000';

/**
 * Files git tracks under `root`, relative to it; undefined when `root` is not in a git work tree. Symbolic
 * links are left out, as the walk leaves them: GitHub shows a link's target path, not the target, and
 * following one may reach a file outside the repository, a FIFO that never ends or `/dev/zero`. (What the
 * working tree now holds at a listed path, the repository opens without following a link, and reads only
 * when it is a file.) A path in conflict, listed once per side, is kept once.
 */
async function gitFiles(root: string): Promise<string[] | undefined> {
  let stdout: string;
  try {
    ({ stdout } = await run('git', ['ls-files', '-s', '-z'], { cwd: root, maxBuffer: 512 * 1024 * 1024 }));
  } catch {
    return undefined;
  }
  const files: string[] = [];
  // `<mode> <object> <stage>\t<path>`.
  for (const entry of stdout.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0 || entry.startsWith(SYMLINK)) continue;
    const file = entry.slice(tab + 1);
    if (file !== files.at(-1)) files.push(file);
  }
  return files;
}

async function walk(root: string, warn: (message: string) => void): Promise<string[]> {
  const files: string[] = [];
  const pending = [''];
  while (pending.length) {
    const folder = pending.pop() ?? '';
    let entries;
    try {
      entries = await readdir(path.join(root, folder), { withFileTypes: true });
    } catch (error) {
      // One removed while the walk went on is simply gone; another may hold manifests the run goes without.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT')
        warn(
          `${folder || '.'}: could not list this folder (${code ?? String(error)}); its files are left out.`,
        );
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
 * GitHub can show), else every file found walking the folders; symbolic links are left out either way. A
 * checkout where git tracks nothing under `root` (an untracked build folder) is walked too; `warn` hears of a
 * folder it cannot list.
 */
export async function listFiles(root: string, warn: (message: string) => void = () => {}): Promise<string[]> {
  const tracked = await gitFiles(root);
  if (tracked?.length) return tracked.filter(outsideSkippedFolders);
  // A container's default folder without CI's variables: walking the whole machine took minutes and placed
  // findings on other projects' manifests.
  if (root === path.parse(root).root) {
    warn(
      `working-directory is the filesystem root (${root}), not a checkout: its manifests are not searched, so findings go to the fallback file. Set working-directory to the repository's folder, or run from it.`,
    );
    return [];
  }
  return walk(root, warn);
}
