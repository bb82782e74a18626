import { chmodSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { listFiles } from '../../../src/locate/files.js';
import { Repository } from '../../../src/locate/repository.js';
import { locatorFor, makeRepo, removeRepos } from './repo.js';

afterAll(removeRepos);

/** Paths the mocked file system refuses with EACCES, as it would a process without the permission. */
const refused = new Set<string>();
const eacces = (file: string) =>
  Object.assign(new Error(`EACCES: permission denied, '${file}'`), { code: 'EACCES' });

vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  return {
    ...fs,
    readdir: (folder: string, options: never) =>
      refused.has(folder) ? Promise.reject(eacces(folder)) : fs.readdir(folder, options),
  };
});

vi.mock('../../../src/paths.js', async (original) => {
  const paths = await original<typeof import('../../../src/paths.js')>();
  return {
    ...paths,
    openRegularFile: (file: string, noFollow?: boolean) => {
      if (refused.has(file)) throw eacces(file);
      return paths.openRegularFile(file, noFollow);
    },
  };
});

const manifest = ['{', '  "dependencies": { "lodash": "4.17.21" }', '}'];
const asRoot = process.getuid?.() === 0;

describe('what the locator cannot read', () => {
  it('names a manifest it cannot open in a warning, and says nothing of one deleted since git listed it', () => {
    const root = makeRepo({ 'package.json': manifest, 'web/package.json': manifest });
    refused.add(path.join(root, 'web/package.json'));
    const warnings: string[] = [];
    const repository = new Repository(root, ['package.json', 'web/package.json', 'gone/pom.xml'], (message) =>
      warnings.push(message),
    );
    expect(warnings).toEqual([
      'web/package.json: could not be read (EACCES); findings are placed without it.',
    ]);
    expect(repository.lookup({ ecosystem: 'npm', name: 'lodash' }).map((placed) => placed.uri)).toEqual([
      'package.json',
    ]);
  });

  it('names a folder it cannot list in a warning, and a run hears of it', async () => {
    const root = makeRepo({ 'package.json': manifest, 'web/package.json': manifest });
    refused.add(path.join(root, 'web'));
    const warnings: string[] = [];
    expect(await listFiles(root, (message) => warnings.push(message))).toEqual(['package.json']);
    await locatorFor(root, { warn: (message) => warnings.push(message) });
    expect(warnings).toEqual(
      Array(2).fill('web: could not list this folder (EACCES); its files are left out.'),
    );
  });

  // Permission bits stop no root process: as root, the mocked refusals above stand in for them.
  it.skipIf(asRoot)('warns of a manifest and a folder without read permission', async () => {
    const root = makeRepo({
      'package.json': manifest,
      'web/package.json': manifest,
      'api/package.json': manifest,
    });
    chmodSync(path.join(root, 'web/package.json'), 0o000);
    chmodSync(path.join(root, 'api'), 0o000);
    const warnings: string[] = [];
    try {
      const files = await listFiles(root, (message) => warnings.push(message));
      new Repository(root, files, (message) => warnings.push(message));
    } finally {
      chmodSync(path.join(root, 'api'), 0o755);
    }
    expect(warnings.sort()).toEqual([
      'api: could not list this folder (EACCES); its files are left out.',
      'web/package.json: could not be read (EACCES); findings are placed without it.',
    ]);
  });
});
