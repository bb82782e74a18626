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
  pullRequest?: { number: number; fromFork: boolean };
}

interface PullRequestEvent {
  pull_request?: {
    number?: number;
    head?: { repo?: { full_name?: string } | null };
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
  const pr = event.pull_request;
  const context: GitHubContext = {
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
  };
  if (env.GITHUB_REPOSITORY) context.repository = env.GITHUB_REPOSITORY;
  if (env.GITHUB_SHA) context.sha = env.GITHUB_SHA;
  if (env.GITHUB_WORKSPACE) context.workspace = env.GITHUB_WORKSPACE;
  if (env.RUNNER_TEMP) context.runnerTemp = env.RUNNER_TEMP;
  const ref = pr?.number ? `refs/pull/${pr.number}/merge` : env.GITHUB_REF;
  if (ref) context.ref = ref;
  if (pr?.number) {
    const head = pr.head?.repo?.full_name;
    const base = pr.base?.repo?.full_name ?? env.GITHUB_REPOSITORY;
    // A fork's pull request runs with a read-only token: no code-scanning upload is possible.
    context.pullRequest = { number: pr.number, fromFork: !!head && head !== base };
  }
  return context;
}
