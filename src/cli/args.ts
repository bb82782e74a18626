import { type BigIntStats, fstatSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { DEFAULT_SARIF_FILE, sameNode } from '../paths.js';
import { type RawInputs, TEST_CONNECTION_INPUTS } from '../config.js';
import { parseFailOn } from '../policy/fail-on.js';
import { clause } from '../wording.js';

/** Inputs of SPEC §3 that take a value on the command line. */
const VALUE_INPUTS = [
  'scanner',
  'api-url',
  'ui-url',
  'ca-file',
  'timeout',
  'poll-interval',
  'import-format',
  'project',
  'project-name',
  'project-version',
  'parent-project',
  'sbom',
  'repo-key',
  'project-key',
  'branch',
  'environment',
  'scan-tag',
  'min-severity',
  'fail-on',
  'working-directory',
  'sarif-file',
  'category',
  'webhook-url',
  'gitlab-dependency-report',
  'gitlab-codequality-report',
] as const;

/** Inputs that may be repeated (or given comma-separated). */
const LIST_INPUTS = [
  'import-file',
  'watches',
  'include-path-patterns',
  'exclude-path-patterns',
  'metadata',
] as const;

/** Switches; each also has a `--no-` form. */
const BOOLEAN_INPUTS = [
  'insecure',
  'is-latest',
  'auto-create',
  'keep-report',
  'fail-on-policy-violation',
  'include-suppressed',
] as const;

export interface ParsedArgs {
  command: string | undefined;
  positionals: string[];
  /** Every flag given, by its option name and as it was written (`--no-insecure`, `-h`). */
  flags: { name: string; written: string }[];
  inputs: RawInputs;
  json: boolean;
  verbose: boolean;
  help: boolean;
  version: boolean;
  tokenFile?: string;
}

const OPTIONS = {
  ...Object.fromEntries(VALUE_INPUTS.map((name) => [name, { type: 'string' as const }])),
  ...Object.fromEntries(LIST_INPUTS.map((name) => [name, { type: 'string' as const, multiple: true }])),
  ...Object.fromEntries(BOOLEAN_INPUTS.map((name) => [name, { type: 'boolean' as const }])),
  'token-file': { type: 'string' as const },
  json: { type: 'boolean' as const },
  verbose: { type: 'boolean' as const },
  help: { type: 'boolean' as const, short: 'h' },
  version: { type: 'boolean' as const, short: 'v' },
};

/** Every long flag, switches with their `--no-` form. */
const FLAG_NAMES = Object.entries(OPTIONS).flatMap(([name, option]) =>
  option.type === 'boolean' ? [name, `no-${name}`] : [name],
);

/** Edits (insert, delete, replace) between two short strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known flag an unknown one was most likely meant to be: `--fail_on`, `--Fail-On`, `--failon`, `--fial-on`,
 * `--sarif`; none when no flag is that close (two edits at most, one for short names).
 */
export function closestFlag(written: string): string | undefined {
  const name = written.replace(/^-+/, '').toLowerCase().replaceAll('_', '-');
  // A flag cut short (`--sarif`, `--include-path`) when only one starts so.
  const started = FLAG_NAMES.filter((flag) => name.length >= 3 && flag.startsWith(name));
  if (started.length === 1) return `--${started[0]}`;
  const within = name.length > 4 ? 2 : 1;
  let best: { flag: string; distance: number } | undefined;
  for (const flag of FLAG_NAMES) {
    const distance = editDistance(name, flag);
    if (distance <= within && distance < (best?.distance ?? Infinity)) best = { flag, distance };
  }
  return best && `--${best.flag}`;
}

/**
 * Node's own message on one line (it may span several, and ends with a full stop), but for an unknown flag ours,
 * with the flag it was most likely meant to be.
 */
function parseError(error: Error & { code?: string }): UserError {
  const unknown =
    error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? /^Unknown option '(.+?)'/.exec(error.message)?.[1]
      : undefined;
  const help = 'Run `sca-bridge --help` for the flags';
  if (!unknown) return new UserError(`${clause(error.message.split('\n').join(' '))}. ${help}.`);
  const meant = closestFlag(unknown);
  return new UserError(
    meant
      ? `Unknown flag ${unknown}; did you mean ${meant}?`
      : `Unknown flag ${unknown}. ${help} (a file whose name starts with - goes after --).`,
  );
}

/** Values that may carry a token (a chat webhook's path, a URL's login): a message never shows them. */
const URL_INPUTS = new Set(['api-url', 'ui-url', 'webhook-url']);

/** What to do instead of repeating `--fail-on`: the budgets merged, when they are budgets of different severities. */
function failOnOnce(values: readonly string[]): string {
  const joined = values.map((value) => value.trim()).join(',');
  const merged = (() => {
    try {
      return parseFailOn(joined).kind === 'budgets';
    } catch {
      // Not budgets, or one severity given two: one rule is the fix.
      return false;
    }
  })();
  return merged
    ? `give the budgets once, comma-separated: --fail-on ${joined}`
    : 'give one rule: a severity, any, none, or budgets comma-separated such as critical:0,high:5';
}

/** What a flag token gives: its value, or for a switch `true`, and `false` for its `--no-` form. */
function tokenValue(token: { rawName: string; value?: string | undefined }): string {
  return token.value ?? String(!token.rawName.startsWith('--no-'));
}

/**
 * A flag that takes one value, given again with another (`--fail-on critical:0 --fail-on high:5`, `--insecure
 * --no-insecure`), is refused: parseArgs keeps the last, silently dropping the rest. The same value again loses
 * nothing; list flags are repeatable.
 */
function refuseRepeats(
  tokens: readonly { kind: string; name?: string; rawName?: string; value?: string }[],
): void {
  const given = new Map<string, { written: string[]; values: string[] }>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !token.name || !token.rawName) continue;
    if ((LIST_INPUTS as readonly string[]).includes(token.name)) continue;
    const value = tokenValue({ rawName: token.rawName, value: token.value });
    const seen = given.get(token.name) ?? { written: [], values: [] };
    if (!seen.values.includes(value)) seen.values.push(value);
    if (!seen.written.includes(token.rawName)) seen.written.push(token.rawName);
    given.set(token.name, seen);
  }
  for (const [name, { written, values }] of given) {
    if (values.length < 2) continue;
    if (OPTIONS[name as keyof typeof OPTIONS].type === 'boolean') {
      throw new UserError(`${listed(written)} are both given, and only the last would count; give one.`);
    }
    const shown = URL_INPUTS.has(name)
      ? 'with different values (not shown: a URL may carry a token)'
      : `(${listed(values.map((value) => JSON.stringify(value)))})`;
    const fix = name === 'fail-on' ? failOnOnce(values) : 'give it once';
    throw new UserError(
      `--${name} is given more than once ${shown}; it takes one value, and only the last would count: ${fix}.`,
    );
  }
}

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  // Any spelling of them (`--TOKEN`, `--webhook_secret`): a near miss must not be taken for another flag.
  const secretFlag = argv.find((arg) => /^--(token|webhook[-_]secret)(=|$)/i.test(arg));
  if (secretFlag) {
    const name = secretFlag.replace(/^--/, '').replace(/=.*/, '').toLowerCase();
    throw new UserError(
      name === 'token'
        ? '--token is not accepted: a token in a flag leaks into shell history and process lists. Set the SCA_BRIDGE_TOKEN environment variable, or use --token-file <file>.'
        : '--webhook-secret is not accepted: set the SCA_BRIDGE_WEBHOOK_SECRET environment variable instead.',
    );
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw parseError(error as Error);
  }
  refuseRepeats(parsed.tokens);
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const inputs: RawInputs = {};
  for (const name of [...VALUE_INPUTS, ...LIST_INPUTS]) {
    const value = values[name];
    if (value !== undefined) inputs[name] = value as string | string[];
  }
  for (const name of BOOLEAN_INPUTS) {
    if (values[name] !== undefined) inputs[name] = String(values[name]);
  }
  const [command, ...positionals] = parsed.positionals;
  const flags = parsed.tokens.flatMap((token) =>
    token.kind === 'option' ? [{ name: token.name, written: token.rawName }] : [],
  );
  return {
    command,
    positionals,
    flags,
    inputs,
    json: !!values.json,
    verbose: !!values.verbose,
    help: !!values.help,
    version: !!values.version,
    ...(typeof values['token-file'] === 'string' ? { tokenFile: values['token-file'] } : {}),
  };
}

