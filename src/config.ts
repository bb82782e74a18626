import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from './errors.js';
import { isUuid, isWebBase } from './schema.js';
import { readCaFile } from './http/ca-file.js';
import { DEFAULT_SARIF_FILE } from './paths.js';
import { SEVERITIES, type Severity } from './findings/severity.js';
import { IMPORT_FORMATS, type ImportFormatName } from './importers/formats.js';
import type { ScannerName } from './findings/model.js';
import type { Logger } from './logger.js';
import { artifactFileName, forbiddenInArtifactName } from './publish/artifact.js';
import { type FailOn, parseFailOn } from './policy/fail-on.js';

export { type FailOn, parseFailOn };

/** What a run does with its Config; `gate` reads a saved run summary and builds none. */
export type Mode = 'scan' | 'import' | 'test-connection' | 'list-repos';

/** Every input of SPEC §3, validated and typed; the Action, the CLI and GitLab all build this one object. */
export interface Config {
  mode: Mode;
  scanner?: ScannerName;
  apiUrl?: string;
  token?: string;
  uiUrl?: string;
  insecure: boolean;
  caFile?: string;
  timeoutSeconds: number;
  pollIntervalSeconds: number;
  importFiles: string[];
  importFormat: 'auto' | ImportFormatName;
  project?: string;
  projectName?: string;
  projectVersion?: string;
  parentProject?: string;
  isLatest?: boolean;
  sbom?: string;
  /** The file the token was read from (CLI `--token-file`). */
  tokenFile?: string;
  autoCreate: boolean;
  repoKey?: string;
  projectKey?: string;
  watches: string[];
  keepReport: boolean;
  branch?: string;
  includePathPatterns: string[];
  excludePathPatterns: string[];
  environment?: string;
  scanTag?: string;
  metadata: Record<string, string>;
  minSeverity: Severity;
  failOn: FailOn;
  failOnText: string;
  failOnPolicyViolation: boolean;
  includeSuppressed: boolean;
  workingDirectory: string;
  sarifFile: string;
  category?: string;
  annotations: boolean;
  jobSummary: boolean;
  uploadSarif: boolean;
  githubToken?: string;
  uploadArtifact: boolean;
  artifactName?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  gitlabDependencyReport?: string;
  gitlabCodequalityReport?: string;
  /** `GITHUB_WORKFLOW_REF`: the running workflow file is a fallback location. */
  workflowRef?: string;
  /** The repository's root: SARIF paths are relative to it (the working directory may be a subfolder). */
  repositoryRoot: string;
  /** The directory the front door runs in: import files and patterns are read relative to it. */
  cwd: string;
  /** `HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY` as the environment gave them. */
  proxyEnv: Record<string, string | undefined>;
}

/** Raw inputs by their public (kebab-case) names; lists may already be split. */
export type RawInputs = Record<string, string | readonly string[] | undefined>;

/**
 * What a connection test reads but its token (the Action's `token`, the CLI's `--token-file`): ui-url for
 * Dependency-Track's project link, the project for its lookup, project-key for Xray's reports in a JFrog Project.
 */
export const TEST_CONNECTION_INPUTS = [
  'scanner',
  'api-url',
  'insecure',
  'ca-file',
  'timeout',
  'ui-url',
  'project',
  'project-name',
  'project-version',
  'branch',
  'auto-create',
  'project-key',
] as const;

const str = z.string().trim();

/**
 * Dependency-Track writes UUIDs in lower case: one given in upper case names the same project, and must label it
 * (the SARIF category, the summary) as the lower-case one does, or its alerts would be filed twice.
 */
function lowerUuid(value: string | undefined): string | undefined {
  return value !== undefined && isUuid(value) ? value.toLowerCase() : value;
}

/** A text input, trimmed; blank is not given. */
export function text(raw: RawInputs, name: string): string | undefined {
  const value = raw[name];
  const joined = Array.isArray(value) ? value.join('\n') : (value as string | undefined);
  const trimmed = joined?.trim();
  return trimmed ? trimmed : undefined;
}

