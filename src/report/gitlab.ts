import { declaringLine, type LocatedFinding, type ScannerName } from '../findings/model.js';
import { isCve, isGhsa } from '../findings/ids.js';
import { unionOf } from '../findings/collapse.js';
import { findingIdentity, identityDigest } from '../findings/key.js';
import { shorten } from '../findings/text.js';
import type { Severity } from '../findings/severity.js';
import { upgradeTargets } from '../findings/versions.js';
import { VERSION } from '../version.js';
import { advisoryUrl, findingMessage } from './advisory.js';
import { joinedJson, JsonText } from './json-file.js';

/** The schema version GitLab validates the report against (SPEC §8). */
export const DEPENDENCY_SCANNING_VERSION = '15.2.1';

const SCANNERS: Record<ScannerName, { id: string; name: string; vendor: string; url: string }> = {
  'dependency-track': {
    id: 'dependency-track',
    name: 'Dependency-Track',
    vendor: 'OWASP',
    url: 'https://dependencytrack.org/',
  },
  xray: { id: 'jfrog-xray', name: 'JFrog Xray', vendor: 'JFrog', url: 'https://jfrog.com/xray/' },
};

const GITLAB_SEVERITY: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
  unknown: 'Unknown',
};

/** Code Climate severities GitLab's code-quality widget reads. */
const CODE_QUALITY_SEVERITY: Record<Severity, string> = {
  critical: 'blocker',
  high: 'critical',
  medium: 'major',
  low: 'minor',
  info: 'info',
  unknown: 'info',
};

// The schema's CVSS rules: v2 vectors bare (`AV:N/AC:L/…`), v3 vectors `CVSS:3.x/…`; no v4 pattern in 15.2.1.
const CVSS2 =
  /^((AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))\/)*(AV:[NAL]|AC:[LMH]|Au:[MSN]|[CIA]:[NPC]|E:(U|POC|F|H|ND)|RL:(OF|TF|W|U|ND)|RC:(UC|UR|C|ND)|CDP:(N|L|LM|MH|H|ND)|TD:(N|L|M|H|ND)|[CIA]R:(L|M|H|ND))$/;
const CVSS3 =
  /^CVSS:3[.][01]\/((AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])\/)*(AV:[NALP]|AC:[LH]|PR:[NLH]|UI:[NR]|S:[UC]|[CIA]:[NLH]|E:[XUPFH]|RL:[XOTWU]|RC:[XURC]|[CIA]R:[XLMH]|MAV:[XNALP]|MAC:[XLH]|MPR:[XNLH]|MUI:[XNR]|MS:[XUC]|M[CIA]:[XNLH])$/;

/** `YYYY-MM-DDTHH:MM:SS`: the schema's time pattern takes no milliseconds and no zone. */
export function gitlabTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

function stableUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

interface Identifier {
  type: string;
  name: string;
  value: string;
  url?: string;
}

function identifier(id: string): Identifier {
  const url = isCve(id) || isGhsa(id) ? advisoryUrl(id) : undefined;
  const type = isCve(id) ? 'cve' : isGhsa(id) ? 'ghsa' : /^XRAY-/i.test(id) ? 'xray' : 'other';
  return url ? { type, name: id, value: id, url } : { type, name: id, value: id };
}

function cweIdentifier(cwe: string): Identifier {
  const value = cwe.replace(/^CWE-/i, '');
  return { type: 'cwe', name: cwe, value, url: `https://cwe.mitre.org/data/definitions/${value}.html` };
}

/** The schema's length bounds of a vector (v2, v3): GitLab refuses the whole report for one outside them. */
function within(vector: string | undefined, min: number): vector is string {
  return vector !== undefined && vector.length >= min && vector.length <= 128;
}

/**
 * A vector of one CVSS version as the schema takes it, or undefined when it takes none; each raw vector is
 * checked once per report, since a few distinct vectors recur in many findings.
 */
type VectorCheck = (raw: string | undefined) => string | undefined;

