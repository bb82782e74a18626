import { describe, expect, it } from 'vitest';
import { scanCargoToml } from '../../../src/locate/manifests/cargo.js';
import type { Declaration } from '../../../src/locate/manifests/declaration.js';
import { scanDockerfile } from '../../../src/locate/manifests/docker.js';
import { scanGoMod } from '../../../src/locate/manifests/golang.js';
import { scanGradle } from '../../../src/locate/manifests/gradle.js';
import { scanPom } from '../../../src/locate/manifests/maven.js';
import { scanPnpmLock } from '../../../src/locate/manifests/npm.js';
import { scanMsbuild } from '../../../src/locate/manifests/nuget.js';
import { scanRequirements } from '../../../src/locate/manifests/python.js';
import { scanGemfile } from '../../../src/locate/manifests/ruby.js';
import { normaliseName } from '../../../src/locate/names.js';
import { Sbom } from '../../../src/locate/sbom.js';

/**
 * Manifests made to make a scanner's regex backtrack: each of these inputs took minutes (the work grew with
 * the square of its size) or overflowed the regex's stack, and is read in milliseconds now. The sizes are
 * the proof: no test here times anything but vitest's own timeout.
 */
const read = (declarations: Declaration[]) =>
  declarations.map(
    (d) => `${d.name}${d.version ? `@${d.version}` : ''}:${d.line}${d.direct ? '' : ' (indirect)'}`,
  );

const pom = (tail: string) =>
  [
    '<project>',
    '  <dependencies>',
    '    <dependency>',
    '      <groupId>org.acme</groupId>',
    '      <artifactId>lib</artifactId>',
    '      <version>1.0</version>',
    '    </dependency>',
    '  </dependencies>',
    `</project>${tail}`,
  ].join('\n');

describe('Gradle', () => {
  it('reads a string never closed ("g:a and 250,000 characters)', () => {
    const text = `implementation "g:a${'x'.repeat(250_000)}\nimplementation "org.acme:lib:1.0"\n`;
    expect(read(scanGradle(text))).toEqual(['org.acme:lib@1.0:2']);
  });

  it('reads 100,000 catalog libraries never closed', () => {
    const text = `${'library("a", "g", "'.repeat(100_000)}\nlibrary("b", "org.acme", "lib").version("1.0")\n`;
    expect(read(scanGradle(text))).toEqual(['org.acme:lib@1.0:2']);
  });

  it('reads 600,000 catalog entries on one line, with a [versions] table (each looked up once)', () => {
    const text = `[versions]\nj = "2.0"\n[libraries]\n${'"a:b" '.repeat(600_000)}\nx = { module = "org.acme:lib", version.ref = "j" }\n`;
    const declarations = scanGradle(text);
    expect(declarations).toHaveLength(600_001);
    expect(read(declarations.slice(-1))).toEqual(['org.acme:lib@2.0:5']);
  });

  it('reads 400,000 block comments never closed', () => {
    const text = `${'/* '.repeat(400_000)}\nimplementation "org.acme:lib:1.0"\n`;
    expect(read(scanGradle(text))).toEqual(['org.acme:lib@1.0:2']);
  });

  it('reads 400,000 blank lines (a `#` comment was looked for from each over all the others)', () => {
    const text = `${'\n'.repeat(400_000)}implementation "org.acme:lib:1.0" // a comment\n# "a:b:1"\n`;
    expect(read(scanGradle(text))).toEqual(['org.acme:lib@1.0:400001']);
  });
});

describe('Maven', () => {
  it('reads 400,000 comments never closed', () => {
    expect(read(scanPom(pom('<!--'.repeat(400_000))))).toEqual(['org.acme:lib@1.0:5']);
  });

  it('reads 500,000 tags never closed', () => {
    expect(read(scanPom(pom('<a'.repeat(500_000))))).toEqual(['org.acme:lib@1.0:5']);
  });

  it('reads a tag name of 700,000 characters never closed', () => {
    expect(read(scanPom(pom(`<${'a'.repeat(700_000)}`)))).toEqual(['org.acme:lib@1.0:5']);
  });
});

describe('MSBuild', () => {
  const csproj = (tail: string) =>
    `<Project>\n  <PackageReference Include="Acme.Lib" Version="1.0" />\n${tail}`;

  it('reads 150,000 package items never closed', () => {
    expect(read(scanMsbuild(csproj('<package '.repeat(150_000))))).toEqual(['Acme.Lib@1.0:2']);
  });

  it('reads 350,000 comments never closed', () => {
    expect(read(scanMsbuild(csproj('<!--'.repeat(350_000))))).toEqual(['Acme.Lib@1.0:2']);
  });

  it('reads 100,000 items without a version followed by 200,000 `<Version>` never closed', () => {
    const items = '<PackageReference Include="x">'.repeat(100_000);
    const declarations = scanMsbuild(csproj(`${items}${'<Version> '.repeat(200_000)}`));
    expect(declarations).toHaveLength(100_001);
    expect(declarations.filter((d) => d.version).length).toBe(1);
  });
});

