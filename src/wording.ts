/** `1 finding`, `2 findings`: a count with its noun. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** The first `limit` of `items` joined, and how many more there are: `a; b; c (and 4 more)`. */
export function firstOf(items: readonly string[], limit: number, separator = '; '): string {
  const more = items.length > limit ? ` (and ${items.length - limit} more)` : '';
  return `${items.slice(0, limit).join(separator)}${more}`;
}

/**
 * A message quoted inside a sentence of ours, without its closing full stop: most messages end with one, and the
 * sentence adds its own punctuation (`… failed: <message>. The scan …`, `(<message>); …`).
 */
export function clause(message: string): string {
  return message.trim().replace(/\.+$/, '');
}
