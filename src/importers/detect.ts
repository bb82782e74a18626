import { UserError } from '../errors.js';
import { isRecord } from '../schema.js';
import type { ImportFormat } from './importer.js';
import { FORMATS, formatNamed } from './index.js';
import type { ImportFormatName } from './formats.js';

const ACCEPTED = FORMATS.map((f) => f.name).join(', ');

/** Shapes people hand us that are not findings exports, with what to do instead. */
function recogniseOther(doc: unknown): string | undefined {
  if (isRecord(doc) && Array.isArray(doc.runs) && (doc.version === '2.1.0' || '$schema' in doc)) {
    return "this is already a SARIF log; sca-bridge reads the scanner's JSON export and writes SARIF itself (export JSON from the scanner, or upload this file with github/codeql-action/upload-sarif)";
  }
  if (isRecord(doc) && (doc.bomFormat === 'CycloneDX' || 'spdxVersion' in doc)) {
    return 'this is an SBOM, not a findings export; to scan it, upload it to Dependency-Track with `sca-bridge scan --scanner dependency-track --sbom <file>`';
  }
  if (isRecord(doc) && Array.isArray(doc.targets) && 'xray_version' in doc) {
    return 'this is a jf CLI internal results dump; run jf with `--format=json` or `--format=simple-json` instead';
  }
  if (Array.isArray(doc) && doc.length > 0 && doc.every((v) => isRecord(v) && 'policyCondition' in v)) {
    return "this is a Dependency-Track policy-violation list (`/api/v1/violation/project/{uuid}`); import the project's findings (FPF export), and let a scan with fail-on-policy-violation read violations (mode scan; CLI: `sca-bridge scan --scanner dependency-track --fail-on-policy-violation`)";
  }
  if (isRecord(doc) && 'gate' in doc && 'counts' in doc && 'status' in doc) {
    return "this is an sca-bridge run summary (`--json`), not a scanner export; name the scanner's exports instead";
  }
  if (isRecord(doc) && 'uuid' in doc && 'name' in doc && 'classifier' in doc) {
    return 'this is a Dependency-Track project, not its findings; export the findings (`/api/v1/finding/project/{uuid}/export`)';
  }
  return undefined;
}

/** What JSON calls a value's type: `typeof` says `object` of arrays and null too. */
function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

/** `length`: of the whole array, when only its first element was parsed to tell the format. */
function describeShape(doc: unknown, length?: number): string {
  if (Array.isArray(doc)) {
    // An empty findings list from Dependency-Track's API is `[]` too, but nothing in it tells the format.
    return doc.length
      ? `an array of ${length ?? doc.length} ${kindOf(doc[0])} values`
      : 'an empty array; an empty Dependency-Track findings list imports with import-format dtrack-findings';
  }
  if (isRecord(doc)) {
    const keys = Object.keys(doc);
    return keys.length
      ? `an object with keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}`
      : 'an empty object';
  }
  return `a JSON ${doc === null ? 'null' : typeof doc}`;
}

/** Picks the one format whose shape the document has; none or several is bad input (exit 2). */
export function detectFormat(doc: unknown, file: string, length?: number): ImportFormat {
  const matching = FORMATS.filter((format) => format.matches(doc));
  if (matching.length === 1 && matching[0]) return matching[0];
  if (matching.length > 1) {
    throw new UserError(
      `${file}: the file matches several formats (${matching.map((f) => f.name).join(', ')}); name one with import-format.`,
    );
  }
  const other = recogniseOther(doc);
  if (other) throw new UserError(`${file}: ${other}. Accepted formats: ${ACCEPTED}.`);
  throw new UserError(
    `${file}: not a recognised Dependency-Track or Xray export (found ${describeShape(doc, length)}). Accepted formats: ${ACCEPTED}; see the README's "Supported formats" for where each comes from, or name one with import-format.`,
  );
}

/**
 * The format named with --import-format, when the document has its shape or holds nothing at all (`[]`, an
 * empty findings list): a file of another shape would read as no findings and pass any gate.
 */
export function namedFormat(
  name: ImportFormatName,
  doc: unknown,
  file: string,
  length?: number,
): ImportFormat {
  const format = formatNamed(name);
  if (format.matches(doc) || (Array.isArray(doc) && doc.length === 0)) return format;
  throw new UserError(
    `${file}: does not have the shape of ${name} (found ${describeShape(doc, length)}); check import-format, or leave it out to detect the format.`,
  );
}
