import { execFileSync } from 'node:child_process';

// What git says about a checkout, for defaults CI does not give (a local run, a CI other than GitHub's or
// GitLab's, a checkout in a subfolder of the workspace).

/** One line of git's answer, or undefined outside a checkout (or without git). */
function git(cwd: string, args: string[]): string | undefined {
  try {
    return (
      execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'] })
        .toString()
        .trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** The branch checked out in `directory`; none on a detached HEAD. */
export function gitBranch(directory: string): string | undefined {
  const branch = git(directory, ['rev-parse', '--abbrev-ref', 'HEAD']);
  return branch !== 'HEAD' ? branch : undefined;
}

export function gitRoot(directory: string): string | undefined {
  return git(directory, ['rev-parse', '--show-toplevel']);
}

export function gitOrigin(directory: string): string | undefined {
  return git(directory, ['remote', 'get-url', 'origin']);
}

/** The commit checked out in `directory`. */
export function gitHead(directory: string): string | undefined {
  return git(directory, ['rev-parse', 'HEAD']);
}
