import { describe, expect, it } from 'vitest';
import { pathFilter, pathFilterNote } from '../../../src/policy/filter.js';
import { aFinding } from '../../helpers/finding.js';

describe('path patterns', () => {
  const artifact = aFinding({
    componentPaths: ['artifact1/1.0/', 'component/open-liberty/layer.tar.gz/busybox'],
  });
  const manifestOnly = aFinding({
    location: { uri: 'services/api/package.json', startLine: 3, rule: 'manifest' },
  });
  const rootOnly = aFinding({ location: { uri: 'package.json', startLine: 1, rule: 'root-manifest' } });
  const fallback = aFinding({ location: { uri: 'README.md', startLine: 1, rule: 'fallback' } });

  it('drops a finding when any of its paths is excluded, as Xray drops the whole artifact', () => {
    expect(pathFilter([], ['artifact1/**'])(artifact)).toBe(false);
    expect(pathFilter([], ['elsewhere/**'])(artifact)).toBe(true);
  });

  it('keeps a finding when one of its paths is included', () => {
    expect(pathFilter(['component/**'], [])(artifact)).toBe(true);
    expect(pathFilter(['other/**'], [])(artifact)).toBe(false);
  });

  it("matches Xray's repository path, never the path inside the artifact, which Xray's patterns do not read", () => {
    const inImage = aFinding({
      componentPaths: ['app/1.0/manifest.json'],
      innerPaths: ['usr/lib/node_modules/lodash'],
    });
    expect(pathFilter([], ['**/node_modules/**'])(inImage)).toBe(true);
    expect(pathFilter(['usr/**'], [])(inImage)).toBe(false);
    expect(pathFilter([], ['app/**'])(inImage)).toBe(false);
    // Only a path inside the artifact: matched as one without paths, on the manifest it is placed in.
    const innerOnly = aFinding({
      innerPaths: ['usr/lib/node_modules/lodash'],
      location: { uri: 'services/api/package.json', startLine: 3, rule: 'manifest' },
    });
    expect(pathFilter(['services/**'], [])(innerOnly)).toBe(true);
  });

  it('matches a finding without paths on the manifest it is placed in, and keeps one with neither', () => {
    expect(pathFilter(['services/**'], [])(manifestOnly)).toBe(true);
    expect(pathFilter(['services/**'], [])(rootOnly)).toBe(false);
    expect(pathFilter([], ['package.json'])(rootOnly)).toBe(false);
    expect(pathFilter(['services/**'], ['**/*.md'])(fallback)).toBe(true);
  });
});

describe('what the path patterns left out', () => {
  const at = (componentPaths: string[], id: string) => aFinding({ componentPaths, ids: [id] });
  const all = [
    at(['services/api/app.jar'], 'CVE-2021-1'),
    at(['web/app.tgz'], 'CVE-2021-2'),
    at([], 'CVE-2021-3'),
  ];

  it('is a line of the log while some finding with a path stays', () => {
    expect(pathFilterNote(all, [all[0]!, all[2]!], ['services/**'])).toEqual({
      warn: false,
      text: 'Path patterns left out 1 of 3 findings.',
    });
    expect(pathFilterNote(all, all, ['**'])).toBeUndefined();
  });

  it('counts findings as they are once repeated rows merge: one is left out only when every row of it is', () => {
    const again = at(['web/other.tgz'], 'CVE-2021-2');
    const rows = [...all, again];
    expect(pathFilterNote(rows, [all[0]!, all[2]!], ['services/**'])?.text).toBe(
      'Path patterns left out 1 of 3 findings.',
    );
    expect(pathFilterNote(rows, [all[0]!, all[2]!, again], ['services/**', 'web/other.tgz'])).toBeUndefined();
  });

  it('warns, naming the patterns at fault, when only findings without a path stay', () => {
    expect(pathFilterNote(all, [all[2]!], ['libs-release/**'])).toEqual({
      warn: true,
      text: 'Path patterns left out 2 of 3 findings, every one that has a path: include-path-patterns matched none of their paths, which look like `services/api/app.jar`, `web/app.tgz` (relative to the repository root; an Xray path without its repository key).',
    });
    expect(pathFilterNote(all, [all[2]!], [])?.text).toContain(
      'exclude-path-patterns matched every one of their paths',
    );
  });
});
