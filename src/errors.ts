/**
 * The two kinds of failure a user can act on, kept apart from bugs (any other error, exit 4).
 * Only the front doors catch these and turn them into exit codes.
 */
export const ExitCode = {
  Ok: 0,
  GateFailed: 1,
  BadInput: 2,
  ScannerFailure: 3,
  InternalError: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Bad input: flags, configuration, an unreadable or unrecognised file (exit 2). */
export class UserError extends Error {
  readonly exitCode = ExitCode.BadInput;
  override readonly name = 'UserError';
}

/** The scanner or the network failed: auth refused, unreachable, TLS, timeout, 5xx after retries (exit 3). */
export class ScannerError extends Error {
  readonly exitCode = ExitCode.ScannerFailure;
  override readonly name = 'ScannerError';
}

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof UserError || error instanceof ScannerError) return error.exitCode;
  return ExitCode.InternalError;
}

export const BUG_REPORT_URL = 'https://github.com/sca-bridge/sca-bridge/issues/new';

/** The message a user sees; a bug says so and asks for a report. */
export function describeError(error: unknown): string {
  if (error instanceof UserError || error instanceof ScannerError) return error.message;
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `internal error (a bug in sca-bridge, please report it at ${BUG_REPORT_URL}): ${detail}`;
}
