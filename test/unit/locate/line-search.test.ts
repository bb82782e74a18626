import { afterAll, describe, expect, it } from 'vitest';
import { LineSearch } from '../../../src/locate/line-search.js';
import { findingOf, locatorFor, makeRepo, removeRepos } from './repo.js';

afterAll(removeRepos);

describe('the line naming a package in a file the scanner named', () => {
  const lines = [
    'lodash.merge lodash-es', // 1
    "deps: ['@babel/core']", // 2
    'LoDash is here', // 3
    '"lodash"', // 4
    'x/@babel/core@7 y', // 5
    '$$$ "@@" @@', // 6
  ];
  const search = new LineSearch(lines);

  it('takes a quoted name before a word, for each name in turn', () => {
    expect(search.lineOf(['lodash'])).toBe(4);
    expect(search.lineOf(['@babel/core', 'core'])).toBe(2);
    expect(search.lineOf(['lodash', '@babel/core'])).toBe(4);
  });

  it('takes the name as a word in any case, not inside a longer name', () => {
    expect(search.lineOf(['LODASH.MERGE'])).toBe(1);
    expect(search.lineOf(['here'])).toBe(3);
    expect(search.lineOf(['babel/core@7'])).toBe(5);
    expect(search.lineOf(['merge'])).toBe(1);
    expect(search.lineOf(['lodash.'])).toBe(1);
  });

  it('finds names without letters or digits, and gives line 1 for a name nowhere', () => {
    expect(search.lineOf(['@@'])).toBe(6);
    expect(search.lineOf(['$$$'])).toBe(6);
    expect(search.lineOf(['left-pad', 'pad'])).toBe(1);
  });
});

describe('a large lockfile the scanner names for findings it does not declare', () => {
  it('places 2,000 findings in a 16 MB yarn.lock once it is read, not one search of it per finding', async () => {
    // Each finding looked at every line with its own regex: this took minutes.
    const entries = Array.from(
      { length: 80_000 },
      (_, i) =>
        `pkg-${i}@^1.0.0:\n  version "1.0.${i % 10}"\n  resolved "https://registry.yarnpkg.com/pkg-${i}/-/pkg-${i}-1.0.0.tgz#0123456789abcdef0123456789abcdef01234567"\n  integrity sha512-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfGhIjKlMnOpQrStUvWx==\n`,
    );
    const root = makeRepo({ 'yarn.lock': `${entries.join('\n')}# uses "acme-widget"\n` });
    const locator = await locatorFor(root);
    const placed = new Set<string>();
    for (let i = 0; i < 2_000; i++) {
      const location = locator.locate(
        findingOf(`pkg:npm/missing-${i}@1.0.0`, { componentPaths: ['yarn.lock'] }),
      );
      placed.add(`${location.uri}:${location.startLine} (${location.rule})`);
    }
    expect([...placed]).toEqual(['yarn.lock:1 (lockfile)']);
    const named = locator.locate(findingOf('pkg:npm/acme-widget@1.0.0', { componentPaths: ['yarn.lock'] }));
    expect(named).toMatchObject({ uri: 'yarn.lock', startLine: 400_000 });
  });
});
