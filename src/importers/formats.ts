/** The import formats by name (SPEC §3 `import-format`); kept apart from the schemas so `--help` loads nothing. */
export const IMPORT_FORMATS = [
  'dtrack-fpf',
  'dtrack-findings',
  'xray-report',
  'xray-scans-export',
  'xray-summary',
  'xray-cli-json',
  'xray-simple-json',
] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];
