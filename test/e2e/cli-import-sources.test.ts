// What an import makes of its sources as a whole, run as users run the CLI: a report of violations alone, an
// export of a scan that failed.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared.js';

const EXPORTS = path.join(REPO_ROOT, 'test/fixtures/exports');
const work = tempDir();
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('import: sources as a whole', () => {
  it('warns that a violations report alone is not gated without fail-on-policy-violation', async () => {
    const file = path.join(EXPORTS, 'xray-report_violations.json');
    const { code, stderr } = await runCli(['import', file, '--sarif-file', path.join(work, 'v.sarif')]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /\d+ policy violations? that would fail the build (was|were) read, and the run reports no findings: the gate counts violations only with fail-on-policy-violation\./,
    );
    const gated = await runCli([
      'import',
      file,
      '--sarif-file',
      path.join(work, 'v.sarif'),
      '--fail-on-policy-violation',
    ]);
    expect(gated.code).toBe(1);
    expect(gated.stderr).not.toContain('the gate counts violations only with');
  });

  it('says how the findings each file gives merge into those it reports, so the counts add up', async () => {
    const { code, stderr } = await runCli([
      'import',
      path.join(REPO_ROOT, 'examples/xray-report.json'),
      '--sarif-file',
      path.join(work, 'm.sarif'),
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain('xray-report, 4 findings\n');
    expect(stderr).toContain(
      '4 findings read merge into 3: the same vulnerability of the same component version, reported in several places, is one finding.',
    );
    expect(stderr).toContain('\n3 findings: ');
  });

  it('says where the findings are when it reads violations alone, none failing the build', async () => {
    const jf = JSON.parse(readFileSync(path.join(EXPORTS, 'xray-cli-json.json'), 'utf8')) as {
      vulnerabilities?: unknown;
      violations?: { fail_build?: boolean }[];
    }[];
    // What jf audit --watches prints: violations instead of vulnerabilities, here of watches that do not block.
    for (const response of jf) {
      delete response.vulnerabilities;
      for (const violation of response.violations ?? []) violation.fail_build = false;
    }
    const file = path.join(work, 'jf-watches.json');
    writeFileSync(file, JSON.stringify(jf));
    const { code, stderr } = await runCli(['import', file, '--sarif-file', path.join(work, 'w.sarif')]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /\d+ policy violations and no findings were read: a violations report, or jf run with --watches or --project, gives vulnerabilities only as violations\. For findings, import a vulnerabilities report, or add jf's --vuln\./,
    );
    // Findings beside them: nothing to say.
    const both = await runCli([
      'import',
      file,
      path.join(EXPORTS, 'xray-report_vulnerabilities.json'),
      '--sarif-file',
      path.join(work, 'b.sarif'),
    ]);
    expect(both.code).toBe(0);
    expect(both.stderr).not.toContain('no findings were read');
  });

  it('refuses the export of a jf run whose dependency scan failed (exit 2), rather than pass its gate', async () => {
    const file = path.join(work, 'failed.json');
    writeFileSync(
      file,
      JSON.stringify({
        vulnerabilities: null,
        securityViolations: null,
        errors: [{ filePath: '/src', errorMessage: 'npm ls failed' }],
        scansStatus: { scaScanStatusCode: -1 },
      }),
    );
    const { code, stderr } = await runCli([
      'import',
      file,
      '--sarif-file',
      path.join(work, 'f.sarif'),
      '--fail-on',
      'any',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'the jf run reports errors (scansStatus.scaScanStatusCode -1), so the file may lack findings',
    );
  });
});
