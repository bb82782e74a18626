import { z } from 'zod';
import { UserError } from '../errors.js';
import { firstOf } from '../wording.js';
import { buildFinding } from '../findings/build.js';
import { componentFromXrayId } from '../findings/component.js';
import type { Finding, PolicyViolation } from '../findings/model.js';
import { type ImportFormat, validate } from './importer.js';
import { isRecord, optArray, optNumber, optString, severityWord } from '../schema.js';
import { fixedVersions, readXrayCves, xrayViolation } from './xray-fields.js';

const cveSchema = z
  .object({
    id: optString,
    cvssV2: optNumber,
    cvssV2Vector: optString,
    cvssV3: optNumber,
    cvssV3Vector: optString,
    cwe: optArray(z.string()),
  })
  .transform((cve) => ({
    cve: cve.id,
    id: undefined,
    cwe: cve.cwe,
    cvss_v2: undefined,
    cvss_v3: undefined,
    cvss_v2_score: cve.cvssV2,
    cvss_v2_vector: cve.cvssV2Vector,
    cvss_v3_score: cve.cvssV3,
    cvss_v3_vector: cve.cvssV3Vector,
  }));

const packageRef = z.object({
  name: optString,
  version: optString,
  location: z.object({ file: optString }).nullish(),
});

const rowSchema = z.object({
  severity: severityWord,
  impactedPackageName: optString,
  impactedPackageVersion: optString,
  impactedPackageType: optString,
  components: optArray(packageRef),
  summary: optString,
  applicable: optString,
  fixedVersions: optArray(z.string()),
  cves: optArray(cveSchema),
  issueId: optString,
  references: optArray(z.string()),
  impactPaths: optArray(z.array(packageRef)),
  jfrogResearchInformation: z.object({ summary: optString, details: optString }).nullish(),
  // Violation rows only.
  watch: optString,
  policies: optArray(z.string()),
  fail_build: z.boolean().nullish(),
  licenseKey: optString,
});
type Row = z.infer<typeof rowSchema>;

const documentSchema = z.object({
  errors: optArray(z.object({ filePath: optString, errorMessage: optString })),
  scansStatus: z.object({ scaScanStatusCode: optNumber }).nullish(),
  vulnerabilities: optArray(rowSchema),
  securityViolations: optArray(rowSchema),
  licensesViolations: optArray(rowSchema),
  operationalRiskViolations: optArray(rowSchema),
});

/** JFrog Advanced Security's results on the source code (`jf audit`, `jf docker scan`): not of dependencies. */
const SOURCE_CODE_KEYS = ['secrets', 'iac', 'sast', 'secretsViolations', 'iacViolations', 'sastViolations'];

/** Says which source-code results the file holds, since none of them reaches a report. */
function sourceCodeNote(doc: unknown): string[] {
  const held = SOURCE_CODE_KEYS.flatMap((key) => {
    const list = isRecord(doc) ? doc[key] : undefined;
    return Array.isArray(list) && list.length ? [`${key}: ${list.length}`] : [];
  });
  if (!held.length) return [];
  return [
    `holds results on the source code (${held.join(', ')}), which sca-bridge does not report: it reports vulnerable dependencies and their policy violations. For those, upload the SARIF of \`jf audit --format sarif\` as well.`,
  ];
}

type Document = z.infer<typeof documentSchema>;

/**
 * jf writes what failed into `errors`, and the dependency scan's outcome into `scansStatus.scaScanStatusCode`
 * (0: succeeded) only for targets it has results of: a target whose dependency tree could not be built gets
 * an error and no code, beside others that succeeded. So any error, or a code other than 0, may mean findings
 * that are not in the file, and the file is refused rather than pass the gate.
 */
function refuseFailedRun(document: Document, file: string): void {
  const errors = document.errors.map(
    (e) => `${e.filePath ? `${e.filePath}: ` : ''}${e.errorMessage ?? 'an error without a message'}`,
  );
  const code = document.scansStatus?.scaScanStatusCode;
  if (!errors.length && (code === undefined || code === 0)) return;
  const listed = errors.length ? ` jf reports: ${firstOf(errors, 5)}.` : '';
  const status = code !== undefined && code !== 0 ? ` (scansStatus.scaScanStatusCode ${code})` : '';
  throw new UserError(
    `${file}: the jf run reports ${errors.length ? 'errors' : 'a failed dependency scan'}${status}, so the file may lack findings.${listed} Fix the cause, run jf again, and import its new output.`,
  );
}

function componentOf(row: Row) {
  const id = [row.impactedPackageName ?? 'unknown', row.impactedPackageVersion].filter(Boolean).join(':');
  return componentFromXrayId(id, row.impactedPackageType);
}

/** `name@version`, as impact path elements are written. */
function nodeId(node: { name?: string | null; version?: string | null }): string {
  return [node.name, node.version].filter(Boolean).join('@');
}

function mapRow(row: Row): Finding {
  const { ids, cvss, cwes } = readXrayCves(row.cves);
  const finding = buildFinding({
    scanner: 'xray',
    ids: [row.issueId, ...ids],
    title: row.jfrogResearchInformation?.summary ?? row.summary,
    description: row.jfrogResearchInformation?.details ?? row.summary,
    severity: row.severity,
    cvss,
    cwes,
    component: componentOf(row),
    // jf names the manifest that declares each direct dependency; the locator prefers it.
    componentPaths: row.components.map((c) => c.location?.file),
    impactPaths: row.impactPaths.map((path) => path.map(nodeId)),
    fixedVersions: fixedVersions(row.fixedVersions),
    references: row.references,
    applicability: row.applicable,
  });
  // jf names each direct dependency pulling the component in (`components[]`), also when it leaves out the
  // impact paths (they hold these): the locator's hint for a component no manifest declares.
  if (!finding.impactPaths.length) {
    const direct = [...new Set(row.components.filter((c) => c.name).map(nodeId))];
    if (direct.length) finding.directDependencies = direct;
  }
  return finding;
}

function mapViolation(type: string) {
  return (row: Row): PolicyViolation => {
    const component = componentOf(row);
    return xrayViolation({
      type,
      policy: row.policies.join(', ') || row.watch,
      watch: row.watch,
      failBuild: !!row.fail_build,
      severity: row.severity,
      component: [component.packageName, component.version].filter(Boolean).join('@'),
      cves: row.cves,
      issue: row.licenseKey ?? row.issueId,
    });
  };
}

export const xraySimpleJson: ImportFormat = {
  name: 'xray-simple-json',
  scanner: 'xray',
  origin: '`jf scan`, `jf docker scan` or `jf audit` with `--format=simple-json`',
  matches: (doc) =>
    isRecord(doc) &&
    'vulnerabilities' in doc &&
    ('securityViolations' in doc || 'scansStatus' in doc || 'licensesViolations' in doc),
  read(doc, file) {
    const parsed = validate(documentSchema, doc, file, 'xray-simple-json');
    refuseFailedRun(parsed, file);
    const violations = [
      ...parsed.securityViolations.map(mapViolation('security')),
      ...parsed.licensesViolations.map(mapViolation('license')),
      ...parsed.operationalRiskViolations.map(mapViolation('operational_risk')),
    ];
    const notes = sourceCodeNote(doc);
    return {
      scanner: 'xray',
      findings: parsed.vulnerabilities.map(mapRow),
      violations,
      context: { file },
      ...(notes.length ? { notes } : {}),
    };
  },
};
