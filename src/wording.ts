/** `1 finding`, `2 findings`: a count with its noun. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * A message quoted inside a sentence of ours, without its closing full stop: most messages end with one, and the
 * sentence adds its own punctuation (`… failed: <message>. The scan …`, `(<message>); …`).
 */
export function clause(message: string): string {
  return message.trim().replace(/\.+$/, '');
}
