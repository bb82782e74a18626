import { z } from 'zod';
import { UserError } from '../errors.js';
import { buildFinding } from '../findings/build.js';
import { componentFromXrayId } from '../findings/component.js';
import type { Finding, SourceResult } from '../findings/model.js';
import { bulkFormat, type ImportFormat, mapEach, validate } from './importer.js';
import { isRecord, optArray, optString, severityWord } from '../schema.js';
import {
  fixedVersions,
  readXrayCves,
  refusedKind,
  xrayCveId,
  xrayCveSchema,
  xrayRowKind,
} from './xray-fields.js';

/**
 * One entry per issue × component; `total_count` counts the issues (`issueCounter`). Other fields are kept, to name
 * the licence or operational-risk export an entry that names no vulnerability comes from (`xrayRowKind`).
 */
const itemSchema = z.looseObject({
  id: optString,
  severity: severityWord,
  pkg_type: optString,
  summary: optString,
  component: optString,
  source_comp_id: optString,
  component_versions: z
    .object({
      fixed_versions: optArray(z.string()),
      more_details: z
        .object({ cves: optArray(xrayCveSchema), description: optString })
        .nullish()
        .transform((value) => value ?? { cves: [], description: undefined }),
    })
    .nullish(),
  component_physical_paths: optArray(z.string()),
  high_profile_info: z.object({ ShortDescription: optString, FullDescription: optString }).nullish(),
  edited: optString,
});
type Item = z.infer<typeof itemSchema>;

const envelopeSchema = z.object({ total_count: z.number().int().nonnegative(), data: z.array(z.unknown()) });

function mapItem(item: Item): Finding {
  const details = item.component_versions?.more_details;
  const { ids, cvss, cwes } = readXrayCves(details?.cves ?? []);
  return buildFinding({
    scanner: 'xray',
    ids: [item.id, ...ids],
    title: item.high_profile_info?.ShortDescription ?? item.summary,
    description: item.high_profile_info?.FullDescription ?? details?.description ?? item.summary,
    severity: item.severity,
    cvss,
    cwes,
    component: componentFromXrayId(item.source_comp_id ?? item.component ?? 'unknown', item.pkg_type),
    componentPaths: item.component_physical_paths,
    fixedVersions: fixedVersions(item.component_versions?.fixed_versions ?? []),
  });
}

/**
 * Whether an entry names a vulnerability: by an id (its own, a CVE's) or by a text to tell it by. One with none
 * would be a finding of an `UNKNOWN-` vulnerability made up: a licence export's entries are such.
 */
function namesVulnerability(item: Item): boolean {
  const details = item.component_versions?.more_details;
  const profile = item.high_profile_info;
  return [
    item.id,
    ...(details?.cves ?? []).map(xrayCveId),
    item.summary,
    details?.description,
    profile?.ShortDescription,
    profile?.FullDescription,
  ].some((text) => !!text?.trim());
}

function namesNothingError(item: Item, index: number, file: string): UserError {
  const kind = refusedKind(xrayRowKind(item));
  if (kind) {
    return new UserError(
      `${file}: this is an Xray ${kind} export (data.${index} names no vulnerability); sca-bridge reports vulnerabilities. Export the component's security data instead (Scans List → Export → JSON) and import its *_Security_Export.json.`,
    );
  }
  return new UserError(
    `${file}: data.${index} has no id, CVE, summary or description, so it names no vulnerability: this is not a security export Xray wrote. Export the component's security data (Scans List → Export → JSON) and import its *_Security_Export.json.`,
  );
}

/**
 * Counts issues as `total_count` does: the entries of one issue `id` are one issue (the real Xray 3.x export has
 * 63 entries of 25 ids, and `total_count` 25). An entry without an id counts alone, as nothing ties it to another
 * (the Xray 2.x Security Exports at hand write `id: ""` on every entry: 3 entries, `total_count` 3), so the count
 * is never below the file's true number of issues.
 */
function issueCounter(): { add(id: string | undefined): void; count(): number } {
  const ids = new Set<string>();
  let unnamed = 0;
  return {
    add(id) {
      const key = id?.trim();
      if (key) ids.add(key);
      else unnamed++;
    },
    count: () => ids.size + unnamed,
  };
}

/**
 * Fewer issues than `total_count` means entries are missing: refused (SPEC §9, a count that does not add up).
 * More lose nothing and are read: id-less entries of one issue count several times (`issueCounter`).
 */
function checkIssueCount(issues: number, total: number, file: string): void {
  if (issues >= total) return;
  throw new UserError(
    `${file}: the export holds ${issues} of its ${total} issues (total_count; the entries of one issue id count once): it is part of an export (one page, or a file cut short), not the whole export. Export the component's security data again (Scans List → Export → JSON, or \`POST /xray/api/v2/component/exportDetails\`) and import its *_Security_Export.json unedited.`,
  );
}

function readExport(envelope: unknown, items: Iterable<unknown>, _count: number, file: string): SourceResult {
  const { total_count: total } = validate(envelopeSchema, envelope, file, 'xray-scans-export');
  const issues = issueCounter();
  const where = { file, format: 'xray-scans-export', key: 'data' } as const;
  const findings = mapEach(items, itemSchema, where, (item, index) => {
    if (!namesVulnerability(item)) throw namesNothingError(item, index, file);
    issues.add(item.id);
    return mapItem(item);
  });
  checkIssueCount(issues.count(), total, file);
  return { scanner: 'xray', findings, violations: [], context: { file } };
}

export const xrayScansExport: ImportFormat = bulkFormat({
  name: 'xray-scans-export',
  scanner: 'xray',
  origin:
    'Xray Scans List → Export → JSON, or `POST /xray/api/v2/component/exportDetails` (the `*_Security_Export.json` file of the ZIP; Xray 2.x calls it Security Export)',
  matches: (doc) => isRecord(doc) && 'total_count' in doc && Array.isArray(doc.data),
  bulk: { key: 'data', read: readExport },
});
