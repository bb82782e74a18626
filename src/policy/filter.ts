import picomatch from 'picomatch';
import { findingKey } from '../findings/collapse.js';
import type { LocatedFinding } from '../findings/model.js';
import { atLeast, type Severity } from '../findings/severity.js';

/** The paths a finding is matched on: the source's own paths, else the manifest it was placed in. */
function pathsOf(finding: LocatedFinding): string[] {
  const own = finding.patternPaths ?? finding.componentPaths;
  if (own.length) return own;
  const { rule, uri } = finding.location;
  return rule === 'manifest' || rule === 'lockfile' || rule === 'root-manifest' ? [uri] : [];
}

/**
 * `include-path-patterns` / `exclude-path-patterns`, with the meaning Xray gives them: a finding stays when one
 * of its paths is included (or no include is given) and none is excluded. A finding with no path at all stays.
 */
export function pathFilter(
  include: readonly string[],
  exclude: readonly string[],
): (finding: LocatedFinding) => boolean {
  if (!include.length && !exclude.length) return () => true;
  const options = { dot: true };
  const included = include.length ? picomatch([...include], options) : () => true;
  const excluded = exclude.length ? picomatch([...exclude], options) : () => false;
  return (finding) => {
    const paths = pathsOf(finding);
    return paths.length === 0 || (paths.some((p) => included(p)) && !paths.some((p) => excluded(p)));
  };
}

/**
 * What the path patterns left out of `all`, keeping `kept`, counted as findings are once an export's repeated
 * rows merge (`collapseDuplicates`): a finding is left out when every row of it is. When they left out every one
 * that has a path (one without is always kept), a warning shows the paths there were to match, since a pattern
 * written with Xray's repository key or another root matches none.
 */
export function pathFilterNote(
  all: readonly LocatedFinding[],
  kept: readonly LocatedFinding[],
  include: readonly string[],
): { warn: boolean; text: string } | undefined {
  if (kept.length === all.length) return undefined;
  const findings = new Set(all.map(findingKey)).size;
  const left = findings - new Set(kept.map(findingKey)).size;
  if (!left) return undefined;
  const text = `Path patterns left out ${left} of ${findings} findings`;
  if (kept.some((finding) => pathsOf(finding).length)) return { warn: false, text: `${text}.` };
  const paths = [...new Set(all.flatMap(pathsOf))];
  const shown = `${paths
    .slice(0, 3)
    .map((p) => `\`${p}\``)
    .join(', ')}${paths.length > 3 ? ', …' : ''}`;
  const why = include.length
    ? 'include-path-patterns matched none of their paths'
    : 'exclude-path-patterns matched every one of their paths';
  return {
    warn: true,
    text: `${text}, every one that has a path: ${why}, which look like ${shown} (relative to the repository root; an Xray path without its repository key).`,
  };
}

export interface Filtered {
  /** What every output reports: above the floor, and suppressed ones only when asked for. */
  reported: LocatedFinding[];
  /** Suppressed findings, left out or marked. */
  suppressed: number;
  /** Dropped by `min-severity`. */
  belowMinSeverity: number;
}

/** `min-severity` and suppression (SPEC §3, §6). */
export function applyReportFilters(
  findings: readonly LocatedFinding[],
  minSeverity: Severity,
  includeSuppressed: boolean,
): Filtered {
  const aboveFloor = findings.filter((f) => atLeast(f.severity, minSeverity));
  const suppressed = aboveFloor.filter((f) => f.suppressed).length;
  return {
    reported: includeSuppressed ? aboveFloor : aboveFloor.filter((f) => !f.suppressed),
    suppressed,
    belowMinSeverity: findings.length - aboveFloor.length,
  };
}
