import { describe, expect, it } from 'vitest';
import { lineHashes } from '../../../src/report/line-hash.js';

/** Expected values are the published test vectors of github/codeql-action's fingerprinting. */
function hashesOf(text: string): string[] {
  const hashes = lineHashes(text);
  return [...hashes.keys()].sort((a, b) => a - b).map((line) => hashes.get(line) ?? '');
}

describe('primaryLocationLineHash', () => {
  it('hashes an empty file as one line', () => {
    expect(hashesOf('')).toEqual(['c129715d7a2bc9a3:1']);
  });

  it('skips spaces and tabs', () => {
    expect(hashesOf(' a\nb\n  \t\tc\n d')).toEqual([
      '271789c17abda88f:1',
      '54703d4cd895b18:1',
      '180aee12dab6264:1',
      'a23a3dc5e078b07b:1',
    ]);
  });

  const withTrailingNewline = [
    'e9496ae3ebfced30:1',
    'fb7c023a8b9ccb3f:1',
    'ce8ba1a563dcdaca:1',
    'e20e36e16fcb0cc8:1',
    'b3edc88f2938467e:1',
    'c8e28b0b4002a3a0:1',
    'c129715d7a2bc9a3:1',
  ];

  it.each([
    ['LF', ' hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n'],
    ['CR', ' hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r'],
    ['CRLF', ' hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n'],
    ['mixed', ' hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n'],
  ])('reads %s line ends alike', (_name, text) => {
    expect(hashesOf(text)).toEqual(withTrailingNewline);
  });

  it('numbers repeated hashes within a file', () => {
    expect(hashesOf('Lorem ipsum dolor sit amet.\n'.repeat(10))).toEqual([
      'a7f2ff13bc495cf2:1',
      'a7f2ff13bc495cf2:2',
      'a7f2ff13bc495cf2:3',
      'a7f2ff13bc495cf2:4',
      'a7f2ff13bc495cf2:5',
      'a7f2ff13bc495cf2:6',
      'a7f2ff1481e87703:1',
      'a9cf91f7bbf1862b:1',
      '55ec222b86bcae53:1',
      'cc97dc7b1d7d8f7b:1',
      'c129715d7a2bc9a3:1',
    ]);
  });
});

describe('hashing only as far as needed', () => {
  const text = Array.from(
    { length: 60 },
    (_, i) => `  "dep-${i % 7}": "^1.${i}.0",${i % 5 === 0 ? '\r\n' : '\n'}`,
  ).join('');

  it.each([1, 2, 17, 59, 60, 61])('gives the same hashes up to line %i as hashing the whole file', (last) => {
    const whole = lineHashes(text);
    const part = lineHashes(text, last);
    expect([...part.keys()]).toEqual([...whole.keys()].filter((line) => line <= last));
    for (const [line, hash] of part) expect(hash).toBe(whole.get(line));
  });
});

describe('reading only the head of a large file', () => {
  it('gives the hashes of its first lines as reading it whole does', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { readHead } = await import('../../../src/report/line-hash.js');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'sca-bridge-head-')), 'export.json');
    // Three short lines, then one line of 3 MB with multi-byte characters across the read chunks.
    const text = `{\n  "total_rows": 1,\n  "rows": [\n${'{"summary":"naïve 日本語 row"},'.repeat(100_000)}{}]}\n`;
    writeFileSync(file, text);
    const head = readHead(file, 3);
    expect(head.length).toBeLessThan(text.length);
    expect(lineHashes(head, 3)).toEqual(lineHashes(text, 3));
    expect(readHead(file, 10)).toBe(text);
    // An export on one line, placed on line 1: read only a little of it.
    const oneLine = text.replaceAll('\n', '').repeat(5);
    writeFileSync(file, oneLine);
    const first = readHead(file, 1);
    expect(first.length).toBeLessThan(oneLine.length / 4);
    expect(lineHashes(first, 1)).toEqual(lineHashes(oneLine, 1));
  });
});
