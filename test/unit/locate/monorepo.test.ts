import { afterAll, describe, expect, it } from 'vitest';
import { findingOf, locatorFor, makeRepo, placeIn, removeRepos, xrayFindingOf } from './repo.js';

afterAll(removeRepos);

const manifest = (name: string, dependencies: string[]) => [
  '{', // 1
  `  "name": "${name}",`, // 2
  '  "dependencies": {', // 3
  ...dependencies.map((d, i) => `    "${d}": "1.0.0"${i < dependencies.length - 1 ? ',' : ''}`), // 4…
  '  }',
  '}',
];

function monorepo(): string {
  return makeRepo({
    'package.json': manifest('root', ['typescript']),
    'packages/api/package.json': manifest('@acme/api', ['express', 'lodash']),
    'packages/web/package.json': manifest('@acme/web', ['react', 'lodash']),
    'packages/web/legacy/package.json': manifest('@acme/legacy', ['jquery', 'lodash']),
    'package-lock.json': [
      '{', // 1
      '  "lockfileVersion": 3,', // 2
      '  "packages": {', // 3
      '    "node_modules/lodash": { "version": "1.0.0" },', // 4
      '    "node_modules/body-parser": { "version": "1.20.1" },', // 5
      '    "packages/web/node_modules/body-parser": { "version": "1.19.0" }', // 6
      '  }', // 7
      '}', // 8
    ],
  });
}

describe('monorepos', () => {
  it('takes the manifest of the folder componentPaths name, else the nearest one above it', async () => {
    const root = monorepo();
    expect(await placeIn(root, findingOf('pkg:npm/lodash@1.0.0', { componentPaths: ['packages/web'] }))).toBe(
      'packages/web/package.json:5 (manifest)',
    );
    // A path below a folder of the repository (node_modules is not in it): the deepest folder that is.
    const below = findingOf('pkg:npm/lodash@1.0.0', {
      componentPaths: ['packages/web/legacy/node_modules/lodash'],
    });
    expect(await placeIn(root, below)).toBe('packages/web/legacy/package.json:5 (manifest)');
    const sibling = findingOf('pkg:npm/lodash@1.0.0', { componentPaths: ['packages/web/src/components'] });
    expect(await placeIn(root, sibling)).toBe('packages/web/package.json:5 (manifest)');
  });

  it('takes the manifest of the project an impact path starts from', async () => {
    const root = monorepo();
    const finding = xrayFindingOf('npm://lodash:1.0.0', {
      impactPaths: [['npm://@acme/web:1.0.0', 'npm://lodash:1.0.0']],
    });
    expect(await placeIn(root, finding)).toBe('packages/web/package.json:5 (manifest)');
  });

  it('takes the shallowest manifest without a hint, the first path among equals', async () => {
    const root = monorepo();
    expect(await placeIn(root, findingOf('pkg:npm/lodash@1.0.0'))).toBe(
      'packages/api/package.json:5 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:npm/typescript@1.0.0'))).toBe('package.json:4 (manifest)');
  });

  it('prefers the lockfile entry of the finding’s version when nothing declares it directly', async () => {
    const root = monorepo();
    expect(await placeIn(root, findingOf('pkg:npm/body-parser@1.19.0'))).toBe(
      'package-lock.json:6 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:npm/body-parser@1.20.1'))).toBe(
      'package-lock.json:5 (lockfile)',
    );
  });

  it('prefers the nearest file, even a lockfile, to a farther direct declaration', async () => {
    const root = makeRepo({
      'package.json': manifest('root', ['lodash']),
      'packages/web/package-lock.json': [
        '{', // 1
        '  "lockfileVersion": 3,', // 2
        '  "packages": {', // 3
        '    "node_modules/lodash": { "version": "1.0.0" }', // 4
        '  }', // 5
        '}', // 6
      ],
    });
    const web = findingOf('pkg:npm/lodash@1.0.0', { componentPaths: ['packages/web'] });
    expect(await placeIn(root, web)).toBe('packages/web/package-lock.json:4 (lockfile)');
    expect(await placeIn(root, findingOf('pkg:npm/lodash@1.0.0'))).toBe('package.json:4 (manifest)');
  });

  it('places an undeclared package at the root manifest nearest the finding’s folder', async () => {
    const root = monorepo();
    expect(await placeIn(root, findingOf('pkg:npm/left-pad@1.0.0'))).toBe('package.json:1 (root-manifest)');
    const web = findingOf('pkg:npm/left-pad@1.0.0', { componentPaths: ['packages/web/legacy'] });
    expect(await placeIn(root, web)).toBe('packages/web/legacy/package.json:1 (root-manifest)');
  });
});

