// Bundles the two front doors with ncc: dist/index.js (the Action) and dist/cli.js (the CLI).
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ncc from '@vercel/ncc';

const ENTRIES = [
  { input: 'src/action.ts', output: 'index.js' },
  { input: 'src/cli.ts', output: 'cli.js', executable: true },
];

await rm('dist', { recursive: true, force: true });
await mkdir('dist', { recursive: true });
for (const entry of ENTRIES) {
  const { code, assets } = await ncc(path.resolve(entry.input), {
    target: 'es2022',
    license: 'licenses.txt',
    quiet: true,
    sourceMap: false,
  });
  await writeFile(path.join('dist', entry.output), code);
  if (entry.executable) await chmod(path.join('dist', entry.output), 0o755);
  for (const [name, asset] of Object.entries(assets)) {
    // Each bundle keeps its own licence list; one package.json written below marks both as ESM.
    if (name === 'package.json') continue;
    const target = name === 'licenses.txt' ? `licenses-${entry.output.replace('.js', '')}.txt` : name;
    await writeFile(path.join('dist', target), asset.source);
  }
}
await writeFile('dist/package.json', '{ "type": "module" }\n');
