import { z } from 'zod';
import type { Config } from '../../config.js';
import { ScannerError, UserError } from '../../errors.js';
import { isUuid, optString } from '../../schema.js';
import type { Logger } from '../../logger.js';
import type { DtApi } from './api.js';
import { DtError } from './errors.js';
import { byField, readAllPages } from './paging.js';

/** The project a run is about: by UUID (`project`), or by exact name and version. */
export type Target = { kind: 'uuid'; uuid: string } | { kind: 'name'; name: string; version: string };

/** From the inputs, before any network call; bad or missing ones are input errors (exit 2). */
export function projectTarget(
  config: Pick<Config, 'project' | 'projectName' | 'projectVersion' | 'branch'>,
): Target {
  if (config.project) {
    if (!isUuid(config.project)) {
      throw new UserError(
        `Input project: expected a Dependency-Track project UUID (such as 3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b), got "${config.project}". To name a project, use project-name and project-version.`,
      );
    }
    return { kind: 'uuid', uuid: config.project };
  }
  if (!config.projectName) {
    throw new UserError(
      'Input project-name: name the Dependency-Track project (with project-version, which defaults to the branch), or give its UUID with project.',
    );
  }
  const version = config.projectVersion ?? config.branch;
  if (!version) {
    throw new UserError(
      `Input project-version: give the version of Dependency-Track project "${config.projectName}" (it defaults to the branch, which could not be found here).`,
    );
  }
  return { kind: 'name', name: config.projectName, version };
}

export function describeTarget(target: Target): string {
  return target.kind === 'uuid'
    ? `project ${target.uuid}`
    : `project "${target.name}" version "${target.version}"`;
}

const projectSchema = z.object({
  uuid: z.string().min(1),
  name: optString,
  version: optString,
  lastBomImport: z.union([z.number(), z.string()]).nullish().transform(epochMs),
  // 4.13+ (`NONE` for any other project; DT5 leaves it out then): one sca-bridge cannot read is no collection.
  collectionLogic: optString.catch(undefined),
});

/**
 * Dependency-Track writes dates as epoch milliseconds; a server whose JSON mapper writes ISO 8601 text (or the
 * number as text) must not have its project taken for no project at all.
 */
function epochMs(value: number | string | null | undefined): number | undefined {
  const ms = typeof value === 'string' ? (/^\d+$/.test(value) ? Number(value) : Date.parse(value)) : value;
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : undefined;
}

export interface ProjectRef {
  uuid: string;
  name?: string;
  version?: string;
  /** Epoch ms of the last SBOM import, when any. */
  lastBomImport?: number;
  /** How a collection project (DT 4.13+) gathers its children; absent for any other project. */
  collectionLogic?: string;
}

/**
 * The project, or `undefined` when Dependency-Track has none by that UUID or name and version (404):
 * `GET /api/v1/project/{uuid}` or `GET /api/v1/project/lookup?name&version` (exact match; `VIEW_PORTFOLIO`).
 */
export async function findProject(api: DtApi, target: Target): Promise<ProjectRef | undefined> {
  const what = `looking up ${describeTarget(target)}`;
  let data: unknown;
  try {
    ({ data } = await api.json(
      target.kind === 'uuid'
        ? { path: `api/v1/project/${target.uuid}`, retry: true }
        : {
            path: 'api/v1/project/lookup',
            query: { name: target.name, version: target.version },
            retry: true,
          },
      { what, permission: 'VIEW_PORTFOLIO', notFound: (detail) => detail },
    ));
  } catch (error) {
    if (error instanceof DtError && error.status === 404) return undefined;
    throw error;
  }
  const project = projectSchema.safeParse(data);
  if (!project.success) {
    throw new ScannerError(
      `Dependency-Track answered the lookup of ${describeTarget(target)} without a project UUID: check that api-url is Dependency-Track's API server.`,
    );
  }
  return {
    uuid: project.data.uuid,
    ...(project.data.name ? { name: project.data.name } : {}),
    ...(project.data.version ? { version: project.data.version } : {}),
    ...(project.data.lastBomImport !== undefined ? { lastBomImport: project.data.lastBomImport } : {}),
    ...(project.data.collectionLogic && project.data.collectionLogic !== 'NONE'
      ? { collectionLogic: project.data.collectionLogic }
      : {}),
  };
}

const namedSchema = projectSchema.extend({ isLatest: z.boolean().nullish() });

/**
 * The UUID of the parent-project given by name. DT's upload looks a `parentName` up with a null version when
 * no `parentVersion` comes along, so a versioned parent is never found that way: the name is resolved here,
 * with `GET /api/v1/project?name=` (every version of that name), to one project: the only one, else the one
 * marked latest.
 */
export async function resolveParent(api: DtApi, name: string, logger: Logger): Promise<string> {
  const rows = await readAllPages(
    api,
    'api/v1/project',
    { name },
    {
      what: `looking up parent-project "${name}"`,
      rows: 'projects',
      identity: byField('uuid'),
      permission: 'VIEW_PORTFOLIO',
    },
    logger,
  );
  // DT matches the name exactly; checked again, so a server that searches instead cannot pick a stranger.
  const named = rows.flatMap((row) => {
    const project = namedSchema.safeParse(row);
    return project.success && project.data.name === name ? [project.data] : [];
  });
  if (!named.length) {
    throw new UserError(
      `Input parent-project: Dependency-Track has no project named "${name}" (names must match exactly; the API key's team needs VIEW_PORTFOLIO to see it): give the parent's exact name or its UUID.`,
    );
  }
  // The one without a version is the one DT's own `parentName` lookup would find; else the one marked latest.
  const unversioned = named.filter((project) => !project.version);
  const latest = named.filter((project) => project.isLatest);
  const parent = [named, unversioned, latest].find((set) => set.length === 1)?.[0];
  if (!parent) {
    const versions = named.map((project) => (project.version ? `"${project.version}"` : '(no version)'));
    throw new UserError(
      `Input parent-project: Dependency-Track has ${named.length} projects named "${name}" (versions ${versions.join(', ')}) and ${latest.length ? 'more than one is' : 'none is'} marked latest: give the parent's UUID with parent-project.`,
    );
  }
  logger.info(
    `parent-project "${name}" is ${parent.version ? `version "${parent.version}" ` : ''}(${parent.uuid}).`,
  );
  return parent.uuid;
}

/** The message for a project that does not exist, with the fix. */
export function notFoundMessage(target: Target, uploading: boolean): string {
  const which =
    target.kind === 'uuid'
      ? `Dependency-Track has no project with UUID ${target.uuid}: check the project input`
      : `Dependency-Track has no project named "${target.name}" with version "${target.version}" (names and versions must match exactly): check project-name and project-version (it defaults to the branch; a project without a version is named by its UUID, with project)`;
  // Only a name and version can be created on upload: a UUID names a project that must exist already.
  if (uploading || target.kind === 'uuid')
    return `${which}; or, to let Dependency-Track create it on upload, use project-name and project-version with auto-create: true${uploading ? '' : ' and an sbom'} (the API key's team then needs PROJECT_CREATION_UPLOAD).`;
  return `${which}; or give an sbom to upload, and Dependency-Track creates the project (auto-create).`;
}