function vectorCheck(
  min: number,
  pattern: RegExp,
  normalise: (raw: string) => string = (raw) => raw,
): VectorCheck {
  const taken = new Map<string, string | null>();
  return (raw) => {
    if (raw === undefined) return undefined;
    let vector = taken.get(raw);
    if (vector === undefined) {
      const normalised = normalise(raw);
      vector = within(normalised, min) && pattern.test(normalised) ? normalised : null;
      taken.set(raw, vector);
    }
    return vector ?? undefined;
  };
}

/** v2 vectors bare, as the schema writes them: without `CVSS:2.0/` or the parentheses NVD once used. */
function bareV2(raw: string): string {
  return raw.replace(/^CVSS:2\.0\//, '').replace(/^\((.*)\)$/, '$1');
}

function cvssVectors(finding: LocatedFinding, vendor: string, takes: { v3: VectorCheck; v2: VectorCheck }) {
  const vectors: { vendor: string; vector: string }[] = [];
  const v3 = takes.v3(finding.cvss.v3?.vector);
  if (v3) vectors.push({ vendor, vector: v3 });
  const v2 = takes.v2(finding.cvss.v2?.vector);
  if (v2) vectors.push({ vendor, vector: v2 });
  return vectors;
}

function solution(packageName: string, fixedVersions: readonly string[]): string | undefined {
  if (!fixedVersions.length) return undefined;
  return shorten(`Upgrade ${packageName} to ${fixedVersions.slice(0, 5).join(' or ')}.`, 7000);
}

/** Items mapped only as they are written (and again each time they are read). */
function mapped<S, T>(items: readonly S[], map: (item: S) => T): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      for (const item of items) yield map(item);
    },
  };
}

/** Findings GitLab takes for one vulnerability, most severe first, and the digest of what they share. */
export interface GitLabGroup {
  findings: [LocatedFinding, ...LocatedFinding[]];
  /** `findingDigest` of the group: GitLab's id and fingerprint of it. */
  digest: string;
}

/**
 * Unsuppressed findings grouped as GitLab tells its dependency-scanning vulnerabilities apart: by first
 * identifier, file and package name, not version. Findings that share them would be one vulnerability in
 * GitLab whichever was written, so they are written as one that names every version. Both reports read them.
 */
