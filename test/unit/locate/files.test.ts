import { execFileSync } from 'node:child_process';
import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../../src/locate/files.js';
import { findingOf, makeRepo, placeIn, removeRepos } from './repo.js';

afterAll(removeRepos);

const declaring = (dependency: string) => [
  '{',
  '  "dependencies": {',
  `    "${dependency}": "1.0.0"`,
  '  }',
  '}',
];

describe('repository files', () => {
  it('reads what git tracks in a checkout, ignoring untracked files', async () => {
    const root = makeRepo(
      {
        'package.json': declaring('express'),
        'app/package.json': declaring('react'),
        'app/vendor/acme/log/composer.json': declaring('lodash'),
      },
      { git: true, untracked: { 'generated/package.json': declaring('lodash') } },
    );
    // Committed dependencies (`vendor/`) are skipped too.
    expect(await listFiles(root)).toEqual(['app/package.json', 'package.json']);
    expect(await placeIn(root, findingOf('pkg:npm/react@1.0.0'))).toBe('app/package.json:3 (manifest)');
    expect(await placeIn(root, findingOf('pkg:npm/lodash@1.0.0'))).toBe('package.json:1 (root-manifest)');
  });

  it('never places a finding in a manifest git lists but that was deleted since', async () => {
    const root = makeRepo(
      { 'package.json': declaring('express'), 'app/pom.xml': ['<project/>'] },
      { git: true },
    );
    rmSync(path.join(root, 'package.json'));
    expect(await listFiles(root)).toContain('package.json');
    expect(await placeIn(root, findingOf('pkg:npm/lodash@1.0.0'))).toBe('app/pom.xml:1 (root-manifest)');
  });

  it('lists a sub-folder of a checkout relative to it', async () => {
    const root = makeRepo({ 'README.md': ['x'], 'app/package.json': declaring('react') }, { git: true });
    expect(await listFiles(path.join(root, 'app'))).toEqual(['package.json']);
    expect(await placeIn(path.join(root, 'app'), findingOf('pkg:npm/react@1.0.0'))).toBe(
      'package.json:3 (manifest)',
    );
  });

  it('walks the folders outside git, skipping installed dependencies, package caches and version control', async () => {
    const root = makeRepo({
      'package.json': declaring('express'),
      'node_modules/express/package.json': declaring('lodash'),
      'vendor/acme/lib/composer.json': declaring('lodash'),
      'web/.venv/lib/requirements.txt': ['lodash'],
      'web/package.json': declaring('react'),
      // The GitLab component's npm cache, as `npx` leaves it, and a Maven repository kept for CI's cache.
      '.sca-bridge-npm/_npx/8d2b1d3c/package.json': declaring('lodash'),
      '.m2/repository/org/acme/lib/1.0/pom.xml': ['<project/>'],
    });
    expect(await listFiles(root)).toEqual(['package.json', 'web/package.json']);
    expect(await placeIn(root, findingOf('pkg:npm/lodash@1.0.0'))).toBe('package.json:1 (root-manifest)');
  });

  it('does not walk the filesystem root, which is no checkout, and says why', async () => {
    const warnings: string[] = [];
    expect(await listFiles('/', (message) => warnings.push(message))).toEqual([]);
    expect(warnings).toEqual([
      "working-directory is the filesystem root (/), not a checkout: its manifests are not searched, so findings go to the fallback file. Set working-directory to the repository's folder, or run from it.",
    ]);
  });

  it('walks a checkout whose folder git does not track', async () => {
    const root = makeRepo(
      { 'README.md': ['x'] },
      { git: true, untracked: { 'build/package.json': declaring('react') } },
    );
    expect(await listFiles(path.join(root, 'build'))).toEqual(['package.json']);
    // Sanity: git does see the checkout.
    expect(execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })).toBe('README.md\n');
  });
});

describe('what git tracks that is not a file', () => {
  it('leaves out symbolic links, inside the repository or out, and a FIFO or device one reaches', async () => {
    const outside = makeRepo({ 'requirements.txt': ['flask==2.0.0'] });
    execFileSync('mkfifo', [path.join(outside, 'fifo')]);
    const root = makeRepo({ 'package.json': declaring('express'), 'app/README.md': ['x'] });
    symlinkSync(path.join(outside, 'fifo'), path.join(root, 'requirements.txt'));
    symlinkSync('/dev/zero', path.join(root, 'package-lock.json'));
    symlinkSync(path.join(outside, 'requirements.txt'), path.join(root, 'app/requirements.txt'));
    symlinkSync('../package.json', path.join(root, 'app/package.json'));
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
    expect(execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' }).split('\n')).toContain(
      'requirements.txt',
    );
    expect(await listFiles(root)).toEqual(['app/README.md', 'package.json']);
  });

  it('does not read through a link the working tree put in place of a tracked file', async () => {
    const outside = makeRepo({ 'requirements.txt': ['flask==2.0.0'] });
    const root = makeRepo(
      { 'package.json': declaring('express'), 'requirements.txt': ['django==4.0'], Gemfile: ["gem 'rails'"] },
      { git: true },
    );
    rmSync(path.join(root, 'requirements.txt'));
    symlinkSync(path.join(outside, 'requirements.txt'), path.join(root, 'requirements.txt'));
    rmSync(path.join(root, 'Gemfile'));
    // Still listed, as a file deleted since is.
    expect(await listFiles(root)).toEqual(['Gemfile', 'package.json', 'requirements.txt']);
    expect(await placeIn(root, findingOf('pkg:pypi/flask@2.0.0'))).toBe('package.json:1 (root-manifest)');
  });

  it('keeps a path in conflict once', async () => {
    const root = makeRepo({ 'package.json': declaring('express') }, { git: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root });
    git('commit', '-qm', 'one');
    git('checkout', '-qb', 'other');
    writeFileSync(path.join(root, 'package.json'), `${declaring('react').join('\n')}\n`);
    git('commit', '-qam', 'two');
    git('checkout', '-q', '-');
    writeFileSync(path.join(root, 'package.json'), `${declaring('lodash').join('\n')}\n`);
    git('commit', '-qam', 'three');
    expect(() => git('merge', '-q', 'other')).toThrow();
    expect(await listFiles(root)).toEqual(['package.json']);
  });
});
