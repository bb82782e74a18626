import { constants } from 'node:fs';
import { access, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from 'sarif';
import * as core from '@actions/core';
import { readCiContext } from '../ci.js';
import {
  type Config,
  jobSummaryOfRefusedRun,
  type Mode,
  parseConfig,
  type RawInputs,
  registerSecrets,
  TEST_CONNECTION_INPUTS,
  text,
  webhookOfRefusedRun,
  askedOfRefusedRun,
  type WebhookConfig,
} from '../config.js';
import { describeError, exitCodeOf, UserError } from '../errors.js';
import { gitHead, gitRoot } from '../git.js';
import { artifactFileName, uploadUnique } from '../publish/artifact.js';
import { uploadSarif } from '../publish/code-scanning.js';
import { sendWebhook } from '../publish/webhook.js';
import { ANNOTATIONS_PER_JOB, ANNOTATIONS_PER_KIND, planAnnotations } from '../report/annotations.js';
import { githubFileLink, type JobSummaryInput, renderJobSummary } from '../report/job-summary.js';
import { withJsonSink } from '../report/json-file.js';
import type { RunSummary } from '../report/run-summary.js';
import { gateFailedMessage } from '../policy/gate.js';
import {
  clearReportsOfRefusedRun,
  errorSummary,
  runScan,
  type RunOutcome,
  type ScannerReport,
} from '../run.js';
import { scannerAdapter } from '../scanners/index.js';
import { type GitHubContext, readGitHubContext, uploadCommit } from './github-context.js';
import { ActionLogger } from './logger.js';
import { DEFAULT_SARIF_FILE } from '../paths.js';
import { plural } from '../wording.js';

/** Every input action.yml declares, read by its public name. */
export const INPUTS = [
  'mode',
  'scanner',
  'api-url',
  'token',
  'ui-url',
  'insecure',
  'ca-file',
  'timeout',
  'poll-interval',
  'import-file',
  'import-format',
  'project',
  'project-name',
  'project-version',
  'parent-project',
  'is-latest',
  'sbom',
  'auto-create',
  'repo-key',
  'project-key',
  'watches',
  'keep-report',
  'branch',
  'include-path-patterns',
  'exclude-path-patterns',
  'environment',
  'scan-tag',
  'metadata',
  'min-severity',
  'fail-on',
  'fail-on-policy-violation',
  'include-suppressed',
  'working-directory',
  'sarif-file',
  'category',
  'annotations',
  'job-summary',
  'upload-sarif',
  'github-token',
  'upload-artifact',
  'artifact-name',
  'webhook-url',
  'webhook-secret',
] as const;

function readInputs(): RawInputs {
  return Object.fromEntries(INPUTS.map((name) => [name, core.getInput(name)]));
}

/**
 * action.yml's defaults of the inputs a connection test does not read: a value other than these was given.
 * (github-token's default is the job's token: never a choice to warn of.)
 */
const UNREAD_DEFAULTS: Readonly<Record<string, string>> = {
  'poll-interval': '5',
  'import-format': 'auto',
  'keep-report': 'false',
  'min-severity': 'unknown',
  'fail-on': 'none',
  'fail-on-policy-violation': 'false',
  'include-suppressed': 'false',
  'sarif-file': DEFAULT_SARIF_FILE,
  annotations: 'true',
  'job-summary': 'true',
  'upload-sarif': 'false',
  'upload-artifact': 'false',
};

const CONNECTION_READS = new Set<string>(['mode', 'token', 'github-token', ...TEST_CONNECTION_INPUTS]);

/**
 * Says which inputs a connection test leaves unread: the CLI refuses them, but every input reaches the Action,
 * with its default when not given, so only a value other than the default tells that one was given.
 */
function warnUnreadInputs(inputs: RawInputs, logger: ActionLogger): void {
  const given = INPUTS.filter((name) => {
    const value = text(inputs, name)?.toLowerCase();
    return !CONNECTION_READS.has(name) && value !== undefined && value !== (UNREAD_DEFAULTS[name] ?? '');
  });
  if (!given.length) return;
  logger.warn(
    `mode test-connection tests the connection only, and writes, gates and sends nothing: ${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} not read. Use mode scan or import for a run that reads ${given.length === 1 ? 'it' : 'them'}.`,
  );
}

/** `mode` when empty: import if `import-file` is set, else scan (SPEC §2). */
function modeOf(inputs: RawInputs): Mode {
  // Case-blind like every other choice input.
  const mode = (inputs.mode as string | undefined)?.trim().toLowerCase();
  if (!mode) return inputs['import-file'] ? 'import' : 'scan';
  if (mode === 'import' || mode === 'scan' || mode === 'test-connection') return mode;
  throw new UserError(`Input mode: expected scan, import or test-connection, got "${mode}".`);
}

/**
 * Runs `parse`; the refusal of a scan chosen with no scan input given says why a scan was chosen: an
 * `import-file: ${{ steps.x.outputs.path }}` that came out empty looks, to the Action, like none at all (the runner
 * sets every input, empty when not given), and the user would otherwise look for a missing scanner input.
 */
function withInferredMode<T>(inputs: RawInputs, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const nothingGiven = !inputs.mode && !inputs['import-file'] && !inputs.scanner && !inputs['api-url'];
    if (!(error instanceof UserError) || !nothingGiven) throw error;
    throw new UserError(
      `${error.message} (With mode and import-file empty, the Action scans; to import, check that import-file has a value.)`,
    );
  }
}

