import type { Config } from '../../config.js';
import { ScannerError } from '../../errors.js';
import type { HttpOptions } from '../../http/client.js';
import type { Finding, PolicyViolation, SourceResult } from '../../findings/model.js';
import { dtFindingSchema, dtProjectUrl, mapDtFinding } from '../../importers/dtrack-finding.js';
import type { Logger } from '../../logger.js';
import { isUuid } from '../../schema.js';
import type { ScannerContext } from '../scanner.js';
import { DtApi } from './api.js';
import { COLLECTION_PROJECT, DtError } from './errors.js';
import { byField, readAllPages } from './paging.js';
import { missingPermissions, neededPermissions, requiredPermissions } from './permissions.js';
import {
  describeTarget,
  findProject,
  notFoundMessage,
  type ProjectRef,
  projectTarget,
  resolveParent,
  type Target,
} from './project.js';
import { checkKey, checkServer, type KeyInfo, lacking, type ServerInfo } from './server.js';
import { kilobytes, readSbom, type Sbom, uploadSbom, type UploadTarget } from './upload.js';
import { uiBase } from './urls.js';
import { has } from './version.js';
import { dtViolationSchema, mapDtViolation } from './violations.js';
import { plural } from '../../wording.js';
import { waitForProcessing } from './wait.js';

/** Knobs for tests: HTTP retry timings and how often the wait logs its progress. */
export interface FlowOptions {
  http?: Partial<HttpOptions>;
  progressEveryMs?: number;
}

function label(project: ProjectRef, target: Target): string {
  const name = project.name ?? (target.kind === 'name' ? target.name : undefined);
  const version = project.version ?? (target.kind === 'name' ? target.version : undefined);
  return name ? `"${name}"${version ? ` version "${version}"` : ''}` : project.uuid;
}

