import { z } from 'zod';
import { baseScore } from '../findings/build.js';
import { canonicalId } from '../findings/ids.js';
import type { Cvss, CvssScore, PolicyViolation } from '../findings/model.js';
import { parseSeverity } from '../findings/severity.js';
import { isRecord, optArray, optNumber, optString } from '../schema.js';

/** A report path starts with the repository key; path patterns mean the path inside the repository. */
export function pathInRepository(path: string): string {
  const slash = path.indexOf('/');
  return slash > 0 ? path.slice(slash + 1) : path;
}

/**
 * Xray writes fixed versions as ranges: `[4.17.5]`, `[3.1.0,)` (3.1.0 and later), `≥ 2:1.6.4-3+deb9u1`,
 * `(,1.2.3]`; keep a plain version where one is meant.
 */
export function normaliseFixedVersion(value: string): string {
  const trimmed = value.trim().replace(/^[≥>=\s]+/, '');
  const exact = /^\[([^,\]]+)(\]|,\s*\))$/.exec(trimmed);
  return exact?.[1]?.trim() ?? trimmed;
}

/** `(,0.0.0)`: the versions below 0.0.0, none. Xray writes it for "no fix", which is no version to upgrade to. */
const NO_VERSION = /^\(\s*,\s*0+(\.0+)*\s*\)$/;

export function fixedVersions(values: readonly (string | undefined)[]): string[] {
  const given = values.filter((v): v is string => !!v && !!v.trim() && !NO_VERSION.test(v.trim()));
  return [...new Set(given.map(normaliseFixedVersion))];
}

/** Summary and Security-export files write a CVSS as `"9.8/CVSS:3.0/AV:N/…"`, or just `"5.9"`. */
export function parseScoreVector(value: string | undefined): CvssScore | undefined {
  if (!value) return undefined;
  const slash = value.indexOf('/');
  const scoreText = slash >= 0 ? value.slice(0, slash) : value;
  // A bare vector (`CVSS:3.1/AV:N/…`) has no score in front of its first slash.
  const scored = /^\s*\d+(\.\d+)?\s*$/.test(scoreText);
  const score = scored ? Number.parseFloat(scoreText) : Number.NaN;
  const vector = !scored ? value : slash >= 0 ? value.slice(slash + 1) : undefined;
  const out: CvssScore = {};
  const base = baseScore(score);
  if (base !== undefined) out.score = base;
  if (vector) out.vector = vector;
  return out.score === undefined && out.vector === undefined ? undefined : out;
}

function better(a: CvssScore | undefined, b: CvssScore | undefined): CvssScore | undefined {
  if (!a) return b;
  if (!b) return a;
  return (b.score ?? -1) > (a.score ?? -1) ? b : a;
}

/** The CVE list shape that reports, `jf` JSON and summaries share (scores as numbers, strings or `score/vector`). */
export const xrayCveSchema = z.object({
  cve: optString,
  id: optString,
  cwe: optArray(z.string()),
  cvss_v2: optString,
  cvss_v3: optString,
  cvss_v2_score: optNumber,
  cvss_v2_vector: optString,
  cvss_v3_score: optNumber,
  cvss_v3_vector: optString,
});
export type XrayCve = z.infer<typeof xrayCveSchema>;

/** The CVE (or other) id of an entry of a CVE list, which some styles write as `id`. */
export function xrayCveId(cve: XrayCve): string | undefined {
  return cve.cve ?? cve.id;
}

