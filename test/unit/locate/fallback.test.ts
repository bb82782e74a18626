import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LocatedFinding } from '../../../src/findings/model.js';
import { separateSharedLines } from '../../../src/locate/separate.js';
import { findingOf, locatorFor, makeRepo, placeIn, removeRepos } from './repo.js';

afterAll(removeRepos);

const sbom = [
  '{', // 1
  '  "bomFormat": "CycloneDX",', // 2
  '  "specVersion": "1.5",', // 3
  '  "metadata": { "component": { "name": "shop", "purl": "pkg:npm/shop@1.0.0" } },', // 4
  '  "components": [', // 5
  '    {', // 6
  '      "type": "library",', // 7
  '      "name": "openssl",', // 8
  '      "version": "3.0.2",', // 9
  '      "purl": "pkg:generic/openssl@3.0.2"', // 10
  '    },', // 11
  '    {', // 12
  '      "name": "bundle",', // 13
  '      "components": [', // 14
  '        { "group": "org.yaml", "name": "snakeyaml", "version": "1.33",', // 15
  '          "purl": "pkg:maven/org.yaml/snakeyaml@1.33" },', // 16
  '        { "group": "org.yaml", "name": "snakeyaml", "version": "2.0",', // 17
  '          "purl": "pkg:maven/org.yaml/snakeyaml@2.0" }', // 18
  '      ]', // 19
  '    },', // 20
  '    { "name": "zlib", "version": "1.2.13" }', // 21
  '  ]', // 22
  '}', // 23
];

describe('an SBOM that gives no component lines', () => {
  it.each([
    [
      'CycloneDX XML',
      ['<?xml version="1.0"?>', '<bom xmlns="http://cyclonedx.org/schema/bom/1.5">', '</bom>'],
    ],
    ['cut short', ['{', '  "bomFormat": "CycloneDX",', '  "compo']],
  ])('says so (%s) and places findings without it', async (_kind, lines) => {
    const root = makeRepo({ 'package.json': ['{}'], 'bom.xml': lines });
    const notes: string[] = [];
    expect(
      await placeIn(root, findingOf('pkg:npm/left-pad@1.0.0'), {
        sbom: 'bom.xml',
        note: (m) => notes.push(m),
      }),
    ).toBe('package.json:1 (root-manifest)');
    expect(notes).toEqual([
      expect.stringContaining('sbom: bom.xml gives no component lines to place findings at'),
    ]);
  });
});

describe('an SBOM the locator cannot use', () => {
  it('says so when it lies outside the working directory', async () => {
    const root = makeRepo({ 'package.json': ['{}'] });
    const outside = path.join(makeRepo({ 'bom.json': sbom }), 'bom.json');
    const notes: string[] = [];
    expect(
      await placeIn(root, findingOf('pkg:generic/openssl@3.0.2'), {
        sbom: outside,
        note: (m) => notes.push(m),
      }),
    ).toBe('package.json:1 (root-manifest)');
    expect(notes).toEqual([
      `sbom: ${outside} is outside the working directory, so none of its lines is a location; findings are placed without it.`,
    ]);
  });
});

