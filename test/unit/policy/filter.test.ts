import { describe, expect, it } from 'vitest';
import { pathFilter } from '../../../src/policy/filter.js';
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

  it('matches a finding without paths on the manifest it is placed in, and keeps one with neither', () => {
    expect(pathFilter(['services/**'], [])(manifestOnly)).toBe(true);
    expect(pathFilter(['services/**'], [])(rootOnly)).toBe(false);
    expect(pathFilter([], ['package.json'])(rootOnly)).toBe(false);
    expect(pathFilter(['services/**'], ['**/*.md'])(fallback)).toBe(true);
  });
});
