import { describe, expect, it } from 'vitest';
import { parseFailOn } from '../../../src/config.js';
import {
  countFindings,
  evaluateGate,
  failingViolations,
  uncountedViolationsNote,
  unmatchedWatchesWarning,
} from '../../../src/policy/gate.js';
import type { PolicyViolation } from '../../../src/findings/model.js';
import { aFinding } from '../../helpers/finding.js';

/** An Xray violation that fails the build, not suppressed, of no watch. */
const XRAY_FAIL: PolicyViolation = {
  scanner: 'xray',
  type: 'security',
  policy: 'p',
  state: 'FAIL',
  component: 'c',
  suppressed: false,
};

const findings = [
  aFinding({ severity: 'critical' }),
  aFinding({ severity: 'high' }),
  aFinding({ severity: 'high' }),
  aFinding({ severity: 'low' }),
  aFinding({ severity: 'unknown' }),
  aFinding({ severity: 'critical', suppressed: true }),
];
const counts = countFindings(findings, 1);

function gate(failOn: string, violations = 0, onViolation = false) {
  return evaluateGate(counts, violations, {
    failOn: parseFailOn(failOn),
    failOnText: failOn,
    failOnPolicyViolation: onViolation,
  });
}

describe('the gate', () => {
  it('counts unsuppressed findings by severity', () => {
    expect(counts).toEqual({
      critical: 1,
      high: 2,
      medium: 0,
      low: 1,
      info: 0,
      unknown: 1,
      total: 5,
      suppressed: 1,
    });
  });

  it.each([
    ['none', 'passed', []],
    ['critical', 'failed', ['1 finding of severity critical or above (fail-on: critical)']],
    ['high', 'failed', ['3 findings of severity high or above (fail-on: high)']],
    ['medium', 'failed', ['3 findings of severity medium or above (fail-on: medium)']],
    ['low', 'failed', ['4 findings of severity low or above (fail-on: low)']],
    ['any', 'failed', ['5 findings (fail-on: any)']],
    ['critical:1,high:2', 'passed', []],
    [
      'critical:0,high:1,unknown:0',
      'failed',
      [
        '1 critical finding, over the budget of 0',
        '2 high findings, over the budget of 1',
        '1 unknown finding, over the budget of 0',
      ],
    ],
  ])('fail-on %s → %s', (failOn, result, reasons) => {
    expect(gate(failOn)).toEqual({ result, failOn, reasons });
  });

  it('counts policy violations only when asked', () => {
    expect(gate('none', 2, false).result).toBe('passed');
    expect(gate('none', 2, true)).toEqual({
      result: 'failed',
      failOn: 'none',
      reasons: ['2 policy violations (fail-on-policy-violation)'],
    });
  });

  it('passes on an empty run whatever the rule', () => {
    const empty = countFindings([], 0);
    expect(
      evaluateGate(empty, 0, { failOn: parseFailOn('any'), failOnText: 'any', failOnPolicyViolation: true })
        .result,
    ).toBe('passed');
  });

  it('keeps FAIL violations that are not suppressed, from the named watches', () => {
    const violations: PolicyViolation[] = [
      { ...XRAY_FAIL, watch: 'prod' },
      { ...XRAY_FAIL, watch: 'dev' },
      { ...XRAY_FAIL, watch: 'prod', state: 'WARN' as const },
      { ...XRAY_FAIL, watch: 'prod', suppressed: true },
      { ...XRAY_FAIL },
    ];
    expect(failingViolations(violations, [])).toHaveLength(3);
    expect(failingViolations(violations, ['prod'])).toEqual([violations[0]]);
  });

  it('warns of a watch no imported Xray violation is of, and says how many violations it leaves out', () => {
    const violations = [
      { ...XRAY_FAIL, watch: 'prod' },
      { ...XRAY_FAIL, watch: 'prod' },
      { ...XRAY_FAIL, watch: 'dev' },
      // Neither counts, of any watch.
      { ...XRAY_FAIL, watch: 'prod', state: 'WARN' as const },
      { ...XRAY_FAIL, watch: 'dev', suppressed: true },
    ];
    expect(unmatchedWatchesWarning(violations, ['prod', 'dev'])).toBeUndefined();
    expect(unmatchedWatchesWarning(violations, [])).toBeUndefined();
    // No Xray violation at all: nothing a name could have matched.
    expect(unmatchedWatchesWarning([], ['Prod'])).toBeUndefined();
    expect(unmatchedWatchesWarning(violations, ['Prod', 'dev'])).toBe(
      'Input watches: no Xray violation imported is of "Prod" (names are exact, case included); the violations are of "prod", "dev". 2 of 3 failing violations do not count for the gate.',
    );
  });

  it('says why violations found do not count for the gate: warn-only policies, suppressed, other watches', () => {
    const base: PolicyViolation = { ...XRAY_FAIL, watch: 'prod' };
    const violations: PolicyViolation[] = [
      base,
      { ...base, state: 'WARN' },
      { ...base, scanner: 'dependency-track', state: 'INFO' },
      { ...base, suppressed: true },
      { ...base, watch: 'dev' },
    ];
    const note = (watches: string[]) =>
      uncountedViolationsNote(violations, failingViolations(violations, watches));
    expect(note(['prod'])).toBe(
      'fail-on-policy-violation: 1 of 5 policy violations count for the gate; 2 of policies that only warn (Dependency-Track WARN or INFO, Xray without "fail build"), 1 suppressed, 1 of a watch not named in watches.',
    );
    expect(note([])).toBe(
      'fail-on-policy-violation: 2 of 5 policy violations count for the gate; 2 of policies that only warn (Dependency-Track WARN or INFO, Xray without "fail build"), 1 suppressed.',
    );
    expect(uncountedViolationsNote([base], [base])).toBeUndefined();
    expect(uncountedViolationsNote([], [])).toBeUndefined();
  });

  it('never lets Xray watches hide a Dependency-Track violation, which has no watch', () => {
    const dt: PolicyViolation = {
      scanner: 'dependency-track',
      type: 'LICENSE',
      policy: 'Forbidden licences',
      state: 'FAIL',
      component: 'c',
      suppressed: false,
    };
    expect(failingViolations([dt], ['prod'])).toEqual([dt]);
  });
});