function setOutputs(summary: RunSummary): void {
  core.setOutput('sarif-file', summary.sarifFile ?? '');
  for (const [key, value] of Object.entries(summary.counts)) core.setOutput(key, String(value));
  core.setOutput('policy-violations', String(summary.policyViolations));
  core.setOutput('gate-result', summary.gate.result);
  core.setOutput('report-url', summary.reportUrl ?? '');
}

/** Where an upload to code scanning goes, and with what token. */
interface CodeScanningTarget {
  token: string;
  repository: string;
  sha: string;
  ref: string;
}

/**
 * What an upload to code scanning needs, or a refusal naming what is missing. Asked before the scan too
 * (`refuseImpossibleUploads`), so a run that could not upload is refused before any network call (SPEC §3).
 */
function codeScanningTarget(config: Config, github: GitHubContext): CodeScanningTarget {
  if (!config.githubToken) {
    throw new UserError(
      'Input github-token: upload-sarif needs a token with security-events: write, and this one is empty (a secret that is not set?). Leave github-token out for the default github.token, or set upload-sarif: false.',
    );
  }
  const { repository, sha, ref } = github;
  if (!repository || !sha || !ref) {
    const unset = Object.entries({ GITHUB_REPOSITORY: repository, GITHUB_SHA: sha, GITHUB_REF: ref })
      .flatMap(([variable, value]) => (value ? [] : [variable]))
      .join(', ');
    throw new UserError(
      `Input upload-sarif: the runner sets no ${unset}, so there is no repository, commit and ref to upload to; run the step in GitHub Actions, or set upload-sarif: false.`,
    );
  }
  return { token: config.githubToken, repository, sha, ref };
}

/**
 * Refuses, before the scan, an upload the run could not make: found only after it, the scan's work would be
 * lost to a bad input. A fork's pull request skips the upload (`uploadToCodeScanning`), so needs nothing.
 */
function refuseImpossibleUploads(config: Config, github: GitHubContext): void {
  if (config.uploadSarif && !github.forkPullRequest) codeScanningTarget(config, github);
}

/** Uploads the SARIF file to code scanning, unless a fork's read-only token makes it impossible. */
async function uploadToCodeScanning(
  config: Config,
  github: GitHubContext,
  logger: ActionLogger,
  notes: string[],
): Promise<void> {
  if (github.forkPullRequest) {
    const note = `upload-sarif skipped: pull requests from forks run with a read-only token. ${config.sarifFile} is still written.`;
    logger.warn(note);
    notes.push(note);
    return;
  }
  const target = codeScanningTarget(config, github);
  const id = await uploadSarif(
    JSON.parse(await readFile(config.sarifFile, 'utf8')) as Log,
    {
      apiUrl: github.apiUrl,
      token: target.token,
      repository: target.repository,
      commitSha: target.sha,
      ref: target.ref,
      checkoutUri: pathToFileURL(config.repositoryRoot).href,
      proxyEnv: config.proxyEnv,
      waitSeconds: Math.min(config.timeoutSeconds, 120),
      pollSeconds: config.pollIntervalSeconds,
    },
    logger,
    (uploaded) => core.setOutput('sarif-id', uploaded),
  );
  notes.push(`Uploaded to code scanning (SARIF id ${id}).`);
}

