import { afterAll, describe, expect, it } from 'vitest';
import { buildFinding } from '../../../src/findings/build.js';
import { componentFromPurl } from '../../../src/findings/component.js';
import { scanYarnLock } from '../../../src/locate/manifests/npm.js';
import type { Finding } from '../../../src/findings/model.js';
import { findingOf, locatorFor, makeRepo, placeIn, removeRepos, xrayFindingOf } from './repo.js';

afterAll(removeRepos);

const packageJson = [
  '{', // 1
  '  "name": "my-app",', // 2
  '  "version": "1.0.0",', // 3
  '  "dependencies": {', // 4
  '    "express": "^4.18.0",', // 5
  '    "lodash": "^4.17.20"', // 6
  '  },', // 7
  '  "devDependencies": {', // 8
  '    "@babel/core": "7.0.0"', // 9
  '  },', // 10
  '  "overrides": { "qs": "6.11.0" }', // 11
  '}', // 12
];

const packageLock = [
  '{', // 1
  '  "name": "my-app",', // 2
  '  "lockfileVersion": 3,', // 3
  '  "packages": {', // 4
  '    "": { "name": "my-app", "dependencies": { "lodash": "^4.17.20" } },', // 5
  '    "node_modules/express": { "version": "4.18.0" },', // 6
  '    "node_modules/lodash": { "version": "4.17.21" },', // 7
  '    "node_modules/qs": { "version": "6.11.0" },', // 8
  '    "node_modules/express/node_modules/lodash": {', // 9
  '      "version": "4.17.20"', // 10
  '    },', // 11
  '    "node_modules/@babel/core": { "version": "7.0.0" },', // 12
  '    "node_modules/body-parser": { "version": "1.20.1" }', // 13
  '  }', // 14
  '}', // 15
];

