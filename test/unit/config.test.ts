import { describe, expect, it } from 'vitest';
import { parseConfig, parseFailOn } from '../../src/config.js';
import { UserError } from '../../src/errors.js';

const ctx = { env: {}, cwd: '/repo' };

describe('configuration', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig('import', { 'import-file': 'a.json' }, ctx);
    expect(config).toMatchObject({
      mode: 'import',
      importFiles: ['a.json'],
      importFormat: 'auto',
      timeoutSeconds: 600,
      pollIntervalSeconds: 5,
      autoCreate: true,
      insecure: false,
      minSeverity: 'unknown',
      failOn: { kind: 'none' },
      failOnPolicyViolation: false,
      includeSuppressed: false,
      workingDirectory: '/repo',
      sarifFile: 'sca-bridge.sarif',
      annotations: true,
      jobSummary: true,
      uploadSarif: false,
    });
  });

  it('splits lists on newlines and commas, and reads metadata lines', () => {
    const config = parseConfig(
      'import',
      {
        'import-file': ['a.json,b.json', 'c.json\nd.json'],
        watches: 'prod, dev',
        metadata: 'team=web\nowner = sec=ops',
      },
      ctx,
    );
    expect(config.importFiles).toEqual(['a.json', 'b.json', 'c.json', 'd.json']);
    expect(config.watches).toEqual(['prod', 'dev']);
    expect(config.metadata).toEqual({ team: 'web', owner: 'sec=ops' });
  });

  it('takes the branch and working directory from CI', () => {
    const github = parseConfig(
      'import',
      { 'import-file': 'a' },
      {
        env: { GITHUB_HEAD_REF: 'feature', GITHUB_REF_NAME: '12/merge', GITHUB_WORKSPACE: '/gh' },
        cwd: '/x',
      },
    );
    expect(github).toMatchObject({ branch: 'feature', workingDirectory: '/gh' });
    const gitlab = parseConfig(
      'import',
      { 'import-file': 'a' },
      { env: { CI_COMMIT_REF_NAME: 'main', CI_PROJECT_DIR: '/builds/p' }, cwd: '/x' },
    );
    expect(gitlab).toMatchObject({ branch: 'main', workingDirectory: '/builds/p' });
    const local = parseConfig(
      'import',
      { 'import-file': 'a' },
      { env: {}, cwd: '/x', gitBranch: () => 'dev' },
    );
    expect(local.branch).toBe('dev');
  });

  it.each([
    [{ insecure: 'yes' }, 'Input insecure: expected true or false, got "yes"'],
    [{ timeout: '-3' }, 'Input timeout: expected a number of seconds greater than 0'],
    [{ 'import-format': 'csv' }, 'Input import-format: expected one of auto, dtrack-fpf'],
    [{ 'api-url': 'ftp://x' }, 'Input api-url: expected an http(s) URL'],
    [{ metadata: 'novalue' }, 'Input metadata: expected key=value lines'],
    [{ scanner: 'snyk' }, 'Input scanner: expected one of dependency-track, xray'],
  ])('names the input and the fix for %j', (raw, message) => {
    expect(() => parseConfig('import', { 'import-file': 'a', ...raw }, ctx)).toThrow(UserError);
    expect(() => parseConfig('import', { 'import-file': 'a', ...raw }, ctx)).toThrow(message);
  });

  it('reads fail-on rules', () => {
    expect(parseFailOn('HIGH')).toEqual({ kind: 'threshold', severity: 'high' });
    expect(parseFailOn('any')).toEqual({ kind: 'any' });
    expect(parseFailOn('critical:0, high:5')).toEqual({ kind: 'budgets', budgets: { critical: 0, high: 5 } });
    expect(() => parseFailOn('info')).toThrow('Input fail-on');
    expect(() => parseFailOn('high:-1')).toThrow('Input fail-on');
  });
});

describe('list inputs', () => {
  it('keeps a brace glob whole and splits metadata on lines only', () => {
    const config = parseConfig(
      'import',
      {
        'import-file': 'a',
        'include-path-patterns': 'src/**/{a,b}/**,lib/**',
        metadata: 'labels=a,b\nteam=web',
      },
      { env: {}, cwd: '/repo' },
    );
    expect(config.includePathPatterns).toEqual(['src/**/{a,b}/**', 'lib/**']);
    expect(config.metadata).toEqual({ labels: 'a,b', team: 'web' });
  });
});
