import { linkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { checkOutputPaths, writeOutput } from '../../src/output-files.js';
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
    const check = () => checkOutputPaths({ 'sarif-file': output }, [['import-file', report]]);
    expect(check).toThrow(UserError);
    expect(check).toThrow(/Input sarif-file: .* is the import-file this run reads/);
  });

  it('accepts outputs of their own, missing ones included', () => {
    expect(() =>
      checkOutputPaths(
        { 'sarif-file': path.join(dir, 'out.sarif'), 'gitlab-dependency-report': path.join(dir, 'gl.json') },
        [
          ['import-file', report],
          ['sbom', undefined],
        ],
      ),
    ).not.toThrow();
  });

  it('refuses an output that is the SBOM', () => {
    expect(() => checkOutputPaths({ 'sarif-file': report }, [['sbom', report]])).toThrow(
      /is the sbom this run reads/,
    );
  });
});

describe('errors while an output is written', () => {
  const file = path.join(tempDir(), 'out.json');

  it("are the user's to fix when the file system refuses (exit 2, naming the input)", async () => {
    const refusal = Object.assign(new Error('EACCES: permission denied'), {
      code: 'EACCES',
      syscall: 'open',
    });
    const written = writeOutput(file, 'sarif-file', () => Promise.reject(refusal));
    await expect(written).rejects.toThrow(UserError);
    await expect(written).rejects.toThrow(
      `Input sarif-file: cannot write ${file} (EACCES); give a writable path.`,
    );
  });

  it('stay bugs when building the report fails (exit 4, not "give a writable path")', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'uri')");
    const written = writeOutput(file, 'sarif-file', () => Promise.reject(bug));
    await expect(written).rejects.toBe(bug);
  });
});