/** Ids, the highest CVSS of each version and the CWEs of an Xray CVE list; id-less entries still give scores. */
export function readXrayCves(cves: readonly XrayCve[]): { ids: string[]; cvss: Cvss; cwes: string[] } {
  const ids: string[] = [];
  const cwes = new Set<string>();
  let v2: CvssScore | undefined;
  let v3: CvssScore | undefined;
  for (const cve of cves) {
    const id = xrayCveId(cve);
    if (id) ids.push(id);
    // Only real CWE ids: NVD's placeholders (`NVD-CWE-noinfo`, `NVD-CWE-Other`) name no weakness.
    for (const cwe of cve.cwe) if (/^CWE-\d+$/i.test(cwe.trim())) cwes.add(cwe.trim().toUpperCase());
    v2 = better(v2, fromParts(cve.cvss_v2_score, cve.cvss_v2_vector) ?? parseScoreVector(cve.cvss_v2));
    v3 = better(v3, fromParts(cve.cvss_v3_score, cve.cvss_v3_vector) ?? parseScoreVector(cve.cvss_v3));
  }
  const cvss: Cvss = {};
  if (v3) cvss.v3 = v3;
  if (v2) cvss.v2 = v2;
  return { ids, cvss, cwes: [...cwes] };
}

/** A score and vector given apart; a score outside 0–10 is dropped here, before `better` compares it. */
function fromParts(given: number | undefined, vector: string | undefined): CvssScore | undefined {
  const score = baseScore(given);
  if (score === undefined && !vector) return undefined;
  return { ...(score !== undefined ? { score } : {}), ...(vector ? { vector } : {}) };
}

/** What every Xray violation shape gives, named alike. */
interface XrayViolationFields {
  type: string;
  /** The policy names joined, or what stands in for them; blank is `unknown policy`. */
  policy: string | undefined;
  watch: string | undefined;
  failBuild: boolean;
  severity: string | undefined;
  component: string;
  cves: readonly XrayCve[];
  /** The subject when no CVE names one: the licence or the issue id. */
  issue: string | undefined;
}

/** One Xray violation for the gate, from whichever shape (report row, `jf` JSON) carried it. */
export function xrayViolation(fields: XrayViolationFields): PolicyViolation {
  // Only the ids: a violation carries no scores or weaknesses for the gate to read.
  const subject = canonicalId(fields.cves.flatMap((cve) => xrayCveId(cve) ?? [])) ?? fields.issue;
  return {
    scanner: 'xray',
    type: fields.type,
    policy: fields.policy || 'unknown policy',
    ...(fields.watch ? { watch: fields.watch } : {}),
    state: fields.failBuild ? 'FAIL' : 'WARN',
    severity: parseSeverity(fields.severity),
    component: fields.component,
    ...(subject ? { subject } : {}),
    suppressed: false,
  };
}

/** What an Xray row other than a vulnerability's shows it is. */
export type XrayRowKind = 'violations' | 'licenses' | 'operational risk';

/** Fields only a violations, licence or operational-risk row fills; a vulnerabilities row may carry them empty. */
const KIND_FIELDS: readonly [XrayRowKind, readonly string[]][] = [
  ['violations', ['watch_name', 'policy_names', 'violation_details']],
  ['licenses', ['license', 'license_name']],
  // Not `is_eol` or `eol_message`: end-of-life flags may come to vulnerabilities rows too.
  ['operational risk', ['risk', 'risk_reason']],
];

/** A field a row gives a value, empty or not: a licence row of an unknown licence has `license: ""`. */
export function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A field a row gives a value that is not empty (`""`, `[]`). */
function filled(value: unknown): boolean {
  return given(value) && value !== '' && !(Array.isArray(value) && !value.length);
}

/**
 * What kind of row, other than a vulnerability's, `row` is. A violation only by a watch or policy it names: a
 * vulnerabilities row may carry `watch_name: null`, `""` or `policy_names: []`. A licence or risk row by any of
 * its fields, empty too.
 */
export function xrayRowKind(row: unknown): XrayRowKind | undefined {
  if (!isRecord(row)) return undefined;
  return KIND_FIELDS.find(([kind, fields]) =>
    fields.some((field) => (kind === 'violations' ? filled : given)(row[field])),
  )?.[0];
}

/** How a message names the kinds of Xray export sca-bridge refuses (licences, operational risks); else undefined. */
export function refusedKind(kind: XrayRowKind | undefined): string | undefined {
  return kind === 'licenses' ? 'licence' : kind === 'operational risk' ? 'operational-risk' : undefined;
}
