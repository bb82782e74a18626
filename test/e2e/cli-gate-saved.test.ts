/**
 * `sca-bridge gate` with no flags, as the GitLab component's gate job runs it: the gate the scan job was asked
 * for, saved in the run summary, decides, policy violations included.
 */
import { runSummaryOf } from '../helpers/schemas.js';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared.js';

const VIOLATIONS = path.join(REPO_ROOT, 'test/fixtures/exports/xray-report_violations.json');

async function savedSummary(work: string, flags: string[]): Promise<string> {
  const { code, stdout } = await runCli(
    ['import', VIOLATIONS, '--sarif-file', path.join(work, 'v.sarif'), '--json', ...flags],
    { cwd: work },
  );
  expect(code).toBe(flags.length ? 1 : 0);
  const file = path.join(work, `summary-${flags.length}.json`);
  writeFileSync(file, stdout);
  return file;
}

describe('sca-bridge gate on a saved summary, with no flags', () => {
  it('fails on policy violations when the scan was asked to, and only then', async () => {
    const work = tempDir('sca-bridge-gate-');
    const asked = await runCli(['gate', await savedSummary(work, ['--fail-on-policy-violation'])]);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('policy violation');
    expect((await runCli(['gate', await savedSummary(work, [])])).code).toBe(0);
  });

  it('warns when a watch named for an import matches none of its violations, which then do not count', async () => {
    const work = tempDir('sca-bridge-gate-');
    const { code, stdout, stderr } = await runCli(
      [
        'import',
        VIOLATIONS,
        '--sarif-file',
        path.join(work, 'v.sarif'),
        '--fail-on-policy-violation',
        '--watches',
        'HighVulnWatch,highvulnwatch',
        '--json',
      ],
      { cwd: work },
    );
    expect(code).toBe(1);
    expect(stderr).toContain('warning: Input watches: no Xray violation imported is of "highvulnwatch"');
    expect(stderr).toContain('1 of 3 failing violations do not count for the gate');
    expect(runSummaryOf<{ policyViolations: number }>(stdout).policyViolations).toBe(2);
  });

  it('keeps the saved gate when --fail-on is empty, as an unset variable in a script gives it', async () => {
    const work = tempDir('sca-bridge-gate-');
    const { code, stdout } = await runCli(
      [
        'import',
        path.join(REPO_ROOT, 'examples/dependency-track.fpf.json'),
        '--sarif-file',
        path.join(work, 'd.sarif'),
        '--fail-on',
        'high',
        '--json',
      ],
      { cwd: work },
    );
    expect(code).toBe(1);
    const failed = path.join(work, 'failed.json');
    writeFileSync(failed, stdout);
    for (const blank of ['', ' ']) {
      const again = await runCli(['gate', failed, '--fail-on', blank]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('Gate failed');
    }
    expect((await runCli(['gate', failed, '--fail-on', 'none'])).code).toBe(0);
  });

  it('refuses a summary whose counts do not add up, with a count it does not know, or an error that passed', async () => {
    const work = tempDir('sca-bridge-gate-');
    const saved = JSON.parse(readFileSync(await savedSummary(work, []), 'utf8')) as {
      counts: Record<string, number>;
      status: string;
      gate: object;
    };
    const refusal = async (summary: object) => {
      const file = path.join(work, 'edited.json');
      writeFileSync(file, JSON.stringify(summary));
      const { code, stderr } = await runCli(['gate', file, '--fail-on', 'any']);
      expect(code).toBe(2);
      return stderr;
    };
    expect(await refusal({ ...saved, counts: { ...saved.counts, total: 0, critical: 1 } })).toContain(
      'total is not the sum of the severities',
    );
    expect(await refusal({ ...saved, counts: { ...saved.counts, extreme: 3 } })).toContain('extreme');
    expect(await refusal({ ...saved, status: 'passed', error: { message: 'boom', exitCode: 3 } })).toContain(
      'an error run, and only one, carries `error`',
    );
    // Blank, the saved rule would read as no gate at all, whatever the counts.
    for (const failOn of ['', ' ', 'hihg'])
      expect(await refusal({ ...saved, gate: { ...saved.gate, failOn } })).toContain(
        'gate.failOn: not a fail-on rule',
      );
  });

  it('refuses a file far too large to be a run summary, a device that never ends too, naming the file to give', async () => {
    const work = tempDir('sca-bridge-gate-');
    const file = path.join(work, 'export.json');
    // Sparse: 600 MiB that take no disk, more than one JavaScript string holds.
    writeFileSync(file, '');
    truncateSync(file, 600 * 2 ** 20);
    const { code, stderr } = await runCli(['gate', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      `gate: ${file} holds more than 64 MiB, and a run summary takes a few kilobytes: give the file \`sca-bridge import --json\` or \`scan --json\` printed`,
    );
    // A device whose size reads 0 and that never ends: counted as read, so refused as well (it was read on and on).
    const endless = await runCli(['gate', '/dev/zero']);
    expect(endless.code).toBe(2);
    expect(endless.stderr).toContain('gate: /dev/zero holds more than 64 MiB');
  });
});
