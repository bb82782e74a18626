import { z } from 'zod';
import type { Config } from '../../config.js';
import { ScannerError, UserError } from '../../errors.js';
import { optString } from '../../importers/importer.js';
import type { DtApi } from './api.js';
import { DtError } from './errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

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
    return { kind: 'uuid', uuid: config.project.toLowerCase() };
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
  lastBomImport: z.number().nullish(),
});

export interface ProjectRef {
  uuid: string;
  name?: string;
  version?: string;
  /** Epoch ms of the last SBOM import, when any. */
  lastBomImport?: number;
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
    ...(typeof project.data.lastBomImport === 'number' ? { lastBomImport: project.data.lastBomImport } : {}),
  };
}

/** The message for a project that does not exist, with the fix. */
export function notFoundMessage(target: Target, uploading: boolean): string {
  const which =
    target.kind === 'uuid'
      ? `Dependency-Track has no project with UUID ${target.uuid}: check the project input`
      : `Dependency-Track has no project named "${target.name}" with version "${target.version}" (names and versions must match exactly): check project-name and project-version (it defaults to the branch)`;
  return uploading
    ? `${which}; or, to let Dependency-Track create it on upload, use project-name and project-version with auto-create: true (the API key's team then needs PROJECT_CREATION_UPLOAD).`
    : `${which}; or give an sbom to upload, and Dependency-Track creates the project (auto-create).`;
}
