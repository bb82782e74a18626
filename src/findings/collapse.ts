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
    // The namespace too: an OS package's name leaves its distribution out (`pkg:deb/debian/foo` and
    // `pkg:deb/ubuntu/foo` are both `foo`), and `a` `b/c` and `a/b` `c` write one name. Only when there is one, so
    // that the keys of others stay as they were.
    ...(component.group ? [component.group] : []),
    // A component known by no version, such as a file Xray knows by its hash, is told apart by its purl.
    component.version ?? component.purl ?? '',
    finding.location.uri,
  ]);
}

/** Every value the findings list, in their order, each once (a copy of the one finding's list when alone). */
export function unionOf<T>(
  findings: readonly LocatedFinding[],
  values: (finding: LocatedFinding) => readonly T[],
): T[] {
  if (findings.length === 1) return [...values(findings[0] as LocatedFinding)];
  const seen = new Set<T>();
  for (const finding of findings) for (const value of values(finding)) seen.add(value);
  return [...seen];
}

/** The distinct paths of the lists, each in the place it was first seen. */
function unionOfPaths(lists: readonly (readonly string[][])[]): string[][] {
  const seen = new Map<string, string[]>();
  for (const list of lists) for (const path of list) seen.set(tupleKey(path), path);
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

/** What of two sightings is one value (a severity, a title): the lists are joined once, by `mergeAll`. */
function mergeOne(into: LocatedFinding, other: LocatedFinding): LocatedFinding {
  return {
    ...into,
    title: into.title || other.title,
    description: into.description.length >= other.description.length ? into.description : other.description,
    severity: mostSevere(into.severity, other.severity),
    cvss: mergeCvss(into.cvss, other.cvss),
    epss: into.epss ?? other.epss,
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

/**
 * The sightings of one finding as one. Each list is joined once over all of them: joined sighting by sighting,
 * a vulnerability that a whole Artifactory's report repeats over 20,000 artifacts took minutes.
 */
function mergeAll(sightings: readonly [LocatedFinding, ...LocatedFinding[]]): LocatedFinding {
  const [first, ...others] = sightings;
  const merged = others.reduce(mergeOne, first);
  const ids = orderIds(sightings.flatMap((f) => f.ids));
  return {
    ...merged,
    id: ids[0] ?? first.id,
    ids,
    cwes: unionOf(sightings, (f) => f.cwes),
    componentPaths: unionOf(sightings, (f) => f.componentPaths),
    ...(sightings.some((f) => f.patternPaths)
      ? { patternPaths: unionOf(sightings, (f) => f.patternPaths ?? f.componentPaths) }
      : {}),
    impactPaths: unionOfPaths(sightings.map((f) => f.impactPaths)),
    fixedVersions: unionOf(sightings, (f) => f.fixedVersions),
    references: unionOf(sightings, (f) => f.references),
  };
}

/** Collapses repeated sightings of one finding into one, keeping the first one's order. */
export function collapseDuplicates(findings: readonly LocatedFinding[]): LocatedFinding[] {
  const byKey = new Map<string, [LocatedFinding, ...LocatedFinding[]]>();
  for (const finding of findings) {
    const key = findingKey(finding);
    const seen = byKey.get(key);
    if (seen) seen.push(finding);
    else byKey.set(key, [finding]);
  }
  return [...byKey.values()].map((sightings) =>
    sightings.length === 1 ? sightings[0] : mergeAll(sightings),
  );
}
