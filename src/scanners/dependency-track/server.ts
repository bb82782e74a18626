import { z } from 'zod';
import { ScannerError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { DtApi } from './api.js';
import { DtError } from './errors.js';
import {
  grantedByText,
  missingPermissions,
  type Permission,
  PURPOSE,
  REQUIRED_FOR,
  type RequiredPermission,
} from './permissions.js';
import { parseServerVersion, type ServerVersion } from '../version.js';
import { has } from './version.js';

const aboutSchema = z.object({
  version: z.string(),
  application: z.string().nullish(),
  framework: z.object({ name: z.string().nullish(), version: z.string().nullish() }).nullish(),
});

export interface ServerInfo {
  /** As reported, e.g. `4.14.3`. */
  text: string;
  version: ServerVersion | undefined;
}

/** `GET /api/version` (unauthenticated): reachability, TLS, and the version features are gated on. */
export async function checkServer(api: DtApi, logger: Logger): Promise<ServerInfo> {
  const { data } = await api.json(
    { path: 'api/version', retry: true },
    { what: "reading Dependency-Track's version (GET /api/version)", unauthenticated: true },
  );
  const about = aboutSchema.safeParse(data);
  if (!about.success) {
    throw new ScannerError(
      `${api.root}/api/version answered, but not as Dependency-Track does (no version in ${JSON.stringify(data)?.slice(0, 120)}): check that api-url is Dependency-Track's API server.`,
    );
  }
  api.answeredAsDependencyTrack();
  const version = parseServerVersion(about.data.version);
  const application = about.data.application ?? 'Dependency-Track';
  logger.info(`${application} ${about.data.version} at ${api.root}`);
  if (!version)
    logger.warn(
      `Dependency-Track reported a version sca-bridge cannot read ("${about.data.version}"); assuming a current server.`,
    );
  return { text: about.data.version, version };
}

const teamSchema = z.object({
  name: z.string().nullish(),
  uuid: z.string().nullish(),
  permissions: z.array(z.object({ name: z.string() })).nullish(),
});

export interface KeyInfo {
  /** The key's team, when the server tells. */
  team?: string;
  /** Its permissions, when the server tells (4.4+ with authentication on). */
  permissions?: string[];
  /** Dependency-Track took the key: team/self answered, or a call that refuses a wrong key did not. */
  accepted?: boolean;
}

/**
 * Verifies the key where team/self cannot: `GET /api/v1/project` for one row, the cheapest call that needs a
 * key. Dependency-Track authenticates before it authorises, so a refused key is its 401 (the error, as from
 * team/self) and a 403 of its own a valid key whose team lacks VIEW_PORTFOLIO (a warning, as from team/self).
 * Any other answer (a proxy that lets through only the calls a run makes) leaves the key unverified, as before
 * this check: a warning, and the calls the run needs tell.
 */
async function verifyKey(api: DtApi, logger: Logger): Promise<KeyInfo> {
  try {
    await api.json(
      { path: 'api/v1/project', query: { pageSize: 1, pageNumber: 1 }, retry: true },
      { what: 'checking the API key (GET /api/v1/project)', permission: 'VIEW_PORTFOLIO' },
    );
    logger.info('Dependency-Track accepts the API key (GET /api/v1/project answered).');
  } catch (error) {
    if (!(error instanceof DtError) || error.status === 401) throw error;
    if (!error.lacks) {
      logger.warn(`The API key could not be verified (${error.message}); the calls the run needs will tell.`);
      return {};
    }
    logger.warn(
      `Dependency-Track accepts the API key (GET /api/v1/project answered 403, not 401). ${lacking(undefined, error.lacks)}`,
    );
  }
  return { accepted: true };
}

/**
 * `GET /api/v1/team/self` (4.4+, any valid key): fails on a refused key, names the team, and warns for each
 * permission the run needs that the team lacks. Without it (older servers) the key is verified by another call
 * and its permissions cannot be listed, which is a warning, not a failure.
 */
export async function checkKey(
  api: DtApi,
  server: ServerInfo,
  needed: readonly Permission[],
  logger: Logger,
  /** Of `needed`, those the run cannot do without: their lack ends it (exit 3) rather than being warned of. */
  required: readonly RequiredPermission[] = [],
): Promise<KeyInfo> {
  const cannotList =
    "so the API key's permissions cannot be listed; the first call that needs one will tell.";
  if (has(server.version, 'teamSelf') === false) {
    logger.warn(`Dependency-Track ${server.text} predates 4.4 and has no /api/v1/team/self, ${cannotList}`);
    return verifyKey(api, logger);
  }
  let data: unknown;
  try {
    ({ data } = await api.json(
      { path: 'api/v1/team/self', retry: true },
      { what: 'checking the API key (GET /api/v1/team/self)', notFound: (detail) => detail },
    ));
  } catch (error) {
    if (error instanceof DtError && error.status === 404 && /no team/i.test(error.message)) {
      // Dependency-Track authenticated the key, and found no team to go with it.
      logger.warn(
        `Dependency-Track found no team for the API key ("${error.message}"); its permissions cannot be checked.`,
      );
      return { accepted: true };
    }
    if (error instanceof DtError && error.status === 404) {
      logger.warn(
        `Dependency-Track ${server.text} answered 404 for /api/v1/team/self (a server older than 4.4, or a proxy that hides the endpoint), ${cannotList}`,
      );
      return verifyKey(api, logger);
    }
    throw error;
  }
  if (data === null) {
    logger.warn(
      'Dependency-Track does not enforce authentication (team/self answered with nothing): the API key is not checked and its permissions cannot be listed.',
    );
    return {};
  }
  const team = teamSchema.safeParse(data);
  if (!team.success) {
    logger.warn(
      'Dependency-Track answered /api/v1/team/self in a shape sca-bridge does not know; permissions not checked.',
    );
    return {};
  }
  const permissions = (team.data.permissions ?? []).map((p) => p.name);
  const name = team.data.name ?? 'unnamed team';
  logger.info(`The API key belongs to the team "${name}".`);
  logger.debug(`Team permissions: ${permissions.join(', ') || 'none'}`);
  const missing = missingPermissions(permissions, needed);
  const isRequired = (p: Permission): p is RequiredPermission =>
    (required as readonly Permission[]).includes(p);
  // Every missing permission is said, the ones a scan can do without first: one fix for all of them.
  for (const permission of missing.filter((p) => !isRequired(p))) logger.warn(lacking(name, permission));
  const permission = missing.find(isRequired);
  if (permission) {
    throw new ScannerError(
      `Dependency-Track ${server.text} at ${api.root} accepts the API key, but its team "${name}" lacks ${grantedByText(permission)}, which ${REQUIRED_FOR[permission]}: add it in Administration → Access Management → Teams.`,
    );
  }
  return { team: name, permissions, accepted: true };
}

/** The warning for a permission the key's team (named when the server tells) lacks. */
export function lacking(team: string | undefined, permission: Permission): string {
  return `The API key's team${team === undefined ? '' : ` "${team}"`} lacks ${grantedByText(permission)}, needed to ${PURPOSE[permission]}. Add it in Administration → Access Management → Teams.`;
}
