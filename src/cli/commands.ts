import { open } from 'node:fs/promises';
import { readCiContext } from '../ci.js';
import {
  type Config,
  type Mode,
  parseConfig,
  parseFailOn,
  type RawInputs,
  registerSecrets,
  text as textInput,
  webhookOfRefusedRun,
  askedOfRefusedRun,
  type WebhookConfig,
} from '../config.js';
import { decodeText } from '../encoding.js';
import { describeError, ExitCode, exitCodeOf, UserError } from '../errors.js';
import { gitBranch, gitOrigin, gitRoot } from '../git.js';
import { type Logger, printable } from '../logger.js';
import { evaluateGate, gateFailedMessage } from '../policy/gate.js';
import { type RunSummary, runSummarySchema } from '../report/run-summary.js';
import { sendWebhook } from '../publish/webhook.js';
import { clearReportsOfRefusedRun, errorSummary, runScan } from '../run.js';
import { scannerAdapter } from '../scanners/index.js';
import { plural } from '../wording.js';
import { looseArgs, type ParsedArgs } from './args.js';

// The commands that do work; main.ts loads this module only when one runs, so `--help` starts fast.

export interface CliIo {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * A value as `--json` prints it. `##[` can only be inside a string, where `##\u005b` is the same JSON: GitHub's
 * runner acts on the older `##[command]` form anywhere in a line of a `run:` step, and a server's text (an error
 * body) must not add one. (`::` needs no care: no line of indented JSON starts with it.)
 */
