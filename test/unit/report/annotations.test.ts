import { describe, expect, it } from 'vitest';
import { planAnnotations } from '../../../src/report/annotations.js';
import { renderJobSummary } from '../../../src/report/job-summary.js';
import type { RunSummary } from '../../../src/report/run-summary.js';
import { baseSummary } from '../../../src/run.js';
import { aFinding } from '../../helpers/finding.js';

describe('what people read points at the declaring line', () => {
  // Code scanning's result moved off line 1 (another result of its rule took it); the package is declared there.
  const moved = aFinding({
    ids: ['CVE-2023-2975'],
    location: { uri: 'Dockerfile', startLine: 2, declaredLine: 1, rule: 'manifest' },
  });

  it('annotations', () => {
    const { annotations } = planAnnotations([moved], { error: 0, warning: 0, notice: 0 }, 0);
    expect(annotations.map((a) => [a.file, a.startLine])).toEqual([['Dockerfile', 1]]);
  });

  it('the job summary', () => {
    const summary: RunSummary = {
      ...baseSummary(
        {},
        { provider: 'github', url: null, repository: 'acme/shop', commit: 'abc' },
        new Date(0),
      ),
      status: 'passed',
    };
    const markdown = renderJobSummary({ summary, findings: [moved], violations: [], notes: [] });
    expect(markdown).toContain('| Dockerfile:1 |');
    expect(markdown).not.toContain('Dockerfile:2');
  });
});

describe('annotation text', () => {
  it('shows characters that would hide or reorder the text around them (NUL, bidi overrides) as U+FFFD', () => {
    const finding = aFinding({
      title: 'crafted\u0007 title',
      component: { packageName: 'evil\u202egnp.exe\u0000x', name: 'evil', version: '1.0', ecosystem: 'npm' },
    });
    const [annotation] = planAnnotations([finding], { error: 0, warning: 0, notice: 0 }).annotations;
    expect(annotation?.title).toContain('evil\ufffdgnp.exe\ufffdx@1.0');
    expect(annotation?.message).toContain('crafted\ufffd title');
    for (const hidden of ['\u0000', '\u0007', '\u202e'])
      expect(`${annotation?.title}${annotation?.message}`).not.toContain(hidden);
  });
});
