import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { readCiContext } from '../ci.js';
import { type Config, type Mode, parseConfig, parseFailOn } from '../config.js';
import { describeError, ExitCode, exitCodeOf, UserError } from '../errors.js';
import { type Logger, StreamLogger } from '../logger.js';
import { evaluateGate } from '../policy/gate.js';
import { runSummarySchema } from '../report/run-summary.js';
import { baseSummary, runScan } from '../run.js';
import { VERSION } from '../version.js';
import { type ParsedArgs, parseCliArgs } from './args.js';
import { HELP } from './help.js';

export interface CliIo {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function gitBranch(cwd: string): () => string | undefined {
  return () => {
    try {
      const branch = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], {
        cwd,
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .trim();
      return branch && branch !== 'HEAD' ? branch : undefined;
    } catch {
      return undefined;
    }
  };
}

async function readToken(args: ParsedArgs, env: CliIo['env']): Promise<string | undefined> {
  if (!args.tokenFile) return env.SCA_BRIDGE_TOKEN || undefined;
  try {
    return (await readFile(args.tokenFile, 'utf8')).trim() || undefined;
  } catch {
    throw new UserError(`--token-file: cannot read ${args.tokenFile}.`);
  }
}

async function buildConfig(mode: Mode, args: ParsedArgs, io: CliIo, logger: Logger): Promise<Config> {
  const token = await readToken(args, io.env);
  const webhookSecret = io.env.SCA_BRIDGE_WEBHOOK_SECRET || undefined;
  if (token) logger.secret(token);
  if (webhookSecret) logger.secret(webhookSecret);
  const inputs = {
    ...args.inputs,
    ...(mode === 'import'
      ? { 'import-file': [...args.positionals, ...((args.inputs['import-file'] as string[]) ?? [])] }
      : {}),
    ...(token ? { token } : {}),
    ...(webhookSecret ? { 'webhook-secret': webhookSecret } : {}),
  };
  return parseConfig(mode, inputs, { env: io.env, cwd: io.cwd, gitBranch: gitBranch(io.cwd) });
}

function logOutcome(logger: Logger, status: string, reasons: readonly string[]): void {
  if (status === 'failed') logger.error(`Gate failed: ${reasons.join('; ')}`);
  else logger.info('Gate passed.');
}

async function runImport(args: ParsedArgs, io: CliIo, logger: Logger): Promise<number> {
  const startedAt = new Date();
  const ci = readCiContext(io.env);
  let config: Config | undefined;
  try {
    config = await buildConfig('import', args, io, logger);
    const outcome = await runScan(config, ci, logger, startedAt);
    const { counts } = outcome.summary;
    logger.info(
      `${counts.total} findings: ${counts.critical} critical, ${counts.high} high, ${counts.medium} medium, ${counts.low} low, ${counts.info} info, ${counts.unknown} unknown; ${counts.suppressed} suppressed.`,
    );
    logOutcome(logger, outcome.summary.status, outcome.summary.gate.reasons);
    if (args.json) io.stdout(`${JSON.stringify(outcome.summary, null, 2)}\n`);
    return outcome.exitCode;
  } catch (error) {
    const exitCode = exitCodeOf(error);
    logger.error(describeError(error));
    if (args.json) {
      const summary = {
        ...baseSummary(config ?? {}, ci, startedAt),
        error: { message: describeError(error), exitCode },
      };
      io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    }
    return exitCode;
  }
}

/** `gate <summary.json>`: the second job of GitLab's two-job pattern (SPEC §2, §8). */
async function runGate(args: ParsedArgs, logger: Logger): Promise<number> {
  const [file, ...extra] = args.positionals;
  if (!file || extra.length)
    throw new UserError('gate: name exactly one run summary file (written by `sca-bridge import --json`).');
  let document: unknown;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UserError(`gate: cannot read the run summary ${file}: ${(error as Error).message}`);
  }
  const parsed = runSummarySchema.safeParse(document);
  if (!parsed.success) {
    throw new UserError(
      `gate: ${file} is not an sca-bridge run summary (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}).`,
    );
  }
  const summary = parsed.data;
  if (summary.status === 'error') {
    logger.error(`The scan itself failed: ${summary.error?.message ?? 'see the scan job'}`);
    return summary.error?.exitCode ?? ExitCode.ScannerFailure;
  }
  const failOnText = (args.inputs['fail-on'] as string | undefined) ?? summary.gate.failOn;
  const failOnPolicyViolation =
    args.inputs['fail-on-policy-violation'] !== undefined
      ? args.inputs['fail-on-policy-violation'] === 'true'
      : !!summary.gate.failOnPolicyViolation;
  const gate = evaluateGate(
    summary.counts,
    summary.policyViolations,
    parseFailOn(failOnText),
    failOnText,
    failOnPolicyViolation,
  );
  logOutcome(logger, gate.result, gate.reasons);
  return gate.result === 'failed' ? ExitCode.GateFailed : ExitCode.Ok;
}

export async function main(io: CliIo): Promise<number> {
  let logger: Logger = new StreamLogger(io.stderr);
  try {
    const args = parseCliArgs(io.argv);
    logger = new StreamLogger(io.stderr, args.verbose);
    if (args.version) {
      io.stdout(`${VERSION}\n`);
      return ExitCode.Ok;
    }
    if (args.help || !args.command) {
      io.stdout(HELP);
      return args.command || args.help ? ExitCode.Ok : ExitCode.BadInput;
    }
    switch (args.command) {
      case 'import':
        return await runImport(args, io, logger);
      case 'gate':
        return await runGate(args, logger);
      default:
        throw new UserError(
          `Unknown command "${args.command}". Commands: import, gate. Run \`sca-bridge --help\`.`,
        );
    }
  } catch (error) {
    logger.error(describeError(error));
    return exitCodeOf(error);
  }
}
