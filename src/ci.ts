/** Where the run happens, read once from CI's predefined variables (SPEC §4 `run`); null where unknown. */
export interface CiContext {
  provider: 'github' | 'gitlab' | 'local';
  url: string | null;
  repository: string | null;
  commit: string | null;
}

export function readCiContext(env: Readonly<Record<string, string | undefined>>): CiContext {
  if (env.GITHUB_ACTIONS === 'true') {
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    return {
      provider: 'github',
      url:
        env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
          ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
          : null,
      repository: env.GITHUB_REPOSITORY || null,
      commit: env.GITHUB_SHA || null,
    };
  }
  if (env.GITLAB_CI === 'true') {
    return {
      provider: 'gitlab',
      url: env.CI_JOB_URL || null,
      repository: env.CI_PROJECT_PATH || null,
      commit: env.CI_COMMIT_SHA || null,
    };
  }
  return { provider: 'local', url: null, repository: null, commit: null };
}
