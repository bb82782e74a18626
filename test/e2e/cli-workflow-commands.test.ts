/**
 * The CLI in a GitHub `run:` step: the runner reads its output for workflow commands as it reads an action's,
 * so a server's text (a team name, an error body, a repository key) must not add annotations or masks to the job.
 */
import { describe, expect, it } from 'vitest';
import { commandsActedOn } from '../helpers/action.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { startDtSim } from '../sim/dependency-track.js';
import { startXraySim } from '../sim/xray.js';

const DT_KEY = 'dt-key-0123456789abcdef';
const JFROG_TOKEN = 'jfrog-cli-TOKEN-0123456789';
/** What no command the runner acts on may hold: the injected commands below all carry it. */
const INJECTED = /PWN|add-mask(::|\])main/;

describe('the CLI in a GitHub run: step', () => {
  it("prints a server's team name with workflow commands stopped, whatever whitespace leads them", async () => {
    const dt = await startDtSim({
      apiKey: DT_KEY,
      teamName: 'ops\n\u0085::add-mask::main\n::error title=PWN::injected ##[error]PWN',
    });
    try {
      const connect = (env: Record<string, string>) =>
        runCli(['test-connection', '--scanner', 'dependency-track', '--api-url', dt.apiUrl], {
          cwd: tempDir(),
          env: { SCA_BRIDGE_TOKEN: DT_KEY, ...env },
        });
      const github = await connect({ GITHUB_ACTIONS: 'true' });
      expect(github.code).toBe(0);
      expect(github.stderr).toContain('accepts the API key (team "ops');
      expect(commandsActedOn(github.stderr).filter((line) => INJECTED.test(line))).toEqual([]);
      // Elsewhere (a terminal, GitLab) the log stays as it was: no markers.
      const plain = await connect({});
      expect(plain.code).toBe(0);
      expect(plain.stderr).not.toContain('::stop-commands::');
    } finally {
      await dt.close();
    }
  });

  it("keeps a server's `##[…]` out of the commands --json and the log carry, the JSON unchanged", async () => {
    const xray = await startXraySim({
      token: 'the-right-token-0123456789',
      unauthorizedBody: () => JSON.stringify({ error: 'busy ##[add-mask]main ##[error]PWN' }),
    });
    try {
      const run = await runCli(
        ['scan', '--scanner', 'xray', '--api-url', xray.url, '--repo-key', 'npm-local', '--json'],
        { cwd: tempDir(), env: { SCA_BRIDGE_TOKEN: JFROG_TOKEN, GITHUB_ACTIONS: 'true' } },
      );
      expect(run.code).toBe(3);
      const summary = JSON.parse(run.stdout) as { error: { message: string } };
      expect(summary.error.message).toContain('busy ##[add-mask]main ##[error]PWN');
      expect(commandsActedOn(`${run.stdout}\n${run.stderr}`).filter((line) => INJECTED.test(line))).toEqual(
        [],
      );
    } finally {
      await xray.stop();
    }
  });

  it('prints a repository key that holds a workflow command with commands stopped', async () => {
    const xray = await startXraySim({
      token: JFROG_TOKEN,
      repositories: [{ key: 'npm-local' }, { key: '::add-mask::main' }],
    });
    try {
      const run = await runCli(['list-repos', '--api-url', xray.url], {
        cwd: tempDir(),
        env: { SCA_BRIDGE_TOKEN: JFROG_TOKEN, GITHUB_ACTIONS: 'true' },
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('npm-local');
      expect(commandsActedOn(run.stdout).filter((line) => INJECTED.test(line))).toEqual([]);
    } finally {
      await xray.stop();
    }
  });
});
