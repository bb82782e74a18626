import { z } from 'zod';
import { componentFromPurl } from '../../findings/component.js';
import type { PolicyViolation } from '../../findings/model.js';
import { optString } from '../../schema.js';

/** One row of `GET /api/v1/violation/project/{uuid}` (DT4 `model/PolicyViolation.java`; absent means null). */
export const dtViolationSchema = z.object({
  type: optString,
  uuid: optString,
  text: optString,
  component: z
    .object({
      name: optString,
      group: optString,
      version: optString,
      purl: optString,
      license: optString,
      resolvedLicense: z.object({ licenseId: optString, name: optString }).nullish(),
    })
    .nullish(),
  policyCondition: z
    .object({
      subject: optString,
      operator: optString,
      value: optString,
      policy: z.object({ name: optString, violationState: optString }).nullish(),
    })
    .nullish(),
  analysis: z.object({ analysisState: optString, isSuppressed: z.boolean().nullish() }).nullish(),
});
export type DtViolation = z.infer<typeof dtViolationSchema>;

const STATES = new Set(['INFO', 'WARN', 'FAIL']);

/** What the violation is about: the licence, the vulnerability, else the policy condition. */
function subjectOf(v: DtViolation): string | undefined {
  const condition = v.policyCondition;
  const license =
    v.component?.resolvedLicense?.licenseId ?? v.component?.resolvedLicense?.name ?? v.component?.license;
  if ((condition?.subject === 'LICENSE' || condition?.subject === 'LICENSE_GROUP') && license) return license;
  if (v.text) return v.text;
  if (!condition?.subject) return undefined;
  return [condition.subject, condition.operator, condition.value].filter(Boolean).join(' ');
}

/** Maps one DT policy violation: its state comes from the policy, suppression from its analysis. */
export function mapDtViolation(v: DtViolation): PolicyViolation {
  const c = v.component;
  const component = componentFromPurl(c?.purl, {
    name: c?.name ?? 'unknown',
    ...(c?.group ? { group: c.group } : {}),
    ...(c?.version ? { version: c.version } : {}),
  });
  const state = v.policyCondition?.policy?.violationState?.toUpperCase();
  const subject = subjectOf(v);
  return {
    scanner: 'dependency-track',
    type: v.type ?? 'UNKNOWN',
    policy: v.policyCondition?.policy?.name ?? 'unnamed policy',
    state: state && STATES.has(state) ? (state as PolicyViolation['state']) : 'INFO',
    component: component.version ? `${component.packageName}@${component.version}` : component.packageName,
    ...(subject ? { subject } : {}),
    suppressed: !!v.analysis?.isSuppressed,
  };
}
