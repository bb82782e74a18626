import { buildFinding, type FindingInput } from '../../src/findings/build.js';
import type { Finding, LocatedFinding, Location } from '../../src/findings/model.js';

/** Where the locator puts what it cannot place, in these tests. */
const FALLBACK: Location = { uri: '.github/workflows/ci.yml', startLine: 1, rule: 'fallback' };

/** An importer's findings as the locator hands them on when it places none of them. */
export function atFallback(findings: readonly Finding[]): LocatedFinding[] {
  return findings.map((finding) => ({ ...finding, location: { ...FALLBACK } }));
}

/**
 * A located finding with sensible defaults, for unit tests of what comes after the locator. Unless a test
 * places it, it is where the locator puts what it cannot place: the fallback file.
 */
export function aFinding(
  overrides: Partial<FindingInput> & { location?: LocatedFinding['location'] } = {},
): LocatedFinding {
  const { location = FALLBACK, ...input } = overrides;
  const finding = buildFinding({
    scanner: 'dependency-track',
    ids: ['CVE-2021-23337'],
    title: 'Command injection',
    description: 'Command injection via template.',
    severity: 'high',
    component: {
      packageName: 'lodash',
      name: 'lodash',
      version: '4.17.20',
      ecosystem: 'npm',
      purl: 'pkg:npm/lodash@4.17.20',
    },
    ...input,
  });
  return { ...finding, location };
}
