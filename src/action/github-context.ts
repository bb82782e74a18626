import { readFileSync } from 'node:fs';

/** What the Action needs to know about the workflow run, from the runner's variables and event payload. */
export interface GitHubContext {
  serverUrl: string;
  apiUrl: string;
  repository?: string;
  sha?: string;
  ref?: string;
  workspace?: string;
  runnerTemp?: string;
  /** A pull request from a fork, whose run has a read-only token. */
  forkPullRequest: boolean;
  /** The head commit of the pull request the run is for. */
  pullRequestHead?: string;
}

interface PullRequestEvent {
  pull_request?: {
    head?: { sha?: string; repo?: { full_name?: string } | null };
    base?: { repo?: { full_name?: string } };
  };
}

function readEvent(path: string | undefined): PullRequestEvent {
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as PullRequestEvent;
  } catch {
    return {};
  }
}

export function readGitHubContext(env: Readonly<Record<string, string | undefined>>): GitHubContext {
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const context: GitHubContext = {
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    forkPullRequest: isForkPullRequest(event, env),
  };
  const head = event.pull_request?.head?.sha;
  if (head) context.pullRequestHead = head;
  if (env.GITHUB_REPOSITORY) context.repository = env.GITHUB_REPOSITORY;
  if (env.GITHUB_SHA) context.sha = env.GITHUB_SHA;
  if (env.GITHUB_WORKSPACE) context.workspace = env.GITHUB_WORKSPACE;
  if (env.RUNNER_TEMP) context.runnerTemp = env.RUNNER_TEMP;
  // GITHUB_REF and GITHUB_SHA are a pair GitHub made: the merge ref and merge commit of a pull_request run,
  // the base branch and its head under pull_request_target. Mixing a ref from the payload with GITHUB_SHA
  // would file the results against a commit the ref never held.
  if (env.GITHUB_REF) context.ref = env.GITHUB_REF;
  return context;
}

/**
 * A fork's pull request runs with a read-only token, so no code-scanning upload is possible; under
 * pull_request_target the run is the base repository's own, with its token.
 */
function isForkPullRequest(
  event: PullRequestEvent,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const pr = event.pull_request;
  if (!pr || env.GITHUB_EVENT_NAME === 'pull_request_target') return false;
  // A deleted fork leaves `head.repo` null; its pull request still runs read-only.
  if (pr.head?.repo === null) return true;
  const head = pr.head?.repo?.full_name;
  const base = pr.base?.repo?.full_name ?? env.GITHUB_REPOSITORY;
  return !!head && head !== base;
}

/**
 * The commit and ref results are filed against: GitHub's pair, unless a pull request's run checked out the
 * pull request's head rather than GitHub's merge commit (`actions/checkout` with `ref: head.sha`), as
 * codeql-action does: the lines were read from the head, so they belong to it and to `refs/pull/N/head`.
 */
export function uploadCommit(
  context: GitHubContext,
  checkedOut: () => string | undefined,
): { sha: string; ref: string } | undefined {
  if (!context.sha || !context.ref) return undefined;
  const merge = /^refs\/pull\/(\d+)\/merge$/.exec(context.ref);
  // git is asked only for a pull request's run, the one case where the checkout may differ.
  const head = merge && context.pullRequestHead ? checkedOut() : undefined;
  if (merge && head && head !== context.sha && head === context.pullRequestHead)
    return { sha: head, ref: `refs/pull/${merge[1]}/head` };
  return { sha: context.sha, ref: context.ref };
}
