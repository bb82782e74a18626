import type { Severity } from '../findings/severity.js';
import { z } from 'zod';
import type { CiContext } from '../ci.js';
import { ExitCode } from '../errors.js';
import { parseFailOn } from '../policy/fail-on.js';
import type { Counts, GateResult } from '../policy/gate.js';

/** The one JSON object `--json` prints, the webhook sends and `gate` reads (SPEC §4). */
export interface RunSummary {
  status: 'passed' | 'failed' | 'error';
  /** `scan` or `import`; null when the run failed before its configuration was read. */
  mode: 'scan' | 'import' | null;
  scanner: string | null;
  project: string | null;
  repoKey: string | null;
  branch: string | null;
  environment: string | null;
  scanTag: string | null;
  metadata: Record<string, string>;
  counts: Counts;
  /** Violations that count for `fail-on-policy-violation`: state FAIL, not suppressed, within `watches`. */
  policyViolations: number;
  gate: GateResult & { failOnPolicyViolation: boolean };
  sarifFile: string | null;
  reportUrl: string | null;
  truncated?: {
    sarifResultsDropped: number;
    /** The results left out of the SARIF, by severity. */
    sarifResultsDroppedBySeverity: Partial<Record<Severity, number>>;
    helpTrimmed: boolean;
    note: string;
  };
  error?: { message: string; exitCode: number };
  run: CiContext;
  startedAt: string;
  finishedAt: string;
}

const countsSchema = z
  .strictObject({
    total: z.number().int().nonnegative(),
    critical: z.number().int().nonnegative(),
    high: z.number().int().nonnegative(),
    medium: z.number().int().nonnegative(),
    low: z.number().int().nonnegative(),
    info: z.number().int().nonnegative(),
    unknown: z.number().int().nonnegative(),
    suppressed: z.number().int().nonnegative(),
  })
  .refine((c) => c.total === c.critical + c.high + c.medium + c.low + c.info + c.unknown, {
    message: 'total is not the sum of the severities (critical, high, medium, low, info, unknown)',
    path: ['total'],
  });

function isFailOnRule(text: string): boolean {
  if (!text.trim()) return false;
  try {
    parseFailOn(text);
    return true;
  } catch {
    return false;
  }
}

/** What `sca-bridge gate` needs of a saved summary; other fields pass through unchecked. */
export const runSummarySchema = z
  .looseObject({
    status: z.enum(['passed', 'failed', 'error']),
    mode: z.enum(['scan', 'import']).nullable().optional(),
    counts: countsSchema,
    policyViolations: z.number().int().nonnegative(),
    gate: z.looseObject({
      result: z.enum(['passed', 'failed']),
      // What the run wrote: `none` when there was no gate, never blank, which `gate` would read as no gate.
      failOn: z.string().refine(isFailOnRule, {
        message: 'not a fail-on rule (critical, high, medium, low, any, none, or budgets such as critical:0)',
      }),
      failOnPolicyViolation: z.boolean().optional(),
    }),
    // An error exits 2, 3 or 4 (SPEC §5): 0 or 1 (or 256, which exits as 0) would read an error as a verdict.
    error: z
      .object({
        message: z.string(),
        exitCode: z.literal([ExitCode.BadInput, ExitCode.ScannerFailure, ExitCode.InternalError], {
          error: "an error's exit code is 2, 3 or 4",
        }),
      })
      .optional(),
  })
  .refine((summary) => (summary.status === 'error') === (summary.error !== undefined), {
    message: 'an error run, and only one, carries `error`',
    path: ['error'],
  });
