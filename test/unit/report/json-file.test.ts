import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withoutLoneSurrogates, writeJsonFile } from '../../../src/report/json-file.js';
import { tempDir } from '../../helpers/cli.js';

describe('writeJsonFile', () => {
  it.each([
    [
      'an object with arrays',
      {
        version: '15.2.1',
        scan: { type: 'x' },
        vulnerabilities: [{ id: 1 }, { id: 'ü"\n' }],
        empty: [],
        skipped: undefined,
      },
    ],
    ['an array', [{ a: 1 }, [2, 3], 'four', null]],
    ['an empty array', []],
    ['a scalar', 'just text'],
    ['an object with an iterable list', { items: new Set([1, 'two', { three: 3 }]) }],
  ])('writes %s that parses back to the same value', async (_name, value) => {
    const file = path.join(tempDir(), 'out.json');
    await writeJsonFile(file, value);
    const expected = JSON.parse(
      JSON.stringify(value, (_key, v: unknown) => (v instanceof Set ? [...(v as Set<unknown>)] : v)),
    ) as unknown;
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(expected);
  });

  it('writes a list longer than one batch whole, and a shorter file over a longer one', async () => {
    const file = path.join(tempDir(), 'big.json');
    const items = Array.from({ length: 30_000 }, (_, i) => ({ id: i, text: 'x'.repeat(50) }));
    await writeJsonFile(file, { items });
    expect((JSON.parse(readFileSync(file, 'utf8')) as { items: unknown[] }).items).toEqual(items);
    await writeJsonFile(file, { items: [1] });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ items: [1] });
  });

  it('writes multi-byte text across batches, and an item larger than the batch buffer, byte for byte', async () => {
    const file = path.join(tempDir(), 'wide.json');
    // Three-byte and four-byte characters end up on both sides of batch boundaries; the last item alone is
    // over 4 MiB of UTF-8.
    const items = [
      ...Array.from({ length: 5_000 }, (_, i) => `${i} ${'日本語😀'.repeat(40)}`),
      '€'.repeat(1_500_000),
    ];
    await writeJsonFile(file, items);
    const bytes = readFileSync(file);
    expect(bytes.equals(Buffer.from(`[\n${items.map((i) => JSON.stringify(i)).join(',\n')}\n]\n`))).toBe(
      true,
    );
  });

  it('removes a file it could not finish, so no partial report is left', async () => {
    const file = path.join(tempDir(), 'partial.json');
    function* rows() {
      for (let i = 0; i < 20_000; i++) yield { id: i, text: 'x'.repeat(100) };
      throw new Error('the source broke');
    }
    await expect(writeJsonFile(file, { rows: rows() })).rejects.toThrow('the source broke');
    expect(existsSync(file)).toBe(false);
  });
});

describe('withoutLoneSurrogates', () => {
  it('writes an escaped lone surrogate as U+FFFD, leaving pairs and escaped backslashes', () => {
    expect(withoutLoneSurrogates(JSON.stringify('a\ud83db \udc00 \ud83d\ude00'))).toBe(
      '"a\\ufffdb \\ufffd 😀"',
    );
    // `\\ud83d` is a backslash and text; `\\\ud83d` a backslash and a lone surrogate.
    expect(withoutLoneSurrogates(JSON.stringify('\\ud83d \\\ud83d'))).toBe('"\\\\ud83d \\\\\\ufffd"');
    const plain = JSON.stringify('nothing to change');
    expect(withoutLoneSurrogates(plain)).toBe(plain);
  });
});
