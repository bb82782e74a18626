/**
 * `text` cut to at most `limit` UTF-16 units, `ellipsis` included, never between the two halves of a
 * character outside the BMP (an emoji): a lone half is not Unicode, and JSON readers refuse or mangle it.
 */
export function shorten(text: string, limit: number, ellipsis = '…'): string {
  if (text.length <= limit) return text;
  let end = limit - ellipsis.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}${ellipsis}`;
}
