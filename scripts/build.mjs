// Bundles the two front doors with ncc: dist/index.js (the Action) and dist/cli.js (the CLI). Each bundle
// keeps its lazily loaded chunks beside it, so the CLI's live in dist/cli/ and dist/cli.js only starts it.
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ncc from '@vercel/ncc';

const ENTRIES = [
  { input: 'src/action.ts', dir: 'dist' },
  { input: 'src/cli.ts', dir: 'dist/cli' },
];

await rm('dist', { recursive: true, force: true });
for (const entry of ENTRIES) {
  await mkdir(entry.dir, { recursive: true });
  const { code, assets } = await ncc(path.resolve(entry.input), {
    target: 'es2022',
    license: 'licenses.txt',
    quiet: true,
    sourceMap: false,
  });
  await writeFile(path.join(entry.dir, 'index.js'), code);
  for (const [name, asset] of Object.entries(assets)) {
    // One package.json, written below, marks every bundle as ESM.
    if (name !== 'package.json') await writeFile(path.join(entry.dir, name), asset.source);
  }
}
await writeFile('dist/package.json', '{ "type": "module" }\n');
await writeFile('dist/cli.js', "#!/usr/bin/env node\nimport './cli/index.js';\n");
await chmod('dist/cli.js', 0o755);
