import { describe, expect, it } from 'vitest';
import type { LocatedFinding, Location } from '../../../src/findings/model.js';
import type { Locator } from '../../../src/locate/locator.js';
import { separateSharedLines } from '../../../src/locate/separate.js';
import { findingOf } from './repo.js';

const lineCounts: Record<string, number> = { 'package.json': 10, 'go.mod': 3 };
const locator: Locator = {
  locate: () => {
    throw new Error('not used');
  },
  lineCount: (uri) => lineCounts[uri] ?? 1,
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
});
