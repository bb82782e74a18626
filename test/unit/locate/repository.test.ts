import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Repository } from '../../../src/locate/repository.js';
import { splitLines } from '../../../src/locate/text.js';
import { makeRepo, removeRepos } from './repo.js';

afterAll(removeRepos);

describe('counting the lines of a file the locator does not index', () => {
  const root = makeRepo({});
  const write = (name: string, content: string | Buffer) => writeFileSync(path.join(root, name), content);
  const repository = new Repository(root, []);

  it.each([
    ['empty.txt', ''],
    ['one.txt', 'one line'],
    ['ended.txt', 'a\nb\n'],
    ['open.txt', 'a\nb'],
    ['crlf.txt', 'a\r\nb\r\n'],
    ['blank-end.txt', 'a\n\n'],
  ])('counts %s as splitLines does', (name, text) => {
    write(name, text);
    expect(repository.countLines(name)).toBe(splitLines(text).length);
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
