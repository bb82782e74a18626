import { z } from 'zod';
import { buildFinding } from '../findings/build.js';
import { componentFromPurl } from '../findings/component.js';
import type { Cvss, Finding } from '../findings/model.js';
import { optArray, optNumber, optString, severityWord } from '../schema.js';

const aliasSchema = z.object({
  cveId: optString,
  ghsaId: optString,
  osvId: optString,
  sonatypeId: optString,
  snykId: optString,
  vulnDbId: optString,
  gsdId: optString,
});

/** One finding as `GET /api/v1/finding/project/{uuid}` returns it and FPF embeds it (absent means null). */
export const dtFindingSchema = z.object({
  component: z.object({
    uuid: optString,
    /** The project's UUID (the findings API's rows name no project otherwise). */
    project: optString,
    name: optString,
    group: optString,
    version: optString,
    purl: optString,
  }),
  vulnerability: z.object({
    uuid: optString,
    source: optString,
    vulnId: optString,
    title: optString,
    subtitle: optString,
    description: optString,
    recommendation: optString,
    severity: severityWord,
    cvssV2BaseScore: optNumber,
    cvssV2Vector: optString,
    cvssV3BaseScore: optNumber,
    cvssV3Vector: optString,
    cvssV4Score: optNumber,
    cvssV4Vector: optString,
    epssScore: optNumber,
    epssPercentile: optNumber,
    cweId: optNumber,
    cwes: optArray(z.object({ cweId: optNumber })),
    references: optString,
    published: z.union([z.string(), z.number()]).nullish(),
    aliases: optArray(aliasSchema),
  }),
  attribution: z.object({ referenceUrl: optString, alternateIdentifier: optString }).nullish(),
  analysis: z
    .object({
      state: optString,
      justification: optString,
      detail: optString,
      isSuppressed: z.boolean().nullish(),
    })
    .nullish(),
  matrix: optString,
});
export type DtFinding = z.infer<typeof dtFindingSchema>;

/** Analysis states that mean "not a problem here" count as suppressed (SPEC §6). */
const SUPPRESSING_STATES = new Set(['FALSE_POSITIVE', 'NOT_AFFECTED', 'RESOLVED']);

/** DT's API dates are epoch ms; FPF writes `2024-01-31 15:19:43.851`. Both become ISO-8601. */
function isoDate(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  }
  // FPF dates carry no zone; read them as UTC so every runner gives the same answer.
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const date = new Date(`${value.replace(' ', 'T')}${hasZone ? '' : 'Z'}`);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/** DT 4.14+ writes references as markdown links; older servers give only the attribution URL. */
function referenceUrls(markdown: string | undefined): string[] {
  if (!markdown) return [];
  return [...markdown.matchAll(/https?:\/\/[^\s)\]]+/g)].map((match) => match[0]);
}

function cvssOf(v: DtFinding['vulnerability']): Cvss {
  const cvss: Cvss = {};
  if (v.cvssV4Score !== undefined || v.cvssV4Vector)
    cvss.v4 = {
      ...(v.cvssV4Score !== undefined ? { score: v.cvssV4Score } : {}),
      ...(v.cvssV4Vector ? { vector: v.cvssV4Vector } : {}),
    };
  if (v.cvssV3BaseScore !== undefined || v.cvssV3Vector)
    cvss.v3 = {
      ...(v.cvssV3BaseScore !== undefined ? { score: v.cvssV3BaseScore } : {}),
      ...(v.cvssV3Vector ? { vector: v.cvssV3Vector } : {}),
    };
  if (v.cvssV2BaseScore !== undefined || v.cvssV2Vector)
    cvss.v2 = {
      ...(v.cvssV2BaseScore !== undefined ? { score: v.cvssV2BaseScore } : {}),
      ...(v.cvssV2Vector ? { vector: v.cvssV2Vector } : {}),
    };
  return cvss;
}

/** A project's page in DT's web UI. */
export function dtProjectUrl(uiBase: string, uuid: string): string {
  return `${uiBase.replace(/\/+$/, '')}/projects/${encodeURIComponent(uuid.toWellFormed())}`;
}

/** Links into DT's web UI, when its base URL is known. */
function dtVulnerabilityUrl(
  uiBase: string | undefined,
  source?: string,
  vulnId?: string,
): string | undefined {
  if (!uiBase || !source || !vulnId) return undefined;
  // Well-formed first: encodeURIComponent throws on a lone surrogate.
  const part = (text: string) => encodeURIComponent(text.toWellFormed());
  return `${uiBase.replace(/\/+$/, '')}/vulnerabilities/${part(source)}/${part(vulnId)}`;
}

/** Maps one DT finding: the one mapping FPF, the findings array and the DT API flow share. */
export function mapDtFinding(raw: DtFinding, uiBase?: string): Finding {
  const v = raw.vulnerability;
  const c = raw.component;
  const aliasIds = v.aliases.flatMap((a) => [
    a.cveId,
    a.ghsaId,
    a.osvId,
    a.sonatypeId,
    a.snykId,
    a.vulnDbId,
    a.gsdId,
  ]);
  const cweNumbers = v.cwes.length ? v.cwes.map((cwe) => cwe.cweId) : [v.cweId];
  const state = raw.analysis?.state;
  const suppressed = !!raw.analysis?.isSuppressed || (!!state && SUPPRESSING_STATES.has(state));
  const analysis =
    state || raw.analysis?.justification || raw.analysis?.detail
      ? {
          ...(state ? { state } : {}),
          ...(raw.analysis?.justification ? { justification: raw.analysis.justification } : {}),
          ...(raw.analysis?.detail ? { detail: raw.analysis.detail } : {}),
        }
      : undefined;
  return buildFinding({
    scanner: 'dependency-track',
    // The analyzer's own id (OSS Index's `sonatype-2021-0176`) is one more alias.
    ids: [v.vulnId, ...aliasIds, raw.attribution?.alternateIdentifier],
    title: v.title ?? v.subtitle,
    description: [v.description, v.recommendation ? `Recommendation: ${v.recommendation}` : undefined]
      .filter(Boolean)
      .join('\n\n'),
    severity: v.severity,
    cvss: cvssOf(v),
    ...(v.epssScore !== undefined
      ? {
          epss: {
            score: v.epssScore,
            ...(v.epssPercentile !== undefined ? { percentile: v.epssPercentile } : {}),
          },
        }
      : {}),
    cwes: cweNumbers.filter((n): n is number => n !== undefined && n > 0).map((n) => `CWE-${n}`),
    component: componentFromPurl(c.purl, { name: c.name ?? 'unknown', group: c.group, version: c.version }),
    references: [...referenceUrls(v.references), raw.attribution?.referenceUrl],
    published: isoDate(v.published),
    ...(analysis ? { analysis } : {}),
    suppressed,
    url: dtVulnerabilityUrl(uiBase, v.source, v.vulnId),
  });
}

export function looksLikeDtFinding(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'vulnerability' in value &&
    'component' in value &&
    typeof (value as { vulnerability: unknown }).vulnerability === 'object'
  );
}
