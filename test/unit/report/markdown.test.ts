import { describe, expect, it } from 'vitest';
import { markdownCell, visible } from '../../../src/report/markdown.js';

describe('scanner text shown to people', () => {
  it('replaces controls and bidi embeddings, overrides and isolates, and keeps tabs, line breaks and the rest', () => {
    expect(visible('a\u0000b\u0008c\u001bd\u007fe\u0085f\u202ag\u202eh\u2066i\u2069j')).toBe(
      'a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg\ufffdh\ufffdi\ufffdj',
    );
    expect(visible('tab\tline\nreturn\r\ncafé 日本 👍 \u200d \u2028')).toBe(
      'tab\tline\nreturn\r\ncafé 日本 👍 \u200d \u2028',
    );
  });

  it('keeps a table cell one cell, with no markup of its own', () => {
    expect(markdownCell('a|b `c` [l](u) **s** _e_ <i>\\ x\r\ny\rz\nw')).toBe(
      'a\\|b \\`c\\` \\[l\\](u) **s** _e_ &lt;i>\\\\ x y z w',
    );
  });
});
