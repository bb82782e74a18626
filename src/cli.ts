#!/usr/bin/env node
import { VERSION } from './version.js';

/** The oldest Node.js the commands run on (package.json `engines`): older ones lack what undici uses. */
const MIN_NODE = [22, 19] as const;

function oldNode(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1]);
}

/** Exit 2 (errors.ts's BadInput: also an output that cannot be written), here where loading it would slow `--version`. */
const BAD_INPUT = 2;
let stdoutFailed = false;
// A reader that goes away early (`2>&1 | head -1`) must not turn the run's exit code into 1, a failed gate's; nor
// may a write that fails (a full disk under `--json > summary.json`), which uncaught would exit 1 too. Standard
// output carries the run summary, so its loss fails the run; the log's alone changes nothing it did.
process.stderr.on('error', () => {});
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE' || stdoutFailed) return;
  stdoutFailed = true;
  if (!process.exitCode || process.exitCode === 1) process.exitCode = BAD_INPUT;
  const fix = error.code === 'ENOSPC' ? 'free space, or send it elsewhere' : 'send it elsewhere';
  process.stderr.write(
    `error: cannot write to standard output (${error.message}): what it printed (such as the --json run summary) is incomplete; ${fix}.\n`,
  );
});

const argv = process.argv.slice(2);
// `--version` answers before the rest of the CLI is loaded, so scripts that probe it start fast.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (oldNode()) {
  // Said before anything else is loaded: on an older Node a command would fail part way, reading as a bug (exit 4).
  process.stderr.write(
    `error: sca-bridge needs Node.js ${MIN_NODE.join('.')} or newer, and this is v${process.versions.node}: install a newer one (the Action runs on Node.js 24).\n`,
  );
  process.exitCode = BAD_INPUT;
} else {
  const { main } = await import('./cli/main.js');
  const code = await main({
    argv,
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
  // A failed write may be told before the run ends or after: either way its exit code stands, over a pass or a
  // failed gate's (a scanner's failure or a bug says more, and keeps its own).
  process.exitCode = stdoutFailed && code <= 1 ? BAD_INPUT : code;
}
