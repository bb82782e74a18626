// Cold start: `node dist/cli.js --version` against a bare `node -e 0`, median of many runs, and bundle sizes.
// Target (issue 8): within 2x the bare start.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.argv[2] ?? 30);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function time(args: string[]): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

const bare = time(['-e', '0']);
const version = time(['dist/cli.js', '--version']);
const help = time(['dist/cli.js', '--help']);
console.log(`runs: ${RUNS} each, median wall time (node ${process.version})`);
console.log(`node -e 0:                 ${bare.toFixed(1)} ms`);
console.log(
  `node dist/cli.js --version: ${version.toFixed(1)} ms  → ${(version / bare).toFixed(2)}x (target ≤ 2x)`,
);
console.log(
  `node dist/cli.js --help:    ${help.toFixed(1)} ms  → ${(help / bare).toFixed(2)}x (the CLI without its commands)`,
);

console.log('\nbundle sizes:');
for (const dir of ['dist', 'dist/cli']) {
  for (const name of readdirSync(path.join(root, dir))
    .filter((n) => n.endsWith('.js'))
    .sort()) {
    const size = statSync(path.join(root, dir, name)).size;
    console.log(`  ${path.join(dir, name).padEnd(24)} ${(size / 1024).toFixed(0).padStart(6)} KiB`);
  }
}
