import { depthOf, type Placed, pinsVersion } from './repository.js';

/** A declaration that could place a finding, and why. */
export interface Candidate {
  placed: Placed;
  /**
   * 1 and 2: declares the component as a direct dependency, or declares in a manifest a package of the
   * finding's impact path (the direct dependency that pulls the component in) — the latter first when
   * the impact paths show the component only as transitive; 3: any other declaration of the component
   * (lockfile entries); 4: the image a Dockerfile ships (OS packages).
   */
  tier: number;
  /** Index in the impact path (tier 2): the element nearest the root is the direct dependency. */
  position: number;
  /** How the declared version fits the finding's (`versionFit`) or, for tier 2, the path element's. */
  fit: Fit;
  /** Declares the finding's own package, not one pulling it in or an image shipping it. */
  own: boolean;
}

/**
 * 0: the line stands for the finding's version (declares it, or is a direct declaration its folder's lockfile
 * installs it for); 1: it may (a range, a property not resolved, no version, or the finding's version is
 * unknown); 2: it stands for another version (pins one, or its lockfile installs another): in a monorepo, the
 * module already on the fixed version is not the one to fix.
 */
export type Fit = 0 | 1 | 2;

export function versionFit(
  placed: Placed,
  version: string | undefined,
  installed?: ReadonlySet<string>,
): Fit {
  if (version === undefined) return 1;
  if (placed.version === version || installed?.has(version)) return 0;
  if (installed || pinsVersion(placed)) return 2;
  return 1;
}

/**
 * How far a file's folder is from the folders a finding points at (its `componentPaths`, the folders of
 * the projects its impact path starts from): the folder itself, then its parents nearest first, then
 * folders inside it, then unrelated folders sharing the longest prefix. 0 when there are no hints.
 */
export function distance(folder: string, hints: readonly string[]): number {
  let best = hints.length ? Infinity : 0;
  for (const hint of hints) best = Math.min(best, distanceTo(folder, hint));
  return best;
}

function distanceTo(folder: string, hint: string): number {
  if (folder === '' || hint === folder || hint.startsWith(`${folder}/`))
    return depthOf(hint) - depthOf(folder);
  if (hint === '' || folder.startsWith(`${hint}/`)) return 1_000 + depthOf(folder) - depthOf(hint);
  // Unrelated folders: the more leading folders in common, the nearer.
  let common = 0;
  for (let at = 0; at < folder.length && folder[at] === hint[at]; at++) if (folder[at] === '/') common++;
  return 1_000_000 - common;
}

/** Orders candidates by tier, path position, version, manifest over lockfile, shallowest, path, line. */
function compare(a: Candidate, b: Candidate): number {
  return (
    a.tier - b.tier ||
    a.position - b.position ||
    a.fit - b.fit ||
    Number(a.placed.kind === 'lockfile') - Number(b.placed.kind === 'lockfile') ||
    a.placed.depth - b.placed.depth ||
    (a.placed.uri < b.placed.uri ? -1 : a.placed.uri > b.placed.uri ? 1 : 0) ||
    a.placed.line - b.placed.line
  );
}

/** The best candidate: closest to the hints first, then in the order of `compare`. */
export function best(candidates: Iterable<Candidate>, hints: readonly string[]): Candidate | undefined {
  let winner: Candidate | undefined;
  let winnerDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(candidate.placed.folder, hints);
    if (!winner || d < winnerDistance || (d === winnerDistance && compare(candidate, winner) < 0)) {
      [winner, winnerDistance] = [candidate, d];
    }
  }
  return winner;
}