/** Copies a file into the artifact's folder, under a name the artifact takes, with every secret masked. */
async function addRedacted(from: string, dir: string, name: string, logger: ActionLogger): Promise<void> {
  // A scanner's answer or an export could quote a token back; nothing uploaded may hold one.
  await writeFile(path.join(dir, artifactFileName(name)), logger.redactBytes(await readFile(from)));
}

/**
 * Every finding of the run's reports, each written on its own and masked: one string of them all passes the
 * longest V8 makes at about 115,000 findings, and the artifact was lost.
 */
async function writeFindings(
  file: string,
  reports: readonly ScannerReport[],
  logger: ActionLogger,
): Promise<void> {
  await withJsonSink(file, async (sink) => {
    for (const [r, { findings, ...rest }] of reports.entries()) {
      // `rest` holds the scanner at least, so its JSON opens an object the findings end.
      await sink.write(
        `${r ? ',\n' : '[\n'}${logger.redact(JSON.stringify(rest)).slice(0, -1)},"findings":[`,
      );
      for (const [i, finding] of findings.entries())
        await sink.write(`${i ? ',\n' : '\n'}${logger.redact(JSON.stringify(finding))}`);
      await sink.write(findings.length ? '\n]}' : ']}');
    }
    await sink.write(reports.length ? '\n]\n' : '[]\n');
  });
}

/**
 * The artifact's files: the run summary, the raw scanner JSON (the pages a scan read, kept in `rawDir`) and,
 * when the run finished, the SARIF, every finding (untruncated) and the imported exports. A run that ended in
 * an error has only its summary and the pages read before it, which is what a user needs to see why.
 */
async function artifactFiles(
  summary: RunSummary,
  outcome: RunOutcome | undefined,
  config: Config,
  dir: string,
  logger: ActionLogger,
  rawDir: string | undefined,
): Promise<void> {
  await writeFile(path.join(dir, 'sca-bridge-summary.json'), logger.redact(JSON.stringify(summary, null, 2)));
  if (outcome) {
    await addRedacted(config.sarifFile, dir, path.basename(config.sarifFile), logger);
    await writeFindings(path.join(dir, 'sca-bridge-findings.json'), outcome.reports, logger);
    const imported = outcome.reports.flatMap((r) => (r.source.file ? [r.source.file] : []));
    for (const [i, file] of imported.entries())
      await addRedacted(file, dir, `raw-${i + 1}-${path.basename(file)}`, logger);
  }
  if (rawDir)
    for (const name of await readdir(rawDir))
      await addRedacted(path.join(rawDir, name), dir, `raw-${name}`, logger);
}

/** The run's files (`artifactFiles`) as one workflow artifact. */
async function uploadArtifact(
  summary: RunSummary,
  outcome: RunOutcome | undefined,
  config: Config,
  github: GitHubContext,
  logger: ActionLogger,
  rawDir: string | undefined,
): Promise<void> {
  const dir = await mkdtemp(path.join(github.runnerTemp ?? tmpdir(), 'sca-bridge-'));
  try {
    await artifactFiles(summary, outcome, config, dir, logger, rawDir);
    const { DefaultArtifactClient } = await import('@actions/artifact');
    const scanners = outcome?.reports.map((r) => r.scanner).join('-') || config.scanner || 'run';
    const files = (await readdir(dir)).map((name) => path.join(dir, name));
    await uploadUnique(
      new DefaultArtifactClient(),
      config.artifactName ?? `sca-bridge-${scanners}`,
      files,
      dir,
      logger,
    );
  } finally {
    // Copies of the exports and every finding: hundreds of megabytes the rest of the job need not keep.
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `uploadArtifact`, whose failure is a warning and a note in the job summary: the run's results stand.
 * @actions/artifact prints warnings of its own (a failed upload, GitHub Enterprise Server), counted as the
 * step's annotations (`ActionLogger.counting`).
 */
async function uploadArtifactOrWarn(
  summary: RunSummary,
  outcome: RunOutcome | undefined,
  config: Config,
  github: GitHubContext,
  logger: ActionLogger,
  notes: string[],
  rawDir: string | undefined,
): Promise<boolean> {
  try {
    await logger.counting(() => uploadArtifact(summary, outcome, config, github, logger, rawDir));
    return true;
  } catch (error) {
    const message = `The workflow artifact could not be uploaded: ${(error as Error).message}`;
    logger.warn(message);
    notes.push(message);
    return false;
  }
}

/** The step: one catch for all of it, so a bug anywhere fails the step asking for a report (SPEC §5). */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    await runStep(env);
  } catch (error) {
    core.setFailed(describeError(error));
  }
}