/** Upload fields that only count when DT creates the project, with the server versions that know them. */
async function creationFields(
  api: DtApi,
  config: Config,
  server: ServerInfo,
  logger: Logger,
): Promise<Partial<UploadTarget>> {
  const fields: Partial<UploadTarget> = {};
  const tags = (config.scanTag ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .join(',');
  if (tags) fields.tags = tags;
  if (config.isLatest !== undefined) fields.isLatest = config.isLatest;
  if ((tags || config.isLatest !== undefined) && has(server.version, 'tagsAndLatest') === false) {
    logger.warn(
      `Dependency-Track ${server.text} ignores scan-tag and is-latest on upload (they need 4.12 or newer).`,
    );
  }
  const parent = config.parentProject;
  if (parent && has(server.version, 'parent') === false) {
    logger.warn(`Dependency-Track ${server.text} ignores parent-project on upload (it needs 4.8 or newer).`);
  } else if (parent) {
    fields.parentUuid = isUuid(parent) ? parent.toLowerCase() : await resolveParent(api, parent, logger);
  }
  return fields;
}

/** Uploads the SBOM, waits until DT has processed it, checks that DT imported it, and returns the project. */
async function uploadAndWait(
  api: DtApi,
  config: Config,
  target: Target,
  sbom: Sbom,
  server: ServerInfo,
  key: KeyInfo,
  logger: Logger,
  options: FlowOptions,
): Promise<ProjectRef> {
  const found = await findProject(api, target);
  if (!found && (target.kind === 'uuid' || !config.autoCreate)) {
    throw new ScannerError(notFoundMessage(target, true));
  }
  let upload: UploadTarget;
  if (found) {
    upload = { uuid: found.uuid };
    if (config.scanTag || config.parentProject || config.isLatest !== undefined) {
      logger.info(
        `${describeTarget(target)} exists: scan-tag, parent-project and is-latest apply only when Dependency-Track creates a project, so its settings are left as they are.`,
      );
    }
  } else {
    // Only a project DT must create needs PROJECT_CREATION_UPLOAD: warned of here, before DT's 401 to the upload.
    const cannotCreate = key.permissions && missingPermissions(key.permissions, ['PROJECT_CREATION_UPLOAD']);
    for (const permission of cannotCreate || []) logger.warn(lacking(key.team ?? 'unnamed team', permission));
    const named = target as Extract<Target, { kind: 'name' }>;
    upload = {
      name: named.name,
      version: named.version,
      autoCreate: true,
      ...(await creationFields(api, config, server, logger)),
    };
  }
  // A project given by UUID is named as Dependency-Track knows it, not by its UUID twice.
  const where = found ? `project ${label(found, target)} (${found.uuid})` : describeTarget(target);
  logger.info(
    `Uploading ${sbom.name} (${kilobytes(sbom.bytes.length)}) to ${where}${found ? '' : ', which Dependency-Track creates (auto-create)'}.`,
  );
  const uploaded = await uploadSbom(api, upload, sbom, `uploading ${sbom.name} to ${where}`, !found);
  await waitForProcessing(
    api,
    uploaded.token,
    server.version,
    {
      timeoutSeconds: config.timeoutSeconds,
      pollIntervalSeconds: config.pollIntervalSeconds,
      ...(options.progressEveryMs !== undefined ? { progressEveryMs: options.progressEveryMs } : {}),
    },
    logger,
  );
  // DT answers `processing: false` however the processing ended: also when it failed (DT logs the exception and
  // sends BOM_PROCESSING_FAILED; the import, with its update of the project, is rolled back), and for a token a
  // restart forgot (DT4 tracks tokens in memory). Only the project's lastBomImport, set as the import commits,
  // tells an import from a failure: it must differ from what the lookup before the upload saw.
  const uuid = found?.uuid ?? uploaded.projectUuid;
  const after = await findProject(api, uuid ? { kind: 'uuid', uuid } : target);
  if (!after) {
    throw new ScannerError(
      `Dependency-Track accepted the SBOM for ${where} but the project cannot be found after processing: check in Dependency-Track that it exists (the API key's team needs VIEW_PORTFOLIO to see it).`,
    );
  }
  if (after.lastBomImport === undefined || after.lastBomImport === found?.lastBomImport) {
    const last = after.lastBomImport === undefined ? 'none' : new Date(after.lastBomImport).toISOString();
    throw new ScannerError(
      `Dependency-Track did not import the SBOM (sbom: ${sbom.file}) into ${where}: it reported the upload processed (token ${uploaded.token}), but the project's last SBOM import is unchanged (${last}). Its processing failed, for example on a BOM it cannot read or a CycloneDX version it does not support, or the server restarted meanwhile. Dependency-Track's log (BomUploadProcessingTask) or its BOM_PROCESSING_FAILED notification names the cause; fix the SBOM or the server, then run the job again.`,
    );
  }
  return after;
}

async function existingProject(api: DtApi, target: Target, logger: Logger): Promise<ProjectRef> {
  const found = await findProject(api, target);
  if (!found) throw new ScannerError(notFoundMessage(target, false));
  // It never has findings of its own: a gate passing on none would say nothing (and DT refuses an upload to it).
  if (found.collectionLogic) {
    throw new ScannerError(
      `Dependency-Track project ${label(found, target)} (${found.uuid}) is ${COLLECTION_PROJECT} (collectionLogic ${found.collectionLogic}): it holds no components itself, so it has no findings to read, and sca-bridge reads one project. Name one of its child projects instead (project, or project-name and project-version), or upload an SBOM (sbom) to a project that is not a collection.`,
    );
  }
  const imported = found.lastBomImport
    ? `; its last SBOM import was at ${new Date(found.lastBomImport).toISOString()}`
    : '';
  logger.info(`Reading the current findings of ${label(found, target)} (${found.uuid})${imported}.`);
  return found;
}

/** No findings of a project no SBOM was ever uploaded to say nothing of it: warned of, so they do not read as clean. */
function warnIfNeverImported(project: ProjectRef, name: string, findings: Finding[], logger: Logger): void {
  if (project.lastBomImport !== undefined || findings.length) return;
  logger.warn(
    `No SBOM was ever uploaded to project ${name} (${project.uuid}): Dependency-Track has nothing of it to analyse, so its 0 findings do not mean it is clean. Upload one with sbom, or name the project your SBOMs are uploaded to.`,
  );
}

function invalidRow(
  kind: string,
  index: number,
  issues: { path: PropertyKey[]; message: string }[],
): ScannerError {
  const issue = issues[0];
  const where = issue?.path.length ? issue.path.map(String).join('.') : '(row)';
  return new ScannerError(
    `Dependency-Track returned a ${kind} sca-bridge cannot read (row ${index + 1}, ${where}: ${issue?.message ?? 'invalid'}). Please report it with your Dependency-Track version.`,
  );
}

async function readFindings(
  api: DtApi,
  project: ProjectRef,
  name: string,
  ui: string,
  logger: Logger,
): Promise<Finding[]> {
  // Always with suppressed ones: the pipeline counts them, and reports them only with include-suppressed.
  const rows = await readAllPages(
    api,
    `api/v1/finding/project/${project.uuid}`,
    { suppressed: true },
    {
      what: `reading the findings of ${name}`,
      rows: 'findings',
      identity: byField('matrix'),
      permission: 'VIEW_VULNERABILITY',
      notFound: () =>
        `Dependency-Track has no project ${project.uuid} any more (reading its findings): run again.`,
    },
    logger,
  );
  return rows.map((row, index) => {
    const parsed = dtFindingSchema.safeParse(row);
    if (!parsed.success) throw invalidRow('finding', index, parsed.error.issues);
    return mapDtFinding(parsed.data, ui);
  });
}

async function readViolations(
  api: DtApi,
  project: ProjectRef,
  name: string,
  config: Config,
  key: KeyInfo,
  logger: Logger,
): Promise<PolicyViolation[]> {
  // The key check has warned already; without the gate on violations the request would only warn again.
  const lacksPermission =
    !!key.permissions && missingPermissions(key.permissions, ['VIEW_POLICY_VIOLATION']).length > 0;
  if (lacksPermission && !config.failOnPolicyViolation) {
    logger.info('Policy violations are not read: the API key lacks VIEW_POLICY_VIOLATION.');
    return [];
  }
  let rows: unknown[];
  try {
    rows = await readAllPages(
      api,
      `api/v1/violation/project/${project.uuid}`,
      { suppressed: true },
      {
        what: `reading the policy violations of ${name}`,
        rows: 'policy violations',
        identity: byField('uuid'),
        permission: 'VIEW_POLICY_VIOLATION',
        notFound: () =>
          `Dependency-Track has no project ${project.uuid} any more (reading its policy violations): run again.`,
      },
      logger,
    );
  } catch (error) {
    // Without the gate on violations, a key that cannot read them loses only information: say so loudly.
    if (error instanceof DtError && error.status === 403 && !config.failOnPolicyViolation) {
      logger.warn(
        `Policy violations are not reported: ${error.message} (With fail-on-policy-violation this is an error.)`,
      );
      return [];
    }
    throw error;
  }
  return rows.map((row, index) => {
    const parsed = dtViolationSchema.safeParse(row);
    if (!parsed.success) throw invalidRow('policy violation', index, parsed.error.issues);
    return mapDtViolation(parsed.data);
  });
}

/** `scan`: version and key check, optional SBOM upload and wait, then every finding and policy violation. */
export async function scan(ctx: ScannerContext, options: FlowOptions = {}): Promise<SourceResult> {
  const { config, logger } = ctx;
  // Inputs first: a bad one is exit 2 before any network call.
  const target = projectTarget(config);
  const sbom = config.sbom ? await readSbom(config.sbom) : undefined;
  const uploadOnly = [
    config.parentProject && 'parent-project',
    config.isLatest !== undefined && 'is-latest',
  ].filter((input): input is string => !!input);
  if (!sbom && uploadOnly.length) {
    logger.warn(
      `${uploadOnly.join(' and ')} ${uploadOnly.length > 1 ? 'apply' : 'applies'} to an upload, and there is none (no sbom): the project's current findings are read as they are.`,
    );
  }
  const ui = uiBase(config);
  const api = DtApi.open(ctx, options.http);
  try {
    const server = await checkServer(api, logger);
    const key = await checkKey(api, server, neededPermissions(config), logger, requiredPermissions(config));
    const project = sbom
      ? await uploadAndWait(api, config, target, sbom, server, key, logger, options)
      : await existingProject(api, target, logger);
    const name = label(project, target);
    const findings = await readFindings(api, project, name, ui, logger);
    if (!sbom) warnIfNeverImported(project, name, findings, logger);
    const violations = await readViolations(api, project, name, config, key, logger);
    const suppressed = findings.filter((f) => f.suppressed).length;
    const failing = violations.filter((v) => v.state === 'FAIL' && !v.suppressed).length;
    logger.info(
      `Dependency-Track returned ${plural(findings.length, 'finding row')} (${suppressed} suppressed) and ${plural(violations.length, 'policy violation')} (${failing} failing, not suppressed) for ${name}.`,
    );
    const projectName = project.name ?? (target.kind === 'name' ? target.name : undefined);
    const projectVersion = project.version ?? (target.kind === 'name' ? target.version : undefined);
    return {
      scanner: 'dependency-track',
      findings,
      violations,
      context: {
        ...(projectName ? { project: projectName } : {}),
        ...(projectVersion ? { projectVersion } : {}),
        scannerVersion: server.text,
        reportUrl: dtProjectUrl(ui, project.uuid),
      },
    };
  } finally {
    await api.close();
  }
}

/** What test-connection found out about the key. */
function keyVerdict(key: KeyInfo): string {
  if (key.team) return `accepts the API key (team "${key.team}")`;
  if (key.accepted) return 'accepts the API key (its team and permissions cannot be listed; see above)';
  return 'answers; the API key could not be verified (see above)';
}

/** `test-connection`: URL, TLS, version, the key and its permissions, and the project when one is named. */
export async function testConnection(ctx: ScannerContext, options: FlowOptions = {}): Promise<void> {
  const { config, logger } = ctx;
  const target = config.project || config.projectName ? projectTarget(config) : undefined;
  const api = DtApi.open(ctx, options.http);
  try {
    const server = await checkServer(api, logger);
    // Every scan reads the findings: a key that cannot is no working connection (Xray's without Manage Reports
    // fails the same way). The other permissions depend on the inputs a scan is given, and stay warnings.
    const key = await checkKey(api, server, neededPermissions(config), logger, requiredPermissions(config));
    if (target) {
      let found: ProjectRef | undefined;
      let denied = false;
      try {
        found = await findProject(api, target);
      } catch (error) {
        if (!(error instanceof DtError && error.status === 403)) throw error;
        denied = true;
        logger.warn(error.message);
      }
      if (found) {
        logger.info(`Found ${describeTarget(target)}: ${dtProjectUrl(uiBase(config), found.uuid)}`);
        // A scan of it would be refused (see existingProject and DT's answer to an upload): said now.
        if (found.collectionLogic) {
          logger.warn(
            `Dependency-Track ${describeTarget(target)} is ${COLLECTION_PROJECT} (collectionLogic ${found.collectionLogic}): a scan of it is refused, as it holds no components itself. Name one of its child projects.`,
          );
        }
      } else if (!denied && target.kind === 'name' && config.autoCreate) {
        logger.info(
          `${describeTarget(target)} does not exist yet: a scan with an sbom creates it (auto-create).`,
        );
      } else if (!denied) {
        logger.warn(notFoundMessage(target, true));
      }
    }
    logger.info(`Connection OK: Dependency-Track ${server.text} at ${api.root} ${keyVerdict(key)}.`);
  } finally {
    await api.close();
  }
}