/**
 * What a command line that failed to parse still says, read leniently: the command, and what a webhook and
 * `--json` need to report the refusal. Nothing else is taken from it.
 */
export function looseArgs(argv: readonly string[]): { command?: string; inputs: RawInputs; json: boolean } {
  const { values, positionals, tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    allowPositionals: true,
    allowNegative: true,
    strict: false,
    tokens: true,
  });
  const [command] = positionals;
  const loose = { ...(command ? { command } : {}), json: values.json === true };
  // A webhook input given twice, each time otherwise, is itself wrong (the refusal may be just that): no webhook.
  const seen = new Map<string, string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || !WEBHOOK_INPUTS.includes(token.name)) continue;
    const value = tokenValue(token);
    if ((seen.get(token.name) ?? value) !== value) return { ...loose, inputs: {} };
    seen.set(token.name, value);
  }
  const inputs: RawInputs = Object.fromEntries(seen);
  return { ...loose, inputs };
}

/** The inputs sending a webhook reads from the command line. */
const WEBHOOK_INPUTS = ['webhook-url', 'insecure', 'ca-file'];

/** Flags every command takes. */
const EVERY_COMMAND = ['verbose', 'help', 'version'];

/** How `list-repos` and `test-connection` reach the scanner. */
const CONNECTION = ['scanner', 'api-url', 'token-file', 'insecure', 'ca-file', 'timeout'];