/** What a run of `scan` or `import` left to report; `config` and `outcome` are absent when it failed early. */
interface Ran {
  config?: Config;
  /** Where the webhook goes: the config's, or that of inputs refused before it was built. */
  webhook?: WebhookConfig | undefined;
  outcome?: RunOutcome;
  summary: RunSummary;
  failures: string[];
  /** The scanner's raw answers, for the artifact. */
  rawDir?: string | undefined;
  /** The run's GitHub context, with the commit the lines were read from (`uploadCommit`). */
  filed: GitHubContext;
  /** Whether to write the job summary: `job-summary`, read even when other inputs were refused. */
  jobSummary: boolean;
}

/** Where an Action run keeps every finding when the SARIF holds only some (GitHub's limits). */
function untruncatedIn(config: Config): string {
  return config.uploadArtifact
    ? 'the job summary counts all of them, and the workflow artifact (upload-artifact) is to hold every one: the job summary says whether its upload succeeded'
    : 'the job summary counts all of them, and upload-artifact: true keeps every one in a workflow artifact';
}

/**
 * Reads the inputs and runs the mode; an error becomes the run's error summary and failure. Undefined after
 * a connection test, which reports nothing else (SPEC §2): no summary, no webhook, only a failed step.
 */
async function runMode(
  env: NodeJS.ProcessEnv,
  github: GitHubContext,
  logger: ActionLogger,
): Promise<Ran | undefined> {
  const startedAt = new Date();
  let ci = readCiContext(env);
  let filed = github;
  let config: Config | undefined;
  let mode: Mode | undefined;
  let rawDir: string | undefined;
  const inputs = readInputs();
  try {
    registerSecrets(inputs, logger);
    const chosen = modeOf(inputs);
    mode = chosen;
    const parsed = withInferredMode(inputs, () =>
      parseConfig(chosen, inputs, { env, cwd: process.cwd(), gitRoot }),
    );
    if (parsed.mode === 'test-connection') {
      warnUnreadInputs(inputs, logger);
      await (await scannerAdapter(parsed.scanner)).testConnection({ config: parsed, logger });
      return undefined;
    }
    // Refused like any other bad input: no config, so the earlier run's reports are cleared and nothing uploaded.
    refuseImpossibleUploads(parsed, github);
    config = parsed;
    // The commit the lines are read from: the upload, the job summary's links and the run summary all name it.
    const { repositoryRoot } = config;
    filed = { ...github, ...uploadCommit(github, () => gitHead(repositoryRoot)) };
    ci = { ...ci, commit: filed.sha ?? ci.commit };
    if (config.uploadArtifact && mode === 'scan')
      rawDir = await mkdtemp(path.join(github.runnerTemp ?? tmpdir(), 'sca-bridge-raw-'));
    const outcome = await runScan(config, ci, logger, {
      startedAt,
      keepDir: rawDir,
      untruncatedIn: untruncatedIn(config),
    });
    return {
      config,
      webhook: config,
      outcome,
      summary: outcome.summary,
      failures: [],
      rawDir,
      filed,
      jobSummary: config.jobSummary,
    };
  } catch (error) {
    // Failed by the step's one catch.
    if (mode === 'test-connection') throw error;
    if (mode && !config) await clearReportsOfRefusedRun(inputs, {}, logger);
    return {
      config,
      webhook: config ?? webhookOfRefusedRun(inputs, env),
      summary: errorSummary(config ?? askedOfRefusedRun(inputs, mode, env), ci, startedAt, error, logger),
      failures: [describeError(error)],
      // The pages a scan read before it failed: the artifact of a failed run carries them.
      rawDir,
      filed,
      jobSummary: config?.jobSummary ?? jobSummaryOfRefusedRun(inputs),
    };
  }
}