describe('when no manifest declares the component', () => {
  it('places it at its entry in the uploaded SBOM, of its version', async () => {
    const root = makeRepo({ 'package.json': ['{}'], 'sbom/bom.json': sbom });
    const options = { sbom: 'sbom/bom.json' };
    expect(await placeIn(root, findingOf('pkg:generic/openssl@3.0.2'), options)).toBe(
      'sbom/bom.json:10 (sbom)',
    );
    expect(await placeIn(root, findingOf('pkg:maven/org.yaml/snakeyaml@2.0'), options)).toBe(
      'sbom/bom.json:18 (sbom)',
    );
    expect(await placeIn(root, findingOf('pkg:maven/org.yaml/snakeyaml@1.30'), options)).toBe(
      'sbom/bom.json:16 (sbom)',
    );
    // Without a purl, the name line; an absolute path inside the working directory works too.
    const absolute = { sbom: path.join(root, 'sbom/bom.json') };
    expect(await placeIn(root, findingOf('pkg:generic/zlib@1.2.13'), absolute)).toBe(
      'sbom/bom.json:21 (sbom)',
    );
    // The project itself is no component.
    expect(await placeIn(root, findingOf('pkg:npm/shop@1.0.0'), options)).toBe(
      'package.json:1 (root-manifest)',
    );
  });

  it('reads an SBOM saved as UTF-16 with its byte-order mark (PowerShell 5), at the same lines', async () => {
    const root = makeRepo({ 'package.json': ['{}'] });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${sbom.join('\n')}\n`, 'utf16le')]);
    writeFileSync(path.join(root, 'bom.json'), utf16);
    expect(await placeIn(root, findingOf('pkg:maven/org.yaml/snakeyaml@2.0'), { sbom: 'bom.json' })).toBe(
      'bom.json:18 (sbom)',
    );
  });

  it('leaves the entry of a version to its finding, not to one of another version placed there too', async () => {
    const bom = [
      '{', // 1
      '  "bomFormat": "CycloneDX",', // 2
      '  "specVersion": "1.5",', // 3
      '  "components": [', // 4
      '    {', // 5
      '      "type": "library",', // 6
      '      "name": "minimist",', // 7
      '      "version": "0.0.8",', // 8
      '      "bom-ref": "minimist",', // 9
      '      "purl": "pkg:npm/minimist@0.0.8"', // 10
      '    }', // 11
      '  ]', // 12
      '}', // 13
    ];
    const root = makeRepo({ 'package.json': ['{}'], 'bom.json': bom });
    const locator = await locatorFor(root, { sbom: 'bom.json' });
    for (const versions of [
      ['0.0.10', '0.0.8'],
      ['0.0.8', '0.0.10'],
    ]) {
      const findings: LocatedFinding[] = versions.map((version) => {
        const finding = findingOf(`pkg:npm/minimist@${version}`, { ids: ['CVE-2021-44906'] });
        return { ...finding, location: locator.locate(finding) };
      });
      separateSharedLines(findings, locator);
      const placed = Object.fromEntries(
        findings.map((f) => [f.component.version, `${f.location.uri}:${f.location.startLine}`]),
      );
      expect(placed).toEqual({ '0.0.8': 'bom.json:10', '0.0.10': 'bom.json:11' });
    }
  });

  it('ignores an SBOM outside the working directory', async () => {
    const outside = makeRepo({ 'bom.json': sbom });
    const root = makeRepo({ 'go.mod': ['module example.com/m'] });
    const options = { sbom: path.join(outside, 'bom.json') };
    expect(await placeIn(root, findingOf('pkg:generic/openssl@3.0.2'), options)).toBe(
      'go.mod:1 (root-manifest)',
    );
  });

  it('places it at a root manifest of its own ecosystem when the repository has one, nearest first', async () => {
    const root = makeRepo({
      'frontend/package.json': ['{}'],
      'backend/pom.xml': ['<project/>'],
      'backend/api/pom.xml': ['<project/>'],
      'tools/Cargo.toml': ['[package]'],
    });
    expect(await placeIn(root, findingOf('pkg:maven/org.yaml/snakeyaml@1.28'))).toBe(
      'backend/pom.xml:1 (root-manifest)',
    );
    expect(
      await placeIn(
        root,
        findingOf('pkg:maven/org.yaml/snakeyaml@1.28', { componentPaths: ['backend/api/x.jar'] }),
      ),
    ).toBe('backend/api/pom.xml:1 (root-manifest)');
    // None of its own: the first of all, as before.
    expect(await placeIn(root, findingOf('pkg:pypi/requests@2.0.0'))).toBe(
      'frontend/package.json:1 (root-manifest)',
    );
  });

  it('places it at the first root manifest, in the documented order', async () => {
    const root = makeRepo({ Dockerfile: ['FROM alpine'], 'pom.xml': ['<project/>'], 'go.mod': ['module m'] });
    expect(await placeIn(root, findingOf('pkg:npm/left-pad@1.0.0'))).toBe('pom.xml:1 (root-manifest)');
    const nested = makeRepo({ 'services/b/go.mod': ['module b'], 'services/a/Cargo.toml': ['[package]'] });
    expect(await placeIn(nested, findingOf('pkg:npm/left-pad@1.0.0'))).toBe(
      'services/b/go.mod:1 (root-manifest)',
    );
  });

  it('falls back to an imported file, the workflow file, .gitlab-ci.yml, README.md, then the SARIF name', async () => {
    const files = {
      'exports/xray.json': ['{}'],
      '.github/workflows/scan.yml': ['on: push'],
      '.gitlab-ci.yml': ['stages: []'],
      'README.md': ['# shop'],
    };
    const finding = findingOf('pkg:npm/left-pad@1.0.0');
    const workflowRef = 'acme/shop/.github/workflows/scan.yml@refs/heads/main';
    const root = makeRepo(files);
    expect(await placeIn(root, finding, { importFiles: ['exports/xray.json'], workflowRef })).toBe(
      'exports/xray.json:1 (fallback)',
    );
    expect(await placeIn(root, finding, { importFiles: ['/elsewhere/xray.json'], workflowRef })).toBe(
      '.github/workflows/scan.yml:1 (fallback)',
    );
    expect(await placeIn(root, finding)).toBe('.gitlab-ci.yml:1 (fallback)');
    expect(await placeIn(makeRepo({ 'README.md': ['# shop'] }), finding)).toBe('README.md:1 (fallback)');
    // A working directory below the repository's root finds the root's workflow file and README.
    const sub = makeRepo({
      'README.md': ['# shop'],
      '.github/workflows/scan.yml': ['on: push'],
      'sub/x.txt': ['x'],
    });
    const below = { repositoryRoot: sub, workflowRef };
    expect(await placeIn(path.join(sub, 'sub'), finding, below)).toBe(
      '../.github/workflows/scan.yml:1 (fallback)',
    );
    expect(await placeIn(path.join(sub, 'sub'), finding, { repositoryRoot: sub })).toBe(
      '../README.md:1 (fallback)',
    );
    // Last, the SARIF file where it is written in the repository, else its name at the root.
    const bare = makeRepo({ 'sub/x.txt': ['x'] });
    const at = (sarifFile: string) =>
      placeIn(path.join(bare, 'sub'), finding, { repositoryRoot: bare, sarifFile });
    expect(await at(path.join(bare, 'out.sarif'))).toBe('../out.sarif:1 (fallback)');
    expect(await at('/elsewhere/out.sarif')).toBe('../out.sarif:1 (fallback)');
    expect(await at(path.join(bare, 'sub/reports/out.sarif'))).toBe('reports/out.sarif:1 (fallback)');
    expect(await placeIn(makeRepo({ 'notes.txt': ['x'] }), finding)).toBe('sca-bridge.sarif:1 (fallback)');
  });
});
