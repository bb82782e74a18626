import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './shared.js';

export interface ActionRun {
  code: number | null;
  stdout: string;
  outputs: Record<string, string>;
  /** Variables the step exported for the job's later steps (GITHUB_ENV). */
  exported: Record<string, string>;
  summary: string;
  /** Workflow commands the step printed: `::error file=…,line=…::message`. */
  commands: { command: string; properties: Record<string, string>; message: string }[];
}

/** Reads a GITHUB_OUTPUT file: `name<<delimiter`, value lines, delimiter. */
function readOutputs(file: string): Record<string, string> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const outputs: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match?.[1] || !match[2]) continue;
    const end = lines.indexOf(match[2], i + 1);
    outputs[match[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

function unescape(value: string): string {
  return value
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

function readCommands(stdout: string): ActionRun['commands'] {
  return stdout.split('\n').flatMap((line) => {
    const match = /^::([a-z-]+)( [^:]*)?::(.*)$/.exec(line);
    if (!match?.[1]) return [];
    const properties = Object.fromEntries(
      (match[2] ?? '')
        .trim()
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const eq = pair.indexOf('=');
          return [pair.slice(0, eq), unescape(pair.slice(eq + 1))];
        }),
    );
    return [{ command: match[1], properties, message: unescape(match[3] ?? '') }];
  });
}

/**
 * Runs dist/index.js the way the runner does: inputs as `INPUT_*` variables, outputs and the job summary
 * through the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY name, in a workspace folder.
 */
export function runAction(
  inputs: Record<string, string>,
  options: { workspace: string; env?: Record<string, string>; event?: unknown },
): Promise<ActionRun> {
  const temp = mkdtempSync(path.join(tmpdir(), 'sca-bridge-runner-'));
  const outputFile = path.join(temp, 'output');
  const envFile = path.join(temp, 'env');
  const summaryFile = path.join(temp, 'summary');
  const eventFile = path.join(temp, 'event.json');
  writeFileSync(outputFile, '');
  writeFileSync(envFile, '');
  writeFileSync(summaryFile, '');
  writeFileSync(eventFile, JSON.stringify(options.event ?? {}));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_ENV: envFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '42',
    RUNNER_TEMP: temp,
    ...Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]),
    ),
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/index.js')], {
      cwd: options.workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        stdout,
        outputs: readOutputs(outputFile),
        exported: readOutputs(envFile),
        summary: readFileSync(summaryFile, 'utf8'),
        commands: readCommands(stdout),
      }),
    );
  });
}

/** What .NET's `TrimStart()` strips (Char.IsWhiteSpace), which the runner does before it looks for `::`. */
const DOTNET_LEADING_WHITESPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * The lines of a step's output the runner acts on as workflow commands, as it reads them (lines end at \r or
 * \n): outside `::stop-commands::` blocks, a line that starts with `::` after .NET's whitespace
 * (ActionCommand.TryParseV2), or holds the older `##[` anywhere (TryParse). The stop markers themselves are left
 * out; a block left open throws.
 */
export function commandsActedOn(output: string): string[] {
  const acted: string[] = [];
  let stoppedUntil: string | undefined;
  for (const line of output.split(/\r\n|\r|\n/)) {
    const trimmed = line.replace(DOTNET_LEADING_WHITESPACE, '');
    if (stoppedUntil) {
      if (trimmed === stoppedUntil) stoppedUntil = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(trimmed);
    if (stop?.[1]) stoppedUntil = `::${stop[1]}::`;
    else if (trimmed.startsWith('::') || line.includes('##[')) acted.push(line);
  }
  // A block never closed would hide every later command, this step's own annotations too.
  if (stoppedUntil) throw new Error(`The output never resumes workflow commands (${stoppedUntil}).`);
  return acted;
}
