/** Where the run happens, read once from CI's predefined variables (SPEC §4 `run`). */
export interface CiContext {
  provider: 'github' | 'gitlab' | 'local';
  url?: string;
  repository?: string;
  commit?: string;
}

export function readCiContext(env: Readonly<Record<string, string | undefined>>): CiContext {
  if (env.GITHUB_ACTIONS === 'true') {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return withoutUndefined({
      provider: 'github',
      url:
        env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
          ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
          : undefined,
      repository: env.GITHUB_REPOSITORY,
      commit: env.GITHUB_SHA,
    });
  }
  if (env.GITLAB_CI === 'true') {
    return withoutUndefined({
      provider: 'gitlab',
      url: env.CI_JOB_URL,
      repository: env.CI_PROJECT_PATH,
      commit: env.CI_COMMIT_SHA,
    });
  }
  return { provider: 'local' };
}

function withoutUndefined(context: CiContext): CiContext {
  return Object.fromEntries(
    Object.entries(context).filter(([, v]) => v !== undefined),
  ) as unknown as CiContext;
}
