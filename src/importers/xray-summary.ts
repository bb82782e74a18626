import { z } from 'zod';
import { UserError } from '../errors.js';
import { buildFinding } from '../findings/build.js';
import { componentFromXrayId } from '../findings/component.js';
import type { Component, Finding } from '../findings/model.js';
import { firstOf, plural } from '../wording.js';
import { type ImportFormat, validate } from './importer.js';
import { isRecord, optArray, optString, severityWord } from '../schema.js';
import { fixedVersions, pathInRepository, readXrayCves, xrayCveSchema } from './xray-fields.js';

const issueSchema = z.object({
  issue_id: optString,
  summary: optString,
  description: optString,
  issue_type: optString,
  severity: severityWord,
  cves: optArray(xrayCveSchema),
  created: optString,
  impact_path: optArray(z.string()),
  components: optArray(z.object({ component_id: optString, fixed_versions: optArray(z.string()) })),
  component_physical_paths: optArray(z.string()),
});
type Issue = z.infer<typeof issueSchema>;

const artifactSchema = z.object({
  general: z
    .object({ name: optString, component_id: optString, pkg_type: optString, path: optString })
    .nullish(),
  issues: optArray(issueSchema),
});
type Artifact = z.infer<typeof artifactSchema>;

const documentSchema = z.object({
  artifacts: z.array(artifactSchema),
  errors: optArray(z.object({ identifier: optString, error: optString })),
});

/**
 * Xray lists the artifacts it could not summarise (not indexed, unknown) in `errors`, and leaves them out of
 * `artifacts`: their findings are unknown, and passing the gate without them would lose them.
 */
function refuseErrors(errors: z.infer<typeof documentSchema>['errors'], file: string): void {
  if (!errors.length) return;
  const listed = firstOf(
    errors.map((e) => `${e.identifier ?? 'an artifact'}: ${e.error ?? 'an error without a message'}`),
    5,
  );
  throw new UserError(
    `${file}: Xray could not summarise ${errors.length === 1 ? 'an artifact it was asked about, so the file lacks its findings' : `${errors.length} artifacts it was asked about, so the file lacks their findings`}: ${listed}. Have Xray index them (the repository must be indexed, and the artifact scanned), or leave them out of the request, and export the summary again.`,
  );
}

/**
 * An impact path ends with the component, without its type: `…/sha256__….tar.gz/3.12:openssl:1.1.1k-r0`.
 * A leading release number (`3.12`) belongs to an OS package; it is not part of the name. The type is
 * named only where the text leaves no doubt: Alpine's `-r<N>` package release ends every apk version, and
 * Debian and Ubuntu ids begin with the distribution and its codename. Any other OS package (an rpm's
 * release is a bare number too) keeps no type rather than a wrong one.
 */
function componentOfImpactPath(path: string): Component {
  const last = path.slice(path.lastIndexOf('/') + 1);
  const fields = last.split(':');
  if (/^(debian|ubuntu):[a-z]+:[^:]+:./.test(last)) return componentFromXrayId(last, 'deb');
  if (fields.length >= 3 && /^\d+(\.\d+)*$/.test(fields[0] ?? '')) {
    if (fields.length === 3 && /-r\d+$/.test(fields[2] ?? '')) return componentFromXrayId(last, 'alpine');
    const [, name = last, ...version] = fields;
    return { packageName: name, name, version: version.join(':') };
  }
  return componentFromXrayId(last);
}

/** Issue types that are no vulnerability, in letters only: Xray writes `License`, `operational_risk`, … */
const NOT_SECURITY = new Set(['license', 'licence', 'operationalrisk']);

/**
 * Licence and operational-risk issues are not vulnerabilities. Any other type, known (`security`, in any case)
 * or not, is read as one: an issue left out for a type sca-bridge does not know would be a finding lost.
 */
function isSecurity(issue: Issue): boolean {
  return !NOT_SECURITY.has((issue.issue_type ?? '').toLowerCase().replace(/[^a-z]/g, ''));
}

interface Target {
  component: Component;
  fixed: string[];
  paths: string[];
}

/**
 * Prefer Xray's component ids; older responses name the components only at the end of each impact path. An
 * issue naming neither is on the artifact itself, and is reported there rather than lost.
 */
function targetsOf(artifact: Artifact, issue: Issue): Target[] {
  if (issue.components.length)
    return issue.components.map((c) => ({
      component: componentFromXrayId(c.component_id ?? 'unknown'),
      fixed: c.fixed_versions,
      paths: [],
    }));
  if (issue.impact_path.length)
    return issue.impact_path.map((path) => ({
      component: componentOfImpactPath(path),
      fixed: [],
      paths: [path],
    }));
  const general = artifact.general;
  const id = general?.component_id ?? general?.name ?? 'unknown';
  return [{ component: componentFromXrayId(id, general?.pkg_type), fixed: [], paths: [] }];
}

/**
 * An Artifact Summary's paths may begin with the Artifactory id before the repository key
 * (`default/libs-release/org/…`, as Xray 3.x asks them to be given); path patterns mean the path inside the
 * repository, so both go. `default` is the id of every Artifactory but one of several joined to one Xray.
 */
function summaryPathInRepository(path: string): string {
  return pathInRepository(path.startsWith('default/') ? path.slice('default/'.length) : path);
}

function mapIssue(artifact: Artifact, issue: Issue): Finding[] {
  const { ids, cvss, cwes } = readXrayCves(issue.cves);
  return targetsOf(artifact, issue).map((target) =>
    buildFinding({
      scanner: 'xray',
      ids: [issue.issue_id, ...ids],
      title: issue.summary,
      description: issue.description ?? issue.summary,
      severity: issue.severity,
      cvss,
      cwes,
      component: target.component,
      componentPaths: [
        artifact.general?.path ? summaryPathInRepository(artifact.general.path) : undefined,
        ...target.paths.map(summaryPathInRepository),
      ],
      innerPaths: issue.component_physical_paths,
      impactPaths: target.paths.length ? [target.paths] : [],
      fixedVersions: fixedVersions(target.fixed),
      published: issue.created,
    }),
  );
}

export const xraySummary: ImportFormat = {
  name: 'xray-summary',
  scanner: 'xray',
  origin: 'Xray Artifact Summary API (`POST /xray/api/v1/summary/artifact`)',
  matches: (doc) => isRecord(doc) && Array.isArray(doc.artifacts),
  read(doc, file) {
    const { artifacts, errors } = validate(documentSchema, doc, file, 'xray-summary');
    refuseErrors(errors, file);
    const findings = artifacts.flatMap((artifact) =>
      artifact.issues.filter(isSecurity).flatMap((issue) => mapIssue(artifact, issue)),
    );
    const others = artifacts.reduce((sum, a) => sum + a.issues.filter((i) => !isSecurity(i)).length, 0);
    const notes = others
      ? [
          `holds ${plural(others, 'issue')} of another type than security (licence, operational risk), which sca-bridge does not report: it reports vulnerabilities.`,
        ]
      : [];
    return {
      scanner: 'xray',
      findings,
      violations: [],
      context: { file },
      ...(notes.length ? { notes } : {}),
    };
  },
};
