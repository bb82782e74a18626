import { describe, expect, it } from 'vitest';
import type { CiContext } from '../../../src/ci.js';
import type { PolicyViolation } from '../../../src/findings/model.js';
import { githubFileLink, renderJobSummary } from '../../../src/report/job-summary.js';
import type { RunSummary } from '../../../src/report/run-summary.js';
import { baseSummary } from '../../../src/run.js';
import { aFinding } from '../../helpers/finding.js';

const CI: CiContext = { provider: 'github', url: null, repository: 'acme/shop', commit: 'abc' };
const SUMMARY: RunSummary = { ...baseSummary({}, CI, new Date(0)), status: 'passed' };

/** The table rows of a markdown text: lines that start with `|`. */
function rows(markdown: string): string[] {
  return markdown.split('\n').filter((line) => line.startsWith('|'));
}

/** Cells of a table row, with `\|` inside a cell kept. */
function cells(row: string): string[] {
  return row.split(/(?<!\\)\|/).slice(1, -1);
}

describe('the job summary', () => {
  it('keeps a table row whole when a reference URL or a file path holds |, (, ), spaces or #', () => {
    const finding = aFinding({
      ids: ['XRAY-1'],
      references: ['https://example.com/a|b (see) x'],
      url: 'https://xray.example.com/ui/(x)|y',
      location: { uri: 'my app (v2)#1/package.json', startLine: 7, rule: 'manifest' },
    });
    const markdown = renderJobSummary({
      summary: SUMMARY,
      findings: [finding],
      violations: [],
      fileLink: githubFileLink('https://github.com', 'acme/shop', 'abc'),
      notes: [],
    });
    const row = rows(markdown).find((r) => r.includes('XRAY-1')) ?? '';
    expect(cells(row)).toHaveLength(5);
    expect(row).toContain('[XRAY-1](https://example.com/a%7Cb%20%28see%29%20x)');
    expect(row).toContain('[scanner](https://xray.example.com/ui/%28x%29%7Cy)');
    expect(row).toContain(
      '[my app (v2)#1/package.json:7](https://github.com/acme/shop/blob/abc/my%20app%20%28v2%29%231/package.json#L7)',
    );
  });

  it('says where the findings past the top 25 are kept: the workflow artifact when it is uploaded', () => {
    const findings = Array.from({ length: 27 }, (_, i) => aFinding({ ids: [`XRAY-${i + 10}`] }));
    const tail = (artifact?: 'uploaded' | 'failed') =>
      renderJobSummary({ summary: SUMMARY, findings, violations: [], notes: [], artifact })
        .split('\n')
        .find((line) => line.startsWith('…and'));
    expect(tail('uploaded')).toBe(
      "…and 2 more, counted above; the SARIF file lists them within GitHub's limits, and the workflow artifact holds every one.",
    );
    expect(tail()).toBe(
      "…and 2 more, counted above; the SARIF file lists them within GitHub's limits, and `upload-artifact: true` keeps every one.",
    );
    expect(tail('failed')).toBe(
      "…and 2 more, counted above; the SARIF file lists them within GitHub's limits, and the workflow artifact that would hold every one could not be uploaded (see below).",
    );
  });

  it('links only web URLs', () => {
    const finding = aFinding({ ids: ['XRAY-2'], references: ['javascript:alert(1)'] });
    const markdown = renderJobSummary({ summary: SUMMARY, findings: [finding], violations: [], notes: [] });
    expect(markdown).not.toContain('javascript:');
    expect(markdown).toContain('| XRAY-2 |');
  });

  it('lists the violations that count and says how many others do not', () => {
    const violation: PolicyViolation = {
      scanner: 'xray',
      policy: 'no-criticals',
      watch: 'prod',
      state: 'FAIL',
      type: 'security',
      component: 'lodash@4.17.20',
      suppressed: false,
    };
    const markdown = renderJobSummary({
      summary: SUMMARY,
      findings: [],
      violations: [violation],
      uncountedViolations: 2,
      notes: [],
    });
    expect(rows(markdown).filter((r) => r.startsWith('| FAIL'))).toHaveLength(1);
    expect(markdown).toContain('2 more violations do not count for the gate');
  });

  it('keeps notes apart: a blank line between quoted notes, which markdown would run into one paragraph', () => {
    const markdown = renderJobSummary({
      summary: SUMMARY,
      findings: [],
      violations: [],
      notes: ['First note.', 'Second note.'],
    });
    expect(markdown).toContain('> First note.\n\n> Second note.');
  });

  it("stays within GitHub's limit when even the error message is too long, and says it was cut", () => {
    const summary: RunSummary = {
      ...SUMMARY,
      status: 'error',
      error: { message: 'x'.repeat(2_000_000), exitCode: 3 },
    };
    const markdown = renderJobSummary({ summary, findings: undefined, violations: [], notes: [] });
    expect(Buffer.byteLength(markdown)).toBeLessThan(1024 * 1024);
    expect(markdown).toContain("The summary was cut here to stay within GitHub's 1 MiB limit.");
  });

  it('shows no table of zeros for a run that ended before it read its findings, and the counts of one that read them', () => {
    const failed: RunSummary = { ...SUMMARY, status: 'error', error: { message: 'HTTP 503', exitCode: 3 } };
    const unread = renderJobSummary({ summary: failed, findings: undefined, violations: [], notes: [] });
    expect(unread).toContain('No findings were counted: the run ended before it read them.');
    expect(unread).not.toContain('| Severity | Findings |');
    const read = renderJobSummary({ summary: failed, findings: [], violations: [], notes: [] });
    expect(read).toContain('| **total** | **0** |');
  });

  it('shows the labels the run was given: environment, scan tag and metadata', () => {
    const summary: RunSummary = {
      ...SUMMARY,
      environment: 'prod',
      scanTag: 'nightly',
      metadata: { team: 'payments', owner: 'bob|ops' },
    };
    const markdown = renderJobSummary({ summary, findings: [], violations: [], notes: [] });
    expect(markdown).toContain(
      '**Environment:** prod · **Scan tag:** nightly · **team:** payments · **owner:** bob\\|ops',
    );
  });

  it('shows no gate for a run that failed before its inputs were read (its fail-on is a placeholder)', () => {
    const error = { message: 'Input fail-on: expected critical, …', exitCode: 2 };
    const unread: RunSummary = { ...SUMMARY, status: 'error', mode: null, error };
    const render = (summary: RunSummary) =>
      renderJobSummary({ summary, findings: undefined, violations: [], notes: [] });
    expect(render(unread)).not.toContain('**Gate:**');
    expect(render({ ...unread, mode: 'scan' })).toContain('**Gate:** `fail-on: none`');
  });

  it("keeps scanner text from pairing with the summary's own markdown: backticks, brackets, tags", () => {
    const summary: RunSummary = {
      ...SUMMARY,
      project: 'shop `web` [beta] <b>x</b>',
      environment: 'prod\\eu',
    };
    const markdown = renderJobSummary({ summary, findings: [], violations: [], notes: [] });
    expect(markdown).toContain('**Project:** shop \\`web\\` \\[beta\\] &lt;b>x&lt;/b>');
    expect(markdown).toContain('**Environment:** prod\\\\eu');
    expect(markdown).toContain('**Gate:** `fail-on: none`');
  });
});