/**
 * What the commands that read little take: the files and the flags commands.ts reads for them, directly or
 * through their Config. `import` and `scan` take every flag (the Action and the GitLab component pass them some
 * they do not use, such as defaults).
 */
export const COMMAND_FLAGS: Readonly<Record<string, { files: string; flags: readonly string[] }>> = {
  gate: { files: '<summary.json>', flags: ['fail-on', 'fail-on-policy-violation'] },
  'list-repos': { files: '', flags: [...CONNECTION, 'project-key', 'json'] },
  'test-connection': {
    files: '',
    flags: [...CONNECTION, ...TEST_CONNECTION_INPUTS.filter((input) => !CONNECTION.includes(input))],
  },
};

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The reports `import` and `scan` write, by input. */
const REPORT_INPUTS = ['sarif-file', 'gitlab-dependency-report', 'gitlab-codequality-report'] as const;

/**
 * With --json the run summary goes to standard output: a report written there too (`--sarif-file /dev/stdout`,
 * or `--json > out.sarif` onto the report's own path) would run the two together into one stream no reader can
 * split. Told by device and inode, whatever the path's spelling (`/dev/fd/1`, a pipe, a terminal, a file).
 */
function refuseReportOnStdout(args: ParsedArgs): void {
  if (!args.json || (args.command !== 'import' && args.command !== 'scan')) return;
  let stdout: BigIntStats;
  try {
    stdout = fstatSync(1, { bigint: true });
  } catch {
    return;
  }
  for (const input of REPORT_INPUTS) {
    // The SARIF is written whether or not its path is given.
    const file = args.inputs[input] ?? (input === 'sarif-file' ? DEFAULT_SARIF_FILE : undefined);
    if (typeof file !== 'string' || !file) continue;
    let stats: BigIntStats | undefined;
    try {
      stats = statSync(file, { bigint: true, throwIfNoEntry: false });
    } catch {
      // Not to be looked at (no permission): writing it is what will say so.
      continue;
    }
    if (stats && sameNode(stats, stdout)) {
      throw new UserError(
        `--${input} ${file} and --json both write to standard output, where the report and the run summary would run together; write the ${input} to a file, or leave out --json.`,
      );
    }
  }
}

/**
 * A flag the command would not read is refused rather than dropped: the user expects it to do something. So is
 * a report written to standard output beside --json's summary.
 */
export function refuseFlags(args: ParsedArgs): void {
  refuseReportOnStdout(args);
  const takes = args.command === undefined ? undefined : COMMAND_FLAGS[args.command];
  if (!takes) return;
  const allowed = new Set([...takes.flags, ...EVERY_COMMAND]);
  const refused = [
    ...new Set(args.flags.filter((flag) => !allowed.has(flag.name)).map((flag) => flag.written)),
  ];
  if (!refused.length) return;
  const what = [takes.files, ...[...takes.flags, 'verbose'].map((name) => `--${name}`)].filter(Boolean);
  throw new UserError(
    `${args.command}: ${listed(refused)} ${refused.length === 1 ? 'does' : 'do'} not apply; ${args.command} takes ${listed(what)}. Run \`sca-bridge ${args.command} --help\`.`,
  );
}