function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replaceAll('##[', '##\\u005b')}\n`;
}

/**
 * Repository keys, one a line; in a GitHub `run:` step, with the runner's workflow commands stopped if a key
 * (a server's text) could hold one, which a real key never does.
 */
function keyLines(keys: readonly string[], env: CliIo['env']): string {
  return keys.length ? printable(keys.join('\n'), env.GITHUB_ACTIONS === 'true') : '';
}

/**
 * The file's bytes, or undefined past `max`: counted as read, not from its size, which a pipe (`/dev/stdin`,
 * a process substitution) or a device gives as 0 while it may never end.
 */
async function readAtMost(file: string, max: number): Promise<Buffer | undefined> {
  const handle = await open(file, 'r');
  try {
    const chunks: Buffer[] = [];
    const buffer = Buffer.allocUnsafe(2 ** 20);
    let total = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (!bytesRead) return Buffer.concat(chunks, total);
      total += bytesRead;
      if (total > max) return undefined;
      // Copied: a pipe gives a few kilobytes a read, and the buffer is read into again.
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
  } finally {
    await handle.close();
  }
}

/** Far above any token; a file past it (a device that never ends) is not one. */
const TOKEN_MAX_BYTES = 2 ** 20;

async function readToken(args: ParsedArgs, env: CliIo['env']): Promise<string | undefined> {
  if (!args.tokenFile) return env.SCA_BRIDGE_TOKEN || undefined;
  let bytes: Buffer | undefined;
  try {
    bytes = await readAtMost(args.tokenFile, TOKEN_MAX_BYTES);
  } catch {
    throw new UserError(`--token-file: cannot read ${args.tokenFile}.`);
  }
  if (!bytes)
    throw new UserError(`--token-file: ${args.tokenFile} holds more than 1 MiB, which no token does.`);
  // Windows PowerShell 5's `>` writes UTF-16; trimming takes the final line break.
  return decodeText(bytes).trim() || undefined;
}

/** Only `import` reads files named on the command line; elsewhere one is a mistake, not something to drop. */
function refuseFiles(mode: Mode, args: ParsedArgs): void {
  if (mode === 'import' || !args.positionals.length) return;
  const hint =
    mode === 'scan'
      ? ' (an SBOM to upload is --sbom <file>; an export to read is `sca-bridge import <file>`)'
      : '';
  throw new UserError(`${mode}: takes no file, but was given ${args.positionals.join(' ')}${hint}.`);
}

/** The flags' inputs with the webhook secret, which only the environment gives; its secrets masked. */
function inputsOf(flags: RawInputs, io: CliIo, logger: Logger, token?: string): RawInputs {
  const webhookSecret = io.env.SCA_BRIDGE_WEBHOOK_SECRET || undefined;
  const inputs = {
    ...flags,
    ...(token ? { token } : {}),
    ...(webhookSecret ? { 'webhook-secret': webhookSecret } : {}),
  };
  registerSecrets(inputs, logger);
  return inputs;
}

async function buildConfig(mode: Mode, args: ParsedArgs, io: CliIo, logger: Logger): Promise<Config> {
  refuseFiles(mode, args);
  const inputs = inputsOf(args.inputs, io, logger, await readToken(args, io.env));
  return parseConfig(mode, inputs, {
    env: io.env,
    cwd: io.cwd,
    gitBranch,
    gitRoot,
    gitOrigin,
    ...(mode === 'import' ? { files: args.positionals } : {}),
    ...(args.tokenFile ? { tokenFile: args.tokenFile } : {}),
  });
}

function logOutcome(logger: Logger, status: string, reasons: readonly string[]): void {
  if (status === 'failed') logger.error(gateFailedMessage(reasons));
  else logger.info('Gate passed.');
}

/**
 * A `scan` or `import` whose command line could not be parsed (an unknown or repeated flag): the webhook and
 * `--json` still hear of the error, as for any refused run, from what the command line says leniently. No report
 * is removed: nothing in such a command line is taken for a path.
 */
export async function reportUnparsedRun(io: CliIo, error: unknown, logger: Logger): Promise<void> {
  const loose = looseArgs(io.argv);
  if (loose.command !== 'scan' && loose.command !== 'import') return;
  const startedAt = new Date();
  const inputs = inputsOf(loose.inputs, io, logger);
  const summary = errorSummary({ mode: loose.command }, readCiContext(io.env), startedAt, error, logger);
  const webhook = webhookOfRefusedRun(inputs, io.env);
  if (webhook) await sendWebhook(webhook, summary, logger);
  if (loose.json) io.stdout(jsonText(summary));
}

/**
 * Where a CLI run keeps every finding when the SARIF holds only some (GitHub's limits): only what the run
 * writes. GitLab's dependency-scanning report lists every open finding (a vulnerability of several versions
 * in one file is one entry there).
 */
function untruncatedIn(config: Config): string {
  return config.gitlabDependencyReport
    ? `the run summary (--json) counts all of them, and the GitLab dependency-scanning report (${config.gitlabDependencyReport}) lists every open one`
    : 'the run summary (--json) counts all of them; --gitlab-dependency-report writes a file that lists every open one';
}

/** `import` and `scan`: read the sources, report, gate. */
export async function runReport(
  mode: 'import' | 'scan',
  args: ParsedArgs,
  io: CliIo,
  logger: Logger,
): Promise<number> {
  const startedAt = new Date();
  const ci = readCiContext(io.env);
  let config: Config | undefined;
  let webhook: WebhookConfig | undefined;
  let summary: RunSummary;
  let exitCode: number;
  try {
    config = webhook = await buildConfig(mode, args, io, logger);
    const outcome = await runScan(config, ci, logger, { startedAt, untruncatedIn: untruncatedIn(config) });
    ({ summary, exitCode } = outcome);
    const { counts } = summary;
    logger.info(
      `${plural(counts.total, 'finding')}: ${counts.critical} critical, ${counts.high} high, ${counts.medium} medium, ${counts.low} low, ${counts.info} info, ${counts.unknown} unknown; ${counts.suppressed} suppressed.`,
    );
    logOutcome(logger, summary.status, summary.gate.reasons);
  } catch (error) {
    const { positionals: files, tokenFile } = args;
    // Its secrets masked before anything is said of the refusal.
    const inputs = inputsOf(args.inputs, io, logger);
    webhook ??= webhookOfRefusedRun(inputs, io.env);
    if (!config) await clearReportsOfRefusedRun(args.inputs, { files, tokenFile }, logger);
    exitCode = exitCodeOf(error);
    logger.error(describeError(error));
    summary = errorSummary(config ?? askedOfRefusedRun(inputs, mode, io.env), ci, startedAt, error, logger);
  }
  if (webhook) await sendWebhook(webhook, summary, logger);
  if (args.json) io.stdout(jsonText(summary));
  return exitCode;
}

/** Far above any run summary (its metadata included), far below what would not fit in one string. */
const SUMMARY_MAX_BYTES = 64 * 2 ** 20;

/** `gate <summary.json>`: the second job of GitLab's two-job pattern (SPEC §2, §8). */
export async function runGate(args: ParsedArgs, logger: Logger): Promise<number> {
  const [file, ...extra] = args.positionals;
  if (!file || extra.length)
    throw new UserError('gate: name exactly one run summary file (written by `sca-bridge import --json`).');
  let text: string;
  try {
    const bytes = await readAtMost(file, SUMMARY_MAX_BYTES);
    if (!bytes)
      throw new UserError(
        `gate: ${file} holds more than ${SUMMARY_MAX_BYTES / 2 ** 20} MiB, and a run summary takes a few kilobytes: give the file \`sca-bridge import --json\` or \`scan --json\` printed, not an export or a report.`,
      );
    // Windows PowerShell 5's `>` saves the summary as UTF-16, and other tools add a byte-order mark.
    text = decodeText(bytes);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`gate: cannot read the run summary ${file}: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new UserError(
      `gate: ${file} is not valid JSON (${(error as Error).message}); give the run summary \`sca-bridge import --json\` or \`scan --json\` printed, saved as UTF-8 or UTF-16.`,
    );
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
  // Blank is not given, as for `scan` and `import`: `--fail-on "$UNSET"` must not switch the saved gate off.
  const failOnText = textInput(args.inputs, 'fail-on') ?? summary.gate.failOn;
  const failOnPolicyViolation =
    args.inputs['fail-on-policy-violation'] !== undefined
      ? args.inputs['fail-on-policy-violation'] === 'true'
      : !!summary.gate.failOnPolicyViolation;
  // An Xray scan reads violations only when asked to; a summary without them cannot be gated on them. An
  // import reads whatever violations its files hold.
  const scanner = typeof summary.scanner === 'string' ? summary.scanner : '';
  if (
    failOnPolicyViolation &&
    !summary.gate.failOnPolicyViolation &&
    scanner.includes('xray') &&
    summary.mode !== 'import'
  ) {
    throw new UserError(
      'gate: --fail-on-policy-violation, but the Xray scan ran without it and so read no violations; run the scan with --fail-on-policy-violation.',
    );
  }
  const gate = evaluateGate(summary.counts, summary.policyViolations, {
    failOn: parseFailOn(failOnText),
    failOnText,
    failOnPolicyViolation,
  });
  logOutcome(logger, gate.result, gate.reasons);
  return gate.result === 'failed' ? ExitCode.GateFailed : ExitCode.Ok;
}

