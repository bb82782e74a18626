import { hash } from 'node:crypto';
import type { LocatedFinding } from './model.js';

/**
 * One string for a tuple of strings (a finding's identity, a fingerprint's input), different for different
 * tuples: the parts joined by NUL, as keys and fingerprints have always been made, unless a part holds a NUL
 * itself, where `a\0b`,`c` and `a`,`b\0c` would meet. Such a tuple is written as JSON, which holds no NUL, so
 * it meets no joined tuple of two parts or more; fingerprints of ordinary input stay as they were.
 */
export function tupleKey(parts: readonly string[]): string {
  return parts.some((part) => part.includes('\0')) ? JSON.stringify(parts) : parts.join('\0');
}

/**
 * What identifies a finding across runs whatever its version (SPEC §7): vulnerability id, package name and the
 * file it is placed in. GitLab tells its vulnerabilities apart the same way.
 */
export function findingIdentity(finding: LocatedFinding): string {
  return tupleKey([finding.id, finding.component.packageName, finding.location.uri]);
}

/** The SHA-256 (hex) of a `findingIdentity`, for a caller that holds the identity already. */
export function identityDigest(identity: string): string {
  return hash('sha256', identity);
}

/** The SHA-256 (hex) of `findingIdentity`: SARIF's `scaBridgeFinding/v1`, GitLab's ids and fingerprints. */
export function findingDigest(finding: LocatedFinding): string {
  return identityDigest(findingIdentity(finding));
}