/** Runs the configured mode and reports in every place GitHub offers. */
async function runStep(env: NodeJS.ProcessEnv): Promise<void> {
  const logger = new ActionLogger();
  const github = readGitHubContext(env);
  const usedInJob = Number(env[JOB_ANNOTATIONS]) || 0;
  let ran: Ran | undefined;
  try {
    ran = await runMode(env, github, logger);
  } catch (error) {
    // A failed connection test: the step's failure message is its one more error annotation.
    recordAnnotationCount(env, logger, usedInJob, 1);
    throw error;
  }
  if (!ran) return recordAnnotationCount(env, logger, usedInJob, 0);
  const { config, outcome, failures, rawDir, filed } = ran;
  let { summary } = ran;
  const notes: string[] = [...(outcome?.notes ?? [])];
  // An errored run sets no outputs: `gate-result` is `passed` or `failed` (SPEC §4), and a later step that
  // checks it must not read an error as a pass.
  if (summary.status !== 'error') setOutputsOrFail(summary, failures);

  const uploadFailure =
    outcome && config?.uploadSarif
      ? await uploadSarifOrFail(config, filed, logger, notes, failures)
      : undefined;
  // The step fails on a failed upload, so the artifact, the webhook and the job summary must not read as a pass,
  // not even to whoever reads only the gate (an error never passes it); the outputs, set above, still give the
  // gate's verdict on the findings.
  if (uploadFailure) summary = erroredAfterGate(summary, uploadFailure);
  // Every finding of the run; for a run that ended in an error, what there is to see why: its summary and the
  // pages it read. The job summary points at the artifact only when it was uploaded.
  const artifact = config?.uploadArtifact
    ? (await uploadArtifactOrWarn(summary, outcome, config, filed, logger, notes, rawDir))
      ? 'uploaded'
      : 'failed'
    : undefined;
  // The webhook, and the warning of a job summary that cannot be written, before the annotations: whatever
  // they print is then counted in the step's caps.
  if (ran.webhook) await sendWebhook(ran.webhook, summary, logger);
  const jobSummary = ran.jobSummary && (await stepSummaryWritable(env, logger));
  const annotated =
    outcome && config?.annotations ? annotate(outcome, logger, summary, failures, notes, usedInJob) : 0;
  if (jobSummary) await writeJobSummary(summary, outcome, filed, notes, artifact, logger);
  // The run's own verdict: a failed upload turns `summary` into an error, and the gate's failure still stands.
  if (outcome?.summary.status === 'failed') failures.unshift(gateFailedMessage(outcome.summary.gate.reasons));
  // The step's failure message is one more error annotation.
  recordAnnotationCount(env, logger, usedInJob, annotated + (failures.length ? 1 : 0));
  if (failures.length) core.setFailed(failures.join('\n'));
}

/** A finished run's summary turned into an error's: the gate fails, saying so beside its own reasons. */
function erroredAfterGate(summary: RunSummary, error: NonNullable<RunSummary['error']>): RunSummary {
  const verdict = summary.gate.result === 'passed' ? ' (the findings alone pass it)' : '';
  return {
    ...summary,
    status: 'error',
    error,
    gate: {
      ...summary.gate,
      result: 'failed',
      reasons: [
        ...summary.gate.reasons,
        `the run ended with an error after the gate was evaluated${verdict}`,
      ],
    },
  };
}

/**
 * Whether the runner gave a job summary file this step can write; if not (act, Gitea, a local run), a warning
 * now, counted with the step's other warnings, and the run loses only the summary.
 */
async function stepSummaryWritable(env: NodeJS.ProcessEnv, logger: ActionLogger): Promise<boolean> {
  const file = env.GITHUB_STEP_SUMMARY;
  try {
    if (!file) throw new Error('the runner sets no GITHUB_STEP_SUMMARY');
    // The runner makes the file, and @actions/core writes only to a file that exists; a tool that runs actions
    // locally may leave it to be made.
    await access(file, constants.R_OK | constants.W_OK).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await writeFile(file, '', { flag: 'a' });
    });
    return true;
  } catch (error) {
    logger.warn(`The job summary could not be written: ${(error as Error).message}`);
    return false;
  }
}

