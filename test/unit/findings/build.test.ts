import { describe, expect, it } from 'vitest';
import { buildFinding } from '../../../src/findings/build.js';

const component = { packageName: 'qs', name: 'qs', version: '6.7.0' };

describe('buildFinding', () => {
  it('fills every default, ordering ids canonical-first', () => {
    expect(
      buildFinding({
        scanner: 'xray',
        ids: ['XRAY-1', 'CVE-2022-24999', undefined, null, ''],
        severity: 'high',
        component,
      }),
    ).toEqual({
      scanner: 'xray',
      id: 'CVE-2022-24999',
      ids: ['CVE-2022-24999', 'XRAY-1'],
      title: 'CVE-2022-24999',
      description: '',
      severity: 'high',
      cvss: {},
      cwes: [],
      component,
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: [],
      suppressed: false,
    });
  });

  it('tells vulnerabilities named by no id apart by their text, the same text giving the same id', () => {
    const unnamed = (title: string) =>
      buildFinding({ scanner: 'xray', ids: [undefined, ''], title, severity: 'high', component });
    const a = unnamed('Heap overflow in the parser');
    const b = unnamed('Path traversal in the archive reader');
    expect(a.id).toMatch(/^UNKNOWN-[0-9a-f]{8}$/);
    expect(a.ids).toEqual([a.id]);
    expect(b.id).not.toBe(a.id);
    expect(unnamed('Heap overflow in the parser').id).toBe(a.id);
  });

  it('titles with the first line of the description, shortened to 120 characters', () => {
    const long = 'x'.repeat(200);
    expect(
      buildFinding({
        scanner: 'xray',
        ids: ['X'],
        description: `  first line.\nsecond`,
        severity: 'low',
        component,
      }).title,
    ).toBe('first line.');
    const titleOf = (description: string) =>
      buildFinding({ scanner: 'xray', ids: ['X'], description, severity: 'low', component }).title;
    // A sentence the scanner wrapped is joined; a heading or a line starting another sentence is not.
    expect(
      titleOf('The AES-SIV cipher contains a bug that causes\nit to ignore empty entries.\n\nImpact'),
    ).toBe('The AES-SIV cipher contains a bug that causes it to ignore empty entries.');
    expect(titleOf('## Impact\nthe parser overflows')).toBe('## Impact');
    expect(titleOf('It ends here.   \nand more')).toBe('It ends here.');
    expect(titleOf('Heap overflow in the parser\nAffected versions: 1.x')).toBe(
      'Heap overflow in the parser',
    );
    const title = buildFinding({
      scanner: 'xray',
      ids: ['X'],
      description: long,
      severity: 'low',
      component,
    }).title;
    expect(title).toBe(`${'x'.repeat(117)}...`);
    expect(
      buildFinding({
        scanner: 'xray',
        ids: ['X'],
        title: '   ',
        description: 'd',
        severity: 'low',
        component,
      }).title,
    ).toBe('d');
  });

  it('drops blank and repeated paths, fixes, references and CWEs, and empty impact paths', () => {
    const finding = buildFinding({
      scanner: 'xray',
      ids: ['X'],
      severity: 'low',
      component,
      componentPaths: ['a', undefined, 'a', '', 'b'],
      impactPaths: [[], ['a', 'b']],
      fixedVersions: ['1', '1', ''],
      references: ['https://r', undefined, 'https://r'],
      cwes: ['CWE-1', 'CWE-1'],
    });
    expect(finding).toMatchObject({
      componentPaths: ['a', 'b'],
      impactPaths: [['a', 'b']],
      fixedVersions: ['1'],
      references: ['https://r'],
      cwes: ['CWE-1'],
    });
  });

  it('sets optional fields only when present', () => {
    const finding = buildFinding({
      scanner: 'dependency-track',
      ids: ['CVE-2022-24999'],
      severity: 'critical',
      component,
      epss: { score: 0.1, percentile: 0.5 },
      published: '2022-11-26T00:00:00.000Z',
      analysis: { state: 'IN_TRIAGE' },
      url: 'https://dt/vulnerabilities/NVD/CVE-2022-24999',
      suppressed: true,
    });
    expect(finding).toMatchObject({
      epss: { score: 0.1, percentile: 0.5 },
      published: '2022-11-26T00:00:00.000Z',
      analysis: { state: 'IN_TRIAGE' },
      url: 'https://dt/vulnerabilities/NVD/CVE-2022-24999',
      suppressed: true,
    });
    const bare = buildFinding({ scanner: 'xray', ids: ['X'], severity: 'low', component, published: '' });
    expect(Object.keys(bare)).not.toContain('published');
    expect(Object.keys(bare)).not.toContain('epss');
    expect(Object.keys(bare)).not.toContain('url');
    expect(Object.keys(bare)).not.toContain('analysis');
  });

  it('rates a severity word it does not know by the CVSS score, keeps the word, and leaves known words as they are', () => {
    const rated = (severity: string | undefined, score?: number) =>
      buildFinding({
        scanner: 'xray',
        ids: ['CVE-2021-44228'],
        severity,
        ...(score === undefined ? {} : { cvss: { v3: { score } } }),
        component,
      });
    expect(rated(' Severe ', 9.8)).toMatchObject({ severity: 'critical', severityWord: 'Severe' });
    expect(rated('Severe')).toMatchObject({ severity: 'unknown', severityWord: 'Severe' });
    // Known words, and none at all, are the scanner's rating: not replaced by the score, not flagged.
    for (const [word, severity] of [
      ['UNASSIGNED', 'unknown'],
      ['Low', 'low'],
      [undefined, 'unknown'],
      ['  ', 'unknown'],
    ] as const) {
      const finding = rated(word, 9.8);
      expect(finding.severity).toBe(severity);
      expect(Object.keys(finding)).not.toContain('severityWord');
    }
  });
});
