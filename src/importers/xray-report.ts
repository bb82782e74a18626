import { z } from 'zod';
import { UserError } from '../errors.js';
import { buildFinding } from '../findings/build.js';
import { canonicalId } from '../findings/ids.js';
import { componentFromXrayId } from '../findings/component.js';
import type { Finding, PolicyViolation, SourceResult } from '../findings/model.js';
import { parseSeverity } from '../findings/severity.js';
import {
  bulkFormat,
  type ImportFormat,
  isRecord,
  mapEach,
  optArray,
  optString,
  validate,
} from './importer.js';
import { fixedVersions, readXrayCves, xrayCveSchema } from './xray-fields.js';

/** One row of a vulnerabilities report (Reports API content, or the UI's Reports → Export → JSON). */
export const xrayRowSchema = z.object({
  issue_id: optString,
  cves: optArray(xrayCveSchema),
  summary: optString,
  description: optString,
  severity: optString,
  vulnerable_component: optString,
  impacted_artifact: optString,
  impact_path: optArray(z.string()),
  path: optString,
  component_physical_path: optString,
  fixed_versions: optArray(z.string()),
  published: optString,
  package_type: optString,
  references: optArray(z.string()),
});
export type XrayRow = z.infer<typeof xrayRowSchema>;

/** One row of a violations report: the same envelope, rows with `type`, `watch_name`, `policy_names`. */
export const xrayViolationRowSchema = z.object({
  type: optString,
  watch_name: optString,
  policy_names: optArray(z.string()),
  issue_id: optString,
  severity: optString,
  vulnerable_component: optString,
  impacted_artifact: optString,
  cves: optArray(xrayCveSchema),
  summary: optString,
});
export type XrayViolationRow = z.infer<typeof xrayViolationRowSchema>;

/** A report path starts with the repository key; path patterns mean the path inside the repository. */
export function pathInRepository(path: string): string {
  const slash = path.indexOf('/');
  return slash > 0 ? path.slice(slash + 1) : path;
}

/** Maps a vulnerabilities-report row: the one mapping the `xray-report` import and the Xray API flow share. */
export function mapXrayRow(row: XrayRow): Finding {
  const { ids, cvss, cwes } = readXrayCves(row.cves);
  const component = componentFromXrayId(row.vulnerable_component ?? 'unknown', row.package_type);
  return buildFinding({
    scanner: 'xray',
    ids: [row.issue_id, ...ids],
    title: row.summary,
    description: row.description ?? row.summary,
    severity: parseSeverity(row.severity),
    cvss,
    cwes,
    component,
    componentPaths: [row.path ? pathInRepository(row.path) : undefined, row.component_physical_path],
    impactPaths: row.impact_path.length ? [row.impact_path] : [],
    fixedVersions: fixedVersions(row.fixed_versions),
    references: row.references,
    published: row.published,
  });
}

/** Every row of a violations report counts for the gate (SPEC §3 `fail-on-policy-violation`). */
export function mapXrayViolationRow(row: XrayViolationRow): PolicyViolation {
  const { ids } = readXrayCves(row.cves);
  return {
    scanner: 'xray',
    type: row.type ?? 'security',
    policy: row.policy_names.join(', ') || row.watch_name || 'unknown policy',
    ...(row.watch_name ? { watch: row.watch_name } : {}),
    state: 'FAIL',
    severity: parseSeverity(row.severity),
    component: row.vulnerable_component ?? row.impacted_artifact ?? 'unknown',
    ...(row.issue_id || ids.length ? { subject: canonicalId(ids) ?? row.issue_id } : {}),
    suppressed: false,
  };
}

type RowKind = 'vulnerabilities' | 'violations' | 'licenses';

/** Vulnerabilities, violations and licence reports share `{total_rows, rows}`: the keys inside the rows tell them apart. */
function reportKind(rows: readonly unknown[]): RowKind {
  const first = rows.find(isRecord);
  if (!first) return 'vulnerabilities';
  if ('watch_name' in first || 'policy_names' in first || 'violation_details' in first) return 'violations';
  if ('license' in first || 'license_name' in first) return 'licenses';
  return 'vulnerabilities';
}

const envelopeSchema = z.object({ total_rows: z.number().int().nonnegative(), rows: z.array(z.unknown()) });

function firstOf(items: Iterable<unknown>): unknown {
  for (const item of items) return item;
  return undefined;
}

/** Reads a report element by element; `items` may be iterated twice (its first row tells the report's kind). */
function readReport(envelope: unknown, items: Iterable<unknown>, count: number, file: string): SourceResult {
  const { total_rows: total } = validate(envelopeSchema, envelope, file, 'xray-report');
  if (count !== total) {
    throw new UserError(
      `${file}: the report holds ${count} of its ${total} rows (total_rows): it is one page of a report, not the whole report. Export the whole report (Reports → Export → JSON), or let sca-bridge read every page with \`sca-bridge scan --scanner xray\`.`,
    );
  }
  const first = firstOf(items);
  const kind = first === undefined ? 'vulnerabilities' : reportKind([first]);
  if (kind === 'licenses') {
    throw new UserError(
      `${file}: this is an Xray licence report; sca-bridge reports vulnerabilities. Export the vulnerabilities report (or the violations report) instead.`,
    );
  }
  const where = { file, format: 'xray-report', key: 'rows' } as const;
  if (kind === 'violations') {
    const violations = mapEach(items, xrayViolationRowSchema, where, mapXrayViolationRow);
    return { scanner: 'xray', findings: [], violations, context: { file } };
  }
  const findings = mapEach(items, xrayRowSchema, where, mapXrayRow);
  return { scanner: 'xray', findings, violations: [], context: { file } };
}

export const xrayReport: ImportFormat = bulkFormat({
  name: 'xray-report',
  scanner: 'xray',
  origin:
    'Xray Reports: the vulnerabilities or violations report content (`POST /xray/api/v1/reports/{vulnerabilities|violations}/{id}`) or the UI export (Reports → Export → JSON)',
  matches: (doc) => isRecord(doc) && typeof doc.total_rows === 'number' && Array.isArray(doc.rows),
  bulk: { key: 'rows', read: readReport },
});
