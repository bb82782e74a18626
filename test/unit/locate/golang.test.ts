import { afterAll, describe, expect, it } from 'vitest';
import { findingOf, makeRepo, placeIn, removeRepos, xrayFindingOf } from './repo.js';

afterAll(removeRepos);

const goMod = [
  'module github.com/acme/shop', // 1
  '', // 2
  'go 1.21', // 3
  '', // 4
  'require github.com/google/uuid v1.3.0', // 5
  '', // 6
  'require (', // 7
  '\tgithub.com/gin-gonic/gin v1.9.0', // 8
  '\t// a comment', // 9
  '\tgolang.org/x/net v0.10.0 // indirect', // 10
  ')', // 11
  '', // 12
  'replace golang.org/x/text => golang.org/x/text v0.9.0', // 13
];

describe('golang', () => {
  it('places modules at their go.mod require line', async () => {
    const root = makeRepo({ 'go.mod': goMod });
    expect(await placeIn(root, findingOf('pkg:golang/github.com/google/uuid@v1.3.0'))).toBe(
      'go.mod:5 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:golang/github.com/gin-gonic/gin@v1.9.0'))).toBe(
      'go.mod:8 (manifest)',
    );
    // An indirect requirement is still the line that pins it.
    expect(await placeIn(root, findingOf('pkg:golang/golang.org/x/net@v0.10.0'))).toBe(
      'go.mod:10 (manifest)',
    );
    // A replacement pins the module it replaces with, at its line.
    expect(await placeIn(root, findingOf('pkg:golang/golang.org/x/text@v0.9.0'))).toBe(
      'go.mod:13 (manifest)',
    );
  });

  it('reads a require block whose parenthesis a comment follows, and replace blocks', async () => {
    const root = makeRepo({
      'go.mod': [
        'module example.com/app', // 1
        '', // 2
        'require ( // direct deps', // 3
        '\tgithub.com/gin-gonic/gin v1.7.0', // 4
        ')', // 5
        'replace (', // 6
        '\tgithub.com/old/lib => github.com/new/lib v1.2.3', // 7
        '\tgithub.com/local/lib => ../lib', // 8
        ')', // 9
      ],
    });
    expect(await placeIn(root, findingOf('pkg:golang/github.com/gin-gonic/gin@v1.7.0'))).toBe(
      'go.mod:4 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:golang/github.com/new/lib@v1.2.3'))).toBe(
      'go.mod:7 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:golang/github.com/local/lib@v0.0.0'))).toBe(
      'go.mod:1 (root-manifest)',
    );
  });

  it('places an indirect module at the direct requirement its impact path names', async () => {
    const root = makeRepo({ 'go.mod': goMod });
    const finding = xrayFindingOf('go://golang.org/x/net:v0.10.0', {
      impactPaths: [
        [
          'go://github.com/acme/shop',
          'go://github.com/gin-gonic/gin:v1.9.0',
          'go://golang.org/x/net:v0.10.0',
        ],
      ],
    });
    expect(await placeIn(root, finding)).toBe('go.mod:8 (manifest)');
  });
});
