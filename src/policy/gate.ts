import type { Config } from '../config.js';
import type { Finding, PolicyViolation } from '../findings/model.js';
import { SEVERITIES, type Severity, severityRank } from '../findings/severity.js';
import { plural } from '../wording.js';

export type Counts = Record<Severity, number> & { total: number; suppressed: number };

/** The gate's inputs as Config holds them: `fail-on` parsed and as written (the summary repeats it). */
export type GatePolicy = Pick<Config, 'failOn' | 'failOnText' | 'failOnPolicyViolation'>;

export interface GateResult {
  result: 'passed' | 'failed';
  failOn: string;
  reasons: string[];
}

/** Counts by severity of unsuppressed findings; suppressed ones are counted apart (SPEC §4). */
export function countFindings(findings: readonly Finding[], suppressed: number): Counts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) if (!finding.suppressed) counts[finding.severity] += 1;
  return { ...counts, total: SEVERITIES.reduce((sum, s) => sum + counts[s], 0), suppressed };
}

/**
 * Violations that fail the gate: state FAIL, not suppressed, and for Xray from one of `watches` when given.
 * Dependency-Track has no watches, so `watches` never hides its violations.
 */
export function failingViolations(
  violations: readonly PolicyViolation[],
  watches: readonly string[],
): PolicyViolation[] {
  const watched = (v: PolicyViolation) =>
    v.scanner !== 'xray' || !watches.length || (v.watch !== undefined && watches.includes(v.watch));
  return violations.filter((v) => v.state === 'FAIL' && !v.suppressed && watched(v));
}

/**
 * What to say when `watches` names a watch no Xray violation of an import is of: a misspelt name would quietly
 * leave every violation out of the gate (a scan's watches are checked by Xray itself). Undefined when each
 * name matches.
 */
export function unmatchedWatchesWarning(
  violations: readonly PolicyViolation[],
  watches: readonly string[],
): string | undefined {
  const present = new Set(violations.flatMap((v) => (v.scanner === 'xray' && v.watch ? [v.watch] : [])));
  const unmatched = watches.filter((watch) => !present.has(watch));
  if (!unmatched.length || !violations.some((v) => v.scanner === 'xray')) return undefined;
  const left = violations.filter((v) => v.state === 'FAIL' && !v.suppressed).length;
  const counted = failingViolations(violations, watches).length;
  const found = [...present].slice(0, 5).map((w) => `"${w}"`);
  return `Input watches: no Xray violation imported is of ${unmatched.map((w) => `"${w}"`).join(', ')} (names are exact, case included); the violations are of ${found.length ? `${found.join(', ')}${present.size > 5 ? ', …' : ''}` : 'no named watch'}. ${left - counted} of ${left} failing violations do not count for the gate.`;
}

/**
 * With `fail-on-policy-violation`, why violations that were found do not count for the gate: their policies
 * only warn (Dependency-Track WARN or INFO, Xray without "fail build"), they are suppressed, or of another watch.
 * Undefined when every one counts.
 */
export function uncountedViolationsNote(
  violations: readonly PolicyViolation[],
  failing: readonly PolicyViolation[],
): string | undefined {
  if (failing.length === violations.length) return undefined;
  const warnOnly = violations.filter((v) => v.state !== 'FAIL').length;
  const suppressed = violations.filter((v) => v.state === 'FAIL' && v.suppressed).length;
  const unwatched = violations.length - failing.length - warnOnly - suppressed;
  const reasons = [
    warnOnly &&
      `${warnOnly} of policies that only warn (Dependency-Track WARN or INFO, Xray without "fail build")`,
    suppressed && `${suppressed} suppressed`,
    unwatched && `${unwatched} of a watch not named in watches`,
  ].filter(Boolean);
  return `fail-on-policy-violation: ${failing.length} of ${plural(violations.length, 'policy violation')} count for the gate; ${reasons.join(', ')}.`;
}

/** The step's or the command's failure message for a failed gate. */
export function gateFailedMessage(reasons: readonly string[]): string {
  return `Gate failed: ${reasons.join('; ')}`;
}

/** The gate as a pure function of counts, so `sca-bridge gate` can evaluate it again from a saved run summary. */
export function evaluateGate(
  counts: Counts,
  policyViolations: number,
  { failOn, failOnText, failOnPolicyViolation }: GatePolicy,
): GateResult {
  const reasons: string[] = [];
  if (failOn.kind === 'any' && counts.total > 0) {
    reasons.push(`${plural(counts.total, 'finding')} (fail-on: any)`);
  } else if (failOn.kind === 'threshold') {
    const n = SEVERITIES.filter((s) => severityRank(s) >= severityRank(failOn.severity)).reduce(
      (sum, s) => sum + counts[s],
      0,
    );
    if (n > 0)
      reasons.push(
        `${plural(n, 'finding')} of severity ${failOn.severity} or above (fail-on: ${failOn.severity})`,
      );
  } else if (failOn.kind === 'budgets') {
    for (const severity of SEVERITIES) {
      const budget = failOn.budgets[severity];
      if (budget !== undefined && counts[severity] > budget) {
        reasons.push(`${plural(counts[severity], `${severity} finding`)}, over the budget of ${budget}`);
      }
    }
  }
  if (failOnPolicyViolation && policyViolations > 0) {
    reasons.push(`${plural(policyViolations, 'policy violation')} (fail-on-policy-violation)`);
  }
  return { result: reasons.length ? 'failed' : 'passed', failOn: failOnText, reasons };
}
