import type { Cvss, CvssScore, LocatedFinding } from './model.js';
import { orderIds } from './ids.js';
import { tupleKey } from './key.js';
import { mostSevere } from './severity.js';

/** The identity of a finding: one vulnerability on one component version at one location (SPEC §6). */
export function findingKey(finding: LocatedFinding): string {
  const { component } = finding;
  return tupleKey([
    finding.scanner,
    finding.id,
    component.ecosystem ?? '',
    component.packageName,
    // A component known by no version, such as a file Xray knows by its hash, is told apart by its purl.
    component.version ?? component.purl ?? '',
    finding.location.uri,
  ]);
}

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function unionPaths(a: readonly string[][], b: readonly string[][]): string[][] {
  const seen = new Map(a.map((path) => [tupleKey(path), path]));
  for (const path of b) seen.set(tupleKey(path), path);
  return [...seen.values()];
}

function higher(a: CvssScore | undefined, b: CvssScore | undefined): CvssScore | undefined {
  if (!a) return b;
  if (!b) return a;
  return (b.score ?? -1) > (a.score ?? -1) ? b : a;
}

function mergeCvss(a: Cvss, b: Cvss): Cvss {
  const out: Cvss = {};
  const v4 = higher(a.v4, b.v4);
  const v3 = higher(a.v3, b.v3);
  const v2 = higher(a.v2, b.v2);
  if (v4) out.v4 = v4;
  if (v3) out.v3 = v3;
  if (v2) out.v2 = v2;
  return out;
}

/**
 * Of two sightings, the more applicable: one not analysed outranks `not applicable`, and any word (`not
 * covered`) outranks none; words of one rank by their text, so the rows' order never decides.
 */
const APPLICABILITY_RANK: Record<string, number> = { applicable: 4, undetermined: 3, 'not applicable': 0 };

function moreApplicable(a: string | undefined, b: string | undefined): string | undefined {
  const rank = (value: string | undefined) => (value === undefined ? 1 : (APPLICABILITY_RANK[value] ?? 2));
  const order = rank(b) - rank(a);
  return order > 0 || (order === 0 && b !== undefined && a !== undefined && b < a) ? b : a;
}

function merge(into: LocatedFinding, other: LocatedFinding): LocatedFinding {
  const ids = orderIds([...into.ids, ...other.ids]);
  return {
    ...into,
    id: ids[0] ?? into.id,
    ids,
    title: into.title || other.title,
    description: into.description.length >= other.description.length ? into.description : other.description,
    severity: mostSevere(into.severity, other.severity),
    cvss: mergeCvss(into.cvss, other.cvss),
    epss: into.epss ?? other.epss,
    cwes: union(into.cwes, other.cwes),
    componentPaths: union(into.componentPaths, other.componentPaths),
    impactPaths: unionPaths(into.impactPaths, other.impactPaths),
    fixedVersions: union(into.fixedVersions, other.fixedVersions),
    references: union(into.references, other.references),
    // One unsuppressed sighting keeps the finding open.
    suppressed: into.suppressed && other.suppressed,
    // An open finding never carries the analysis that suppressed one of its sightings.
    analysis:
      into.suppressed && other.suppressed
        ? (into.analysis ?? other.analysis)
        : ((into.suppressed ? undefined : into.analysis) ?? (other.suppressed ? undefined : other.analysis)),
    url: into.url ?? other.url,
    applicability: moreApplicable(into.applicability, other.applicability),
  };
}

/** Collapses repeated sightings of one finding into one, keeping the first one's order. */
export function collapseDuplicates(findings: readonly LocatedFinding[]): LocatedFinding[] {
  const byKey = new Map<string, LocatedFinding>();
  for (const finding of findings) {
    const key = findingKey(finding);
    const seen = byKey.get(key);
    byKey.set(key, seen ? merge(seen, finding) : finding);
  }
  return [...byKey.values()];
}