describe('npm', () => {
  it('places a direct dependency at its package.json line, not the lockfile', async () => {
    const root = makeRepo({ 'package.json': packageJson, 'package-lock.json': packageLock });
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.21'))).toBe('package.json:6 (manifest)');
    expect(await placeIn(root, findingOf('pkg:npm/%40babel/core@7.0.0'))).toBe('package.json:9 (manifest)');
  });

  it('places another copy of a direct dependency at its own lockfile entry, not at what the project asks for', async () => {
    // The project asks for lodash ^4.17.20 and gets 4.17.21 at the top; express brings its own 4.17.20.
    const root = makeRepo({ 'package.json': packageJson, 'package-lock.json': packageLock });
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.20'))).toBe('package-lock.json:9 (lockfile)');
    // Without a lockfile nothing says which version the declaration installs.
    const bare = makeRepo({ 'package.json': packageJson });
    expect(await placeIn(bare, findingOf('pkg:npm/lodash@4.17.20'))).toBe('package.json:6 (manifest)');
  });

  it('places a transitive dependency at the direct dependency its impact path names', async () => {
    const root = makeRepo({ 'package.json': packageJson, 'package-lock.json': packageLock });
    const finding = xrayFindingOf('npm://body-parser:1.20.1', {
      impactPaths: [['npm://my-app:1.0.0', 'npm://express:4.18.0', 'npm://body-parser:1.20.1']],
    });
    expect(await placeIn(root, finding)).toBe('package.json:5 (manifest)');
  });

  it('places a transitive dependency without impact path at its lockfile entry, of its version', async () => {
    const root = makeRepo({ 'package.json': packageJson, 'package-lock.json': packageLock });
    expect(await placeIn(root, findingOf('pkg:npm/body-parser@1.20.1'))).toBe(
      'package-lock.json:13 (lockfile)',
    );
  });

  it('places a copy that every impact path shows as transitive at what pulls it in, though the project also asks for it', async () => {
    const root = makeRepo({ 'package.json': packageJson, 'package-lock.json': packageLock });
    const nested = xrayFindingOf('npm://lodash:4.17.20', {
      impactPaths: [['npm://my-app:1.0.0', 'npm://express:4.18.0', 'npm://lodash:4.17.20']],
    });
    expect(await placeIn(root, nested)).toBe('package.json:5 (manifest)');
    const both = xrayFindingOf('npm://lodash:4.17.20', {
      impactPaths: [
        ['npm://my-app:1.0.0', 'npm://express:4.18.0', 'npm://lodash:4.17.20'],
        ['npm://my-app:1.0.0', 'npm://lodash:4.17.20'],
      ],
    });
    expect(await placeIn(root, both)).toBe('package.json:6 (manifest)');
  });

  it('prefers the lockfile entry of the finding’s version', async () => {
    const root = makeRepo({ 'package-lock.json': packageLock });
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.20'))).toBe('package-lock.json:9 (lockfile)');
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.21'))).toBe('package-lock.json:7 (lockfile)');
  });

  it('reads lockfileVersion 1 nested dependencies', async () => {
    const root = makeRepo({
      'package-lock.json': [
        '{', // 1
        '  "lockfileVersion": 1,', // 2
        '  "dependencies": {', // 3
        '    "express": {', // 4
        '      "version": "4.18.0",', // 5
        '      "dependencies": {', // 6
        '        "qs": { "version": "6.9.0" }', // 7
        '      }', // 8
        '    },', // 9
        '    "qs": { "version": "6.11.0" }', // 10
        '  }', // 11
        '}', // 12
      ],
      'package.json': [
        '{',
        '  "dependencies": {',
        '    "express": "^4.18.0",',
        '    "qs": "^6.10.0"',
        '  }',
        '}',
      ],
    });
    // The project's qs is the outermost 6.11.0; 6.9.0 is express's own copy.
    expect(await placeIn(root, findingOf('pkg:npm/qs@6.9.0'))).toBe('package-lock.json:7 (lockfile)');
    expect(await placeIn(root, findingOf('pkg:npm/qs@6.11.0'))).toBe('package.json:4 (manifest)');
  });

  it('reads yarn.lock, classic and Berry', async () => {
    const classic = [
      '# yarn lockfile v1', // 1
      '', // 2
      '"@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":', // 3
      '  version "7.12.13"', // 4
      '', // 5
      'lodash@^4.17.20:', // 6
      '  version "4.17.21"', // 7
    ];
    const berry = [
      '__metadata:', // 1
      '  version: 6', // 2
      '', // 3
      '"lodash@npm:^4.17.20, lodash@npm:^4.17.21":', // 4
      '  version: 4.17.21', // 5
    ];
    const root = makeRepo({ 'classic/yarn.lock': classic, 'berry/yarn.lock': berry });
    expect(await placeIn(root, findingOf('pkg:npm/%40babel/code-frame@7.12.13'))).toBe(
      'classic/yarn.lock:3 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.21'), {})).toBe('berry/yarn.lock:4 (lockfile)');
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.21', { componentPaths: ['classic'] }))).toBe(
      'classic/yarn.lock:6 (lockfile)',
    );
  });

  it('places another copy of a pnpm importer at its packages entry', async () => {
    const lock = [
      "lockfileVersion: '9.0'", // 1
      'importers:', // 2
      '  .:', // 3
      '    dependencies:', // 4
      '      express:', // 5
      '        specifier: ^4.18.0', // 6
      '        version: 4.18.0', // 7
      'packages:', // 8
      '  express@4.18.0:', // 9
      '    resolution: {integrity: sha512-x}', // 10
      '  express@3.21.2:', // 11
      '    resolution: {integrity: sha512-y}', // 12
    ];
    const root = makeRepo({ 'pnpm-lock.yaml': lock });
    expect(await placeIn(root, findingOf('pkg:npm/express@4.18.0'))).toBe('pnpm-lock.yaml:5 (lockfile)');
    expect(await placeIn(root, findingOf('pkg:npm/express@3.21.2'))).toBe('pnpm-lock.yaml:11 (lockfile)');
  });

  it('places another copy of a workspace’s dependency at its lockfile entry (npm and pnpm workspaces)', async () => {
    const workspace = (name: string) => [
      '{', // 1
      `  "name": "${name}",`, // 2
      '  "dependencies": {', // 3
      '    "request": "^2.88.0",', // 4
      '    "uuid": "^11.0.0"', // 5
      '  }', // 6
      '}', // 7
    ];
    const npm = makeRepo({
      'package.json': ['{', '  "name": "root",', '  "workspaces": ["packages/*"]', '}'],
      'packages/a/package.json': workspace('a'),
      'packages/b/package.json': workspace('b'),
      'package-lock.json': [
        '{', // 1
        '  "lockfileVersion": 3,', // 2
        '  "packages": {', // 3
        '    "": { "name": "root", "workspaces": ["packages/*"] },', // 4
        '    "node_modules/request": { "version": "2.88.2" },', // 5
        '    "node_modules/request/node_modules/uuid": { "version": "3.4.0" },', // 6
        '    "node_modules/uuid": { "version": "11.1.0" },', // 7
        '    "packages/a": { "name": "a", "dependencies": { "request": "^2.88.0", "uuid": "^11.0.0" } },', // 8
        '    "packages/b": { "name": "b", "dependencies": { "request": "^2.88.0", "uuid": "^11.0.0" } },', // 9
        '    "packages/b/node_modules/uuid": { "version": "11.0.3" }', // 10
        '  }', // 11
        '}', // 12
      ],
    });
    const uuid = (root: string, version: string) => placeIn(root, findingOf(`pkg:npm/uuid@${version}`));
    expect(await uuid(npm, '3.4.0')).toBe('package-lock.json:6 (lockfile)');
    // packages/a uses the hoisted 11.1.0, packages/b its own 11.0.3.
    expect(await uuid(npm, '11.1.0')).toBe('packages/a/package.json:5 (manifest)');
    expect(await uuid(npm, '11.0.3')).toBe('packages/b/package.json:5 (manifest)');
    const pnpm = makeRepo({
      'package.json': ['{', '  "name": "root"', '}'],
      'packages/c/package.json': workspace('c'),
      'pnpm-lock.yaml': [
        "lockfileVersion: '9.0'", // 1
        'importers:', // 2
        '  .: {}', // 3
        '  packages/c:', // 4
        '    dependencies:', // 5
        '      uuid:', // 6
        '        specifier: ^11.0.0', // 7
        '        version: 11.1.0', // 8
        'packages:', // 9
        '  uuid@11.1.0:', // 10
        '    resolution: {integrity: sha512-x}', // 11
        '  uuid@3.4.0:', // 12
        '    resolution: {integrity: sha512-y}', // 13
      ],
    });
    expect(await uuid(pnpm, '3.4.0')).toBe('pnpm-lock.yaml:12 (lockfile)');
    expect(await uuid(pnpm, '11.1.0')).toBe('packages/c/package.json:5 (manifest)');
  });

  it('reads a pnpm v5 importer version without its peer suffix, so the direct declaration keeps its finding', async () => {
    const lock = [
      'lockfileVersion: 5.4', // 1
      'specifiers:', // 2
      '  react-dom: ^17.0.2', // 3
      'dependencies:', // 4
      '  react-dom: 17.0.2_react@17.0.2', // 5
      'packages:', // 6
      '  /react-dom/17.0.2_react@17.0.2:', // 7
      '    dev: false', // 8
    ];
    const manifest = ['{', '  "dependencies": {', '    "react-dom": "^17.0.2"', '  }', '}'];
    const root = makeRepo({ 'pnpm-lock.yaml': lock, 'package.json': manifest });
    // The project's own declaration, as with npm; not the packages entry of another copy.
    expect(await placeIn(root, findingOf('pkg:npm/react-dom@17.0.2'))).toBe('package.json:3 (manifest)');
  });

  it('reads pnpm-lock.yaml v5, v6 and v9', async () => {
    const v9 = [
      "lockfileVersion: '9.0'", // 1
      'importers:', // 2
      '  .:', // 3
      '    dependencies:', // 4
      '      express:', // 5
      '        specifier: ^4.18.0', // 6
      '        version: 4.18.0', // 7
      'packages:', // 8
      '  express@4.18.0:', // 9
      '    resolution: {integrity: sha512-x}', // 10
      "  '@types/node@20.1.0':", // 11
      '    resolution: {integrity: sha512-y}', // 12
      '  qs@6.11.0(supports-color@8.1.1):', // 13
      '    resolution: {integrity: sha512-z}', // 14
    ];
    const v5 = [
      'lockfileVersion: 5.4', // 1
      'specifiers:', // 2
      '  express: ^4.18.0', // 3
      'dependencies:', // 4
      '  express: 4.18.0', // 5
      'packages:', // 6
      '  /@types/node/20.1.0:', // 7
      '    resolution: {integrity: sha512-y}', // 8
      '  /qs/6.11.0_supports-color@8.1.1:', // 9
      '    dev: false', // 10
    ];
    const v6 = [
      "lockfileVersion: '6.0'", // 1
      'packages:', // 2
      '  /qs@6.11.0:', // 3
      '    dev: false', // 4
    ];
    const root = makeRepo({ 'pnpm-lock.yaml': v9, 'v5/pnpm-lock.yaml': v5, 'v6/pnpm-lock.yaml': v6 });
    // Without a package.json, the importer entry comes before the packages entry of the same version.
    expect(await placeIn(root, findingOf('pkg:npm/express@4.18.0'))).toBe('pnpm-lock.yaml:5 (lockfile)');
    expect(await placeIn(root, findingOf('pkg:npm/%40types/node@20.1.0'))).toBe(
      'pnpm-lock.yaml:11 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:npm/qs@6.11.0'))).toBe('pnpm-lock.yaml:13 (lockfile)');
    expect(await placeIn(root, findingOf('pkg:npm/qs@6.11.0', { componentPaths: ['v5'] }))).toBe(
      'v5/pnpm-lock.yaml:9 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:npm/express@4.18.0', { componentPaths: ['v5'] }))).toBe(
      'v5/pnpm-lock.yaml:5 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:npm/%40types/node@20.1.0', { componentPaths: ['v5'] }))).toBe(
      'v5/pnpm-lock.yaml:7 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:npm/qs@6.11.0', { componentPaths: ['v6'] }))).toBe(
      'v6/pnpm-lock.yaml:3 (lockfile)',
    );
  });

  it('takes the file jf names as the strongest hint, with jf’s name@version impact paths', async () => {
    const root = makeRepo({
      'package.json': packageJson,
      'sub/package.json': ['{', '  "name": "froghome",', '  "dependencies": { "express": "4.18.0" }', '}'],
    });
    const finding = xrayFindingOf('npm://lodash:4.17.20', {
      componentPaths: ['sub/package.json'],
      impactPaths: [['froghome@1.0.0', 'express@4.18.0', 'lodash@4.17.20']],
    });
    expect(await placeIn(root, finding)).toBe('sub/package.json:3 (manifest)');
  });

  it('marks a location as declaring the finding only at a line of its own package and a version that fits', async () => {
    const root = makeRepo({
      'package.json': [
        '{',
        '  "dependencies": {',
        '    "lodash": "4.17.0",',
        '    "uuid": "11.1.0"',
        '  }',
        '}',
      ],
    });
    const locator = await locatorFor(root);
    const where = (finding: Finding) => {
      const { startLine, sameVersion } = locator.locate(finding);
      return `${startLine}${sameVersion ? ' declares it' : ''}`;
    };
    const path = [['froghome@1.0.0', 'lodash@4.17.0', 'ejs@3.1.6']];
    const ejs = xrayFindingOf('npm://ejs:3.1.6', { componentPaths: ['package.json'], impactPaths: path });
    // ejs's line is lodash's, whose version is the path's: lodash's line does not declare ejs.
    expect(where(ejs)).toBe('3');
    expect(where(xrayFindingOf('npm://lodash:4.17.0', { componentPaths: ['package.json'] }))).toBe(
      '3 declares it',
    );
    expect(where(findingOf('pkg:npm/uuid@11.1.0'))).toBe('4 declares it');
    expect(where(findingOf('pkg:npm/uuid@8.3.2'))).toBe('4');
  });

  it('searches the named file for the package when no section declares it', async () => {
    const root = makeRepo({ 'package.json': packageJson, 'package-lock.json': packageLock });
    const finding = findingOf('pkg:npm/qs@6.11.0', { componentPaths: ['package.json'] });
    expect(await placeIn(root, finding)).toBe('package.json:11 (manifest)');
    const unnamed = findingOf('pkg:npm/left-pad@1.0.0', { componentPaths: ['package-lock.json'] });
    expect(await placeIn(root, unnamed)).toBe('package-lock.json:1 (lockfile)');
  });

  it("never takes another package's line for a scoped one the named file does not declare", async () => {
    const root = makeRepo({
      'package.json': ['{', '  "dependencies": {', '    "@acme/core": "1.0.0"', '  }', '}'],
    });
    // `core` alone is on line 3, as the last part of `@acme/core`: not `@babel/core`'s line.
    const babel = findingOf('pkg:npm/%40babel/core@7.12.0', { componentPaths: ['package.json'] });
    expect(await placeIn(root, babel)).toBe('package.json:1 (manifest)');
  });

  it('matches a component of unknown ecosystem by name, manifests first, in any ecosystem', async () => {
    const root = makeRepo({
      'package-lock.json': packageLock,
      'web/package.json': packageJson,
      'requirements.txt': ['Django_Rest==3.14'],
    });
    const unknown = (name: string) =>
      buildFinding({
        scanner: 'dependency-track',
        ids: ['CVE-2024-0001'],
        severity: 'high',
        component: componentFromPurl(undefined, { name }),
      });
    expect(await placeIn(root, unknown('lodash'))).toBe('web/package.json:6 (manifest)');
    expect(await placeIn(root, unknown('django-rest'))).toBe('requirements.txt:1 (manifest)');
  });

  it('counts lines of CRLF files', async () => {
    const root = makeRepo({ 'package.json': packageJson.join('\r\n') });
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.20'))).toBe('package.json:6 (manifest)');
  });
});

describe('yarn.lock of unusual size', () => {
  it('reads an entry whose header lists more specifiers than a call takes arguments', () => {
    const header = Array.from({ length: 130_000 }, (_, i) => `p${i}@1`).join(', ');
    const declarations = scanYarnLock(`${header}:\n  version "1"\n`);
    expect(declarations).toHaveLength(130_000);
    expect(declarations.at(-1)).toEqual({
      ecosystem: 'npm',
      name: 'p129999',
      version: '1',
      line: 1,
      direct: false,
    });
  });

  it('reads the version lines of an entry of many specifiers once, not once per specifier', () => {
    // 60,000 specifiers and 600,000 version lines took minutes when every line went over the whole entry.
    const header = Array.from({ length: 60_000 }, (_, i) => `p${i}@1`).join(', ');
    const declarations = scanYarnLock(`${header}:\n  version "1"\n${'  version "2"\n'.repeat(600_000)}`);
    expect(declarations).toHaveLength(60_000);
    expect(declarations.every((declaration) => declaration.version === '1')).toBe(true);
  });
});
