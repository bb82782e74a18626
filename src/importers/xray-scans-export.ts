import { z } from 'zod';
import { buildFinding } from '../findings/build.js';
import { componentFromXrayId } from '../findings/component.js';
import type { Finding, SourceResult } from '../findings/model.js';
import { parseSeverity } from '../findings/severity.js';
import { bulkFormat, type ImportFormat, mapEach, validate } from './importer.js';
import { isRecord, optArray, optString } from '../schema.js';
import { fixedVersions, readXrayCves, xrayCveSchema } from './xray-fields.js';

/** One entry per issue × component (`total_count` counts issues, so it is not checked against `data`). */
const itemSchema = z.object({
  id: optString,
  severity: optString,
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

const envelopeSchema = z.object({ total_count: z.number(), data: z.array(z.unknown()) });

function mapItem(item: Item): Finding {
  const details = item.component_versions?.more_details;
  const { ids, cvss, cwes } = readXrayCves(details?.cves ?? []);
  return buildFinding({
    scanner: 'xray',
    ids: [item.id, ...ids],
    title: item.high_profile_info?.ShortDescription ?? item.summary,
    description: item.high_profile_info?.FullDescription ?? details?.description ?? item.summary,
    severity: parseSeverity(item.severity),
    cvss,
    cwes,
    component: componentFromXrayId(item.source_comp_id ?? item.component ?? 'unknown', item.pkg_type),
    componentPaths: item.component_physical_paths,
    fixedVersions: fixedVersions(item.component_versions?.fixed_versions ?? []),
  });
}

function readExport(envelope: unknown, items: Iterable<unknown>, _count: number, file: string): SourceResult {
  validate(envelopeSchema, envelope, file, 'xray-scans-export');
  const findings = mapEach(items, itemSchema, { file, format: 'xray-scans-export', key: 'data' }, mapItem);
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
