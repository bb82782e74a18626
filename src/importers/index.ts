import type { ImportFormatName } from './formats.js';
import type { ImportFormat } from './importer.js';
import { dtrackFindings } from './dtrack-findings.js';
import { dtrackFpf } from './dtrack-fpf.js';
import { xrayCliJson } from './xray-cli-json.js';
import { xrayReport } from './xray-report.js';
import { xrayScansExport } from './xray-scans-export.js';
import { xraySimpleJson } from './xray-simple-json.js';
import { xraySummary } from './xray-summary.js';

export const FORMATS: readonly ImportFormat[] = [
  dtrackFpf,
  dtrackFindings,
  xrayReport,
  xrayScansExport,
  xraySummary,
  xrayCliJson,
  xraySimpleJson,
];

export function formatNamed(name: ImportFormatName): ImportFormat {
  const format = FORMATS.find((f) => f.name === name);
  if (!format) throw new Error(`no import format named ${name}`);
  return format;
}