describe('a package several modules declare at different versions', () => {
  const pom = (module: string, version: string, properties: string[] = []) => [
    '<project>', // 1
    `  <artifactId>${module}</artifactId>`, // 2
    ...properties,
    '  <dependencies>',
    '    <dependency>',
    '      <groupId>org.apache.logging.log4j</groupId>',
    '      <artifactId>log4j-core</artifactId>',
    `      <version>${version}</version>`,
    '    </dependency>',
    '  </dependencies>',
    '</project>',
  ];

  it('places the finding at the module whose version fits it, not at one that pins another', async () => {
    const root = makeRepo({
      'a-api/pom.xml': pom('a-api', '2.17.1'),
      'b-worker/pom.xml': pom('b-worker', '${log4j.version}', [
        '  <properties>', // 3
        '    <log4j.version>2.14.1</log4j.version>', // 4
        '  </properties>', // 5
      ]),
      'c-batch/pom.xml': pom('c-batch', '${log4j.version}'),
    });
    const log4j = (version: string) => findingOf(`pkg:maven/org.apache.logging.log4j/log4j-core@${version}`);
    expect(await placeIn(root, log4j('2.14.1'))).toBe('b-worker/pom.xml:9 (manifest)');
    expect(await placeIn(root, log4j('2.17.1'))).toBe('a-api/pom.xml:6 (manifest)');
    // A property no pom here gives (a parent's) may be any version: before a module pinning another one.
    expect(await placeIn(root, log4j('2.15.0'))).toBe('c-batch/pom.xml:6 (manifest)');
  });

  it('prefers a range, or what a lockfile installs, to a pin of another version (npm, Python)', async () => {
    const root = makeRepo({
      'aweb/package.json': ['{', '  "dependencies": {', '    "lodash": "4.17.20"', '  }', '}'],
      'bapi/package.json': ['{', '  "dependencies": {', '    "lodash": "^4.17.0"', '  }', '}'],
      'svc1/requirements.txt': ['# deps', 'Django==3.2.0'],
      'svc2/pyproject.toml': ['[tool.poetry.dependencies]', 'python = "^3.9"', 'Django = "^3.2"'],
      'svc2/poetry.lock': ['[[package]]', 'name = "django"', 'version = "3.2.5"'],
      'svc3/package.json': ['{', '  "dependencies": {', '    "uuid": "^8.0.0"', '  }', '}'],
      'svc3/package-lock.json': [
        '{',
        '  "lockfileVersion": 3,',
        '  "packages": {',
        '    "node_modules/uuid": { "version": "8.3.2" }',
        '  }',
        '}',
      ],
      'svc0/package.json': ['{', '  "dependencies": {', '    "uuid": "^8.0.0"', '  }', '}'],
    });
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.15'))).toBe('bapi/package.json:3 (manifest)');
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.20'))).toBe('aweb/package.json:3 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/django@3.2.5'))).toBe('svc2/pyproject.toml:3 (manifest)');
    expect(await placeIn(root, findingOf('pkg:pypi/django@3.2.0'))).toBe(
      'svc1/requirements.txt:2 (manifest)',
    );
    // The range whose lockfile installs the finding's version, before one that may stand for it.
    const uuid = xrayFindingOf('npm://uuid:8.3.2', { impactPaths: [['npm://uuid:8.3.2']] });
    expect(await placeIn(root, uuid)).toBe('svc3/package.json:3 (manifest)');
  });

  it("places a copy another project's lockfile installs at that entry, not at a module pinning another version", async () => {
    const root = makeRepo({
      'frontend/package.json': ['{', '  "dependencies": {', '    "uuid": "11.1.0"', '  }', '}'],
      'frontend/package-lock.json': [
        '{', // 1
        '  "lockfileVersion": 3,', // 2
        '  "packages": {', // 3
        '    "node_modules/uuid": { "version": "11.1.0" },', // 4
        '    "node_modules/some-lib/node_modules/uuid": { "version": "9.0.1" }', // 5
        '  }', // 6
        '}', // 7
      ],
      // No lockfile: the pin is what this project installs, so 9.0.1 is another project's copy.
      'packages/legacy/package.json': [
        '{',
        '  "dependencies": {',
        '    "uuid": "8.3.2",',
        '    "axios": "1.13.6"',
        '  }',
        '}',
      ],
    });
    expect(await placeIn(root, findingOf('pkg:npm/uuid@9.0.1'))).toBe(
      'frontend/package-lock.json:5 (lockfile)',
    );
    expect(await placeIn(root, findingOf('pkg:npm/uuid@8.3.2'))).toBe(
      'packages/legacy/package.json:3 (manifest)',
    );
    expect(await placeIn(root, findingOf('pkg:npm/uuid@11.1.0'))).toBe('frontend/package.json:3 (manifest)');
  });

  it('keeps a module pinning another version when no line anywhere holds the finding’s', async () => {
    const root = makeRepo({
      // Shallower, and its lockfile installs 2.6.9: not the copy the finding is about either.
      'apps/web/package.json': ['{', '  "dependencies": {', '    "debug": "2.6.9"', '  }', '}'],
      'apps/web/package-lock.json': [
        '{',
        '  "lockfileVersion": 3,',
        '  "packages": {',
        '    "node_modules/debug": { "version": "2.6.9" }',
        '  }',
        '}',
      ],
      'packages/a/package.json': ['{', '  "dependencies": {', '    "debug": "2.6.9"', '  }', '}'],
    });
    // No line holds 2.6.8: the module without a lockfile pins what it installs, the line to fix, as before.
    expect(await placeIn(root, findingOf('pkg:npm/debug@2.6.8'))).toBe(
      'packages/a/package.json:3 (manifest)',
    );
  });

  it('keeps a pin its own folder’s lockfile resolves to the finding’s version (Gradle)', async () => {
    const root = makeRepo({
      'app/build.gradle': ['dependencies {', "  implementation 'org.apache.commons:commons-text:1.9'", '}'],
      // Another dependency asks for 1.10.0, and Gradle resolves the project's 1.9 to it.
      'app/gradle.lockfile': ['org.apache.commons:commons-text:1.10.0=compileClasspath,runtimeClasspath'],
    });
    expect(await placeIn(root, findingOf('pkg:maven/org.apache.commons/commons-text@1.10.0'))).toBe(
      'app/build.gradle:2 (manifest)',
    );
  });

  it("takes npm's partial versions for the ranges they are (`4` is 4.x), not for pins", async () => {
    const root = makeRepo({
      'b/package.json': ['{', '  "dependencies": {', '    "lodash": "4.17.21"', '  }', '}'],
      'z/package.json': ['{', '  "dependencies": {', '    "lodash": "4"', '  }', '}'],
      'y/package.json': ['{', '  "dependencies": {', '    "qs": "6.10.3"', '  }', '}'],
      'x/package.json': ['{', '  "dependencies": {', '    "qs": "6.5"', '  }', '}'],
    });
    expect(await placeIn(root, findingOf('pkg:npm/lodash@4.17.20'))).toBe('z/package.json:3 (manifest)');
    expect(await placeIn(root, findingOf('pkg:npm/qs@6.5.2'))).toBe('x/package.json:3 (manifest)');
  });
});

