/**
 * One string for a tuple of strings (a finding's identity, a fingerprint's input), different for different
 * tuples: the parts joined by NUL, as keys and fingerprints have always been made, unless a part holds a NUL
 * itself, where `a\0b`,`c` and `a`,`b\0c` would meet. Such a tuple is written as JSON, which holds no NUL, so
 * it meets no joined tuple of two parts or more; fingerprints of ordinary input stay as they were.
 */
export function tupleKey(parts: readonly string[]): string {
  return parts.some((part) => part.includes('\0')) ? JSON.stringify(parts) : parts.join('\0');
}
