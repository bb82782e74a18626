// Its own module: the CLI's flag parsing reads it too, and loads nothing else of the configuration.
import { UserError } from '../errors.js';
import { SEVERITIES, type Severity } from '../findings/severity.js';

export type FailOn =
  | { kind: 'none' }
  | { kind: 'any' }
  | { kind: 'threshold'; severity: Severity }
  | { kind: 'budgets'; budgets: Partial<Record<Severity, number>> };

/** `fail-on`: a severity (that or above), `any`, `none`, or budgets `critical:0,high:5`. */
export function parseFailOn(value: string | undefined): FailOn {
  const input = (value ?? 'none').trim().toLowerCase();
  if (input === '' || input === 'none') return { kind: 'none' };
  if (input === 'any') return { kind: 'any' };
  if ((SEVERITIES as readonly string[]).includes(input) && input !== 'info' && input !== 'unknown') {
    return { kind: 'threshold', severity: input as Severity };
  }
  const budgets: Partial<Record<Severity, number>> = {};
  for (const part of input
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+)\s*:\s*(\d+)$/.exec(part);
    const severity = match?.[1] as Severity | undefined;
    if (!match || !severity || !(SEVERITIES as readonly string[]).includes(severity)) {
      throw new UserError(
        `Input fail-on: expected critical, high, medium, low, any, none, or budgets such as critical:0,high:5; got "${value}".`,
      );
    }
    if (budgets[severity] !== undefined) {
      throw new UserError(
        `Input fail-on: ${severity} is given two budgets in "${value}"; give each severity once.`,
      );
    }
    budgets[severity] = Number(match[2]);
  }
  // Commas alone (`,`) name no budget: read as budgets of nothing, the gate would never fail.
  if (!Object.keys(budgets).length) {
    throw new UserError(
      `Input fail-on: "${value}" names no severity; give critical, high, medium, low, any, none, or budgets such as critical:0,high:5.`,
    );
  }
  return { kind: 'budgets', budgets };
}
