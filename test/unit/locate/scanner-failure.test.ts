import { afterAll, describe, expect, it, vi } from 'vitest';
import { Repository } from '../../../src/locate/repository.js';
import { findingOf, makeRepo, placeIn, removeRepos } from './repo.js';

// A scanner with a bug on some file: every other file must still be read, and the run go on.
vi.mock('../../../src/locate/manifests/npm.js', async (original) => ({
  ...(await original<typeof import('../../../src/locate/manifests/npm.js')>()),
  scanYarnLock: () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
}));

afterAll(removeRepos);

describe('a manifest scanner that fails on one file', () => {
  const root = makeRepo({
    'package.json': ['{', '  "dependencies": {', '    "lodash": "^4.17.20"', '  }', '}'],
    'web/yarn.lock': ['lodash@^4.17.20:', '  version "4.17.21"'],
  });

  it('warns naming the file and indexes the others', () => {
    const warnings: string[] = [];
    const repository = new Repository(root, ['package.json', 'web/yarn.lock'], (message) =>
      warnings.push(message),
    );
    expect(warnings).toEqual([
      'web/yarn.lock: could not read its declarations (Maximum call stack size exceeded); findings are placed without it.',
    ]);
    expect(repository.lookup({ ecosystem: 'npm', name: 'lodash' }).map((placed) => placed.uri)).toEqual([
      'package.json',
    ]);
  });

  it('places findings without it, warning through the locator options', async () => {
    const warn = vi.fn();
    const note = vi.fn();
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.21'), { warn, note })).toBe(
      'package.json:3 (manifest)',
    );
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('web/yarn.lock: could not read its declarations'),
    );
    expect(note).not.toHaveBeenCalled();
  });
});

describe('a JSON manifest or lockfile that is not JSON', () => {
  const root = makeRepo({
    'package.json': ['{', '  "dependencies": {', '    "lodash": "4.17.20",'],
    'api/composer.json': ['{ "require": { "monolog/monolog": "2.0.0" } } trailing'],
    'svc/Pipfile.lock': ['{ "default": { "django": { "version": "==3.2.0 } } }'],
    'web/package.json': ['{', '  "dependencies": {', '    "lodash": "4.17.21"', '  }', '}'],
  });

  it('is named in one warning with the others, saying where, and the others are indexed', () => {
    const warnings: string[] = [];
    const files = ['package.json', 'api/composer.json', 'svc/Pipfile.lock', 'web/package.json'];
    const repository = new Repository(root, files, (message) => warnings.push(message));
    // One warning: in the Action each is an annotation, within the step's few.
    expect(warnings).toEqual([
      '3 manifests and lockfiles could not be read, and findings are placed without them: package.json: could not read its declarations (not valid JSON: expected a key at line 4); api/composer.json: could not read its declarations (not valid JSON: text after the document at line 1); svc/Pipfile.lock: could not read its declarations (not valid JSON: unterminated string at line 1).',
    ]);
    expect(repository.lookup({ ecosystem: 'npm', name: 'lodash' }).map((placed) => placed.uri)).toEqual([
      'web/package.json',
    ]);
  });

  it('names five of many in its one warning, and how many more', () => {
    const templates = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [`gen/g${i}/package.json`, ['{ "version": {{ version }} }']]),
    );
    const warnings: string[] = [];
    new Repository(makeRepo(templates), Object.keys(templates), (message) => warnings.push(message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^12 manifests and lockfiles could not be read, .*gen\/g4\/package\.json.*; and 7 more\.$/,
    );
  });

  it('says a document nested deeper than it can read is that, not invalid', () => {
    const deep = makeRepo({ 'package.json': [`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`] });
    const warnings: string[] = [];
    new Repository(deep, ['package.json'], (message) => warnings.push(message));
    expect(warnings).toEqual([
      'package.json: could not read its declarations (nested too deeply to read); findings are placed without it.',
    ]);
  });
});
