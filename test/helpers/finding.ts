import { buildFinding, type FindingInput } from '../../src/findings/build.js';
import type { Finding } from '../../src/findings/model.js';

/** A finding with sensible defaults, for unit tests of what comes after the importers. */
export function aFinding(
  overrides: Partial<FindingInput> & { location?: Finding['location'] } = {},
): Finding {
  const { location, ...input } = overrides;
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
  return location ? { ...finding, location } : finding;
}
