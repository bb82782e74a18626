const CVE = /^CVE-(\d{4})-(\d{4,})$/i;
const GHSA = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/i;

export function isCve(id: string): boolean {
  return CVE.test(id);
}

export function isGhsa(id: string): boolean {
  return GHSA.test(id);
}

function compareCve(a: string, b: string): number {
  const [, ya = '0', na = '0'] = CVE.exec(a) ?? [];
  const [, yb = '0', nb = '0'] = CVE.exec(b) ?? [];
  return Number(ya) - Number(yb) || Number(na) - Number(nb);
}

/** Normalises the case of well-known id schemes so the same id compares equal from every source. */
export function normaliseId(id: string): string {
  const trimmed = id.trim();
  if (isCve(trimmed) || isGhsa(trimmed)) {
    return isCve(trimmed) ? trimmed.toUpperCase() : `GHSA${trimmed.slice(4).toLowerCase()}`;
  }
  return trimmed;
}

/**
 * The canonical id of a vulnerability (SPEC §6): its lowest CVE, else its GHSA, else the scanner's own id.
 * `ids` must hold the scanner's own id first when it has no CVE or GHSA.
 */
export function canonicalId(ids: readonly string[]): string | undefined {
  const cves = ids.filter(isCve).sort(compareCve);
  if (cves[0]) return cves[0];
  const ghsa = ids.filter(isGhsa).sort();
  if (ghsa[0]) return ghsa[0];
  return ids[0];
}

/** Canonical id first, then the others in a stable order, without duplicates or blanks. */
export function orderIds(ids: readonly (string | undefined | null)[]): string[] {
  const unique = [...new Set(ids.filter((id): id is string => !!id && !!id.trim()).map(normaliseId))];
  const canonical = canonicalId(unique);
  return canonical ? [canonical, ...unique.filter((id) => id !== canonical).sort()] : [];
}
