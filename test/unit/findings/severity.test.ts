import { describe, expect, it } from 'vitest';
import { aFinding } from '../../helpers/finding.js';
import {
  SEVERITIES,
  atLeast,
  mostSevere,
  parseSeverity,
  severityFromScore,
  severityRank,
  unknownWordsNote,
} from '../../../src/findings/severity.js';

describe('parseSeverity', () => {
  it.each([
    // Dependency-Track
    ['CRITICAL', 'critical'],
    ['HIGH', 'high'],
    ['MEDIUM', 'medium'],
    ['LOW', 'low'],
    ['INFO', 'info'],
    ['UNASSIGNED', 'unknown'],
    // Xray
    ['Critical', 'critical'],
    ['High', 'high'],
    ['Medium', 'medium'],
    ['Low', 'low'],
    ['Information', 'info'],
    ['Unknown', 'unknown'],
    // Others seen in the wild
    ['moderate', 'medium'],
    [' high ', 'high'],
    ['bogus', 'unknown'],
    ['', 'unknown'],
  ])('%j → %s', (word, severity) => {
    expect(parseSeverity(word)).toBe(severity);
  });

  it('maps non-strings to unknown', () => {
    expect(parseSeverity(undefined)).toBe('unknown');
    expect(parseSeverity(null)).toBe('unknown');
    expect(parseSeverity(9.8)).toBe('unknown');
  });
});

describe('ranks', () => {
  it('orders critical > high > medium > low > info > unknown', () => {
    expect(SEVERITIES.map(severityRank)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(mostSevere('low', 'high')).toBe('high');
    expect(mostSevere('critical', 'info')).toBe('critical');
    expect(mostSevere('unknown', 'info')).toBe('info');
    expect(atLeast('high', 'high')).toBe(true);
    expect(atLeast('medium', 'high')).toBe(false);
    expect(atLeast('unknown', 'unknown')).toBe(true);
  });

  it('rates a bare score with the CVSS bands', () => {
    expect([9.8, 9, 8.9, 7, 6.9, 4, 3.9, 0.1, 0, undefined, Number.NaN].map(severityFromScore)).toEqual([
      'critical',
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
      'info',
      'unknown',
      'unknown',
    ]);
  });
});

describe('prototype keys', () => {
  it('reads `__proto__` and `constructor` as unknown, not as the object prototype', async () => {
    const { parseSeverity } = await import('../../../src/findings/severity.js');
    const { ecosystemOfXrayType } = await import('../../../src/findings/component.js');
    expect(parseSeverity('__proto__')).toBe('unknown');
    expect(parseSeverity('constructor')).toBe('unknown');
    expect(ecosystemOfXrayType('__proto__')).toBeUndefined();
    expect(ecosystemOfXrayType('toString')).toBeUndefined();
  });
});

describe('unknownWordsNote', () => {
  it('counts the findings of each word it does not know, and says nothing when there are none', () => {
    expect(unknownWordsNote([aFinding(), aFinding({ severity: 'Unknown' })])).toBeUndefined();
    const words = ['Severe', 'Severe', 'Urgent', 'a', 'b', 'c', 'd'];
    const note = unknownWordsNote(words.map((severity) => aFinding({ severity })));
    expect(note).toBe(
      '7 findings had a severity sca-bridge does not know ("Severe" ×2, "Urgent" ×1, "a" ×1, "b" ×1, "c" ×1 (and 1 more)): each is rated by its CVSS score, or unknown without one. Please report the word at https://github.com/sca-bridge/sca-bridge/issues/new.',
    );
    // A word of any length is quoted by its start.
    expect(unknownWordsNote([aFinding({ severity: 'x'.repeat(100_000) })])).toContain(
      `"${'x'.repeat(39)}…" ×1`,
    );
  });
});
