import { z } from 'zod';
import { UserError } from '../errors.js';
import { buildFinding } from '../findings/build.js';
import { componentFromXrayId } from '../findings/component.js';
import type { Finding, PolicyViolation, SourceResult } from '../findings/model.js';
import { bulkFormat, type ImportFormat, mapEach, validate } from './importer.js';
import { isRecord, optArray, optString, severityWord } from '../schema.js';
import {
  fixedVersions,
  given,
  pathInRepository,
  readXrayCves,
  refusedKind,
  xrayCveSchema,
  type XrayRowKind,
  xrayRowKind,
  xrayViolation,
} from './xray-fields.js';

/** One row of a vulnerabilities report (Reports API content, or the UI's Reports → Export → JSON). */
export const xrayRowSchema = z.object({
  issue_id: optString,
  cves: optArray(xrayCveSchema),
  summary: optString,
  description: optString,
  severity: severityWord,
  vulnerable_component: optString,
  impacted_artifact: optString,
  impact_path: optArray(z.string()),
  path: optString,
  component_physical_path: optString,
  fixed_versions: optArray(z.string()),
  published: optString,
  package_type: optString,
  references: optArray(z.string()),
  // Reports of Xray 3.x with contextual analysis: a verdict, or only whether it applies.
  applicability_result: optString,
  applicability: z.boolean().nullish(),
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

/** Maps a vulnerabilities-report row: the one mapping the `xray-report` import and the Xray API flow share. */
export function mapXrayRow(row: XrayRow): Finding {
  const { ids, cvss, cwes } = readXrayCves(row.cves);
  const component = componentFromXrayId(row.vulnerable_component ?? 'unknown', row.package_type);
  return buildFinding({
    scanner: 'xray',
    ids: [row.issue_id, ...ids],
    title: row.summary,
    description: row.description ?? row.summary,
    severity: row.severity,
    cvss,
    cwes,
    component,
    componentPaths: [row.path ? pathInRepository(row.path) : undefined],
    innerPaths: [row.component_physical_path],
    impactPaths: row.impact_path.length ? [row.impact_path] : [],
    fixedVersions: fixedVersions(row.fixed_versions),
    references: row.references,
    published: row.published,
    applicability:
      row.applicability_result ??
      (typeof row.applicability === 'boolean'
        ? row.applicability
          ? 'applicable'
          : 'not applicable'
        : undefined),
  });
}

/** Every row of a violations report counts for the gate (SPEC §3 `fail-on-policy-violation`). */
export function mapXrayViolationRow(row: XrayViolationRow): PolicyViolation {
  return xrayViolation({
    type: row.type ?? 'security',
    policy: row.policy_names.join(', ') || row.watch_name,
    watch: row.watch_name,
    failBuild: true,
    severity: row.severity,
    component: row.vulnerable_component ?? row.impacted_artifact ?? 'unknown',
    cves: row.cves,
    issue: row.issue_id,
  });
}

/** What names a vulnerability or its component: a row with none of them would be reported as an unknown one. */
const VULNERABILITY_FIELDS = ['issue_id', 'cves', 'vulnerable_component', 'summary'];

/** Whether a vulnerabilities row names neither a vulnerability nor a component. */
function namesNothing(row: unknown): boolean {
  return isRecord(row) && !VULNERABILITY_FIELDS.some((field) => given(row[field]));
}

interface OtherRows {
  /** The kind of report a row showed; no more rows are read then. */
  kind?: XrayRowKind;
  /** The first row that names nothing, kept only to name it should no row show another kind of report. */
  namesNothing?: number;
}

/**
 * The rows up to the first that shows another kind of report, which is then written to `other.kind`.
 * Vulnerabilities, violations and licence reports share `{total_rows, rows}`: what a row gives tells them apart
 * (`xrayRowKind`). Licence and operational-risk reports are refused: nothing is lost without a word.
 */
function* untilOtherKind(items: Iterable<unknown>, other: OtherRows): Generator<unknown> {
  let index = 0;
  for (const row of items) {
    other.kind = xrayRowKind(row);
    if (other.kind) return;
    if (other.namesNothing === undefined && namesNothing(row)) other.namesNothing = index;
    index++;
    yield row;
  }
}

const envelopeSchema = z.object({ total_rows: z.number().int().nonnegative(), rows: z.array(z.unknown()) });

/**
 * Reads a report element by element. Any row, not only the first, may show that it is a violations report (a
 * vulnerabilities row may carry `watch_name: null`); rows are read as vulnerabilities until one does, and only
 * then read again, so a vulnerabilities report is parsed once (`items` may be iterated twice).
 */
function readReport(envelope: unknown, items: Iterable<unknown>, count: number, file: string): SourceResult {
  const { total_rows: total } = validate(envelopeSchema, envelope, file, 'xray-report');
  if (count !== total) {
    throw new UserError(
      `${file}: the report holds ${count} of its ${total} rows (total_rows): it is one page of a report, not the whole report. Export the whole report (Reports → Export → JSON), or let a scan read every page (mode scan; CLI: \`sca-bridge scan --scanner xray\`).`,
    );
  }
  const where = { file, format: 'xray-report', key: 'rows' } as const;
  const other: OtherRows = {};
  const findings = mapEach(untilOtherKind(items, other), xrayRowSchema, where, mapXrayRow);
  const refused = refusedKind(other.kind);
  if (refused) {
    throw new UserError(
      `${file}: this is an Xray ${refused} report; sca-bridge reports vulnerabilities. Export the vulnerabilities report (or the violations report) instead.`,
    );
  }
  if (other.kind !== 'violations' && other.namesNothing !== undefined) {
    throw new UserError(
      `${file}: rows.${other.namesNothing} has none of ${VULNERABILITY_FIELDS.join(', ')}, so it names no vulnerability: this is not a vulnerabilities report Xray exported. Export the vulnerabilities report (Reports → Export → JSON) and import that.`,
    );
  }
  if (other.kind === 'violations') {
    const violations = mapEach(items, xrayViolationRowSchema, where, mapXrayViolationRow);
    return { scanner: 'xray', findings: [], violations, context: { file } };
  }
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