/** Splits on commas outside braces, so a glob with `{a,b}` in it stays one pattern. */
function splitCommas(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '{') depth += 1;
    else if (char === '}') depth = Math.max(0, depth - 1);
    else if (char === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Lists accept newlines or commas, and repeated flags; `lines` lists (metadata) split on newlines only. */
export function list(raw: RawInputs, name: string, lines = false): string[] {
  const value = raw[name];
  const parts = Array.isArray(value) ? value : value === undefined ? [] : [value as string];
  return parts
    .flatMap((part) => part.split('\n'))
    .flatMap((part) => (lines ? [part] : splitCommas(part)))
    .map((part) => part.trim())
    .filter(Boolean);
}

function bool(raw: RawInputs, name: string, fallback: boolean): boolean {
  const value = text(raw, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UserError(`Input ${name}: expected true or false, got "${text(raw, name)}".`);
}

function existsDirectory(directory: string): boolean {
  try {
    return statSync(directory).isDirectory();
  } catch {
    return false;
  }
}

/** A path input that must name a readable file, checked before anything runs. */
function readableFile(raw: RawInputs, name: string, what: string): string | undefined {
  const value = text(raw, name);
  if (value === undefined) return undefined;
  try {
    accessSync(value, constants.R_OK);
    if (!statSync(value).isFile()) throw new Error('not a file');
  } catch {
    // Read from the current directory, as accessSync reads it: not from working-directory, as users may expect.
    const where = path.isAbsolute(value) ? '' : ` (in ${process.cwd()})`;
    throw new UserError(`Input ${name}: cannot read "${value}"${where}; give the path of ${what}.`);
  }
  return value;
}

/** A number of seconds above 0 and at most `max` (Node's timers overflow past 24.8 days and fire at once). */
function seconds(raw: RawInputs, name: string, fallback: number, max: number): number {
  const value = text(raw, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) {
    throw new UserError(
      `Input ${name}: expected a number of seconds greater than 0 and at most ${max}, got "${value}".`,
    );
  }
  return n;
}

function oneOf<T extends string>(
  raw: RawInputs,
  name: string,
  options: readonly T[],
  fallback?: T,
): T | undefined {
  const value = text(raw, name);
  if (value === undefined) return fallback;
  const match = options.find((option) => option === value.toLowerCase());
  if (!match) throw new UserError(`Input ${name}: expected one of ${options.join(', ')}, got "${value}".`);
  return match;
}

/** URL inputs whose value is itself a secret (chat webhooks carry their token in the path): never echoed. */
const SECRET_URLS = new Set(['webhook-url']);

const SECRET_INPUTS = ['token', 'webhook-secret', 'github-token', ...SECRET_URLS];

/**
 * Masks every secret input, by public name, in all the logger prints. Called on the raw inputs, before they
 * are validated, so that a run whose inputs are refused masks them too.
 */
export function registerSecrets(raw: RawInputs, logger: Logger): void {
  for (const name of SECRET_INPUTS) {
    const value = text(raw, name);
    if (!value) continue;
    // Config keeps a URL without its trailing slashes, and that form is sent. A URL that is a bare origin holds
    // no secret (and its origin is what the logs show of it): masking it would hide the host from every line.
    const kept = SECRET_URLS.has(name) ? value.replace(/\/+$/, '') : value;
    if (SECRET_URLS.has(name) && URL.parse(kept)?.origin === kept) continue;
    logger.secret(value);
    if (kept !== value) logger.secret(kept);
  }
}

function url(raw: RawInputs, name: string): string | undefined {
  const value = text(raw, name);
  if (value === undefined) return undefined;
  const parsed = str.pipe(z.url({ protocol: /^https?$/ })).safeParse(value);
  if (!parsed.success) {
    const got = SECRET_URLS.has(name) ? '' : `, got "${value}"`;
    throw new UserError(`Input ${name}: expected an http(s) URL such as https://scanner.example.com${got}.`);
  }
  const { username, password } = new URL(value);
  if (username || password) {
    const where = SECRET_URLS.has(name) ? 'give a URL without them' : 'give the credentials as the token';
    throw new UserError(
      `Input ${name}: the URL carries a user name or password; remove them and ${where} (they would otherwise reach logs and links).`,
    );
  }
  return value.replace(/\/+$/, '');
}

/**
 * A URL that links are made from by adding paths (`ui-url`): none with a query or fragment, where the paths would
 * land. An API's address differs: its query is dropped as its root is found. Checked after `url`, so a URL it
 * quotes carries no credentials.
 */
function webBase(raw: RawInputs, name: string): string | undefined {
  const value = url(raw, name);
  // As given: `url` takes a trailing `/` off, which may be all a fragment holds (`…/#/`).
  const given = text(raw, name);
  if (value === undefined || given === undefined || isWebBase(given)) return value;
  throw new UserError(
    `Input ${name}: "${given}" has a query or fragment, and sca-bridge adds paths to this address; give it without (such as https://scanner.example.com/base).`,
  );
}

function metadata(raw: RawInputs): Record<string, string> {
  // Made from entries: assigning `out['__proto__'] = value` would set the prototype, and the label be lost.
  const entries = list(raw, 'metadata', true).map((line) => {
    const eq = line.indexOf('=');
    if (eq <= 0) throw new UserError(`Input metadata: expected key=value lines, got "${line}".`);
    return [line.slice(0, eq).trim(), line.slice(eq + 1).trim()] as const;
  });
  // The last would silently win, as no repeated flag does.
  const seen = new Set<string>();
  for (const [key] of entries) {
    if (seen.has(key))
      throw new UserError(
        `Input metadata: the key "${key}" is given twice; give each key once (join several values in one, such as owner=team-a,team-b).`,
      );
    seen.add(key);
  }
  return Object.fromEntries(entries);
}

/** What no token holds, named as a user would spot it; a header cannot carry control characters at all. */
const TOKEN_FLAWS: readonly [RegExp, string][] = [
  [/[\r\n]/, 'a line break'],
  [/\p{Cc}/u, 'a control character'],
  [/[^\x20-\x7e]/, 'a character that is not ASCII (a typographic quote or dash slips in when copying)'],
];

/** Refuses a token no server could accept, before any call; the message never shows it. */
function checkToken(token: string): void {
  const flaw = TOKEN_FLAWS.find(([pattern]) => pattern.test(token));
  if (flaw) {
    throw new UserError(
      `Input token: the token holds ${flaw[1]}; a token is one line of ASCII. Copy it again where it comes from (CLI: SCA_BRIDGE_TOKEN or the file given to --token-file; Action: the token input's secret; GitLab: the masked CI/CD variable SCA_BRIDGE_TOKEN).`,
    );
  }
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The proxy variables, a `host:port` without a scheme read as `http://host:port` (as curl and npm read it).
 * A run that makes no request (an import with no webhook or upload) never uses them, so only a run that does
 * refuses a proxy that is no URL, here, rather than crash in the HTTP client.
 */
function proxyEnv(env: ConfigContext['env'], used: boolean): Record<string, string | undefined> {
  const set = PROXY_VARIABLES.filter((name) => env[name] !== undefined && env[name] !== '');
  const values = Object.fromEntries(
    set.map((name) => {
      const value = env[name] as string;
      return [name, /no_proxy/i.test(name) || value.includes('://') ? value : `http://${value}`];
    }),
  );
  for (const name of used ? set.filter((n) => !/no_proxy/i.test(n)) : []) {
    const url = URL.parse(values[name] as string);
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
      // The value is not shown: it may hold the proxy's password.
      throw new UserError(`${name}: expected a proxy URL such as http://proxy.example.com:3128.`);
    }
    if (!decodes(url.username) || !decodes(url.password)) {
      throw new UserError(
        `${name}: the proxy's user name or password is not URL-encoded; write % as %25, @ as %40 and : as %3A.`,
      );
    }
  }
  return values;
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export interface ConfigContext {
  /** Environment to read CI defaults from (branch, repository); never secrets. */
  env: Readonly<Record<string, string | undefined>>;
  /** Used when neither the input nor CI names the working directory. */
  cwd: string;
  /** The branch checked out in a directory's checkout, read when CI does not say; may return undefined. */
  gitBranch?: (directory: string) => string | undefined;
  /** Files named as arguments (`sca-bridge import a.json`): whole paths, never split on commas. */
  files?: readonly string[];
  /** The git checkout's top folder containing a directory, when it is in one. */
  gitRoot?: (directory: string) => string | undefined;
  /** The URL of the `origin` remote of the checkout containing a directory, when it has one. */
  gitOrigin?: (directory: string) => string | undefined;
  /** The file the CLI read the token from (`--token-file`): an input no report may be written over. */
  tokenFile?: string;
}

/** The repository a remote URL names (`git@host:acme/shop.git`, `https://host/acme/shop`) → `shop`. */
function remoteName(url: string | undefined): string | undefined {
  const name = url
    ?.replace(/[/\\]+$/, '')
    .split(/[/:\\]/)
    .pop()
    ?.replace(/\.git$/, '');
  return name || undefined;
}

/**
 * The repository's name, the default Dependency-Track project name: CI's, else the name the checkout's
 * `origin` remote gives it (a CI other than GitHub's or GitLab's checks out into folders such as `s` or
 * `build`), else the folder name of the working directory's checkout.
 */
function repositoryName(
  env: ConfigContext['env'],
  git: { root: () => string | undefined; origin: () => string | undefined },
): string | undefined {
  const fromCi = (env.GITHUB_REPOSITORY || env.CI_PROJECT_PATH)?.split('/').pop();
  if (fromCi) return fromCi;
  const root = git.root();
  if (!root) return undefined;
  return remoteName(git.origin()) ?? path.basename(root);
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * CI's workspace when it is itself a checkout holding the working directory (a submodule's folder stays a path
 * in it), else the git top folder of the working directory (`actions/checkout` with `path:` puts the checkout
 * in a subfolder of the workspace), else CI's workspace, else the working directory. Compared by real paths (git names the real one; a working directory may be reached through a symbolic
 * link, as /tmp is on macOS), and given as seen from the working directory, so that paths between the two
 * stay right.
 */
function repositoryRoot(
  workingDirectory: string,
  env: ConfigContext['env'],
  gitRoot: () => string | undefined,
): string {
  const from = realPath(workingDirectory);
  const up = (root: string | undefined): string | undefined => {
    if (root === undefined) return undefined;
    const relative = path.relative(from, realPath(root));
    const above = relative === '' || relative.split(path.sep).every((part) => part === '..');
    return above ? path.resolve(workingDirectory, relative) : undefined;
  };
  const workspace = ciWorkspace(env)?.path;
  const checkout = workspace && existsSync(path.join(workspace, '.git')) ? workspace : undefined;
  return up(checkout) ?? up(gitRoot()) ?? up(workspace) ?? workingDirectory;
}

/** CI's workspace variable, when it holds a path: an empty one (`GITHUB_WORKSPACE= sca-bridge …`) is unset. */
function ciWorkspace(env: ConfigContext['env']): { name: string; path: string } | undefined {
  const name = ['GITHUB_WORKSPACE', 'CI_PROJECT_DIR'].find((variable) => env[variable]);
  return name ? { name, path: env[name] as string } : undefined;
}

/** The working directory, and the error to give when it is none, naming where it came from. */
function workingDirectoryOf(raw: RawInputs, ctx: ConfigContext): { path: string; notFound: string } {
  const input = text(raw, 'working-directory');
  const workspace = ciWorkspace(ctx.env);
  if (input === undefined && workspace) {
    return {
      path: workspace.path,
      notFound: `${workspace.name}: "${workspace.path}" is not a directory; set it to the repository folder findings are placed in, or give working-directory.`,
    };
  }
  const dir = input ?? ctx.cwd;
  return {
    path: dir,
    notFound: `Input working-directory: "${dir}" is not a directory; give the repository folder findings are placed in.`,
  };
}

/** CI's branch, else the one checked out where findings are placed (not where the command was started). */
function defaultBranch(ctx: ConfigContext, workingDirectory: string): string | undefined {
  return ciBranch(ctx.env) || ctx.gitBranch?.(workingDirectory) || undefined;
}

function ciBranch(env: ConfigContext['env']): string | undefined {
  return env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME || env.CI_COMMIT_REF_NAME || undefined;
}

/** The reports a run of `scan` or `import` writes, by input name. */
export type ReportPaths = {
  'sarif-file': string;
  'gitlab-dependency-report': string | undefined;
  'gitlab-codequality-report': string | undefined;
};

/** Read from the raw inputs alone, so that a run whose other inputs are refused still knows its reports. */
export function reportPaths(raw: RawInputs): ReportPaths {
  return {
    'sarif-file': text(raw, 'sarif-file') ?? DEFAULT_SARIF_FILE,
    'gitlab-dependency-report': text(raw, 'gitlab-dependency-report'),
    'gitlab-codequality-report': text(raw, 'gitlab-codequality-report'),
  };
}

/** The shortest webhook secret taken: a shorter one is guessable, and is masked as a word wherever it appears. */
const WEBHOOK_SECRET_MIN = 8;

function webhookSecret(raw: RawInputs): string | undefined {
  const secret = text(raw, 'webhook-secret');
  if (secret !== undefined && secret.length < WEBHOOK_SECRET_MIN) {
    throw new UserError(
      `Input webhook-secret: ${secret.length} characters, fewer than ${WEBHOOK_SECRET_MIN}; give a random one (\`openssl rand -hex 32\`) and the same to the receiver.`,
    );
  }
  return secret;
}

/** The ca-file, its certificates parsed now when `parse`: a bad one is refused before the run, not after it. */
function caFile(raw: RawInputs, parse: boolean): string | undefined {
  const file = readableFile(raw, 'ca-file', 'a PEM bundle of CA certificates');
  if (file !== undefined && parse) readCaFile(file);
  return file;
}

/** What sending the webhook takes. */
export type WebhookConfig = Pick<Config, 'webhookUrl' | 'webhookSecret' | 'insecure' | 'caFile' | 'proxyEnv'>;

/**
 * The webhook of a run whose inputs were refused, read from the raw inputs on their own, so that the error still
 * reaches it (SPEC §3: on success, gate failure and error). Undefined without one, or when the inputs it needs
 * are themselves what is wrong.
 */
export function webhookOfRefusedRun(raw: RawInputs, env: ConfigContext['env']): WebhookConfig | undefined {
  try {
    const webhook = webhookInputs(raw, env, true);
    return webhook.webhookUrl ? webhook : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What the summary of a run refused before its configuration was read says it was asked: its mode and gate as
 * given (a webhook reading `failOn: none` of a run asked to fail on high would mislead).
 */
export function askedOfRefusedRun(
  raw: RawInputs,
  mode: Mode | undefined,
  env: ConfigContext['env'],
): Partial<Config> {
  const failOnText = text(raw, 'fail-on');
  const failOnPolicyViolation = switchOfRefusedRun(raw, 'fail-on-policy-violation', false);
  // The branch as given or as CI says (a webhook routes by it, errors too); not the checkout's: the refusal may be
  // the working directory's own.
  const branch = text(raw, 'branch') ?? ciBranch(env);
  return {
    ...(mode ? { mode } : {}),
    ...(failOnText ? { failOnText } : {}),
    failOnPolicyViolation,
    ...(branch ? { branch } : {}),
  };
}

/** `job-summary` as a run refused before its configuration reads it: written unless it says `false`. */
export function jobSummaryOfRefusedRun(raw: RawInputs): boolean {
  return switchOfRefusedRun(raw, 'job-summary', true);
}

/** A switch of a refused run as given, else its default (the refusal may be the switch's own). */
function switchOfRefusedRun(raw: RawInputs, name: string, fallback: boolean): boolean {
  try {
    return bool(raw, name, fallback);
  } catch {
    return fallback;
  }
}

/** The inputs sending the webhook reads, as every run reads them (`proxyUsed`: whether the proxy is checked). */
function webhookInputs(raw: RawInputs, env: ConfigContext['env'], proxyUsed: boolean): WebhookConfig {
  const webhookUrl = url(raw, 'webhook-url');
  return {
    webhookUrl,
    webhookSecret: webhookSecret(raw),
    insecure: bool(raw, 'insecure', false),
    // For the webhook, sent when the run has ended, its certificates are read now; a scan reads them first thing.
    caFile: caFile(raw, webhookUrl !== undefined),
    proxyEnv: proxyEnv(env, proxyUsed),
  };
}

/** The files named as arguments, then those of the `import-file` input. */
export function importFilesOf(raw: RawInputs, files: readonly string[] = []): string[] {
  const value = raw['import-file'];
  // The CLI keeps each --import-file apart: one given empty (`--import-file "$UNSET"`) stays, to be refused as an
  // empty positional one is, rather than dropped with the findings it was meant to name.
  const blank = Array.isArray(value) ? value.filter((part) => !part.trim()) : [];
  return [...files, ...blank, ...list(raw, 'import-file')];
}

/**
 * `artifact-name`, refused here when @actions/artifact would refuse it: it says so only with a warning when the
 * upload starts, after the whole scan, and the step then passes without the artifact.
 */
function artifactName(raw: RawInputs): string | undefined {
  const name = text(raw, 'artifact-name');
  if (name === undefined) return undefined;
  const forbidden = forbiddenInArtifactName(name);
  if (!forbidden.length) return name;
  throw new UserError(
    `Input artifact-name: "${name}" holds ${forbidden.join(', ')}, which GitHub's artifact names cannot hold; name it without (${artifactFileName(name)}), or leave it out for sca-bridge-<scanner>.`,
  );
}

/** Validates every input before anything touches the network (SPEC §3: bad input exits 2, naming the input). */
export function parseConfig(mode: Mode, raw: RawInputs, ctx: ConfigContext): Config {
  const scanner = oneOf(raw, 'scanner', ['dependency-track', 'xray'] as const);
  const failOnText = text(raw, 'fail-on') ?? 'none';
  const working = workingDirectoryOf(raw, ctx);
  const workingDirectory = working.path;
  // One `git rev-parse` at most, for the project's default name and the repository root.
  let root: { path: string | undefined } | undefined;
  const gitRoot = () => (root ??= { path: ctx.gitRoot?.(workingDirectory) }).path;
  const reports = reportPaths(raw);
  const config: Config = definedOnly({
    mode,
    scanner,
    apiUrl: url(raw, 'api-url'),
    token: text(raw, 'token'),
    uiUrl: webBase(raw, 'ui-url'),
    ...webhookInputs(
      raw,
      ctx.env,
      mode !== 'import' || !!text(raw, 'webhook-url') || bool(raw, 'upload-sarif', false),
    ),
    timeoutSeconds: seconds(raw, 'timeout', 600, 86_400),
    pollIntervalSeconds: seconds(raw, 'poll-interval', 5, 3_600),
    importFiles: importFilesOf(raw, ctx.files),
    importFormat: oneOf(raw, 'import-format', ['auto', ...IMPORT_FORMATS] as const, 'auto') ?? 'auto',
    project: lowerUuid(text(raw, 'project')),
    projectName:
      text(raw, 'project-name') ??
      (mode === 'scan' && scanner === 'dependency-track' && !text(raw, 'project')
        ? repositoryName(ctx.env, { root: gitRoot, origin: () => ctx.gitOrigin?.(workingDirectory) })
        : undefined),
    projectVersion: text(raw, 'project-version'),
    parentProject: text(raw, 'parent-project'),
    isLatest: text(raw, 'is-latest') === undefined ? undefined : bool(raw, 'is-latest', false),
    sbom: readableFile(raw, 'sbom', 'a CycloneDX SBOM (JSON or XML)'),
    ...(ctx.tokenFile ? { tokenFile: ctx.tokenFile } : {}),
    autoCreate: bool(raw, 'auto-create', true),
    repoKey: text(raw, 'repo-key'),
    projectKey: text(raw, 'project-key'),
    watches: list(raw, 'watches'),
    keepReport: bool(raw, 'keep-report', false),
    branch: text(raw, 'branch') ?? defaultBranch(ctx, workingDirectory),
    includePathPatterns: list(raw, 'include-path-patterns'),
    excludePathPatterns: list(raw, 'exclude-path-patterns'),
    environment: text(raw, 'environment'),
    scanTag: text(raw, 'scan-tag'),
    metadata: metadata(raw),
    minSeverity: oneOf(raw, 'min-severity', SEVERITIES, 'unknown') ?? 'unknown',
    failOn: parseFailOn(failOnText),
    failOnText,
    failOnPolicyViolation: bool(raw, 'fail-on-policy-violation', false),
    includeSuppressed: bool(raw, 'include-suppressed', false),
    workingDirectory,
    sarifFile: reports['sarif-file'],
    category: text(raw, 'category'),
    annotations: bool(raw, 'annotations', true),
    jobSummary: bool(raw, 'job-summary', true),
    uploadSarif: bool(raw, 'upload-sarif', false),
    githubToken: text(raw, 'github-token'),
    uploadArtifact: bool(raw, 'upload-artifact', false),
    artifactName: artifactName(raw),
    gitlabDependencyReport: reports['gitlab-dependency-report'],
    gitlabCodequalityReport: reports['gitlab-codequality-report'],
    workflowRef: ctx.env.GITHUB_WORKFLOW_REF,
    repositoryRoot: '',
    cwd: ctx.cwd,
  });
  if (!existsDirectory(config.workingDirectory)) throw new UserError(working.notFound);
  config.repositoryRoot = repositoryRoot(config.workingDirectory, ctx.env, gitRoot);
  checkModeInputs(config);
  return config;
}

/** Inputs by name, each with whether a config gives it. */
type InputTable = [input: string, given: (config: Config) => boolean][];

/** The inputs only one scanner reads, and whether a config gives them. */
const SCANNER_INPUTS: Record<ScannerName, InputTable> = {
  'dependency-track': [
    ['sbom', (c) => c.sbom !== undefined],
    ['project', (c) => c.project !== undefined],
    ['project-version', (c) => c.projectVersion !== undefined],
    ['parent-project', (c) => c.parentProject !== undefined],
    // Its off value too is accepted where it is not read, as keep-report's and auto-create's are: a reusable
    // workflow passes `is-latest: false` to every run.
    ['is-latest', (c) => c.isLatest === true],
  ],
  xray: [
    ['repo-key', (c) => c.repoKey !== undefined],
    ['watches', (c) => c.watches.length > 0],
    ['keep-report', (c) => c.keepReport],
  ],
};

/**
 * The inputs only a scan reads: the scanner's API and what is done there. An import reads exported files, and
 * still reads ui-url (links), the labels (project-name, repo-key, …), `sbom` (a place for findings), `watches`
 * (of imported Xray violations), and timeout and poll-interval (the Action's upload-sarif waits by them; the
 * front doors pass them at their defaults, which no check could tell from a value given).
 */
const SCAN_ONLY_INPUTS: InputTable = [
  ['api-url', (c) => c.apiUrl !== undefined],
  ['project-key', (c) => c.projectKey !== undefined],
  ['parent-project', (c) => c.parentProject !== undefined],
  ['is-latest', (c) => c.isLatest === true],
  ['auto-create', (c) => !c.autoCreate],
  ['keep-report', (c) => c.keepReport],
];

/** The TLS inputs, which apply to requests: an import makes one only to send the webhook. */
const TLS_INPUTS: InputTable = [
  ['insecure', (c) => c.insecure],
  ['ca-file', (c) => c.caFile !== undefined],
];

/** Refuses the inputs of `table` a config gives: `Input(s) <names>: <why(them or it)>.` */
function refuseGiven(config: Config, table: InputTable, why: (them: string) => string): void {
  const given = table.filter(([, isGiven]) => isGiven(config)).map(([input]) => input);
  if (!given.length) return;
  const [inputs, them] = given.length > 1 ? ['Inputs', 'them'] : ['Input', 'it'];
  throw new UserError(`${inputs} ${given.join(', ')}: ${why(them)}.`);
}

/**
 * A scan, or an import of one scanner's exports, given the other scanner's inputs would drop them while the user
 * counts on them (an SBOM "scanned" by an Xray repository report, a repository key labelling a Dependency-Track
 * import): refused, naming them.
 */
function refuseOtherScannersInputs(config: Config, scanner: ScannerName): void {
  const other: ScannerName = scanner === 'xray' ? 'dependency-track' : 'xray';
  const [whose, fix] =
    other === 'xray' ? ["Xray's", 'Xray exports'] : ["Dependency-Track's", 'Dependency-Track exports'];
  const reader = `${scanner === 'xray' ? 'an Xray' : 'a Dependency-Track'} ${config.mode}`;
  // An import of either scanner's files places findings by the SBOM (locating's `sbom` rule).
  const inputs =
    config.mode === 'import'
      ? SCANNER_INPUTS[other].filter(([name]) => name !== 'sbom')
      : SCANNER_INPUTS[other];
  refuseGiven(
    config,
    inputs,
    (them) =>
      `${whose}, which ${reader} does not read; leave ${them} out, or ${config.mode === 'import' ? `import ${fix}` : `set scanner: ${other}`}`,
  );
}

/**
 * An import given what only a scan reads would drop it while the user counts on it (a report kept, a project
 * auto-created under a parent): refused, naming it; so is TLS for requests an import does not make.
 */
function refuseScanOnlyInputs(config: Config): void {
  refuseGiven(
    config,
    SCAN_ONLY_INPUTS,
    (them) =>
      `a scan's, which an import does not read (it reads exported files, never the scanner's API; links into the scanner's UI take ui-url); leave ${them} out, or scan (mode scan; CLI: \`sca-bridge scan\`)`,
  );
  if (!config.webhookUrl) {
    refuseGiven(
      config,
      TLS_INPUTS,
      (them) =>
        `TLS settings of the requests a run makes, and an import makes none without webhook-url; leave ${them} out`,
    );
  }
}

/**
 * A Dependency-Track project is named by its UUID or by name and version, not both: the UUID would win, while the
 * summary and SARIF carried the name given (another project's, when they disagree).
 */
function refuseTwoProjects(config: Config): void {
  if (!config.project) return;
  const named = [
    config.projectName !== undefined && 'project-name',
    config.projectVersion !== undefined && 'project-version',
  ].filter((input): input is string => !!input);
  if (!named.length) return;
  throw new UserError(
    `Inputs project and ${named.join(', ')} both name the Dependency-Track project: give its UUID (project), or its name and version (project-name, project-version), not both.`,
  );
}

/** Inputs each mode cannot do without, named with the fix. */
function checkModeInputs(config: Config): void {
  if (config.mode === 'import' && config.importFiles.length === 0) {
    throw new UserError('Input import-file: name at least one exported JSON file (or glob) to import.');
  }
  if (config.mode === 'import' && config.importFiles.includes('-')) {
    throw new UserError(
      'Input import-file: - (standard input) is not read; save the export to a file and name that file.',
    );
  }
  if (config.mode === 'import') {
    refuseScanOnlyInputs(config);
    // The files name their scanner; one named as well says whose inputs apply (files of the other are refused).
    if (config.scanner) refuseOtherScannersInputs(config, config.scanner);
  }
  // Before the scanner's inputs: a scan given an export was most likely meant to be an import.
  // A blank one (`--import-file "$UNSET"`) names nothing a scan would drop.
  if (config.mode === 'scan' && config.importFiles.some((file) => file.trim())) {
    throw new UserError(
      "Inputs mode and import-file conflict: a scan reads findings through the scanner's API, never an export. To read the export, import it (mode import; CLI: `sca-bridge import <file>`); to scan, leave import-file out.",
    );
  }
  if (config.mode === 'scan' && config.importFormat !== 'auto') {
    throw new UserError(
      "Input import-format: an import's, which a scan does not read (it reads findings through the scanner's API, never an export); leave it out, or import the export (mode import; CLI: `sca-bridge import <file>`).",
    );
  }
  if (config.mode === 'scan' || config.mode === 'test-connection' || config.mode === 'list-repos') {
    if (!config.scanner) throw new UserError('Input scanner: set dependency-track or xray.');
    if (config.mode === 'scan') refuseOtherScannersInputs(config, config.scanner);
    if (config.scanner === 'dependency-track') refuseTwoProjects(config);
    if (config.mode === 'scan' && config.scanner === 'xray' && !config.repoKey) {
      throw new UserError(
        'Input repo-key: name the Artifactory repository to report on; `sca-bridge list-repos` (in the CLI) prints the keys the token can see.',
      );
    }
    if (!config.apiUrl) throw new UserError("Input api-url: set the scanner's base URL (https://…).");
    if (!config.token) {
      throw new UserError(
        'Input token: no token given. CLI: set the SCA_BRIDGE_TOKEN environment variable or --token-file; Action: the token input from a secret; GitLab: the masked CI/CD variable SCA_BRIDGE_TOKEN.',
      );
    }
    checkToken(config.token);
  }
}