describe('Ruby', () => {
  it('reads `gem` and `add_dependency` followed by 450,000 spaces', () => {
    const text = [
      `gem${' '.repeat(450_000)}x`,
      `s.add_dependency${' '.repeat(450_000)}x`,
      "gem 'rails'",
    ].join('\n');
    expect(read(scanGemfile(text))).toEqual(['rails:3']);
  });
});

describe('Go', () => {
  it('reads a line of 150,000 `//`', () => {
    expect(read(scanGoMod(`require example.com/x v1.0.0 ${'//'.repeat(150_000)}\n`))).toEqual([
      'example.com/x@v1.0.0:1',
    ]);
  });

  it('reads `require` followed by 350,000 spaces and a line end other than \\n', () => {
    const text = `require${' '.repeat(350_000)}x\u2028y\nrequire example.com/x v1.0.0 // indirect\n`;
    expect(read(scanGoMod(text))).toEqual(['example.com/x@v1.0.0:2 (indirect)']);
  });
});

describe('Python', () => {
  it('reads a requirements line of 250,000 ` #` before a lone carriage return', () => {
    expect(read(scanRequirements(`${' #'.repeat(250_000)}\rx\nflask==2.0.0 # web\n`))).toEqual([
      'flask@2.0.0:2',
    ]);
  });
});

describe('pnpm', () => {
  it('reads a key followed by 200,000 spaces and a lone carriage return', () => {
    const text = [
      `a:${' '.repeat(200_000)}x\ry`,
      'packages:',
      '  /lodash@4.17.21:',
      '    resolution: {integrity: sha512-x}',
    ].join('\n');
    expect(read(scanPnpmLock(text))).toEqual(['lodash@4.17.21:3 (indirect)']);
  });
});

describe('TOML', () => {
  const cargo = (line: string) => `${line}\n[dependencies]\nserde = "1.0"\n`;

  it('reads a table header with 300,000 spaces inside', () => {
    expect(read(scanCargoToml(cargo(`[a${' '.repeat(300_000)}b]`)))).toEqual(['serde@1.0:3']);
  });

  it('reads a table header of a 200,000-character word followed by another', () => {
    expect(read(scanCargoToml(cargo(`[${'a'.repeat(200_000)} b]`)))).toEqual(['serde@1.0:3']);
  });

  it('reads a key of a 200,000-character word followed by another', () => {
    expect(read(scanCargoToml(cargo(`${'a'.repeat(200_000)} b = 1`)))).toEqual(['serde@1.0:3']);
  });

  it('reads a line of 8,000,000 strings (the regex overflowed its stack)', () => {
    expect(read(scanCargoToml(cargo('"a"'.repeat(8_000_000))))).toEqual(['serde@1.0:3']);
  });
});

describe('Docker', () => {
  it('reads a FROM line of 4,000,000 options (the regex overflowed its stack)', () => {
    expect(read(scanDockerfile(`FROM ${'--a '.repeat(4_000_000)}node:20\n`))).toEqual(['node:20@20:1']);
  });

  it('normalises an image name of 350,000 `@` before a line end', () => {
    const name = `${'@'.repeat(350_000)}\n`;
    expect(normaliseName('docker', name)).toBe(name);
    expect(normaliseName('docker', 'Docker.io/library/Node:20@sha256:abc')).toBe('node');
  });
});

describe('SBOM', () => {
  it('finds each of 100,000 versions of one package at its own line (each looked up among all took minutes)', () => {
    const n = 100_000;
    const components = Array.from({ length: n }, (_, i) => ({
      name: 'lodash',
      purl: `pkg:npm/lodash@4.${i}.0`,
    }));
    // One component a line, after `{` and `"components": [`.
    const sbom = new Sbom(
      'bom.json',
      `{\n"components": [\n${components.map((c) => JSON.stringify(c)).join(',\n')}\n]}`,
    );
    const ref = (version?: string) => ({ ecosystem: 'npm', name: 'lodash', ...(version ? { version } : {}) });
    for (let i = 0; i < n; i++) expect(sbom.locationOf(ref(`4.${i}.0`))?.startLine).toBe(i + 3);
    // A version the SBOM does not list, or none: the package's first entry, of its version only for none.
    expect(sbom.locationOf(ref('9.9.9'))).toEqual({ uri: 'bom.json', startLine: 3, rule: 'sbom' });
    expect(sbom.locationOf(ref())).toEqual({
      uri: 'bom.json',
      startLine: 3,
      rule: 'sbom',
      sameVersion: true,
    });
  }, 10_000);
});
