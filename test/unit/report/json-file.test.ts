import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonFile } from '../../../src/report/json-file.js';
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
  ])('writes %s that parses back to the same value', async (_name, value) => {
    const file = path.join(tempDir(), 'nested', 'out.json');
    await writeJsonFile(file, value);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(value)));
  });
});
