import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { expectSchemaValid } from '../helpers/schemas.js';
import { REPO_ROOT } from '../helpers/shared.js';

// GitLab's reports as the CLI writes them, run as a process.

interface CodeQualityIssue {
  check_name: string;
  location: { path: string; lines: { begin: number } };
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** Imports `file` in `dir` into out.sarif and both GitLab reports (cq.json, ds.json). */
const importWithReports = (dir: string, file: string) =>
  runCli(
    [
      'import',
      file,
      '--sarif-file',
      'out.sarif',
      '--gitlab-codequality-report',
      'cq.json',
      '--gitlab-dependency-report',
      'ds.json',
    ],
    { cwd: dir },
  );

describe("GitLab's reports from the CLI", () => {
  it("puts code-quality issues on the declaring line, where SARIF moves a rule's second result off it", async () => {
    // Xray's export names two ncurses packages with CVE-2022-29458: both OS packages, both declared by FROM.
    const dir = tempDir('sca-bridge-gitlab-reports-');
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      '# the image\nFROM debian:stretch\nRUN x\nCOPY . /a\nWORKDIR /a\nCMD ["r"]\n',
    );
    const { code, stderr } = await importWithReports(
      dir,
      path.join(REPO_ROOT, 'test/fixtures/exports/xray-scans-export.json'),
    );
    expect(code, stderr).toBe(0);

    const issues = readJson<CodeQualityIssue[]>(path.join(dir, 'cq.json'));
    expectSchemaValid('test/schemas/gitlab-code-quality.schema.json', issues);
    expect(issues.map((i) => `${i.check_name} ${i.location.path}:${i.location.lines.begin}`)).toEqual([
      'CVE-2018-14600 Dockerfile:2',
      'CVE-2022-29458 Dockerfile:2',
      'CVE-2022-29458 Dockerfile:2',
      'CVE-2021-42381 Dockerfile:2',
    ]);
    // GitHub's need stays in the SARIF: one rule's two results on lines of their own, so two alerts.
    const sarif = readJson<Log>(path.join(dir, 'out.sarif'));
    const lines = (sarif.runs[0]?.results ?? [])
      .filter((r) => r.ruleId === 'CVE-2022-29458')
      .map((r) => r.locations?.[0]?.physicalLocation?.region?.startLine);
    expect(lines).toEqual([2, 3]);
    expectSchemaValid(
      'gitlab-dependency-scanning-report-format-15.2.1.json',
      readJson(path.join(dir, 'ds.json')),
    );
  });

  it('writes a lone surrogate of a cut character as U+FFFD, which GitLab can store, in every JSON report', async () => {
    const dir = tempDir('sca-bridge-gitlab-reports-');
    // `\ud83d` is half of an emoji's pair, cut off; a real pair and a literal backslash-u text stay as they are.
    const row = {
      issue_id: 'XRAY-1',
      cves: [{ cve: 'CVE-2024-0001' }],
      summary: 'Cut \ud83d here',
      description: 'Whole \ud83d\ude00, cut \ud83d, literal \\ud83d.',
      severity: 'High',
      vulnerable_component: 'npm://left-pad:1.3.0',
      path: 'npm-local/app/1.0/app.tgz',
    };
    writeFileSync(path.join(dir, 'report.json'), `{"total_rows":1,"rows":[${JSON.stringify(row)}]}`);
    const { code, stderr } = await importWithReports(dir, 'report.json');
    expect(code, stderr).toBe(0);
    for (const file of ['out.sarif', 'cq.json', 'ds.json']) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(text, file).not.toMatch(/(?<!\\)(?:\\\\)*\\ud[89a-f]/);
      // The code-quality issue names the vulnerability by its id, without its texts.
      if (file !== 'cq.json') expect(text, file).toContain('\\ufffd');
    }
    const [vulnerability] = readJson<{ vulnerabilities: { name: string; description: string }[] }>(
      path.join(dir, 'ds.json'),
    ).vulnerabilities;
    expect(vulnerability?.name).toBe('CVE-2024-0001: Cut \ufffd here');
    expect(vulnerability?.description).toContain('Whole \u{1F600}, cut \ufffd, literal \\ud83d.');
  });
});
