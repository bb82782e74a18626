import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Repository } from '../../../src/locate/repository.js';
import { REPO_ROOT } from '../../helpers/shared.js';
import { makeRepo, removeRepos } from './repo.js';

afterAll(removeRepos);

describe('counting the lines of a file the locator does not index', () => {
  const root = makeRepo({});
  const write = (name: string, content: string | Buffer) => writeFileSync(path.join(root, name), content);
  const repository = new Repository(root, []);

  // A final newline ends the last line rather than starting one; an empty file is one (empty) line, as
  // editors and GitHub number them.
  it.each([
    ['empty.txt', 1, ''],
    ['one.txt', 1, 'one line'],
    ['ended.txt', 2, 'a\nb\n'],
    ['open.txt', 2, 'a\nb'],
    ['crlf.txt', 2, 'a\r\nb\r\n'],
    ['blank-end.txt', 2, 'a\n\n'],
    ['blank-lines.txt', 4, '\n\n\nd'],
  ])('counts %s as %i lines', (name, lines, text) => {
    write(name, text);
    expect(repository.countLines(name)).toBe(lines);
  });

  it('counts a file of many read chunks, lines across their edges', () => {
    const text = `${'x'.repeat(999)}\n`.repeat(3000);
    write('export.json', text);
    expect(repository.countLines('export.json')).toBe(3000);
  });

  it('gives null for a missing file, a folder and a binary file', () => {
    mkdirSync(path.join(root, 'folder'));
    write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a]));
    expect(repository.countLines('missing.txt')).toBeNull();
    expect(repository.countLines('folder')).toBeNull();
    expect(repository.countLines('image.png')).toBeNull();
  });
});

describe('reading what is not a regular file', () => {
  it('reads neither a FIFO nor a device (through a link) and does not wait on either', () => {
    const root = makeRepo({});
    execFileSync('mkfifo', [path.join(root, 'requirements.txt')]);
    symlinkSync('/dev/zero', path.join(root, 'package-lock.json'));
    // In a process of its own, stopped if it hangs on the FIFO or reads /dev/zero on and on.
    const script = `
      const { Repository } = await import(${JSON.stringify(path.join(REPO_ROOT, 'src/locate/repository.ts'))});
      const files = ['requirements.txt', 'package-lock.json'];
      const repository = new Repository(${JSON.stringify(root)}, files);
      console.log(JSON.stringify(files.flatMap((file) => [repository.linesOf(file), repository.countLines(file)])));
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(JSON.parse(output)).toEqual([null, null, null, null]);
  });
});