/**
 * The outputs, or the step's failure if the runner's output file cannot be written: a later step would read
 * them as empty, which must not pass for a result.
 */
function setOutputsOrFail(summary: RunSummary, failures: string[]): void {
  try {
    setOutputs(summary);
  } catch (error) {
    failures.push(`The step's outputs could not be written (GITHUB_OUTPUT): ${(error as Error).message}`);
  }
}

async function writeJobSummary(
  summary: RunSummary,
  outcome: RunOutcome | undefined,
  github: GitHubContext,
  notes: readonly string[],
  artifact: JobSummaryInput['artifact'],
  logger: ActionLogger,
): Promise<void> {
  const violations = outcome?.violations ?? [];
  const reported = outcome?.reports.reduce((sum, r) => sum + r.violations.length, 0) ?? 0;
  const link =
    github.repository && github.sha
      ? githubFileLink(github.serverUrl, github.repository, github.sha)
      : undefined;
  const markdown = renderJobSummary({
    summary,
    findings: outcome?.findings,
    violations,
    uncountedViolations: reported - violations.length,
    ...(link ? { fileLink: link } : {}),
    notes,
    artifact,
  });
  await core.summary
    .addRaw(logger.redact(markdown))
    .write()
    .catch((error: unknown) =>
      logger.warn(`The job summary could not be written: ${(error as Error).message}`),
    );
}

/**
 * Adds what this step printed to the job's count, for the next sca-bridge step (see JOB_ANNOTATIONS). Mere
 * bookkeeping: a runner without GITHUB_ENV, or one that cannot be written, costs a log line, not the step.
 */
function recordAnnotationCount(
  env: NodeJS.ProcessEnv,
  logger: ActionLogger,
  usedInJob: number,
  ownAnnotations: number,
): void {
  if (!env.GITHUB_ENV) return;
  const { error, warning, notice } = logger.printed;
  try {
    core.exportVariable(JOB_ANNOTATIONS, String(usedInJob + error + warning + notice + ownAnnotations));
  } catch (error) {
    logger.info(`The job's annotation count could not be kept in GITHUB_ENV: ${(error as Error).message}`);
  }
}

/** The upload to code scanning; its failure fails the step and is the run's error. */
async function uploadSarifOrFail(
  config: Config,
  github: GitHubContext,
  logger: ActionLogger,
  notes: string[],
  failures: string[],
): Promise<RunSummary['error']> {
  try {
    await uploadToCodeScanning(config, github, logger, notes);
    return undefined;
  } catch (error) {
    failures.push(describeError(error));
    return { message: `upload-sarif: ${describeError(error)}`, exitCode: exitCodeOf(error) };
  }
}

/**
 * Annotations earlier sca-bridge steps of the job printed, which count against GitHub's 50 per job; each step
 * adds its own for the next (annotations of other actions' steps are not known).
 */
const JOB_ANNOTATIONS = 'SCA_BRIDGE_JOB_ANNOTATIONS';

/**
 * Annotations for the most severe findings, within what the step and the job have left after their own
 * messages; returns how many were printed.
 */
function annotate(
  outcome: RunOutcome,
  logger: ActionLogger,
  summary: RunSummary,
  failures: string[],
  notes: string[],
  usedInJob: number,
): number {
  // The step's failure message (gate or upload) is one more error annotation.
  const failing = summary.status === 'failed' || failures.length > 0 ? 1 : 0;
  const used = { ...logger.printed, error: logger.printed.error + failing };
  const plan = planAnnotations(outcome.findings, used, usedInJob);
  for (const a of plan.annotations) {
    const properties = { title: a.title, file: a.file, startLine: a.startLine };
    if (a.level === 'error') core.error(a.message, properties);
    else if (a.level === 'warning') core.warning(a.message, properties);
    else core.notice(a.message, properties);
  }
  if (plan.omitted > 0) {
    notes.push(
      `${plural(plan.annotations.length, 'finding')} ${plan.annotations.length === 1 ? 'is' : 'are'} annotated; ${plan.omitted} more ${plan.omitted === 1 ? 'is' : 'are'} counted in the table above and listed in the SARIF file within GitHub's limits (GitHub shows ${ANNOTATIONS_PER_KIND} annotations of each kind per step and ${ANNOTATIONS_PER_JOB} per job).`,
    );
  }
  return plan.annotations.length;
}
