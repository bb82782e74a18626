/**
 * Where things live on a JFrog Platform: Xray under `/xray/api/v1`, Artifactory under `/artifactory/api`,
 * the web UI under `/ui`. `api-url` is the platform base, given with or without a trailing `/xray`.
 */

/** Trailing service paths a user may paste after the platform base; all of them mean the platform base. */
const SERVICE_SUFFIX = /\/(?:xray(?:\/api(?:\/v[12])?)?|artifactory(?:\/api)?|ui)$/i;

/** `https://acme.jfrog.io/xray/` → `https://acme.jfrog.io`; a context path (`https://host/jfrog/xray`) is kept. */
export function platformBase(apiUrl: string): string {
  const url = new URL(apiUrl);
  url.search = '';
  url.hash = '';
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(SERVICE_SUFFIX, '');
  url.pathname = path || '/';
  return url.toString().replace(/\/+$/, '');
}

/** The web UI base: `ui-url` when given (with or without `/ui`), else the platform base itself. */
export function uiBase(uiUrl: string | undefined, apiUrl: string): string {
  return platformBase(uiUrl ?? apiUrl);
}

/**
 * The repository's Xray scan results in the JFrog UI (Xray → Scans List → Repositories → the repository).
 * This is where the findings behind a report live, so the link stays valid after the report is deleted.
 */
export function repositoryScansUrl(ui: string, repoKey: string): string {
  return `${ui}/ui/scans-list/repositories/${encodeURIComponent(repoKey)}/scan-descendants`;
}

/** Xray → Reports in the JFrog UI, where a report kept with `keep-report` is listed under its name. */
export function reportsUrl(ui: string): string {
  return `${ui}/ui/reports`;
}

/** Characters a report name keeps; everything else becomes `-` (Xray shows names in URLs and file names). */
function sanitise(part: string): string {
  return part
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
}

const MAX_NAME = 120;

/**
 * `sca-bridge_<project-key>_<repo-key>_<branch>_<time>_<unique>[_<suffix>]`, sanitised: the name tells an Xray
 * admin which pipeline made a report, and the run's own `unique` part (random) tells two runs of one second
 * apart, so that a report whose creation lost its answer is found by its name and no other run's is taken.
 */
export function reportName(parts: {
  repoKey: string;
  projectKey?: string | undefined;
  branch?: string | undefined;
  at: Date;
  unique: string;
  suffix?: string;
}): string {
  const time = parts.at
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  const head = ['sca-bridge', parts.projectKey, parts.repoKey, parts.branch]
    .filter((p): p is string => !!p)
    .map(sanitise)
    .filter(Boolean)
    .join('_');
  const tail = [time, sanitise(parts.unique), parts.suffix].filter(Boolean).join('_');
  // The time, unique part and suffix stay whole: a long branch name is what gets shortened.
  const room = MAX_NAME - tail.length - 1;
  return `${head.length > room ? head.slice(0, room).replace(/[-._]+$/, '') : head}_${tail}`;
}
