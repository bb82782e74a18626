import { linkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { checkOutputPaths } from '../../src/output-files.js';
import { tempDir } from '../helpers/cli.js';

describe('outputs apart from inputs and from each other', () => {
  const dir = tempDir();
  const report = path.join(dir, 'report.json');
  writeFileSync(report, '{}');
  linkSync(report, path.join(dir, 'hard-link.json'));
  symlinkSync(report, path.join(dir, 'soft-link.json'));

  it.each([
    ['the same path', report],
    ['another spelling of the path', path.join(dir, 'sub', '..', 'report.json')],
    ['a hard link to it', path.join(dir, 'hard-link.json')],
    ['a symbolic link to it', path.join(dir, 'soft-link.json')],
  ])('refuses an output that is the import file by %s', (_how, output) => {
    const check = () => checkOutputPaths({ 'sarif-file': output }, { 'import-file report.json': report });
    expect(check).toThrow(UserError);
    expect(check).toThrow(/Input sarif-file: .* is the import-file this run reads/);
  });

  it('accepts outputs of their own, missing ones included', () => {
    expect(() =>
      checkOutputPaths(
        { 'sarif-file': path.join(dir, 'out.sarif'), 'gitlab-dependency-report': path.join(dir, 'gl.json') },
        { 'import-file report.json': report, sbom: undefined },
      ),
    ).not.toThrow();
  });

  it('refuses an output that is the SBOM', () => {
    expect(() => checkOutputPaths({ 'sarif-file': report }, { sbom: report })).toThrow(
      /is the sbom this run reads/,
    );
  });
});
