/**
 * A bug (an error sca-bridge did not expect) is exit 4 with a request to report it (SPEC §5), never taken for
 * a failed gate (1), bad input (2) or a scanner's failure (3). A preload makes node:crypto's `hash` throw, as a
 * programming error would, in the middle of the built CLI's run.
 */
import { runSummaryOf } from '../helpers/schemas.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared.js';

describe('an internal error', () => {
  it('is exit 4, asks for a bug report, and the run summary says error, gate failed', async () => {
    const work = tempDir('sca-bridge-bug-');
    const preload = path.join(work, 'bug.cjs');
    writeFileSync(
      preload,
      "require('node:crypto').hash = () => { throw new TypeError('simulated bug'); };\n",
    );
    const result = await runCli(['import', path.join(REPO_ROOT, 'test/fixtures/cli/dt-fpf.json'), '--json'], {
      cwd: work,
      env: { NODE_OPTIONS: `--require ${preload}` },
    });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('internal error (a bug in sca-bridge, please report it at');
    expect(result.stderr).toContain('TypeError: simulated bug');
    expect(runSummaryOf(result.stdout)).toMatchObject({
      status: 'error',
      gate: { result: 'failed' },
      error: { exitCode: 4 },
    });
  });

  it('is not what an older Node.js gives: exit 2, naming the Node.js needed, before any command runs', async () => {
    const work = tempDir('sca-bridge-bug-');
    const preload = path.join(work, 'old-node.cjs');
    writeFileSync(preload, "Object.defineProperty(process.versions, 'node', { value: '22.18.0' });\n");
    const env = { NODE_OPTIONS: `--require ${preload}` };
    const result = await runCli(['import', path.join(REPO_ROOT, 'test/fixtures/cli/dt-fpf.json')], {
      cwd: work,
      env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: sca-bridge needs Node.js 22.19 or newer, and this is v22.18.0: install a newer one (the Action runs on Node.js 24).\n`,
    );
    // --version still answers.
    expect((await runCli(['--version'], { cwd: work, env })).code).toBe(0);
  });
});
