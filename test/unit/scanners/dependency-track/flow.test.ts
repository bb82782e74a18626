import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, exitCodeOf, ScannerError, UserError } from '../../../../src/errors.js';
import { createDependencyTrack } from '../../../../src/scanners/dependency-track/adapter.js';
import type { SourceResult } from '../../../../src/findings/model.js';
import { tempDir } from '../../../helpers/cli.js';
import {
  ALL_PERMISSIONS,
  type DtSim,
  type DtSimOptions,
  fixturePath,
  manyFindings,
  manyViolations,
  startDtSim,
} from '../../../sim/dependency-track.js';
import { TLS_CERT_FILE } from '../../../sim/tls.js';
import { API_KEY, dtConfig, fastAdapter, MemoryLogger } from './helpers.js';

const BOM = fixturePath('bom.json');
const EXISTING = '3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b';

let sim: DtSim | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: Partial<DtSimOptions> = {}): Promise<DtSim> {
  sim = await startDtSim({ apiKey: API_KEY, ...options });
  return sim;
}

async function scan(inputs: Record<string, string>, logger = new MemoryLogger()): Promise<SourceResult> {
  return fastAdapter.scan({ config: dtConfig('scan', { 'api-url': sim!.apiUrl, ...inputs }), logger });
}

async function scanError(inputs: Record<string, string>, logger = new MemoryLogger()): Promise<Error> {
  const error = await scan(inputs, logger).then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!error) throw new Error('expected the scan to fail');
  return error;
}

function expectNoKey(logger: MemoryLogger, ...texts: string[]): void {
  expect(logger.secrets).toContain(API_KEY);
  for (const text of [logger.text(), ...texts]) expect(text).not.toContain(API_KEY);
}

