import { afterAll, describe, expect, it } from 'vitest';
import type { LocatedFinding, Location } from '../../../src/findings/model.js';
import type { Locator } from '../../../src/locate/locator.js';
import { separateSharedLines } from '../../../src/locate/separate.js';
import { findingOf, locatorFor, makeRepo, removeRepos } from './repo.js';

afterAll(removeRepos);

const lineCounts: Record<string, number> = { 'package.json': 10, 'go.mod': 3 };
const locator: Locator = {
  locate: () => {
    throw new Error('not used');
  },
  lineCount: (uri) => lineCounts[uri] ?? 1,
  declaresOther: () => false,
};

function at(id: string, uri: string, startLine: number): LocatedFinding {
  const location: Location = { uri, startLine, rule: 'manifest' };
  return { ...findingOf(`pkg:npm/p${startLine}@1.0.0`, { ids: [id] }), location };
}

const lines = (findings: LocatedFinding[]) => findings.map((f) => f.location.startLine);

describe('separateSharedLines', () => {
  it('moves later findings of one rule at one line to the next free lines, keeping lines already distinct', () => {
    const findings = [
      at('CVE-2024-0001', 'package.json', 5),
      at('CVE-2024-0001', 'package.json', 5),
      at('CVE-2024-0001', 'package.json', 6),
      at('CVE-2024-0001', 'package.json', 5),
    ];
    separateSharedLines(findings, locator);
    expect(lines(findings)).toEqual([5, 7, 6, 8]);
  });

  it('keeps the line a finding moved off as its declared line, for reports that need no move (GitLab)', () => {
    const findings = [
      at('CVE-2024-0001', 'package.json', 5),
      at('CVE-2024-0001', 'package.json', 5),
      at('CVE-2024-0001', 'package.json', 6),
    ];
    separateSharedLines(findings, locator);
    expect(findings.map((f) => [f.location.startLine, f.location.declaredLine])).toEqual([
      [5, undefined],
      [7, 5],
      [6, undefined],
    ]);
    // Moved again (a second pass, where another finding claims its line first), it still names line 5.
    const again = [at('CVE-2024-0001', 'package.json', 7), ...findings];
    separateSharedLines(again, locator);
    expect(again.map((f) => [f.location.startLine, f.location.declaredLine])).toEqual([
      [7, undefined],
      [5, undefined],
      [8, 5],
      [6, undefined],
    ]);
  });

  it('leaves findings of other rules and other files where they are', () => {
    const findings = [
      at('CVE-2024-0001', 'package.json', 5),
      at('CVE-2024-0002', 'package.json', 5),
      at('CVE-2024-0001', 'go.mod', 5),
    ];
    separateSharedLines(findings, locator);
    expect(lines(findings)).toEqual([5, 5, 5]);
  });

  it('wraps to the top of the file, and goes past its end when every line is taken', () => {
    const findings = [
      at('CVE-2024-0001', 'go.mod', 3),
      at('CVE-2024-0001', 'go.mod', 3),
      at('CVE-2024-0001', 'go.mod', 3),
      at('CVE-2024-0001', 'go.mod', 3),
    ];
    separateSharedLines(findings, locator);
    expect(lines(findings)).toEqual([3, 1, 2, 4]);
    const single = [at('CVE-2024-0001', 'one-line.txt', 1), at('CVE-2024-0001', 'one-line.txt', 1)];
    separateSharedLines(single, locator);
    expect(lines(single)).toEqual([1, 2]);
  });

  it('leaves the line to the finding whose package it declares, whatever the order of the findings', () => {
    const declares = (finding: LocatedFinding) => {
      finding.location.sameVersion = true;
      return finding;
    };
    // ejs, pulled in by lodash, placed at lodash's line 3 and sorted first (by name): lodash keeps line 3.
    const findings = [
      at('CVE-2020-8203', 'package.json', 3),
      declares(at('CVE-2020-8203', 'package.json', 3)),
    ];
    separateSharedLines(findings, locator);
    expect(lines(findings)).toEqual([4, 3]);
    // Of two versions, the more severe one the line does not declare moves, after the others at their lines.
    const versions = [
      at('CVE-2024-0001', 'package.json', 5),
      at('CVE-2024-0001', 'package.json', 6),
      declares(at('CVE-2024-0001', 'package.json', 5)),
      declares(at('CVE-2024-0001', 'package.json', 6)),
    ];
    separateSharedLines(versions, locator);
    expect(lines(versions)).toEqual([7, 8, 5, 6]);
  });

  it("moves a finding past the lines that declare other packages, never onto one, but onto its own package's", async () => {
    const root = makeRepo({
      'package.json': [
        '{', // 1
        '  "dependencies": {', // 2
        '    "uuid": "8.3.2",', // 3
        '    "axios": "1.13.6",', // 4
        '    "ejs": "3.1.6"', // 5
        '  }', // 6
        '}', // 7
      ],
      'requirements.txt': ['Django==3.2.0', 'requests==2.31.0'],
    });
    const locator = await locatorFor(root);
    const placed = (
      purl: string,
      uri: string,
      line: number,
      sameVersion = false,
      rule: Location['rule'] = 'manifest',
    ): LocatedFinding => ({
      ...findingOf(purl, { ids: ['CVE-2024-0001'] }),
      location: { uri, startLine: line, rule, ...(sameVersion ? { sameVersion } : {}) },
    });
    const findings = [
      placed('pkg:npm/uuid@8.3.2', 'package.json', 3, true),
      // Pulled in by uuid (say): past the axios line, onto its own.
      placed('pkg:npm/ejs@3.1.6', 'package.json', 3),
      // Placed at a pin of another version: onto neither the axios line below nor ejs's.
      placed('pkg:npm/uuid@9.0.1', 'package.json', 3),
      // Every line of the file declares another package: past its end.
      placed('pkg:pypi/django@3.2.0', 'requirements.txt', 1, true),
      placed('pkg:pypi/django@3.2.5', 'requirements.txt', 1),
    ];
    separateSharedLines(findings, locator);
    expect(lines(findings)).toEqual([3, 5, 6, 1, 3]);
    // Results that stand for the whole file (a root manifest's line 1) take its next lines, whatever they declare,
    // rather than going past its end, where GitHub shows no line.
    const wholeFile = ['pkg:pypi/jinja2@2.10', 'pkg:pypi/jinja2@2.11', 'pkg:pypi/markupsafe@1.0'].map(
      (purl) => placed(purl, 'requirements.txt', 1, false, 'root-manifest'),
    );
    separateSharedLines(wholeFile, locator);
    expect(lines(wholeFile)).toEqual([1, 2, 3]);
  });

  it('keeps apart rules and files whose names would join into one key (a NUL inside them)', () => {
    const findings = [at('CVE-1\u0000x', 'package.json', 5), at('CVE-1', 'x\u0000package.json', 5)];
    separateSharedLines(findings, locator);
    expect(lines(findings)).toEqual([5, 5]);
  });

  it('moves 150,000 findings of one rule off one line of a long file in one pass', () => {
    // Looking for a free line from the shared one each time made this take minutes.
    const uri = 'pom.xml';
    const findings = Array.from({ length: 150_000 }, () => ({
      id: 'CVE-2021-44228',
      location: { uri, startLine: 1 },
    }));
    separateSharedLines(findings as LocatedFinding[], {
      lineCount: () => 1_000_000,
      declaresOther: () => false,
    });
    expect(findings.every((finding, index) => finding.location.startLine === index + 1)).toBe(true);
  });

  it('moves 300,000 findings of one rule past the end of a one-line file in one pass', () => {
    const findings = Array.from({ length: 300_000 }, (_, index) => ({
      id: 'CVE-2021-44228',
      location: { uri: 'Dockerfile', startLine: index % 2 ? 1 : 3 },
    }));
    separateSharedLines(findings as LocatedFinding[], { lineCount: () => 1, declaresOther: () => false });
    // Line 3 (past the end already) and line 1 keep their first findings; the others go past every line taken.
    expect(findings.slice(0, 4).map((finding) => finding.location.startLine)).toEqual([3, 1, 4, 5]);
    expect(findings.at(-1)?.location.startLine).toBe(300_001);
  });
});
