import { describe, expect, it } from 'vitest';
import {
  bufferText,
  endsEarly,
  repeatedKey,
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

describe('a key given twice in one object, at any depth', () => {
  it.each([
    ['at the top', '{"a": 1, "b": 2, "a": 3}', { key: 'a', at: '' }],
    ['in a nested object', '{"a": {"b": 1, "b": 2}}', { key: 'b', at: 'a' }],
    [
      'in an object of arrays in arrays',
      '[{"x": [{"k": 1}, {"k": 1, "j": [], "k": 2}]}]',
      { key: 'k', at: '[0].x[1]' },
    ],
    ['escaped, as JSON.parse reads it', '{"v": {"ab": 1, "\\u0061b": 2}}', { key: 'ab', at: 'v' }],
    ['under a key that is no name', '{"a b": [0, {"k": 1, "k": 1}]}', { key: 'k', at: '["a b"][1]' }],
    [
      'after values that hold every kind of text',
      '{"s": "{\\"k\\": 1, \\"k\\": 2}", "t": "]}", "s": 0}',
      { key: 's', at: '' },
    ],
  ])('%s', (_name, text, expected) => {
    expect(repeatedKey(Buffer.from(text))).toEqual(expected);
  });

  it.each([
    ['keys of one length', '{"ab": 1, "ac": 2, "ba": {"ab": 1}}'],
    ['one key in sibling objects', '[{"a": 1}, {"a": 2}, [{"a": 3}]]'],
    ['an object and its child', '{"a": {"a": {"a": 1}}, "b": [{"a": 1}]}'],
    ['keys only in strings', '{"s": "{\\"k\\": 1, \\"k\\": 2}", "k": "a,\\"k\\":"}'],
    ['an escaped key that is another', '{"a": 1, "\\u0062": 2, "\\\\a": 3}'],
  ])('none in %s', (_name, text) => {
    expect(repeatedKey(Buffer.from(text))).toBeUndefined();
  });

  it('in an object of many keys, escaped ones too, in time that grows with their number, not its square', () => {
    const wide = (n: number, last: string) =>
      `{"x": [{${Array.from({ length: n }, (_, i) => `"k${i}": ${i}`).join(', ')}, ${last}: 0}]}`;
    expect(repeatedKey(Buffer.from(wide(100, '"k7"')))).toEqual({ key: 'k7', at: 'x[0]' });
    expect(repeatedKey(Buffer.from(wide(100, '"\\u006b99"')))).toEqual({ key: 'k99', at: 'x[0]' });
    expect(repeatedKey(Buffer.from(wide(100, '"k100"')))).toBeUndefined();
    // 200,000 keys: compared each with all before it, about 20 billion comparisons and half a minute.
    expect(repeatedKey(Buffer.from(wide(200_000, '"k199999"')))).toEqual({ key: 'k199999', at: 'x[0]' });
    // A guard against a hang, not a measure of speed: linear, this takes well under a second.
  }, 10_000);

  it('is found while slicing: in an element, named by its place, or in the envelope', () => {
    expect(
      slice('{"rows": [{"cves": [{"cve": "x"}]}, {"cves": [{"cve": "x", "cve": "y"}]}], "n": 2}')?.repeated,
    ).toEqual({ key: 'cve', at: 'rows[1].cves[0]' });
    expect(slice('[{"a": 1}, {"a": 1, "a": 2}]')?.repeated).toEqual({ key: 'a', at: '[1]' });
    expect(slice('{"n": 1, "meta": {"v": 1, "v": 2}, "rows": [{"a": 1}]}')?.repeated).toEqual({
      key: 'v',
      at: 'meta',
    });
    const sliced = slice('{"rows": [{"a": 1}, {"a": 2}], "n": 2}');
    expect(sliced?.repeated).toBeUndefined();
    expect(sliced?.all()).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