describe('Dependency-Track scan against the simulator', () => {
  it('4.14: uploads with auto-create, waits for processing, reads every finding and violation', async () => {
    // The parent has a version: DT's upload would look a bare parentName up with a null version.
    await start({ version: '4.14.3', processingPolls: 2, projects: [{ name: 'platform', version: '2.0' }] });
    const platform = sim!.projects[0]!;
    const logger = new MemoryLogger();
    const result = await scan(
      {
        sbom: BOM,
        'project-name': 'shop-web',
        'project-version': '1.0.0',
        'scan-tag': 'ci, nightly',
        'parent-project': 'platform',
        'is-latest': 'true',
      },
      logger,
    );
    expect(sim!.uploads).toHaveLength(1);
    const upload = sim!.uploads[0]!;
    expect(upload.fields).toEqual({
      projectName: 'shop-web',
      projectVersion: '1.0.0',
      autoCreate: 'true',
      projectTags: 'ci,nightly',
      parentUUID: platform.uuid,
      isLatest: 'true',
    });
    expect(upload.bomName).toBe('bom.json');
    expect(JSON.parse(upload.bom)).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.5' });
    expect(upload.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const project = sim!.projects[1]!;
    expect(project).toMatchObject({
      name: 'shop-web',
      version: '1.0.0',
      tags: ['ci', 'nightly'],
      isLatest: true,
    });
    expect(project.parent).toEqual({ uuid: platform.uuid, name: 'platform' });

    // version, team, lookup (404), parent by name, upload, 3 polls (2 processing), lookup, findings, violations
    expect(sim!.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /api/version 200',
      'GET /api/v1/team/self 200',
      'GET /api/v1/project/lookup 404',
      'GET /api/v1/project 200',
      'POST /api/v1/bom 200',
      expect.stringMatching(/^GET \/api\/v1\/event\/token\/[0-9a-f-]{36} 200$/),
      expect.stringMatching(/^GET \/api\/v1\/event\/token\/[0-9a-f-]{36} 200$/),
      expect.stringMatching(/^GET \/api\/v1\/event\/token\/[0-9a-f-]{36} 200$/),
      'GET /api/v1/project/lookup 200',
      `GET /api/v1/finding/project/${project.uuid} 200`,
      `GET /api/v1/violation/project/${project.uuid} 200`,
    ]);
    expect(sim!.requests.filter((r) => r.path !== '/api/version').every((r) => r.apiKey === API_KEY)).toBe(
      true,
    );
    const findingsRequest = sim!.requests.find((r) => r.path.startsWith('/api/v1/finding/'))!;
    expect(findingsRequest.query).toEqual({ suppressed: 'true', pageNumber: '1', pageSize: '1000' });

    expect(result.scanner).toBe('dependency-track');
    expect(result.findings).toHaveLength(7);
    expect(result.findings.filter((f) => f.suppressed).map((f) => f.id)).toEqual(['CVE-2022-24999']);
    const lodash = result.findings[0]!;
    expect(lodash).toMatchObject({
      id: 'CVE-2021-23337',
      severity: 'high',
      component: {
        packageName: 'lodash',
        version: '4.17.20',
        purl: 'pkg:npm/lodash@4.17.20',
        ecosystem: 'npm',
      },
      published: '2021-02-18T00:00:00.000Z',
      url: `${sim!.url}/vulnerabilities/NVD/CVE-2021-23337`,
    });
    expect(result.violations.map((v) => `${v.type}/${v.state}/${v.suppressed}`)).toEqual([
      'LICENSE/FAIL/false',
      'OPERATIONAL/WARN/false',
      'SECURITY/FAIL/true',
      'SECURITY/INFO/false',
    ]);
    expect(result.context).toEqual({
      project: 'shop-web',
      projectVersion: '1.0.0',
      scannerVersion: '4.14.3',
      reportUrl: `${sim!.url}/projects/${project.uuid}`,
    });
    expect(logger.of('warn')).toEqual([
      'The token is sent over plain http to ' + new URL(sim!.url).origin + '; use https.',
    ]);
    expect(logger.of('info')).toEqual([
      `Dependency-Track 4.14.3 at ${sim!.url}`,
      'The API key belongs to the team "CI Automation".',
      `parent-project "platform" is version "2.0" (${platform.uuid}).`,
      'Uploading bom.json (1.1 kB) to project "shop-web" version "1.0.0", which Dependency-Track creates (auto-create).',
      expect.stringMatching(
        /^Waiting for Dependency-Track to process the SBOM \(token [0-9a-f-]{36}\): polling every 0\.01 s for up to 600 s\.$/,
      ),
      expect.stringMatching(/^Still processing: \d+\.\d s elapsed of at most 600 s\.$/),
      expect.stringMatching(/^Still processing: \d+\.\d s elapsed of at most 600 s\.$/),
      expect.stringMatching(/^Dependency-Track processed the SBOM in \d+\.\d s \(3 polls\)\.$/),
      'Dependency-Track returned 7 finding rows (1 suppressed) and 4 policy violations (1 failing, not suppressed) for "shop-web" version "1.0.0".',
    ]);
    expectNoKey(logger);
  });

  it('5.0: pages findings (250 rows in 3 pages of a server that caps them at 100) and takes the project UUID from the upload', async () => {
    await start({
      version: '5.0.4',
      pageCap: 100,
      afterUpload: { findings: manyFindings(250), violations: manyViolations(3) },
    });
    const result = await scan({
      sbom: BOM,
      'project-name': 'big',
      'project-version': 'main',
      'ui-url': 'https://ui.example.test/',
    });
    const uuid = sim!.projects[0]!.uuid;
    const findingPages = sim!.requests.filter((r) => r.path === `/api/v1/finding/project/${uuid}`);
    // Page 1 asks 1000 and gets 100: the later pages ask 100, so they start where the one before ended.
    expect(findingPages.map((r) => `${r.query.pageNumber}/${r.query.pageSize}`).sort()).toEqual([
      '1/1000',
      '2/100',
      '3/100',
    ]);
    expect(result.findings).toHaveLength(250);
    expect(new Set(result.findings.map((f) => f.id)).size).toBe(250);
    expect(result.violations).toHaveLength(3);
    // DT5 answers projectUuid: after the upload the project is read by it, not looked up by name again
    expect(sim!.count('GET', '/api/v1/project/lookup')).toBe(1);
    expect(sim!.count('GET', `/api/v1/project/${uuid}`)).toBe(1);
    expect(result.context.reportUrl).toBe(`https://ui.example.test/projects/${uuid}`);
    expect(result.findings[0]!.url).toBe('https://ui.example.test/vulnerabilities/NVD/CVE-2099-00001');
  });

  it('5.0: the pages after page 1 are read 4 at a time, every row once, in page order', async () => {
    await start({
      version: '5.0.4',
      pageCap: 100,
      latencyMs: 10,
      projects: [{ uuid: EXISTING, name: 'a', version: '1', findings: manyFindings(1000) }],
    });
    const result = await scan({ project: EXISTING });
    expect(sim!.count('GET', `/api/v1/finding/project/${EXISTING}`)).toBe(10);
    expect(sim!.maxInFlight).toBe(4);
    expect(result.findings.map((f) => f.id)).toEqual(
      manyFindings(1000).map((_, i) => expect.stringContaining(`CVE-2099-${String(i + 1).padStart(5, '0')}`)),
    );
  });

  it('4.x: findings come whole, violations in pages (250 violations in 3 pages of a server that caps them at 100)', async () => {
    await start({
      version: '4.14.3',
      pageCap: 100,
      projects: [
        {
          uuid: EXISTING,
          name: 'shop-web',
          version: 'main',
          findings: manyFindings(150),
          violations: manyViolations(250),
        },
      ],
    });
    const result = await scan({ project: EXISTING.toUpperCase() });
    expect(sim!.count('GET', `/api/v1/finding/project/${EXISTING}`)).toBe(1);
    expect(sim!.count('GET', `/api/v1/violation/project/${EXISTING}`)).toBe(3);
    expect(result.findings).toHaveLength(150);
    expect(result.violations).toHaveLength(250);
    expect(result.context).toMatchObject({ project: 'shop-web', projectVersion: 'main' });
    expect(sim!.count('GET', `/api/v1/project/${EXISTING}`)).toBe(1);
  });

  it('4.10: no /event/token, so it polls /bom/token; tags and is-latest are ignored with a warning', async () => {
    await start({ version: '4.10.1', processingPolls: 1 });
    const logger = new MemoryLogger();
    const result = await scan(
      { sbom: BOM, 'project-name': 'old', 'project-version': '1', 'scan-tag': 'ci' },
      logger,
    );
    expect(sim!.count('GET', /^\/api\/v1\/event\/token\//)).toBe(0);
    expect(sim!.count('GET', /^\/api\/v1\/bom\/token\//)).toBe(2);
    expect(result.findings).toHaveLength(7);
    expect(logger.of('warn')).toContain(
      'Dependency-Track 4.10.1 ignores scan-tag and is-latest on upload (they need 4.12 or newer).',
    );
  });

  it('parent-project by name: the one without a version, else the one marked latest among several, else an input error listing them', async () => {
    const versions = (latest: boolean[]) =>
      latest.map((isLatest, i) => ({ name: 'platform', version: `${i + 1}.0`, isLatest }));
    const inputs = {
      sbom: BOM,
      'project-name': 'shop-web',
      'project-version': '1',
      'parent-project': 'platform',
    };
    await start({ projects: [...versions([false, true, false]), { name: 'platform-tools', version: '9' }] });
    await scan(inputs);
    expect(sim!.uploads[0]!.fields.parentUUID).toBe(sim!.projects[1]!.uuid);
    expect(sim!.requests.find((r) => r.path === '/api/v1/project')!.query).toEqual({
      name: 'platform',
      pageNumber: '1',
      pageSize: '1000',
    });
    await sim!.close();

    // The one without a version, which DT's own lookup of a parent by name finds, before the latest.
    await start({ projects: [...versions([true, false]), { name: 'platform' }] });
    await scan(inputs);
    expect(sim!.uploads[0]!.fields.parentUUID).toBe(sim!.projects[2]!.uuid);
    await sim!.close();

    await start({ projects: versions([false, false]) });
    const several = await scanError(inputs);
    expect(several).toBeInstanceOf(UserError);
    expect(several.message).toBe(
      'Input parent-project: Dependency-Track has 2 projects named "platform" (versions "2.0", "1.0") and none is marked latest: give the parent\'s UUID with parent-project.',
    );
    expect(sim!.uploads).toHaveLength(0);
    await sim!.close();

    await start({ projects: versions([true, true]) });
    const twoLatest = await scanError(inputs);
    expect(twoLatest.message).toBe(
      'Input parent-project: Dependency-Track has 2 projects named "platform" (versions "2.0", "1.0") and more than one is marked latest: give the parent\'s UUID with parent-project.',
    );
    await sim!.close();

    // A server that searches rather than matches by name: only the exact name is a parent.
    await start({ projects: [{ name: 'platform-tools', version: '9', isLatest: true }], nameSearch: true });
    const none = await scanError(inputs);
    expect(none).toBeInstanceOf(UserError);
    expect(none.message).toBe(
      'Input parent-project: Dependency-Track has no project named "platform" (names must match exactly; the API key\'s team needs VIEW_PORTFOLIO to see it): give the parent\'s exact name or its UUID.',
    );
    expect(sim!.uploads).toHaveLength(0);
  });

  it('a parent given by UUID that does not exist: auto-create is named as creating the project, never its parent', async () => {
    await start({ projects: [] });
    const error = await scanError({
      sbom: BOM,
      'project-name': 'shop-web',
      'project-version': '1',
      'parent-project': '99999999-9999-4999-8999-999999999999',
    });
    expect(error.message).toContain(
      'check project / project-name / project-version and parent-project (auto-create creates the project, never its parent).',
    );
    expect(error.message).not.toContain('or set auto-create: true');
  });

  it('4.7: parent-project is ignored with a warning, and not looked up', async () => {
    await start({ version: '4.7.1', processingPolls: 0 });
    const logger = new MemoryLogger();
    await scan(
      { sbom: BOM, 'project-name': 'shop-web', 'project-version': '1', 'parent-project': 'platform' },
      logger,
    );
    expect(logger.of('warn')).toContain(
      'Dependency-Track 4.7.1 ignores parent-project on upload (it needs 4.8 or newer).',
    );
    expect(sim!.count('GET', '/api/v1/project')).toBe(0);
    expect(sim!.uploads[0]!.fields).toEqual({
      projectName: 'shop-web',
      projectVersion: '1',
      autoCreate: 'true',
    });
  });

  it('falls back to /bom/token when /event/token answers 404 on a server that reports an unreadable version', async () => {
    await start({
      version: '4.10.1',
      processingPolls: 0,
      faults: [{ path: '/api/version', status: 200, body: { version: 'custom-build' } }],
    });
    const logger = new MemoryLogger();
    await scan({ sbom: BOM, 'project-name': 'old', 'project-version': '1' }, logger);
    expect(sim!.count('GET', /^\/api\/v1\/event\/token\//)).toBe(1);
    expect(sim!.count('GET', /^\/api\/v1\/bom\/token\//)).toBe(1);
    expect(logger.of('warn')).toContain(
      'Dependency-Track reported a version sca-bridge cannot read ("custom-build"); assuming a current server.',
    );
  });

  it("before 4.4 the key's permissions cannot be listed: a warning, the key checked with one project, and the scan goes on", async () => {
    await start({
      version: '4.3.6',
      projects: [{ name: 'legacy', version: '2', findings: manyFindings(2) }],
    });
    const logger = new MemoryLogger();
    const result = await scan({ 'project-name': 'legacy', 'project-version': '2' }, logger);
    expect(result.findings).toHaveLength(2);
    expect(sim!.count('GET', '/api/v1/team/self')).toBe(0);
    expect(sim!.requests.find((r) => r.path === '/api/v1/project')!.query).toEqual({
      pageSize: '1',
      pageNumber: '1',
    });
    expect(logger.of('warn')).toContain(
      "Dependency-Track 4.3.6 predates 4.4 and has no /api/v1/team/self, so the API key's permissions cannot be listed; the first call that needs one will tell.",
    );
    expect(logger.of('info')).toContain(
      'Dependency-Track accepts the API key (GET /api/v1/project answered).',
    );
  });

  it('before 4.4 a wrong key: exit 3 at the key check, nothing uploaded', async () => {
    await start({ version: '4.3.6', apiKey: 'the-right-key' });
    const error = await scanError({ sbom: BOM, 'project-name': 'app', 'project-version': '1' });
    expect(error).toBeInstanceOf(ScannerError);
    expect(error.message).toMatch(
      /^Dependency-Track refused the API key \(HTTP 401 from \/api\/v1\/project\) while checking the API key \(GET \/api\/v1\/project\): check the API key/,
    );
    expect(sim!.requests.map((r) => r.path)).toEqual(['/api/version', '/api/v1/project']);
  });

  it('warns that is-latest and parent-project are not used without an sbom to upload', async () => {
    await start({ projects: [{ uuid: EXISTING, name: 'shop-web', version: 'main' }] });
    const logger = new MemoryLogger();
    await scan({ project: EXISTING, 'is-latest': 'true', 'parent-project': 'platform' }, logger);
    expect(logger.of('warn')).toContain(
      "parent-project and is-latest apply to an upload, and there is none (no sbom): the project's current findings are read as they are.",
    );
    expect(sim!.uploads).toHaveLength(0);
  });

  it('names a project given by UUID as Dependency-Track knows it when uploading to it', async () => {
    await start({ projects: [{ uuid: EXISTING, name: 'shop-web', version: 'main' }] });
    const logger = new MemoryLogger();
    await scan({ sbom: BOM, project: EXISTING }, logger);
    expect(logger.of('info')).toContain(
      `Uploading bom.json (1.1 kB) to project "shop-web" version "main" (${EXISTING}).`,
    );
  });

  it('uploads to an existing project by its UUID, leaving its tags alone', async () => {
    await start({ projects: [{ uuid: EXISTING, name: 'shop-web', version: 'main' }] });
    const logger = new MemoryLogger();
    await scan(
      { sbom: BOM, 'project-name': 'shop-web', 'project-version': 'main', 'scan-tag': 'ci' },
      logger,
    );
    expect(sim!.uploads[0]!.fields).toEqual({ project: EXISTING });
    expect(sim!.projects[0]!.tags).toEqual([]);
    expect(logger.of('info')).toContain(
      'project "shop-web" version "main" exists: scan-tag, parent-project and is-latest apply only when Dependency-Track creates a project, so its settings are left as they are.',
    );
  });

  it('reads the current findings without an SBOM; the version defaults to the branch', async () => {
    await start({
      projects: [{ uuid: EXISTING, name: 'shop-web', version: 'feature/x', findings: manyFindings(3) }],
    });
    const logger = new MemoryLogger();
    const result = await scan({ 'project-name': 'shop-web', branch: 'feature/x' }, logger);
    expect(result.findings).toHaveLength(3);
    expect(sim!.requests.find((r) => r.path === '/api/v1/project/lookup')!.query).toEqual({
      name: 'shop-web',
      version: 'feature/x',
    });
    expect(logger.of('info')).toContain(
      `Reading the current findings of "shop-web" version "feature/x" (${EXISTING}); its last SBOM import was at 2023-11-14T22:13:20.000Z.`,
    );
  });

  it('a collection project (4.13+) read without an sbom: exit 3 naming it and what to scan instead, no findings read', async () => {
    for (const version of ['4.13.0', '5.0.4']) {
      await start({
        version,
        projects: [
          { uuid: EXISTING, name: 'platform', version: '1', collectionLogic: 'AGGREGATE_DIRECT_CHILDREN' },
        ],
      });
      const error = await scanError({ 'project-name': 'platform', 'project-version': '1' });
      expect(error).toBeInstanceOf(ScannerError);
      expect(error.message).toBe(
        `Dependency-Track project "platform" version "1" (${EXISTING}) is a collection project, whose findings are its children's (collectionLogic AGGREGATE_DIRECT_CHILDREN): it holds no components itself, so it has no findings to read, and sca-bridge reads one project. Name one of its child projects instead (project, or project-name and project-version), or upload an SBOM (sbom) to a project that is not a collection.`,
      );
      expect(sim!.count('GET', /^\/api\/v1\/finding\//)).toBe(0);
      // As an upload to it is refused: DT answers 400.
      const upload = await scanError({ sbom: BOM, project: EXISTING });
      expect(upload.message).toContain(
        'The project is a collection project, whose findings are its children',
      );
      await sim!.close();
    }
    // Any other project is read as ever: NONE on 4.13+ (DT5 leaves the field out).
    await start({ version: '4.13.0', projects: [{ uuid: EXISTING, name: 'shop', version: '1' }] });
    expect((await scan({ project: EXISTING })).findings).toEqual([]);
  });

  it('a project no SBOM was ever uploaded to, read without one: 0 findings are warned of, not taken for clean', async () => {
    await start({
      projects: [
        { uuid: EXISTING, name: 'fresh', version: '1', neverImported: true },
        { name: 'manual', version: '1', neverImported: true, findings: manyFindings(1) },
        { name: 'clean', version: '1' },
      ],
    });
    const never = 'No SBOM was ever uploaded to project';
    const logger = new MemoryLogger();
    expect((await scan({ project: EXISTING }, logger)).findings).toEqual([]);
    expect(logger.of('warn')).toContain(
      `${never} "fresh" version "1" (${EXISTING}): Dependency-Track has nothing of it to analyse, so its 0 findings do not mean it is clean. Upload one with sbom, or name the project your SBOMs are uploaded to.`,
    );
    // Findings (of components added otherwise), or an SBOM imported once: nothing to warn of.
    for (const name of ['manual', 'clean']) {
      const quiet = new MemoryLogger();
      await scan({ 'project-name': name, 'project-version': '1' }, quiet);
      expect(quiet.text('warn')).not.toContain(never);
    }
  });

  it('a project that does not exist: a clear message, and no upload when auto-create is off', async () => {
    await start();
    const none = await scanError({ 'project-name': 'nope', 'project-version': '1' });
    expect(none).toBeInstanceOf(ScannerError);
    expect(none.message).toBe(
      'Dependency-Track has no project named "nope" with version "1" (names and versions must match exactly): check project-name and project-version (it defaults to the branch; a project without a version is named by its UUID, with project); or give an sbom to upload, and Dependency-Track creates the project (auto-create).',
    );
    const off = await scanError({
      sbom: BOM,
      'project-name': 'nope',
      'project-version': '1',
      'auto-create': 'false',
    });
    expect(off.message).toMatch(
      /^Dependency-Track has no project named "nope" with version "1" .*auto-create: true/,
    );
    expect(sim!.uploads).toHaveLength(0);
    const uuid = await scanError({ project: EXISTING });
    expect(uuid.message).toMatch(
      new RegExp(`^Dependency-Track has no project with UUID ${EXISTING}: check the project input`),
    );
  });

  it('sends an SBOM saved as UTF-16 (Windows PowerShell 5) as the UTF-8 it stands for', async () => {
    await start();
    const utf16 = path.join(tempDir(), 'bom.json');
    const text = readFileSync(BOM, 'utf8');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    await scan({ sbom: utf16, 'project-name': 'shop-web', 'project-version': '1.0.0' });
    expect(sim!.uploads[0]!.bom).toBe(text);
  });

  it('bad inputs fail before any network call (exit 2)', async () => {
    await start();
    const dir = tempDir();
    const spdx = path.join(dir, 'spdx.json');
    writeFileSync(spdx, JSON.stringify({ spdxVersion: 'SPDX-2.3', name: 'x' }));
    const notCycloneDx = path.join(dir, 'not.json');
    writeFileSync(notCycloneDx, 'not json');
    const errors = [
      await scanError({ sbom: spdx, 'project-name': 'x', 'project-version': '1' }),
      await scanError({ sbom: notCycloneDx, 'project-name': 'x', 'project-version': '1' }),
      await scanError({ sbom: path.join(dir, 'missing.json'), 'project-name': 'x', 'project-version': '1' }),
      await scanError({ project: 'not-a-uuid' }),
      await scanError({}),
    ];
    expect(errors.every((e) => e instanceof UserError)).toBe(true);
    expect(errors.map((e) => e.message.slice(0, 60))).toEqual([
      `Input sbom: ${spdx} is an SPDX document; Dependency-Track accepts CycloneDX only`.slice(0, 60),
      `Input sbom: ${notCycloneDx} is neither CycloneDX JSON (an object with "bomFormat": "CycloneDX") nor XML`.slice(
        0,
        60,
      ),
      `Input sbom: cannot read "${path.join(dir, 'missing.json')}"`.slice(0, 60),
      'Input project: expected a Dependency-Track project UUID (such as 3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b), got "not-a-uuid"'.slice(
        0,
        60,
      ),
      'Input project-name: name the Dependency-Track project (with project-version, which defaults to the branch)'.slice(
        0,
        60,
      ),
    ]);
    expect(sim!.requests).toHaveLength(0);
  });

  it('a wrong key: exit 3 with the fix, and the key never in the message', async () => {
    await start({ apiKey: 'the-right-key' });
    const logger = new MemoryLogger();
    const error = await scanError({ 'project-name': 'x', 'project-version': '1' }, logger);
    expect(error).toBeInstanceOf(ScannerError);
    expect(error.message).toMatch(
      /^Dependency-Track refused the API key \(HTTP 401 from \/api\/v1\/team\/self\)/,
    );
    expect(error.message).toContain('SCA_BRIDGE_TOKEN');
    expectNoKey(logger, error.message);
  });

  it("auto-create without PROJECT_CREATION_UPLOAD: warned first, then DT's 401 explained", async () => {
    await start({ permissions: ALL_PERMISSIONS.filter((p) => p !== 'PROJECT_CREATION_UPLOAD') });
    const logger = new MemoryLogger();
    const error = await scanError({ sbom: BOM, 'project-name': 'new', 'project-version': '1' }, logger);
    expect(logger.of('warn').filter((w) => w.includes('PROJECT_CREATION_UPLOAD'))).toHaveLength(1);
    expect(logger.of('warn')).toContain(
      'The API key\'s team "CI Automation" lacks PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT or PORTFOLIO_MANAGEMENT_CREATE), needed to let Dependency-Track create the project on upload (auto-create). Add it in Administration → Access Management → Teams.',
    );
    expect(error.message).toBe(
      'Dependency-Track refused to create the project (HTTP 401 from /api/v1/bom) while uploading bom.json to project "new" version "1": the API key\'s team needs PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT or PORTFOLIO_MANAGEMENT_CREATE) for auto-create (add it in Administration → Access Management → Teams), or create the project first and keep auto-create off.',
    );
  });

  it('an upload to an existing project needs no PROJECT_CREATION_UPLOAD: no warning', async () => {
    await start({
      permissions: ALL_PERMISSIONS.filter((p) => p !== 'PROJECT_CREATION_UPLOAD'),
      projects: [{ uuid: EXISTING, name: 'shop', version: '1' }],
    });
    const logger = new MemoryLogger();
    const result = await scan({ sbom: BOM, 'project-name': 'shop', 'project-version': '1' }, logger);
    expect(result.findings).toHaveLength(7);
    expect(sim!.uploads[0]!.fields).toEqual({ project: EXISTING });
    expect(logger.of('warn').filter((w) => w.includes('PROJECT_CREATION_UPLOAD'))).toEqual([]);
  });

  it('PORTFOLIO_MANAGEMENT also lets DT create the project', async () => {
    await start({
      permissions: [
        ...ALL_PERMISSIONS.filter((p) => p !== 'PROJECT_CREATION_UPLOAD'),
        'PORTFOLIO_MANAGEMENT',
      ],
    });
    const logger = new MemoryLogger();
    const result = await scan({ sbom: BOM, 'project-name': 'new', 'project-version': '1' }, logger);
    expect(result.findings).toHaveLength(7);
    expect(logger.of('warn').filter((w) => w.includes('lacks'))).toEqual([]);
  });

  it('PORTFOLIO_MANAGEMENT_CREATE (4.13+, 5) lets DT create the project: no warning that PROJECT_CREATION_UPLOAD lacks', async () => {
    await start({
      permissions: [
        ...ALL_PERMISSIONS.filter((p) => p !== 'PROJECT_CREATION_UPLOAD'),
        'PORTFOLIO_MANAGEMENT_CREATE',
      ],
    });
    const logger = new MemoryLogger();
    const result = await scan({ sbom: BOM, 'project-name': 'new', 'project-version': '1' }, logger);
    expect(result.findings).toHaveLength(7);
    expect(logger.of('warn').filter((w) => w.includes('lacks'))).toEqual([]);
  });

  it('without VIEW_VULNERABILITY: exit 3 at the key check, before the project is looked up, created or uploaded to', async () => {
    await start({ permissions: ALL_PERMISSIONS.filter((p) => p !== 'VIEW_VULNERABILITY') });
    const logger = new MemoryLogger();
    const error = await scanError({ sbom: BOM, 'project-name': 'app', 'project-version': '1' }, logger);
    expect(error).toBeInstanceOf(ScannerError);
    expect(error.message).toBe(
      `Dependency-Track 4.14.3 at ${sim!.url} accepts the API key, but its team "CI Automation" lacks VIEW_VULNERABILITY, which every scan needs to read the findings: add it in Administration → Access Management → Teams.`,
    );
    expect(sim!.requests.map((r) => r.path)).toEqual(['/api/version', '/api/v1/team/self']);
    expect(sim!.projects).toEqual([]);
    // Said once, as the error: not warned of first.
    expect(logger.text('warn')).not.toContain('VIEW_VULNERABILITY');
  });

  it('before 4.4 (permissions not listed) without VIEW_VULNERABILITY: the 403 names the permission', async () => {
    await start({
      version: '4.3.6',
      permissions: ALL_PERMISSIONS.filter((p) => p !== 'VIEW_VULNERABILITY'),
      projects: [{ uuid: EXISTING, name: 'a', version: '1' }],
    });
    const error = await scanError({ project: EXISTING });
    expect(error.message).toBe(
      `Dependency-Track refused reading the findings of "a" version "1" (HTTP 403 from /api/v1/finding/project/${EXISTING}): the API key's team lacks the VIEW_VULNERABILITY permission, needed to read the findings. Add it in Administration → Access Management → Teams.`,
    );
  });

  it('without VIEW_POLICY_VIOLATION: a warning, unless the gate needs violations', async () => {
    const options = {
      permissions: ALL_PERMISSIONS.filter((p) => p !== 'VIEW_POLICY_VIOLATION'),
      projects: [
        { uuid: EXISTING, name: 'a', version: '1', findings: manyFindings(1), violations: manyViolations(1) },
      ],
    };
    await start(options);
    const logger = new MemoryLogger();
    const result = await scan({ project: EXISTING }, logger);
    expect(result.violations).toEqual([]);
    expect(result.findings).toHaveLength(1);
    // One warning, from the key check: violations are not requested only to be refused.
    expect(logger.of('warn')).toEqual([
      `The token is sent over plain http to ${new URL(sim!.url).origin}; use https.`,
      'The API key\'s team "CI Automation" lacks VIEW_POLICY_VIOLATION, needed to read the policy violations (fail-on-policy-violation). Add it in Administration → Access Management → Teams.',
    ]);
    expect(logger.of('info')).toContain(
      'Policy violations are not read: the API key lacks VIEW_POLICY_VIOLATION.',
    );
    expect(sim!.count('GET', /^\/api\/v1\/violation\//)).toBe(0);
    // The gate needs them: the key check fails, before the project or its findings are read.
    const requests = sim!.requests.length;
    const error = await scanError({ project: EXISTING, 'fail-on-policy-violation': 'true' });
    expect(error.message).toBe(
      `Dependency-Track 4.14.3 at ${sim!.url} accepts the API key, but its team "CI Automation" lacks VIEW_POLICY_VIOLATION, which fail-on-policy-violation needs to read the policy violations it gates on: add it in Administration → Access Management → Teams.`,
    );
    expect(sim!.requests.slice(requests).map((r) => r.path)).toEqual(['/api/version', '/api/v1/team/self']);
  });

  it('before 4.4 (permissions not listed) without VIEW_POLICY_VIOLATION, with the gate on violations: the 403 names the permission', async () => {
    await start({
      version: '4.3.6',
      permissions: ALL_PERMISSIONS.filter((p) => p !== 'VIEW_POLICY_VIOLATION'),
      projects: [{ uuid: EXISTING, name: 'a', version: '1' }],
    });
    const error = await scanError({ project: EXISTING, 'fail-on-policy-violation': 'true' });
    expect(error.message).toMatch(
      /^Dependency-Track refused reading the policy violations .* lacks the VIEW_POLICY_VIOLATION permission/,
    );
  });

  it('retries reads: 5xx twice, a 429 with Retry-After, a reset mid-body', async () => {
    await start({
      projects: [
        { uuid: EXISTING, name: 'a', version: '1', findings: manyFindings(2), violations: manyViolations(1) },
      ],
      faults: [
        { path: '/api/version', status: 503, times: 2 },
        { path: '/api/v1/team/self', status: 429, headers: { 'Retry-After': '0' } },
        { path: `/api/v1/finding/project/${EXISTING}`, reset: true },
      ],
    });
    const logger = new MemoryLogger();
    const result = await scan({ project: EXISTING }, logger);
    expect(result.findings).toHaveLength(2);
    expect(sim!.count('GET', '/api/version')).toBe(3);
    expect(sim!.count('GET', '/api/v1/team/self')).toBe(2);
    expect(sim!.count('GET', `/api/v1/finding/project/${EXISTING}`)).toBe(2);
    expect(logger.of('info').filter((w) => w.includes('retrying in'))).toHaveLength(4);
  });

  it('a server error that lasts: exit 3 after the retries', async () => {
    await start({ faults: [{ path: '/api/version', status: 502, times: 10, body: 'Bad Gateway' }] });
    const error = await scanError({ 'project-name': 'a', 'project-version': '1' });
    expect(sim!.count('GET', '/api/version')).toBe(4);
    expect(error.message).toBe(
      'Dependency-Track failed while reading Dependency-Track\'s version (GET /api/version) (HTTP 502 from /api/version, after retries). Dependency-Track said: "Bad Gateway". Check the server (or the proxy in front of it), then run the job again.',
    );
  });

  it('never retries the upload: one 500, one upload', async () => {
    await start({
      faults: [{ method: 'POST', path: '/api/v1/bom', status: 500, body: 'Internal Server Error' }],
    });
    const error = await scanError({ sbom: BOM, 'project-name': 'a', 'project-version': '1' });
    expect(sim!.uploads).toHaveLength(1);
    expect(sim!.count('POST', '/api/v1/bom')).toBe(1);
    expect(error.message).toBe(
      'Dependency-Track failed uploading bom.json to project "a" version "1" (HTTP 500 from /api/v1/bom). Dependency-Track said: "Internal Server Error". The upload is not retried automatically (Dependency-Track might process it twice): check the server\'s log, then run the job again.',
    );
  });

  it('a connection reset during the upload is not retried either', async () => {
    await start({ faults: [{ method: 'POST', path: '/api/v1/bom', reset: true }] });
    const error = await scanError({ sbom: BOM, 'project-name': 'a', 'project-version': '1' });
    expect(sim!.count('POST', '/api/v1/bom')).toBe(1);
    expect(error).toBeInstanceOf(ScannerError);
    expect(error.message).toMatch(
      /^While uploading bom\.json to project "a" version "1": .*\. An SBOM upload is never retried automatically/,
    );
  });

  it("an invalid BOM: DT's problem+json shown", async () => {
    await start({ version: '4.14.3' });
    const error = await scanError({
      sbom: fixturePath('bom-invalid.json'),
      'project-name': 'a',
      'project-version': '1',
    });
    expect(error.message).toMatch(
      /^Dependency-Track rejected uploading bom-invalid\.json to project "a" version "1" \(HTTP 400 from \/api\/v1\/bom\)\. Dependency-Track said: "The uploaded BOM is invalid: Schema validation failed; \$\.components\[0\]\.type: does not have a value in the enumeration \[application, /,
    );
    expect(error.message).toMatch(
      /Dependency-Track accepts CycloneDX SBOMs \(JSON or XML\) only; check that the file is valid CycloneDX\.$/,
    );
  });

  describe('a processing that ends without an import (DT answers processing: false all the same)', () => {
    const failed =
      /^Dependency-Track did not import the SBOM \(sbom: .*bom\.json\) into (.+): it reported the upload processed \(token [0-9a-f-]{36}\), but the project's last SBOM import is unchanged \((.+)\)\. Its processing failed, for example on a BOM it cannot read or a CycloneDX version it does not support, or the server restarted meanwhile\. Dependency-Track's log \(BomUploadProcessingTask\) or its BOM_PROCESSING_FAILED notification names the cause; fix the SBOM or the server, then run the job again\.$/;

    it('a project it created has no last import: exit 3, and no findings read', async () => {
      await start({ version: '4.14.3', failProcessing: true });
      const error = await scanError({ sbom: BOM, 'project-name': 'new', 'project-version': '1' });
      expect(exitCodeOf(error)).toBe(ExitCode.ScannerFailure);
      expect(failed.exec(error.message)?.slice(1)).toEqual(['project "new" version "1"', 'none']);
      expect(sim!.count('GET', /^\/api\/v1\/finding\//)).toBe(0);
    });

    it('an existing project keeps its last import: exit 3, and the time it kept', async () => {
      await start({ failProcessing: true, projects: [{ uuid: EXISTING, name: 'shop', version: '1' }] });
      const error = await scanError({ sbom: BOM, 'project-name': 'shop', 'project-version': '1' });
      expect(failed.exec(error.message)?.slice(1)).toEqual([
        `project "shop" version "1" (${EXISTING})`,
        new Date(1_700_000_000_000).toISOString(),
      ]);
      // One lookup before the upload, one read of the project after it.
      expect(sim!.requests.map((r) => `${r.method} ${r.path}`).slice(2, 4)).toEqual([
        'GET /api/v1/project/lookup',
        'POST /api/v1/bom',
      ]);
      expect(sim!.requests.at(-1)).toMatchObject({ method: 'GET', path: `/api/v1/project/${EXISTING}` });
    });

    it('5.0: the project named by the upload is read by its UUID', async () => {
      await start({ version: '5.0.4', failProcessing: true });
      const error = await scanError({ sbom: BOM, 'project-name': 'new', 'project-version': '1' });
      expect(error.message).toMatch(failed);
      expect(sim!.requests.at(-1)).toMatchObject({
        method: 'GET',
        path: `/api/v1/project/${sim!.projects[0]!.uuid}`,
      });
    });

    it('an import that commits passes: the last import moved on', async () => {
      await start({ projects: [{ uuid: EXISTING, name: 'shop', version: '1' }] });
      const result = await scan({ sbom: BOM, project: EXISTING });
      expect(result.findings).toHaveLength(7);
      expect(sim!.projects[0]!.lastBomImport).toBeGreaterThan(1_700_000_000_000);
    });

    it('an import that commits passes when the server writes dates as ISO 8601 text', async () => {
      await start({ projects: [{ uuid: EXISTING, name: 'shop', version: '1' }], datesAsText: true });
      const result = await scan({ sbom: BOM, project: EXISTING });
      expect(result.findings).toHaveLength(7);
    });
  });

  it('processing beyond the timeout: how long it waited, and what to do', async () => {
    await start({ processingPolls: Number.POSITIVE_INFINITY });
    const error = await scanError({
      sbom: BOM,
      'project-name': 'a',
      'project-version': '1',
      timeout: '0.3',
      'poll-interval': '0.05',
    });
    expect(error).toBeInstanceOf(ScannerError);
    expect(error.message).toMatch(
      /^Dependency-Track was still processing the SBOM after 0\.[3-9] s \(timeout 0\.3 s, \d+ polls? of token [0-9a-f-]{36} answered\)\. The analysis goes on on the server: raise timeout \(seconds\)/,
    );
    const polls = sim!.count('GET', /^\/api\/v1\/event\/token\//);
    expect(polls).toBeGreaterThanOrEqual(4);
    expect(polls).toBeLessThanOrEqual(8);
  });

  it('a token poll that never answers: the timeout, when it runs out, not after every attempt of a minute', async () => {
    await start({ faults: [{ path: /^\/api\/v1\/event\/token\//, hang: true, times: Infinity }] });
    // A request may wait a minute, as with timeout 600 s: before the deadline was honoured, the poll took 4
    // attempts of a minute each.
    const adapter = createDependencyTrack({ http: { baseDelayMs: 5, requestTimeoutMs: 60_000 } });
    const started = performance.now();
    const error = await adapter
      .scan({
        config: dtConfig('scan', {
          'api-url': sim!.apiUrl,
          sbom: BOM,
          'project-name': 'a',
          'project-version': '1',
          timeout: '1',
        }),
        logger: new MemoryLogger(),
      })
      .then(
        () => expect.fail('expected the scan to fail'),
        (e: unknown) => e as Error,
      );
    expect(exitCodeOf(error)).toBe(ExitCode.ScannerFailure);
    expect(error.message).toMatch(
      new RegExp(
        `^Dependency-Track did not report the SBOM processed after \\d+\\.\\d s \\(timeout 1 s, 0 polls of token [0-9a-f-]{36} answered; the last poll: ${sim!.url}/api/v1/event/token/[0-9a-f-]{36} did not answer in the time left\\)\\. The analysis goes on on the server: raise timeout \\(seconds\\)`,
      ),
    );
    expect(sim!.count('GET', /^\/api\/v1\/event\/token\//)).toBe(1);
    // The poll sent at the start has the timeout and as long again (1 s) to answer; far from minutes.
    expect(performance.now() - started).toBeLessThan(15_000);
  });

  it('a total that does not add up is an error, not a quiet gap', async () => {
    await start({
      version: '5.0.4',
      totalCountSkew: 3,
      projects: [{ uuid: EXISTING, name: 'a', version: '1', findings: manyFindings(120) }],
    });
    const error = await scanError({ project: EXISTING });
    expect(error.message).toBe(
      `The count of findings does not add up: Dependency-Track reports 123 (X-Total-Count) for api/v1/finding/project/${EXISTING}, but page 2 came back empty after 120. Nothing is reported rather than an incomplete list; run the job again (the project may have changed while it was read).`,
    );
  });

  it('a login proxy that lets /api/version through: named as such, not the web UI or the key', async () => {
    const okta = '<!DOCTYPE html><html><head><title>Sign in - Okta</title></head><body>login</body></html>';
    await start({
      projects: [{ uuid: EXISTING, name: 'a', version: '1' }],
      faults: [
        { path: '/api/v1/team/self', status: 200, headers: { 'content-type': 'text/html' }, body: okta },
        {
          path: `/api/v1/finding/project/${EXISTING}`,
          status: 200,
          headers: { 'content-type': 'text/html' },
          body: okta,
        },
        { path: '/api/version', status: 401, headers: { 'WWW-Authenticate': 'Basic realm="corp"' } },
      ],
    });
    const proxy =
      'though /api/version answered as Dependency-Track: a login or single sign-on proxy in front of Dependency-Track seems to stop API calls. Let requests with an X-Api-Key header through to the API server, or set api-url to an address that reaches the API server directly.';
    // The 401 fault goes first: /api/version is asked first.
    const basic = await scanError({ project: EXISTING });
    expect(basic.message).toMatch(
      /^Something in front of Dependency-Track refused reading Dependency-Track's version \(GET \/api\/version\) \(HTTP 401 from \/api\/version\): Dependency-Track answers it without authentication, so the API key is not the cause; a proxy or HTTP basic authentication/,
    );
    expect((await scanError({ project: EXISTING })).message).toBe(
      `/api/v1/team/self answered with a web page, not JSON, while checking the API key (GET /api/v1/team/self), ${proxy}`,
    );
    expect((await scanError({ project: EXISTING })).message).toBe(
      `/api/v1/finding/project/${EXISTING} answered with a web page, not JSON, while reading the findings of "a" version "1", ${proxy}`,
    );
  });

  it('api-url at the web UI: says so', async () => {
    await start({ frontend: true });
    const error = await scanError({ 'project-name': 'a', 'project-version': '1' });
    expect(error.message).toBe(
      "/api/version answered with a web page, not Dependency-Track's API, while reading Dependency-Track's version (GET /api/version): api-url seems to point at the web UI, not the API server: in the default setup the API server listens on port 8081 and the UI on 8080; give the API server URL, with or without /api.",
    );
  });
});

describe('TLS', () => {
  it('verifies certificates by default; ca-file trusts the server; insecure skips with a loud warning', async () => {
    await start({
      tls: true,
      projects: [{ uuid: EXISTING, name: 'a', version: '1', findings: manyFindings(1) }],
    });
    const refused = await scanError({ project: EXISTING });
    expect(refused.message).toMatch(
      /^While reading Dependency-Track's version \(GET \/api\/version\): TLS verification of https:\/\/127\.0\.0\.1:\d+\/api\/version failed \(.+\)\. Give the server's CA bundle with ca-file/,
    );

    const trusted = await scan({ project: EXISTING, 'ca-file': TLS_CERT_FILE });
    expect(trusted.findings).toHaveLength(1);

    const logger = new MemoryLogger();
    const insecure = await scan({ project: EXISTING, insecure: 'true' }, logger);
    expect(insecure.findings).toHaveLength(1);
    expect(logger.of('warn')[0]).toBe(
      `insecure: TLS certificates of ${sim!.url} are NOT verified. Anyone on the network path can read what is sent (the token with it) and answer in the server's name; use ca-file instead.`,
    );
  });
});

describe('test-connection', () => {
  async function testConnection(
    inputs: Record<string, string>,
    logger = new MemoryLogger(),
  ): Promise<MemoryLogger> {
    await fastAdapter.testConnection({
      config: dtConfig('test-connection', { 'api-url': sim!.url, ...inputs }),
      logger,
    });
    return logger;
  }

  it('fails (exit 3) for a key whose team cannot read findings, which every scan does', async () => {
    await start({ version: '4.14.3', permissions: ['VIEW_PORTFOLIO', 'BOM_UPLOAD'], teamName: 'Uploaders' });
    const logger = new MemoryLogger();
    const error = await testConnection({}, logger).catch((e: unknown) => e);
    // The permissions a scan can do without are said too, before the refusal: one fix for all of them.
    expect(logger.text('warn')).toContain('lacks VIEW_POLICY_VIOLATION');
    expect(error).toBeInstanceOf(ScannerError);
    expect((error as Error).message).toBe(
      `Dependency-Track 4.14.3 at ${sim!.url} accepts the API key, but its team "Uploaders" lacks VIEW_VULNERABILITY, which every scan needs to read the findings: add it in Administration → Access Management → Teams.`,
    );
  });

  it('logs the version and team, and warns for each permission the key lacks', async () => {
    await start({
      version: '4.14.3',
      permissions: ['VIEW_PORTFOLIO', 'VIEW_VULNERABILITY'],
      teamName: 'Readers',
    });
    const logger = await testConnection({});
    expect(logger.of('info')).toEqual([
      `Dependency-Track 4.14.3 at ${sim!.url}`,
      'The API key belongs to the team "Readers".',
      `Connection OK: Dependency-Track 4.14.3 at ${sim!.url} accepts the API key (team "Readers").`,
    ]);
    expect(logger.of('warn').slice(1)).toEqual([
      'The API key\'s team "Readers" lacks BOM_UPLOAD, needed to upload the SBOM (sbom) and follow its processing. Add it in Administration → Access Management → Teams.',
      'The API key\'s team "Readers" lacks PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT or PORTFOLIO_MANAGEMENT_CREATE), needed to let Dependency-Track create the project on upload (auto-create). Add it in Administration → Access Management → Teams.',
      'The API key\'s team "Readers" lacks VIEW_POLICY_VIOLATION, needed to read the policy violations (fail-on-policy-violation). Add it in Administration → Access Management → Teams.',
    ]);
    expect(sim!.requests.map((r) => r.path)).toEqual(['/api/version', '/api/v1/team/self']);
  });

  it('warns that a named collection project would be refused by a scan', async () => {
    await start({
      version: '4.13.0',
      projects: [
        { uuid: EXISTING, name: 'platform', version: '1', collectionLogic: 'AGGREGATE_ALL_CHILDREN' },
      ],
    });
    const logger = await testConnection({ 'project-name': 'platform', 'project-version': '1' });
    expect(logger.of('warn')).toContain(
      `Dependency-Track project "platform" version "1" is a collection project, whose findings are its children's (collectionLogic AGGREGATE_ALL_CHILDREN): a scan of it is refused, as it holds no components itself. Name one of its child projects.`,
    );
  });

  it('a key with every permission: no warning but plain http; a named project is looked up', async () => {
    await start({ projects: [{ uuid: EXISTING, name: 'shop-web', version: 'main' }] });
    const logger = await testConnection({
      'project-name': 'shop-web',
      'project-version': 'main',
      'ui-url': 'https://ui.example.test',
    });
    expect(logger.of('warn')).toEqual([
      `The token is sent over plain http to ${new URL(sim!.url).origin}; use https.`,
    ]);
    expect(logger.of('info')).toContain(
      `Found project "shop-web" version "main": https://ui.example.test/projects/${EXISTING}`,
    );
  });

  it('a named project that does not exist: created by a scan with auto-create, else a warning', async () => {
    await start();
    const created = await testConnection({ 'project-name': 'new', 'project-version': '1' });
    expect(created.of('info')).toContain(
      'project "new" version "1" does not exist yet: a scan with an sbom creates it (auto-create).',
    );
    const off = await testConnection({
      'project-name': 'new',
      'project-version': '1',
      'auto-create': 'false',
    });
    expect(off.of('warn').at(-1)).toMatch(/^Dependency-Track has no project named "new" with version "1"/);
    const uuid = await testConnection({ project: EXISTING });
    expect(uuid.of('warn').at(-1)).toMatch(
      new RegExp(`^Dependency-Track has no project with UUID ${EXISTING}`),
    );
  });

  it('before 4.4: the key verified with GET /api/v1/project; a warning that its permissions cannot be listed', async () => {
    await start({ version: '4.3.6' });
    const logger = await testConnection({});
    expect(logger.of('warn')).toContain(
      "Dependency-Track 4.3.6 predates 4.4 and has no /api/v1/team/self, so the API key's permissions cannot be listed; the first call that needs one will tell.",
    );
    expect(logger.of('info').at(-1)).toBe(
      `Connection OK: Dependency-Track 4.3.6 at ${sim!.url} accepts the API key (its team and permissions cannot be listed; see above).`,
    );
    expect(sim!.requests.map((r) => r.path)).toEqual(['/api/version', '/api/v1/project']);
  });

  it('before 4.4: a wrong key fails (exit 3); a key without VIEW_PORTFOLIO is accepted, with a warning naming it', async () => {
    await start({ version: '4.3.6', apiKey: 'another' });
    const wrong = await testConnection({}).catch((e: unknown) => e as Error);
    expect(wrong).toBeInstanceOf(ScannerError);
    expect((wrong as Error).message).toMatch(
      /^Dependency-Track refused the API key \(HTTP 401 from \/api\/v1\/project\)/,
    );
    await sim!.close();
    await start({ version: '4.3.6', permissions: ALL_PERMISSIONS.filter((p) => p !== 'VIEW_PORTFOLIO') });
    const logger = await testConnection({});
    expect(logger.of('warn')).toContain(
      "Dependency-Track accepts the API key (GET /api/v1/project answered 403, not 401). The API key's team lacks VIEW_PORTFOLIO, needed to look up the project (project, project-name, project-version). Add it in Administration → Access Management → Teams.",
    );
    expect(logger.of('info').at(-1)).toMatch(/^Connection OK: .* accepts the API key/);
  });

  it('a wrong key fails', async () => {
    await start({ apiKey: 'another' });
    await expect(testConnection({})).rejects.toThrow(
      /^Dependency-Track refused the API key \(HTTP 401 from \/api\/v1\/team\/self\)/,
    );
  });

  it('accepts api-url with or without /api', async () => {
    await start();
    await testConnection({ 'api-url': `${sim!.url}/api/` });
    await testConnection({ 'api-url': sim!.url });
    expect(sim!.count('GET', '/api/version')).toBe(2);
    expect(sim!.count('GET', '/api/v1/team/self')).toBe(2);
  });
});
