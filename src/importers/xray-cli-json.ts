import { z } from 'zod';
import { UserError } from '../errors.js';
import { firstOf } from '../wording.js';
import { buildFinding } from '../findings/build.js';
import { componentFromXrayId } from '../findings/component.js';
import type { Finding, PolicyViolation } from '../findings/model.js';
import { type ImportFormat, validate } from './importer.js';
import { isRecord, optArray, optEntries, optString, severityWord } from '../schema.js';
import { fixedVersions, readXrayCves, xrayCveSchema, xrayViolation } from './xray-fields.js';

const impactNodeSchema = z.object({ component_id: optString, full_path: optString });

const componentSchema = z.object({
  fixed_versions: optArray(z.string()),
  impact_paths: optArray(z.array(impactNodeSchema)),
});

const componentsSchema = optEntries(componentSchema);

const vulnerabilitySchema = z.object({
  issue_id: optString,
  cves: optArray(xrayCveSchema),
  summary: optString,
  severity: severityWord,
  components: componentsSchema,
  references: optArray(z.string()),
  extended_information: z.object({ short_description: optString, full_description: optString }).nullish(),
});
type Vulnerability = z.infer<typeof vulnerabilitySchema>;

const violationSchema = z.object({
  issue_id: optString,
  type: optString,
  severity: optString,
  watch_name: optString,
  fail_build: z.boolean().nullish(),
  policies: optArray(z.object({ policy: optString })),
  components: componentsSchema,
  cves: optArray(xrayCveSchema),
  license_key: optString,
});
type Violation = z.infer<typeof violationSchema>;

const scanResponseSchema = z.object({
  scan_id: optString,
  component_id: optString,
  package_type: optString,
  status: optString,
  vulnerabilities: optArray(vulnerabilitySchema),
  violations: optArray(violationSchema),
});
type ScanResponse = z.infer<typeof scanResponseSchema>;

/** `Issue summary: ` is a prefix jf adds to some summaries. */
function cleanSummary(summary: string | undefined): string | undefined {
  return summary?.replace(/^Issue summary:\s*/i, '');
}

/** A vulnerability that names no component is on the scanned target itself: reported there rather than lost. */
function componentsOf(vulnerability: Vulnerability, response: ScanResponse): Vulnerability['components'] {
  if (vulnerability.components.length) return vulnerability.components;
  return [[response.component_id ?? 'unknown', { fixed_versions: [], impact_paths: [] }]];
}

function mapVulnerability(vulnerability: Vulnerability, response: ScanResponse): Finding[] {
  const { ids, cvss, cwes } = readXrayCves(vulnerability.cves);
  const summary = cleanSummary(vulnerability.summary);
  return componentsOf(vulnerability, response).map(([componentId, component]) => {
    const impactPaths = component.impact_paths.map((path) =>
      path.map((node) => node.component_id ?? node.full_path ?? '?'),
    );
    const fullPaths = component.impact_paths.flatMap((path) => path.map((node) => node.full_path));
    return buildFinding({
      scanner: 'xray',
      ids: [vulnerability.issue_id, ...ids],
      title: vulnerability.extended_information?.short_description,
      description: vulnerability.extended_information?.full_description ?? summary,
      severity: vulnerability.severity,
      cvss,
      cwes,
      component: componentFromXrayId(componentId, response.package_type),
      componentPaths: fullPaths,
      impactPaths,
      fixedVersions: fixedVersions(component.fixed_versions),
      references: vulnerability.references,
    });
  });
}

/** Violations count for the gate only when a watch's policy marks them `fail_build`. */
function mapViolation(violation: Violation): PolicyViolation[] {
  // A violation that names no component still counts for the gate.
  const components = violation.components.map(([componentId]) => componentId);
  // One mapping, one copy per component: the rest of the violation is the same for each.
  const mapped = xrayViolation({
    type: violation.type ?? 'security',
    policy: violation.policies
      .map((p) => p.policy)
      .filter(Boolean)
      .join(', '),
    watch: violation.watch_name,
    failBuild: !!violation.fail_build,
    severity: violation.severity,
    component: '',
    cves: violation.cves,
    issue: violation.license_key ?? violation.issue_id,
  });
  return (components.length ? components : ['unknown']).map((component) => ({ ...mapped, component }));
}

/**
 * jf leaves out `vulnerabilities`, `violations` and `licenses` when a target has none (`omitempty`), so a clean
 * target is known by its `status`.
 */
function isScanResponse(value: unknown): boolean {
  return (
    isRecord(value) &&
    ('scan_id' in value || 'component_id' in value) &&
    (Array.isArray(value.vulnerabilities) ||
      Array.isArray(value.violations) ||
      Array.isArray(value.licenses) ||
      typeof value.status === 'string')
  );
}

/** A target whose scan did not complete reports nothing of what it holds: passing the gate on it would lose it. */
function refuseUnfinished(responses: readonly ScanResponse[], file: string): void {
  const unfinished = responses.filter((r) => r.status && r.status.trim().toLowerCase() !== 'completed');
  if (!unfinished.length) return;
  const named = unfinished.map(
    (r) => `${r.component_id ?? r.scan_id ?? 'a target'} (status ${JSON.stringify(r.status)})`,
  );
  throw new UserError(
    `${file}: the scan of ${firstOf(named, 5, ', ')} did not complete, so the file lacks its findings. Run the jf command again until every target completes, and import its new output.`,
  );
}

export const xrayCliJson: ImportFormat = {
  name: 'xray-cli-json',
  scanner: 'xray',
  origin:
    '`jf scan`, `jf docker scan` or `jf audit` with `--format=json` (an array of scan responses), or one Xray graph-scan response',
  matches: (doc) => (Array.isArray(doc) ? doc.length > 0 && doc.every(isScanResponse) : isScanResponse(doc)),
  read(doc, file) {
    // One schema per shape, so a bad field is named by its path rather than by a failed union.
    const responses = Array.isArray(doc)
      ? validate(z.array(scanResponseSchema), doc, file, 'xray-cli-json')
      : [validate(scanResponseSchema, doc, file, 'xray-cli-json')];
    refuseUnfinished(responses, file);
    const findings = responses.flatMap((response) =>
      response.vulnerabilities.flatMap((v) => mapVulnerability(v, response)),
    );
    const violations = responses.flatMap((response) => response.violations.flatMap(mapViolation));
    return { scanner: 'xray', findings, violations, context: { file } };
  },
};
