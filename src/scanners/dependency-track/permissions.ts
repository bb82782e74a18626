import type { Config } from '../../config.js';

/** The permissions this flow may need (DT4 `auth/Permissions.java`; DT5 keeps them). */
export type Permission =
  | 'BOM_UPLOAD'
  | 'PROJECT_CREATION_UPLOAD'
  | 'VIEW_PORTFOLIO'
  | 'VIEW_VULNERABILITY'
  | 'VIEW_POLICY_VIOLATION';

/** What each permission is for, as the messages say it. */
export const PURPOSE: Record<Permission, string> = {
  BOM_UPLOAD: 'upload the SBOM (sbom) and follow its processing',
  PROJECT_CREATION_UPLOAD: 'let Dependency-Track create the project on upload (auto-create)',
  VIEW_PORTFOLIO: 'look up the project (project, project-name, project-version)',
  VIEW_VULNERABILITY: 'read the findings',
  VIEW_POLICY_VIOLATION: 'read the policy violations (fail-on-policy-violation)',
};

/**
 * Permissions that also grant another one. The upload's auto-create accepts PORTFOLIO_MANAGEMENT,
 * PORTFOLIO_MANAGEMENT_CREATE (its fine-grained part, Dependency-Track 4.13 and 5) or PROJECT_CREATION_UPLOAD.
 */
const ALSO_GRANTED_BY: Partial<Record<Permission, readonly string[]>> = {
  PROJECT_CREATION_UPLOAD: ['PORTFOLIO_MANAGEMENT', 'PORTFOLIO_MANAGEMENT_CREATE'],
};

/**
 * What a run needs. `test-connection` checks the whole main flow (upload with auto-create, then read); `scan`
 * only what its inputs use, and not PROJECT_CREATION_UPLOAD: only the lookup before the upload tells whether DT
 * must create the project, and the flow checks it then.
 */
export function neededPermissions(config: Pick<Config, 'mode' | 'sbom' | 'autoCreate'>): Permission[] {
  const connection = config.mode === 'test-connection';
  return [
    ...(connection || config.sbom ? (['BOM_UPLOAD'] as const) : []),
    ...(connection && config.autoCreate ? (['PROJECT_CREATION_UPLOAD'] as const) : []),
    'VIEW_PORTFOLIO',
    'VIEW_VULNERABILITY',
    'VIEW_POLICY_VIOLATION',
  ];
}

/** The permissions whose lack ends a run at the key check, with why, as the refusal says it (`which …`). */
export const REQUIRED_FOR = {
  VIEW_VULNERABILITY: 'every scan needs to read the findings',
  VIEW_POLICY_VIOLATION: 'fail-on-policy-violation needs to read the policy violations it gates on',
} as const satisfies Partial<Record<Permission, string>>;
export type RequiredPermission = keyof typeof REQUIRED_FOR;

/**
 * Of the needed permissions, those a run cannot do without: the findings every scan reads, and the violations
 * the gate counts with fail-on-policy-violation. Their lack fails the key check (exit 3) before any upload or
 * project creation, rather than the read after it; the others stay warnings.
 */
export function requiredPermissions(config: Pick<Config, 'failOnPolicyViolation'>): RequiredPermission[] {
  return [
    'VIEW_VULNERABILITY',
    ...(config.failOnPolicyViolation ? (['VIEW_POLICY_VIOLATION'] as const) : []),
  ];
}

/** The needed permissions the team's list lacks (directly and through a permission that grants it). */
export function missingPermissions(granted: readonly string[], needed: readonly Permission[]): Permission[] {
  const have = new Set(granted);
  return needed.filter((p) => !have.has(p) && !(ALSO_GRANTED_BY[p] ?? []).some((also) => have.has(also)));
}

/** `PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT or PORTFOLIO_MANAGEMENT_CREATE)`: each permission that grants it. */
export function grantedByText(permission: Permission): string {
  const also = ALSO_GRANTED_BY[permission];
  return also?.length ? `${permission} (or ${also.join(' or ')})` : permission;
}