/** `list-repos`: the Xray repository keys the token can see, one per line (or a JSON array with --json). */
export async function listRepos(args: ParsedArgs, io: CliIo, logger: Logger): Promise<number> {
  // Said before the other inputs are checked: no value of theirs would make another scanner list anything.
  const scanner = textInput(args.inputs, 'scanner') ?? 'xray';
  const adapter = scanner.toLowerCase() === 'xray' ? await scannerAdapter('xray') : undefined;
  if (!adapter?.listRepositories)
    throw new UserError(`list-repos: only Xray has repositories; use --scanner xray (got "${scanner}").`);
  const config = await buildConfig(
    'list-repos',
    { ...args, inputs: { ...args.inputs, scanner } },
    io,
    logger,
  );
  const keys = await adapter.listRepositories({ config, logger });
  io.stdout(args.json ? jsonText(keys) : keyLines(keys, io.env));
  return ExitCode.Ok;
}

/** `test-connection`: URL, TLS, token and its permissions; reports nothing else. */
export async function testConnection(args: ParsedArgs, io: CliIo, logger: Logger): Promise<number> {
  const config = await buildConfig('test-connection', args, io, logger);
  await (await scannerAdapter(config.scanner)).testConnection({ config, logger });
  return ExitCode.Ok;
}
