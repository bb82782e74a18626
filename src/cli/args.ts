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
  return {
    command,
    positionals,
    inputs,
    json: !!values.json,
    verbose: !!values.verbose,
    help: !!values.help,
    version: !!values.version,
    ...(typeof values['token-file'] === 'string' ? { tokenFile: values['token-file'] } : {}),
  };
}
