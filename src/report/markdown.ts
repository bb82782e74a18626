/**
 * Characters that change how the text around them shows rather than show themselves: C0 and C1 controls but
 * tab and line breaks, and the bidi embeddings, overrides and isolates (`evil\u202egnp.exe` shows as
 * `evilexe.png`). Scanner text shown to people (annotations, summaries, rule help) gets U+FFFD in their place.
 */
// eslint-disable-next-line no-control-regex -- matching controls is what it is for
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function visible(text: string): string {
  return text.replace(HIDDEN, '\ufffd');
}

/**
 * Scanner and user text in markdown: no line breaks or pipes (table cells), and no backticks, brackets or tags
 * that would pair with the document's own.
 */
export function markdownCell(text: string): string {
  return visible(text)
    .replace(/\r\n?|\n/g, ' ')
    .replace(/[|`[\]\\]/g, (c) => `\\${c}`)
    .replace(/</g, '&lt;');
}