describe('a package declared many times', () => {
  /**
   * A monorepo of `n` projects under packages/, each declaring lodash on line 4 and a library of its own on line
   * 5, and one more project below web/.
   */
  function projects(n: number): string {
    const files: Record<string, string[]> = { 'package.json': manifest('root', ['typescript']) };
    for (let i = 0; i < n; i++)
      files[`packages/p${i}/package.json`] = manifest(`p${i}`, ['lodash', `lib${i}`]);
    files['packages/web/legacy/package.json'] = manifest('legacy', ['jquery', 'lodash']);
    return makeRepo(files);
  }

  it('ranks the declarations of a package declared in many projects as it ranks a few, finding after finding', async () => {
    // 40 projects: their candidates are shared by the findings and looked up by folder.
    const locator = await locatorFor(projects(40));
    const at = (finding: ReturnType<typeof findingOf>) => {
      const location = locator.locate(finding);
      return `${location.uri}:${location.startLine}`;
    };
    const lodash = (extra: Parameters<typeof findingOf>[1] = {}) => findingOf('pkg:npm/lodash@1.0.0', extra);
    for (let round = 0; round < 2; round++) {
      expect(at(lodash({ componentPaths: ['packages/p7'] }))).toBe('packages/p7/package.json:4');
      expect(at(lodash({ componentPaths: ['packages/p7/src/lib'] }))).toBe('packages/p7/package.json:4');
      expect(at(lodash({ componentPaths: ['packages/web/legacy/node_modules/lodash'] }))).toBe(
        'packages/web/legacy/package.json:5',
      );
      // Two folders as near: the first path among equals; a folder with no declaration in or above it: the
      // declarations that share most of its path, then the shallowest, then the first path.
      expect(at(lodash({ componentPaths: ['packages/p31', 'packages/p13'] }))).toBe(
        'packages/p13/package.json:4',
      );
      expect(at(lodash({ componentPaths: ['packages/web'] }))).toBe('packages/web/legacy/package.json:5');
      expect(at(lodash({ componentPaths: ['tools/x'] }))).toBe('packages/p0/package.json:4');
      expect(at(lodash())).toBe('packages/p0/package.json:4');
      const fromProject = xrayFindingOf('npm://lodash:1.0.0', {
        impactPaths: [['npm://p12:1.0.0', 'npm://lodash:1.0.0']],
      });
      expect(at(fromProject)).toBe('packages/p12/package.json:4');
    }
  });

  it('places a finding from each of 12,000 projects declaring one package at its own project', async () => {
    // Every finding went over every project's declaration: a minute for 16,000. Then, shared per impact path,
    // the declarations were held again for each path: gigabytes.
    const locator = await locatorFor(projects(12_000));
    for (let i = 0; i < 12_000; i++) {
      const direct = xrayFindingOf('npm://lodash:1.0.0', {
        impactPaths: [[`npm://p${i}:1.0.0`, 'npm://lodash:1.0.0']],
      });
      expect(locator.locate(direct)).toMatchObject({ uri: `packages/p${i}/package.json`, startLine: 4 });
      // Pulled in by the project's own library: that library's line.
      const transitive = xrayFindingOf('npm://lodash:1.0.0', {
        impactPaths: [[`npm://p${i}:1.0.0`, `npm://lib${i}:1.0.0`, 'npm://lodash:1.0.0']],
      });
      expect(locator.locate(transitive)).toMatchObject({ uri: `packages/p${i}/package.json`, startLine: 5 });
    }
    // About 3 s; the old placement took over 30 s for 12,000. The limit leaves a loaded runner room.
  }, 25_000);

  it('places 150 findings of a package with 30,000 direct declarations, its installed versions gathered once', async () => {
    // Each direct declaration went over all the others for the versions its folder installs: minutes.
    const root = makeRepo({
      'build.gradle': ['dependencies {', ...Array(30_000).fill('  implementation "org.acme:lib:1.0"'), '}'],
    });
    const locator = await locatorFor(root);
    const placed = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const location = locator.locate(
        findingOf('pkg:maven/org.acme/lib@2.0', { ids: [`CVE-2024-${1000 + i}`] }),
      );
      placed.add(`${location.uri}:${location.startLine} (${location.rule})`);
    }
    expect([...placed]).toEqual(['build.gradle:2 (manifest)']);
  });

  it('places 20,000 findings of a package a lockfile holds 50,000 copies of, each at its version’s first copy', async () => {
    // Every finding went over every copy: 37 s.
    const entries = Array.from(
      { length: 50_000 },
      (_, i) => `    "node_modules/p${i}/node_modules/lodash": { "version": "4.16.${i % 500}" },`,
    );
    const root = makeRepo({
      'package.json': ['{', '  "dependencies": { "lodash": "^4.17.0" }', '}'],
      'package-lock.json': [
        '{',
        '  "lockfileVersion": 3,',
        '  "packages": {',
        ...entries,
        '    "node_modules/lodash": { "version": "4.17.21" }',
        '  }',
        '}',
      ],
    });
    const locator = await locatorFor(root);
    const lines = Array.from({ length: 20_000 }, (_, i) => {
      const finding = findingOf(`pkg:npm/lodash@4.16.${i % 500}`, { ids: [`CVE-2024-${10_000 + i}`] });
      return locator.locate(finding).startLine;
    });
    // The first copy of 4.16.k is on line 4 + k; the project's own 4.17.21 stays on package.json.
    expect(lines.every((line, i) => line === 4 + (i % 500))).toBe(true);
    expect(locator.locate(findingOf('pkg:npm/lodash@4.17.21')).uri).toBe('package.json');
  }, 10_000);
});
