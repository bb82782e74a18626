import type { Finding } from './model.js';

/** The CVSS base score that stands for a finding: v4 when present, else v3, else v2. */
export function cvssScore(finding: Pick<Finding, 'cvss'>): number | undefined {
  return finding.cvss.v4?.score ?? finding.cvss.v3?.score ?? finding.cvss.v2?.score;
}

export function cvssVector(finding: Finding): string | undefined {
  return finding.cvss.v4?.vector ?? finding.cvss.v3?.vector ?? finding.cvss.v2?.vector;
}

/** The highest CVSS score among findings, with the vector of the finding that has it; undefined when none has one. */
export function highestCvss(
  findings: readonly Finding[],
): { score: number; vector: string | undefined } | undefined {
  // A loop, not Math.max(...): one advisory may have 100,000 findings, too many arguments for a call.
  let highest: { score: number; finding: Finding } | undefined;
  for (const finding of findings) {
    const score = cvssScore(finding);
    if (score !== undefined && (highest === undefined || score > highest.score)) highest = { score, finding };
  }
  return highest && { score: highest.score, vector: cvssVector(highest.finding) };
}
