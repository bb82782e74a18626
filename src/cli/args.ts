import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import type { RawInputs } from '../config.js';

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

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const secretFlag = argv.find((arg) => /^--(token|webhook-secret)(=|$)/.test(arg));
  if (secretFlag) {
    const name = secretFlag.replace(/^--/, '').replace(/=.*/, '');
    throw new UserError(
      name === 'token'
        ? '--token is not accepted: a token in a flag leaks into shell history and process lists. Set the SCA_BRIDGE_TOKEN environment variable, or use --token-file <file>.'
        : '--webhook-secret is not accepted: set the SCA_BRIDGE_WEBHOOK_SECRET environment variable instead.',
    );
  }
  const options = {
    ...Object.fromEntries(VALUE_INPUTS.map((name) => [name, { type: 'string' as const }])),
    ...Object.fromEntries(LIST_INPUTS.map((name) => [name, { type: 'string' as const, multiple: true }])),
    ...Object.fromEntries(BOOLEAN_INPUTS.map((name) => [name, { type: 'boolean' as const }])),
    'token-file': { type: 'string' as const },
    json: { type: 'boolean' as const },
    verbose: { type: 'boolean' as const },
    help: { type: 'boolean' as const, short: 'h' },
    version: { type: 'boolean' as const, short: 'v' },
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      allowNegative: true,
      strict: true,
      tokens: true,
    });
  } catch (error) {
    throw new UserError(`${(error as Error).message}. Run \`sca-bridge --help\` for the flags.`);
  }
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
    // ui-url: Dependency-Track's project link; project-key: Xray's reports in a JFrog Project.
    flags: [
      ...CONNECTION,
      'ui-url',
      'project',
      'project-name',
      'project-version',
      'branch',
      'auto-create',
      'project-key',
    ],
  },
};

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A flag the command would not read is refused rather than dropped: the user expects it to do something. */
export function refuseFlags(args: ParsedArgs): void {
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
