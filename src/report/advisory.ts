import { cvssScore } from '../findings/cvss.js';
import type { Finding } from '../findings/model.js';
import { isCve, isGhsa } from '../findings/ids.js';
import type { Severity } from '../findings/severity.js';
import { upgradeTargets } from '../findings/versions.js';

/** The public advisory page of an id, when the scheme has one. */
export function advisoryUrl(id: string): string | undefined {
  if (isCve(id)) return `https://nvd.nist.gov/vuln/detail/${id}`;
  if (isGhsa(id)) return `https://github.com/advisories/${id}`;
  return undefined;
}

const SEVERITY_SCORE: Record<Severity, number> = {
  critical: 9.5,
  high: 8,
  medium: 5.5,
  low: 2,
  info: 0,
  unknown: 0,
};

/** GitHub's `security-severity`: the highest CVSS score of a rule's findings (`highestCvss`), else a score for the severity. */
export function securitySeverity(highest: { score: number } | undefined, severity: Severity): string {
  return (highest?.score ?? SEVERITY_SCORE[severity]).toFixed(1);
}

export function componentLabel(finding: Finding): string {
  const { packageName, version } = finding.component;
  return version ? `${packageName}@${version}` : packageName;
}

/** Up to three fixed versions to upgrade to, nearest first (`upgradeTargets`). */
export function advisedVersions(finding: Finding): string[] {
  return upgradeTargets(finding.fixedVersions, [finding.component.version]).slice(0, 3);
}

/** The sentence a developer acts on: `lodash@4.17.20 is affected by CVE-2021-23337 (high, CVSS 7.2). Upgrade to 4.17.21.` */
export function findingMessage(finding: Finding): string {
  const score = cvssScore(finding);
  // Only a verdict is worth the words: `undetermined` or `not covered` tells a developer nothing to act on.
  const verdict =
    finding.applicability === 'applicable' || finding.applicability === 'not applicable'
      ? `; contextual analysis: ${finding.applicability}`
      : '';
  const detail = `${score !== undefined ? `${finding.severity}, CVSS ${score.toFixed(1)}` : finding.severity}${verdict}`;
  const fix = finding.fixedVersions.length
    ? `Upgrade to ${advisedVersions(finding).join(' or ')}.`
    : 'No fixed version is known.';
  return `${componentLabel(finding)} is affected by ${finding.id} (${detail}). ${fix}`;
}
