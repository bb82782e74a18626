import { BUG_REPORT_URL } from '../errors.js';
import { firstOf, plural } from '../wording.js';
import { cvssScore } from './cvss.js';
import { shorten } from './text.js';
import type { Finding, LocatedFinding } from './model.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe: critical 5 … unknown 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

export function atLeast(severity: Severity, floor: Severity): boolean {
  return severityRank(severity) >= severityRank(floor);
}

export function mostSevere(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/**
 * Most severe first; ties by CVSS, open before suppressed (an open finding keeps the line that declares it),
 * then id and package; of one package's versions, the one its line declares first (it keeps that line), then
 * version, place and scanner: no tie is left to the order of an export's rows, which would move an alert's
 * line from one version to another between runs.
 */
export function bySeverity(a: LocatedFinding, b: LocatedFinding): number {
  const score = (f: Finding) => cvssScore(f) ?? -1;
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    score(b) - score(a) ||
    Number(a.suppressed) - Number(b.suppressed) ||
    a.id.localeCompare(b.id) ||
    a.component.packageName.localeCompare(b.component.packageName) ||
    Number(!!b.location.sameVersion) - Number(!!a.location.sameVersion) ||
    (a.component.version ?? '').localeCompare(b.component.version ?? '') ||
    a.location.uri.localeCompare(b.location.uri) ||
    a.location.startLine - b.location.startLine ||
    a.scanner.localeCompare(b.scanner)
  );
}

/** `2 medium, 5 low`: counts by severity, most severe first. */
export function severityList(counts: Partial<Record<Severity, number>>): string {
  return SEVERITIES.filter((s) => counts[s])
    .map((s) => `${counts[s]} ${s}`)
    .join(', ');
}

const ALIASES: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  moderate: 'medium',
  low: 'low',
  info: 'info',
  information: 'info',
  informational: 'info',
  negligible: 'info',
  unknown: 'unknown',
  unassigned: 'unknown',
  none: 'unknown',
};

/**
 * Ours of a scanner's severity word (DT `CRITICAL…UNASSIGNED`, Xray `Critical…Information|Unknown`), or undefined
 * for a word sca-bridge does not know.
 */
export function severityOfWord(word: string): Severity | undefined {
  const key = word.trim().toLowerCase();
  // Own keys only: a scanner's text such as `__proto__` must not reach the object's prototype.
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}

/** Maps a scanner's severity word to ours; anything else is unknown. */
export function parseSeverity(value: unknown): Severity {
  return (typeof value === 'string' && severityOfWord(value)) || 'unknown';
}

/**
 * What findings with a severity word sca-bridge does not know were rated (see `buildFinding`), said once a run;
 * undefined when there are none.
 */
export function unknownWordsNote(findings: readonly Finding[]): string | undefined {
  const counts = new Map<string, number>();
  for (const { severityWord } of findings)
    if (severityWord) counts.set(severityWord, (counts.get(severityWord) ?? 0) + 1);
  if (!counts.size) return undefined;
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const words = firstOf(
    // A scanner's text may be of any length: the warning and the job summary quote a word's start.
    [...counts].map(([word, n]) => `${JSON.stringify(shorten(word, 40))} ×${n}`),
    5,
    ', ',
  );
  return `${plural(total, 'finding')} had a severity sca-bridge does not know (${words}): each is rated by its CVSS score, or unknown without one. Please report the word at ${BUG_REPORT_URL}.`;
}

/** CVSS qualitative rating of a base score (v3/v4 bands), for findings that carry only a score. */
export function severityFromScore(score: number | undefined): Severity {
  if (score === undefined || Number.isNaN(score)) return 'unknown';
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'info';
}
