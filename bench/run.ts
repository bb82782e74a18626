// `npm run bench`: runs every benchmark in this folder, one process each, and prints their figures.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => !only.length || only.some((o) => name.includes(o)))
  .sort();
for (const name of benches) {
  console.log(`\n## ${name}`);
  execFileSync(process.execPath, ['--import', 'tsx', path.join(here, name)], { stdio: 'inherit' });
}
