#!/usr/bin/env node
import { VERSION } from './version.js';

/** The oldest Node.js the commands run on (package.json `engines`): older ones lack what undici uses. */
const MIN_NODE = [22, 19] as const;

function oldNode(): boolean {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1]);
}

// A reader that goes away early (`2>&1 | head -1`) must not turn the run's exit code into 1, a failed gate's.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

const argv = process.argv.slice(2);
// `--version` answers before the rest of the CLI is loaded, so scripts that probe it start fast.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else if (oldNode()) {
  // Said before anything else is loaded: on an older Node a command would fail part way, reading as a bug (exit 4).
  process.stderr.write(
    `error: sca-bridge needs Node.js ${MIN_NODE.join('.')} or newer, and this is v${process.versions.node}: install a newer one (the Action runs on Node.js 24).\n`,
  );
  process.exitCode = 2;
} else {
  const { main } = await import('./cli/main.js');
  process.exitCode = await main({
    argv,
    env: process.env,
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
