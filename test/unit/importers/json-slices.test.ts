import { describe, expect, it } from 'vitest';
import {
  bufferText,
  endsEarly,
  RepeatedKeyError,
  sliceDocument,
} from '../../../src/importers/json-slices.js';

const KEYS = new Set(['rows', 'findings', 'data']);

/** The sliced document, and `all()`: its elements read from the buffer sliced. */
function sliceBuffer(buf: Buffer) {
  const sliced = sliceDocument(buf, KEYS);
  return sliced && { ...sliced, all: () => [...sliced.items(bufferText(buf))] };
}

function slice(text: string) {
  return sliceBuffer(Buffer.from(text));
}

describe('slicing the big array out of a document', () => {
  const rows = [
    { summary: 'brackets ] } [ { and "quotes" and \\ backslashes \\" in strings', n: 1 },
    { nested: [[1, 2], { a: [] }], unicode: 'naïve 日本語 \u2028', empty: '' },
    // Backslashes right before a closing quote: an even run of them leaves the quote unescaped.
    { tail: 'ends with a backslash \\', two: '\\\\', quoted: '\\"]}', only: '\\' },
    'a string row',
    42,
    null,
    [],
  ];
  const document = { total_rows: rows.length, meta: { rows: 'not the array' }, rows, after: [1, 2] };

  it('finds every element of the named array and parses each on its own', () => {
    const sliced = slice(JSON.stringify(document, null, 2));
    expect(sliced?.key).toBe('rows');
    expect(sliced?.count).toBe(rows.length);
    expect(sliced?.first).toEqual(rows[0]);
    expect(sliced?.all()).toEqual(rows);
    expect(sliced?.envelope).toEqual({ ...document, rows: [] });
  });

  it('reads a document that is itself the array, after a byte-order mark', () => {
    const sliced = sliceBuffer(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(rows))]),
    );
    expect(sliced?.key).toBe('');
    expect(sliced?.all()).toEqual(rows);
    expect(sliced?.envelope).toEqual([]);
  });

  it('reads an object after a byte-order mark too, rather than leaving it to be parsed whole', () => {
    const sliced = slice('\ufeff{"total_rows": 2, "rows": [{"a": 1}, 2]}');
    expect(sliced?.key).toBe('rows');
    expect(sliced?.all()).toEqual([{ a: 1 }, 2]);
    expect(sliced?.envelope).toEqual({ total_rows: 2, rows: [] });
  });

  it('reads an empty array', () => {
    const sliced = slice('{"findings": [ ], "version": "1.3"}');
    expect(sliced).toMatchObject({
      key: 'findings',
      count: 0,
      first: undefined,
      envelope: { findings: [], version: '1.3' },
    });
  });

  it.each([
    ['no array under a known key', '{"total_rows": 1, "other": [1]}'],
    ['a truncated document', '{"total_rows": 2, "rows": [{"a": 1}, {"b": '],
    ['an unterminated string', '{"rows": ["abc]}'],
    ['a scalar document', '"text"'],
    ['elements without commas', '{"rows": [1 2]}'],
  ])('gives up on %s, so the caller parses the whole file', (_name, text) => {
    expect(slice(text)).toBeUndefined();
  });

  it.each([
    ['an empty array, then one with a row', '{"findings": [], "version": "1.3", "findings": [{"a": 1}]}'],
    ['a row, then an empty array', '{"findings": [{"a": 1}], "findings": []}'],
    ['an array, then null', '{"rows": [{"a": 1}], "rows": null}'],
    // JSON.parse reads the escape as the same key.
    ['the key, then the same key escaped', '{"rows": [], "\\u0072ows": [{"a": 1}]}'],
  ])('refuses the big array’s key given twice: %s', (_name, text) => {
    expect(() => slice(text)).toThrow(RepeatedKeyError);
  });

  it('reads the array after a member of its name that holds no array, as JSON.parse does', () => {
    const sliced = slice('{"rows": null, "\\u0072ows": [{"a": 1}], "total_rows": 1}');
    expect(sliced?.key).toBe('rows');
    expect(sliced?.all()).toEqual([{ a: 1 }]);
    expect(sliced?.envelope).toEqual({ rows: [], total_rows: 1 });
  });
});

describe('telling a cut document without parsing it', () => {
  it.each([
    ['{"rows": [{"a": "]}"}], "n": 1}', false],
    ['\ufeff [1, 2]\n', false],
    ['"text"', false],
    ['12', false],
    ['{"rows": [{"a": "]}"}], "n": ', true],
    ['{"rows": [{"a": "]}', true],
    ['[1, [2', true],
    ['"unterminated', true],
  ])('%s ends early: %s', (text, cut) => {
    expect(endsEarly(Buffer.from(text))).toBe(cut);
  });
});
