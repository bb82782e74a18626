#!/usr/bin/env node
import { VERSION } from './version.js';

const argv = process.argv.slice(2);
// `--version` answers before the rest of the CLI is loaded, so scripts that probe it start fast.
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
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