export function gitlabGroups(findings: readonly LocatedFinding[]): GitLabGroup[] {
  const groups = new Map<string, LocatedFinding[]>();
  for (const finding of findings) {
    if (finding.suppressed) continue;
    const key = findingIdentity(finding);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return [...groups].map(([identity, group]) => ({
    findings: group as GitLabGroup['findings'],
    digest: identityDigest(identity),
  }));
}

/** The sentence of each finding of a group, each once (both scanners may report one finding). */
function groupMessages(group: readonly LocatedFinding[]): string[] {
  return group.length === 1
    ? [findingMessage(group[0] as LocatedFinding)]
    : [...new Set(group.map(findingMessage))];
}

/** The schema's longest description (1 MiB), with room to spare. */
const DESCRIPTION_LIMIT = 1_000_000;

/**
 * The JSON string of `message`, a blank line and `advisory`. The advisory, shared by many findings and most
 * of a report's bytes, is escaped once per report (`escaped`) and spliced in rather than copied into a new
 * string for every finding.
 */
function descriptionJson(message: string, advisory: string, escaped: Map<string, string>): string {
  const text = `${message}\n\n`;
  if (text.length + advisory.length > DESCRIPTION_LIMIT)
    return JSON.stringify(shorten(`${text}${advisory}`, DESCRIPTION_LIMIT));
  let advisoryJson = escaped.get(advisory);
  if (advisoryJson === undefined) {
    advisoryJson = JSON.stringify(advisory);
    escaped.set(advisory, advisoryJson);
  }
  return joinedJson(text, advisoryJson, '');
}

export interface GitLabReportInput {
  groups: readonly GitLabGroup[];
  startedAt: Date;
  finishedAt: Date;
  /** The run's scanners in the order of their sources, with their versions. */
  scannerVersions: Partial<Record<ScannerName, string>>;
}

/**
 * GitLab's dependency-scanning report (schema 15.2.1): one vulnerability per unsuppressed finding, or per
 * group of them GitLab would take for one (`gitlabGroups`).
 */
export function gitlabDependencyScanningReport(input: GitLabReportInput): Record<string, unknown> {
  // The report names one scanner: the first source's (an empty Xray scan is still Xray's). Never one chosen
  // by the findings, so that no finding coming or going moves the report to another scanner, where GitLab
  // would see every vulnerability as new.
  const scannerName: ScannerName =
    (Object.keys(input.scannerVersions)[0] as ScannerName | undefined) ??
    input.groups[0]?.findings[0].scanner ??
    'dependency-track';
  const first = SCANNERS[scannerName];
  const escaped = new Map<string, string>();
  const takes = { v3: vectorCheck(32, CVSS3), v2: vectorCheck(16, CVSS2, bareV2) };
  const vulnerabilities = mapped(input.groups, ({ findings: group, digest }) => {
    // The most severe finding of the group speaks for it (findings come most severe first).
    const [finding] = group;
    const scanner = SCANNERS[finding.scanner];
    const vectors = cvssVectors(finding, scanner.name, takes);
    const links = unionOf(group, (f) => f.references)
      .filter((r) => /^(https?|ftp):\/\/.+/.test(r))
      .map((url) => ({ url }));
    // Of what makes the group, as GitLab's identity does: not of the version or scanner that happens to lead it.
    const id = stableUuid(digest);
    const name = shorten(`${finding.id}: ${finding.title}`, 255);
    const description = descriptionJson(groupMessages(group).join('\n'), finding.description, escaped);
    // One shape for every vulnerability (JSON leaves out the keys that are undefined).
    const rest = JSON.stringify({
      severity: GITLAB_SEVERITY[finding.severity],
      solution: solution(
        finding.component.packageName,
        upgradeTargets(
          unionOf(group, (f) => f.fixedVersions),
          group.map((f) => f.component.version),
        ),
      ),
      identifiers: [
        ...unionOf(group, (f) => f.ids).map(identifier),
        ...unionOf(group, (f) => f.cwes).map(cweIdentifier),
      ],
      cvss_vectors: vectors.length ? vectors : undefined,
      links: links.length ? links : undefined,
      location: {
        file: finding.location.uri,
        dependency: {
          package: { name: finding.component.packageName },
          version: finding.component.version ?? 'unknown',
        },
      },
    });
    return new JsonText(
      `{"id":"${id}","name":${JSON.stringify(name)},"description":${description},${rest.slice(1)}`,
    );
  });
  return {
    version: DEPENDENCY_SCANNING_VERSION,
    schema: `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${DEPENDENCY_SCANNING_VERSION}/dist/dependency-scanning-report-format.json`,
    scan: {
      analyzer: { id: 'sca-bridge', name: 'sca-bridge', version: VERSION, vendor: { name: 'sca-bridge' } },
      scanner: {
        id: first.id,
        name: first.name,
        url: first.url,
        version: input.scannerVersions[scannerName] ?? 'unknown',
        vendor: { name: first.vendor },
      },
      start_time: gitlabTime(input.startedAt),
      end_time: gitlabTime(input.finishedAt),
      status: 'success',
      type: 'dependency_scanning',
    },
    vulnerabilities,
  };
}

/**
 * GitLab's code-quality report (the Code Climate subset every tier shows in merge requests): one issue per
 * group GitLab's dependency scanning would make (`gitlabGroups`), its fingerprint of what makes the
 * group, so an upgrade that leaves the vulnerability shows no "new" issue in the merge request, and two versions
 * in one file are one issue that names both (the widget shows one issue per fingerprint).
 */
export function gitlabCodeQualityReport(groups: readonly GitLabGroup[]): Iterable<Record<string, unknown>> {
  return mapped(groups, ({ findings: group, digest }) => {
    const [finding] = group;
    return {
      description: shorten(groupMessages(group).join(' '), 1000),
      check_name: finding.id,
      fingerprint: digest.slice(0, 32),
      severity: CODE_QUALITY_SEVERITY[finding.severity],
      categories: ['Security'],
      location: {
        path: finding.location.uri,
        // The declaring line: the move off it (`separateSharedLines`) is for GitHub's alerts; GitLab tells
        // issues apart by fingerprint, and an issue on a line that declares nothing sends the reader astray.
        lines: { begin: declaringLine(finding.location) },
      },
    };
  });
}
