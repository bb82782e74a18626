/**
 * The built CLI (dist/cli.js) against the Dependency-Track simulator: upload, wait, every page, the gate,
 * exit codes, retries, TLS, and the key never printed. Tests run concurrently, each with its own simulator.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { type CliResult, runCli, tempDir } from '../helpers/cli.js';
import { githubSarifProblems } from '../helpers/github-sarif-rules.js';
import { expectSchemaValid, runSummaryOf } from '../helpers/schemas.js';
import {
  ALL_PERMISSIONS,
  type DtSim,
  type DtSimOptions,
  fixtureFindings,
  fixturePath,
  manyFindings,
  manyViolations,
  startDtSim,
} from '../sim/dependency-track.js';
import { TLS_CERT_FILE } from '../sim/tls.js';

/** Distinctive, so a leak anywhere is found. */
const TOKEN = 'odt_E2ETOKEN_Zq8xW3vR7tY1uI5oP9aS2dF6gH0jK4lM';
const EXISTING = '3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b';

interface Summary {
  status: string;
  scanner: string | null;
  project: string | null;
  counts: Record<string, number>;
  policyViolations: number;
  gate: { result: string; reasons: string[] };
  reportUrl: string | null;
  sarifFile: string | null;
  error?: { message: string; exitCode: number };
}

interface Run {
  result: CliResult;
  summary: Summary;
  sarif: Log | undefined;
  sarifText: string;
  work: string;
}

async function withSim<T>(options: Partial<DtSimOptions>, fn: (sim: DtSim) => Promise<T>): Promise<T> {
  const sim = await startDtSim({ apiKey: TOKEN, ...options });
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

/** `sca-bridge <command> --scanner dependency-track --json …` in a fresh working directory holding bom.json. */
async function cli(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const work = tempDir('sca-bridge-dt-e2e-');
  copyFileSync(fixturePath('bom.json'), path.join(work, 'bom.json'));
  const sarifFile = path.join(work, 'out.sarif');
  // test-connection reports nothing, and refuses the flags of what it does not do.
  const reporting =
    command === 'test-connection' ? [] : ['--json', '--poll-interval', '0.05', '--sarif-file', sarifFile];
  const result = await runCli([command, '--scanner', 'dependency-track', ...reporting, ...args], {
    cwd: work,
    env: { SCA_BRIDGE_TOKEN: TOKEN, ...env },
  });
  const sarifText = existsSync(sarifFile) ? readFileSync(sarifFile, 'utf8') : '';
  const summary = (command === 'test-connection' ? {} : runSummaryOf(result.stdout)) as Summary;
  // The key never appears in any output.
  for (const text of [result.stdout, result.stderr, sarifText]) expect(text).not.toContain(TOKEN);
  return { result, summary, sarif: sarifText ? (JSON.parse(sarifText) as Log) : undefined, sarifText, work };
}

function results(log: Log | undefined) {
  return log?.runs[0]?.results ?? [];
}

describe.concurrent('sca-bridge scan --scanner dependency-track (built CLI, simulator)', () => {
  it("names the project after the checkout's origin remote when neither the input nor CI names it", async () => {
    await withSim({}, async (sim) => {
      const work = tempDir('sca-bridge-dt-origin-');
      // A CI other than GitHub's or GitLab's checks out into a folder of its own name (Azure's `s`).
      const checkout = path.join(work, 's');
      mkdirSync(checkout);
      copyFileSync(fixturePath('bom.json'), path.join(checkout, 'bom.json'));
      for (const args of [
        ['init', '-q'],
        ['remote', 'add', 'origin', 'git@example.com:acme/shop-api.git'],
      ])
        execFileSync('git', args, { cwd: checkout });
      const result = await runCli(
        [
          'scan',
          '--scanner',
          'dependency-track',
          '--api-url',
          sim.url,
          '--sbom',
          'bom.json',
          '--project-version',
          '1.0.0',
          '--poll-interval',
          '0.05',
        ],
        { cwd: checkout, env: { SCA_BRIDGE_TOKEN: TOKEN } },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(sim.uploads[0]!.fields).toMatchObject({ projectName: 'shop-api' });
    });
  });

  it('4.14: uploads the SBOM, waits, reads everything, writes SARIF; suppressed findings left out', async (test) => {
    await withSim({ version: '4.14.3', processingPolls: 3 }, async (sim) => {
      const { result, summary, sarif } = await cli('scan', [
        '--api-url',
        `${sim.url}/api/`,
        '--sbom',
        'bom.json',
        '--project-name',
        'shop-web',
        '--project-version',
        '1.0.0',
        '--scan-tag',
        'ci',
      ]);
      expect(result.code).toBe(0);
      const uuid = sim.projects[0]!.uuid;
      expect(sim.uploads).toHaveLength(1);
      expect(sim.uploads[0]!.fields).toEqual({
        projectName: 'shop-web',
        projectVersion: '1.0.0',
        autoCreate: 'true',
        projectTags: 'ci',
      });
      expect(sim.count('GET', /^\/api\/v1\/event\/token\//)).toBe(4);
      expect(summary).toMatchObject({
        status: 'passed',
        scanner: 'dependency-track',
        project: 'shop-web',
        policyViolations: 1,
        reportUrl: `${sim.url}/projects/${uuid}`,
      });
      // 7 rows: the lodash NVD and GitHub rows collapse; qs is suppressed, so counted apart.
      expect(summary.counts).toEqual({
        total: 5,
        critical: 1,
        high: 1,
        medium: 1,
        low: 1,
        info: 0,
        unknown: 1,
        suppressed: 1,
      });
      expect(result.stderr).toContain('Dependency-Track 4.14.3 at http://127.0.0.1:');
      expect(result.stderr).toContain('The API key belongs to the team "CI Automation".');
      expect(result.stderr).toMatch(/Dependency-Track processed the SBOM in \d+\.\d s \(4 polls\)\./);
      expect(result.stderr).toContain('warning: The token is sent over plain http to');
      const ids = results(sarif).map((r) => r.ruleId);
      expect(ids.sort()).toEqual([
        'CVE-2017-16137',
        'CVE-2021-23337',
        'CVE-2021-44906',
        'CVE-2023-45857',
        'INT-2024-0001',
      ]);
      expect(results(sarif).every((r) => r.suppressions === undefined)).toBe(true);
      expect(sarif!.runs[0]!.tool.driver).toMatchObject({ name: 'Dependency-Track', version: '4.14.3' });
      expect(sarif!.runs[0]!.properties).toMatchObject({
        project: 'shop-web',
        projectVersion: '1.0.0',
        reportUrl: `${sim.url}/projects/${uuid}`,
      });
      expect(results(sarif)[0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('bom.json');
      expectSchemaValid('sarif-schema-2.1.0.json', sarif, test);
      expect(githubSarifProblems(sarif!)).toEqual([]);
    });
  });

  it('--include-suppressed reports the suppressed finding, marked', async () => {
    await withSim(
      { projects: [{ uuid: EXISTING, name: 'shop-web', version: 'main', findings: fixtureFindings() }] },
      async (sim) => {
        const { result, summary, sarif } = await cli('scan', [
          '--api-url',
          sim.url,
          '--project',
          EXISTING,
          '--include-suppressed',
        ]);
        expect(result.code).toBe(0);
        expect(summary.counts.suppressed).toBe(1);
        const suppressed = results(sarif).filter((r) => r.suppressions?.length);
        expect(suppressed.map((r) => r.ruleId)).toEqual(['CVE-2022-24999']);
        expect(suppressed[0]!.suppressions![0]).toMatchObject({ kind: 'external', status: 'accepted' });
      },
    );
  });

  it('5.0: reads 2500 findings over 3 pages of 1000', async () => {
    await withSim(
      { version: '5.0.4', afterUpload: { findings: manyFindings(2500), violations: [] } },
      async (sim) => {
        const { result, summary, sarif } = await cli('scan', [
          '--api-url',
          sim.apiUrl,
          '--sbom',
          'bom.json',
          '--project-name',
          'big',
          '--project-version',
          '2.0',
        ]);
        expect(result.code).toBe(0);
        const uuid = sim.projects[0]!.uuid;
        expect(
          sim.requests
            .filter((r) => r.path === `/api/v1/finding/project/${uuid}`)
            .map((r) => `${r.query.pageNumber}/${r.query.pageSize}`)
            .sort(),
        ).toEqual(['1/1000', '2/1000', '3/1000']);
        expect(summary.counts).toMatchObject({ total: 2500, medium: 2500, suppressed: 0 });
        expect(results(sarif)).toHaveLength(2500);
      },
    );
  });

  it('4.x: 150 findings whole, 250 violations over 3 pages (a server that caps them at 100); --fail-on-policy-violation fails the gate (exit 1)', async () => {
    await withSim(
      {
        version: '4.12.0',
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
      },
      async (sim) => {
        const { result, summary } = await cli('scan', [
          '--api-url',
          sim.apiUrl,
          '--project-name',
          'shop-web',
          '--project-version',
          'main',
          '--fail-on-policy-violation',
        ]);
        expect(sim.count('GET', `/api/v1/finding/project/${EXISTING}`)).toBe(1);
        expect(sim.count('GET', `/api/v1/violation/project/${EXISTING}`)).toBe(3);
        expect(result.code).toBe(1);
        expect(summary.counts.total).toBe(150);
        expect(summary.policyViolations).toBe(250);
        expect(summary.gate.result).toBe('failed');
        expect(summary.status).toBe('failed');
      },
    );
  });

  it('the fixture violations: one FAIL counts (the suppressed FAIL, WARN and INFO do not); --fail-on high', async () => {
    await withSim({}, async (sim) => {
      const gate = await cli('scan', [
        '--api-url',
        sim.apiUrl,
        '--sbom',
        'bom.json',
        '--project-name',
        'a',
        '--project-version',
        '1',
        '--fail-on-policy-violation',
      ]);
      expect(gate.result.code).toBe(1);
      expect(gate.summary.policyViolations).toBe(1);
      const high = await cli('scan', [
        '--api-url',
        sim.apiUrl,
        '--project-name',
        'a',
        '--project-version',
        '1',
        '--fail-on',
        'high',
      ]);
      expect(high.result.code).toBe(1);
      expect(high.summary.gate.reasons).toHaveLength(1);
      const critical = await cli('scan', [
        '--api-url',
        sim.apiUrl,
        '--project-name',
        'a',
        '--project-version',
        '1',
        '--fail-on',
        'critical:1',
      ]);
      expect(critical.result.code).toBe(0);
      expect(sim.uploads).toHaveLength(1);
    });
  });

  it('a wrong key: exit 3, a message naming the fix, and the key nowhere', async () => {
    await withSim({ apiKey: 'the-real-key-of-the-server' }, async (sim) => {
      const { result, summary } = await cli('scan', [
        '--api-url',
        sim.apiUrl,
        '--project-name',
        'a',
        '--project-version',
        '1',
      ]);
      expect(result.code).toBe(3);
      expect(summary.status).toBe('error');
      expect(summary.error?.exitCode).toBe(3);
      expect(summary.error?.message).toMatch(
        /^Dependency-Track refused the API key \(HTTP 401 from \/api\/v1\/team\/self\)/,
      );
      expect(summary.error?.message).toContain('SCA_BRIDGE_TOKEN');
      expect(result.stderr).toContain(
        'error: Dependency-Track refused the API key (HTTP 401 from /api/v1/team/self)',
      );
    });
  });

  it('a project that does not exist (auto-create off): exit 3 and how to fix it, nothing uploaded', async () => {
    await withSim({}, async (sim) => {
      const { result, summary } = await cli('scan', [
        '--api-url',
        sim.apiUrl,
        '--sbom',
        'bom.json',
        '--project-name',
        'ghost',
        '--project-version',
        '1',
        '--no-auto-create',
      ]);
      expect(result.code).toBe(3);
      expect(summary.error?.message).toMatch(
        /^Dependency-Track has no project named "ghost" with version "1"/,
      );
      expect(sim.uploads).toHaveLength(0);
    });
  });

  it('--sbom pom.xml: exit 2 naming sbom, before any request; CycloneDX XML is uploaded', async () => {
    await withSim({}, async (sim) => {
      const args = ['--api-url', sim.apiUrl, '--project-name', 'a', '--project-version', '1', '--sbom'];
      const work = tempDir('sca-bridge-dt-xml-');
      const pom = path.join(work, 'pom.xml');
      writeFileSync(
        pom,
        '<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion></project>\n',
      );
      const refused = await cli('scan', [...args, pom]);
      expect(refused.result.code).toBe(2);
      expect(refused.summary.error?.message).toMatch(
        /^Input sbom: .*pom\.xml is XML but not a CycloneDX SBOM \(its root element is <project>, not <bom>\); Dependency-Track accepts CycloneDX only\. Generate a CycloneDX SBOM/,
      );
      expect(sim.requests).toHaveLength(0);
      const bom = path.join(work, 'bom.xml');
      const xml =
        '<?xml version="1.0" encoding="UTF-8"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components/></bom>\n';
      writeFileSync(bom, xml);
      const uploaded = await cli('scan', [...args, bom]);
      expect(uploaded.result.code, uploaded.result.stderr).toBe(0);
      expect(sim.uploads.map((u) => u.bom)).toEqual([xml]);
    });
  });

  it('a key that cannot read findings (or violations the gate counts): exit 3 at the key check, nothing created or uploaded', async () => {
    const cases = [
      { lacks: 'VIEW_VULNERABILITY', args: [], why: 'every scan needs to read the findings' },
      {
        lacks: 'VIEW_POLICY_VIOLATION',
        args: ['--fail-on-policy-violation'],
        why: 'fail-on-policy-violation needs to read the policy violations it gates on',
      },
    ];
    for (const { lacks, args, why } of cases) {
      await withSim({ permissions: ALL_PERMISSIONS.filter((p) => p !== lacks) }, async (sim) => {
        const { result, summary } = await cli('scan', [
          '--api-url',
          sim.apiUrl,
          '--sbom',
          'bom.json',
          '--project-name',
          'app',
          '--project-version',
          '1',
          ...args,
        ]);
        expect(result.code).toBe(3);
        expect(summary.error?.message).toBe(
          `Dependency-Track 4.14.3 at ${sim.url} accepts the API key, but its team "CI Automation" lacks ${lacks}, which ${why}: add it in Administration → Access Management → Teams.`,
        );
        expect(sim.requests.map((r) => r.path)).toEqual(['/api/version', '/api/v1/team/self']);
        expect(sim.projects).toEqual([]);
      });
    }
  });

  it('a key without PROJECT_CREATION_UPLOAD: no warning for an existing project, a warning for a missing one', async () => {
    await withSim(
      {
        permissions: ALL_PERMISSIONS.filter((p) => p !== 'PROJECT_CREATION_UPLOAD'),
        projects: [{ uuid: EXISTING, name: 'shop', version: '1' }],
      },
      async (sim) => {
        const args = [
          '--api-url',
          sim.apiUrl,
          '--sbom',
          'bom.json',
          '--project-name',
          'shop',
          '--project-version',
        ];
        const existing = await cli('scan', [...args, '1']);
        expect(existing.result.code, existing.result.stderr).toBe(0);
        expect(existing.result.stderr).not.toContain('PROJECT_CREATION_UPLOAD');
        const missing = await cli('scan', [...args, '2']);
        expect(missing.result.code).toBe(3);
        expect(missing.result.stderr).toContain(
          'warning: The API key\'s team "CI Automation" lacks PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT or PORTFOLIO_MANAGEMENT_CREATE)',
        );
        expect(missing.summary.error?.message).toMatch(
          /^Dependency-Track refused to create the project \(HTTP 401/,
        );
      },
    );
  });

  it('a 5xx on a read is retried, then the scan succeeds; the key the server quoted is masked in the log', async () => {
    await withSim(
      {
        projects: [{ uuid: EXISTING, name: 'a', version: '1', findings: manyFindings(2) }],
        faults: [
          {
            path: `/api/v1/finding/project/${EXISTING}`,
            status: 503,
            body: (headers) => `Service Unavailable for X-Api-Key ${String(headers['x-api-key'])}`,
          },
        ],
      },
      async (sim) => {
        // `cli` checks that the key itself appears in no output.
        const { result, summary } = await cli('scan', ['--api-url', sim.apiUrl, '--project', EXISTING]);
        expect(result.code).toBe(0);
        expect(summary.counts.total).toBe(2);
        expect(sim.count('GET', `/api/v1/finding/project/${EXISTING}`)).toBe(2);
        expect(result.stderr).toMatch(
          /\n[^\n]*HTTP 503: Service Unavailable for X-Api-Key \*\*\*; retrying in \d\.\d s \(1\/3\)/,
        );
      },
    );
  });

  it('a 500 on the BOM upload is NOT retried: one upload, exit 3; the key the server quoted is masked', async () => {
    await withSim(
      {
        faults: [
          {
            method: 'POST',
            path: '/api/v1/bom',
            status: 500,
            times: 5,
            body: (headers) =>
              `Internal Server Error: could not store the BOM of X-Api-Key ${String(headers['x-api-key'])}`,
          },
        ],
      },
      async (sim) => {
        const { result, summary } = await cli('scan', [
          '--api-url',
          sim.apiUrl,
          '--sbom',
          'bom.json',
          '--project-name',
          'a',
          '--project-version',
          '1',
        ]);
        expect(result.code).toBe(3);
        expect(sim.uploads).toHaveLength(1);
        expect(sim.count('POST', '/api/v1/bom')).toBe(1);
        expect(summary.error?.message).toContain('The upload is not retried automatically');
        // `cli` checks that the key itself appears in no output.
        const said =
          'Dependency-Track said: "Internal Server Error: could not store the BOM of X-Api-Key ***".';
        expect(summary.error?.message).toContain(said);
        expect(result.stderr).toContain(said);
      },
    );
  });

  it('a processing that fails (DT still answers processing: false): exit 3, never a passing scan', async () => {
    await withSim(
      { failProcessing: true, projects: [{ uuid: EXISTING, name: 'a', version: '1' }] },
      async (sim) => {
        const { result, summary, sarif } = await cli('scan', [
          '--api-url',
          sim.apiUrl,
          '--sbom',
          'bom.json',
          '--project-name',
          'a',
          '--project-version',
          '1',
        ]);
        expect(result.code).toBe(3);
        expect(summary.status).toBe('error');
        expect(summary.error?.message).toMatch(
          /^Dependency-Track did not import the SBOM \(sbom: bom\.json\) into project "a" version "1" \([0-9a-f-]{36}\): it reported the upload processed \(token [0-9a-f-]{36}\), but the project's last SBOM import is unchanged \(2023-11-14T22:13:20\.000Z\)\./,
        );
        expect(summary.error?.message).toContain('BOM_PROCESSING_FAILED');
        expect(sarif).toBeUndefined();
        expect(sim.count('GET', /^\/api\/v1\/finding\//)).toBe(0);
      },
    );
  });

  it("a proxy's 413 on the upload: exit 3, the SBOM's size and the body limit to raise, not the server's log", async () => {
    const nginx =
      '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n';
    await withSim(
      {
        projects: [{ uuid: EXISTING, name: 'a', version: '1' }],
        faults: [
          {
            method: 'POST',
            path: '/api/v1/bom',
            status: 413,
            headers: { 'content-type': 'text/html' },
            body: nginx,
          },
        ],
      },
      async (sim) => {
        const { result, summary } = await cli('scan', [
          '--api-url',
          sim.apiUrl,
          '--sbom',
          'bom.json',
          '--project',
          EXISTING,
        ]);
        expect(result.code).toBe(3);
        expect(summary.error?.message).toBe(
          `A proxy in front of Dependency-Track refused uploading bom.json to project "a" version "1" (${EXISTING}) (HTTP 413 from /api/v1/bom): the SBOM (1.1 kB) is larger than it accepts. Raise its request body limit (nginx: client_max_body_size; ingress-nginx: the nginx.ingress.kubernetes.io/proxy-body-size annotation), then run the job again.`,
        );
        expect(sim.count('POST', '/api/v1/bom')).toBe(1);
      },
    );
  });

  it('an upload to a collection project (DT 4.13+ 400): exit 3, upload to a child, no hint to check the file', async () => {
    await withSim(
      {
        projects: [{ uuid: EXISTING, name: 'platform', version: '1' }],
        faults: [
          {
            method: 'POST',
            path: '/api/v1/bom',
            status: 400,
            headers: { 'content-type': 'text/plain' },
            body: 'BOM cannot be uploaded to collection project.',
          },
        ],
      },
      async (sim) => {
        const { result, summary } = await cli('scan', [
          '--api-url',
          sim.apiUrl,
          '--sbom',
          'bom.json',
          '--project',
          EXISTING,
        ]);
        expect(result.code).toBe(3);
        expect(summary.error?.message).toBe(
          `Dependency-Track rejected uploading bom.json to project "platform" version "1" (${EXISTING}) (HTTP 400 from /api/v1/bom). Dependency-Track said: "BOM cannot be uploaded to collection project.". The project is a collection project, whose findings are its children's: upload the SBOM to one of its child projects instead (project, or project-name and project-version).`,
        );
      },
    );
  });

  it('a collection project without --sbom: exit 3, name a child; a project never uploaded to: 0 findings warned of', async () => {
    await withSim(
      {
        projects: [
          {
            uuid: EXISTING,
            name: 'platform',
            version: '1',
            collectionLogic: 'AGGREGATE_LATEST_VERSION_CHILDREN',
          },
          { name: 'fresh', version: '1', neverImported: true },
        ],
      },
      async (sim) => {
        const collection = await cli('scan', ['--api-url', sim.apiUrl, '--project', EXISTING]);
        expect(collection.result.code).toBe(3);
        expect(collection.summary.error?.message).toMatch(
          /^Dependency-Track project "platform" version "1" \(.*\) is a collection project, whose findings are its children's .* Name one of its child projects instead/,
        );
        const fresh = await cli('scan', [
          '--api-url',
          sim.apiUrl,
          '--project-name',
          'fresh',
          '--project-version',
          '1',
        ]);
        expect(fresh.result.code, fresh.result.stderr).toBe(0);
        expect(fresh.result.stderr).toMatch(
          /warning: No SBOM was ever uploaded to project "fresh" version "1" \(.*\): .* its 0 findings do not mean it is clean/,
        );
      },
    );
  });

  it('processing longer than the timeout: exit 3, how long it waited, raise timeout', async () => {
    await withSim({ processingPolls: Number.POSITIVE_INFINITY }, async (sim) => {
      const { result, summary } = await cli('scan', [
        '--api-url',
        sim.apiUrl,
        '--sbom',
        'bom.json',
        '--project-name',
        'slow',
        '--project-version',
        '1',
        '--timeout',
        '0.5',
      ]);
      expect(result.code).toBe(3);
      expect(summary.error?.message).toMatch(
        /^Dependency-Track was still processing the SBOM after 0\.\d s \(timeout 0\.5 s, \d+ polls? of token/,
      );
      expect(summary.error?.message).toContain('raise timeout (seconds)');
    });
  });

  it('api-url at the web UI: exit 3, names the API port', async () => {
    await withSim({ frontend: true }, async (sim) => {
      const { result, summary } = await cli('scan', [
        '--api-url',
        sim.url,
        '--project-name',
        'a',
        '--project-version',
        '1',
      ]);
      expect(result.code).toBe(3);
      expect(summary.error?.message).toContain('api-url seems to point at the web UI');
      expect(summary.error?.message).toContain('port 8081');
    });
  });

  it('a login proxy in front of the API (Okta page on team/self, basic auth on /api/version): named, not the UI or the key', async () => {
    const okta = '<!DOCTYPE html><html><head><title>Sign in - Okta</title></head><body>login</body></html>';
    await withSim(
      {
        faults: [
          { path: '/api/version', status: 401, headers: { 'WWW-Authenticate': 'Basic realm="corp"' } },
          { path: '/api/v1/team/self', status: 200, headers: { 'content-type': 'text/html' }, body: okta },
        ],
      },
      async (sim) => {
        const args = ['--api-url', sim.apiUrl, '--project-name', 'a', '--project-version', '1'];
        const basic = await cli('scan', args);
        expect(basic.result.code).toBe(3);
        expect(basic.summary.error?.message).toMatch(
          /^Something in front of Dependency-Track refused reading Dependency-Track's version \(GET \/api\/version\) \(HTTP 401 from \/api\/version\): Dependency-Track answers it without authentication, so the API key is not the cause/,
        );
        expect(basic.summary.error?.message).not.toContain('SCA_BRIDGE_TOKEN');
        const login = await cli('scan', args);
        expect(login.result.code).toBe(3);
        expect(login.summary.error?.message).toBe(
          '/api/v1/team/self answered with a web page, not JSON, while checking the API key (GET /api/v1/team/self), though /api/version answered as Dependency-Track: a login or single sign-on proxy in front of Dependency-Track seems to stop API calls. Let requests with an X-Api-Key header through to the API server, or set api-url to an address that reaches the API server directly.',
        );
      },
    );
  });

  it('TLS: verified by default (exit 3, suggests ca-file); --ca-file trusts; --insecure warns loudly', async () => {
    await withSim(
      { tls: true, projects: [{ uuid: EXISTING, name: 'a', version: '1', findings: manyFindings(1) }] },
      async (sim) => {
        const base = ['--api-url', sim.apiUrl, '--project', EXISTING];
        const refused = await cli('scan', base);
        expect(refused.result.code).toBe(3);
        expect(refused.summary.error?.message).toMatch(
          /^While reading Dependency-Track's version \(GET \/api\/version\): TLS verification of https:\/\/127\.0\.0\.1:\d+\/api\/version failed \(.+\)\. Give the server's CA bundle with ca-file, or, only for testing, set insecure: true\.$/,
        );
        const trusted = await cli('scan', [...base, '--ca-file', TLS_CERT_FILE]);
        expect(trusted.result.code).toBe(0);
        expect(trusted.summary.counts.total).toBe(1);
        expect(trusted.result.stderr).not.toContain('NOT verified');
        const insecure = await cli('scan', [...base, '--insecure']);
        expect(insecure.result.code).toBe(0);
        expect(insecure.result.stderr).toContain(
          `warning: insecure: TLS certificates of ${sim.url} are NOT verified. Anyone on the network path can read what is sent (the token with it) and answer in the server's name; use ca-file instead.`,
        );
      },
    );
  });
});

describe.concurrent('sca-bridge test-connection --scanner dependency-track', () => {
  it('a key lacking permissions: exit 0 with a warning naming each', async () => {
    await withSim(
      { version: '4.14.3', permissions: ['VIEW_PORTFOLIO', 'VIEW_VULNERABILITY'], teamName: 'Readers' },
      async (sim) => {
        const { result } = await cli('test-connection', ['--api-url', sim.apiUrl]);
        expect(result.code).toBe(0);
        expect(result.stderr).toContain('Dependency-Track 4.14.3 at ');
        expect(result.stderr).toContain('The API key belongs to the team "Readers".');
        const lacking = result.stderr
          .split('\n')
          .filter((line) => line.startsWith('warning: The API key\'s team "Readers" lacks'))
          .map((line) => line.replace(/^warning: The API key's team "Readers" lacks (\w+).*$/, '$1'));
        expect(lacking).toEqual(['BOM_UPLOAD', 'PROJECT_CREATION_UPLOAD', 'VIEW_POLICY_VIOLATION']);
        expect(result.stdout).toBe('');
      },
    );
  });

  it('every permission: no permission warning; --no-auto-create drops PROJECT_CREATION_UPLOAD', async () => {
    await withSim(
      { permissions: ALL_PERMISSIONS.filter((p) => p !== 'PROJECT_CREATION_UPLOAD') },
      async (sim) => {
        const { result } = await cli('test-connection', ['--api-url', sim.url, '--no-auto-create']);
        expect(result.code).toBe(0);
        expect(result.stderr).not.toContain('lacks');
        expect(result.stderr).toContain('Connection OK: Dependency-Track 4.14.3 at ');
      },
    );
  });

  it('reads a --token-file Windows PowerShell 5 wrote (UTF-16 with a byte-order mark, CRLF)', async () => {
    await withSim({}, async (sim) => {
      const file = path.join(tempDir('sca-bridge-token-'), 'token.txt');
      writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${TOKEN}\r\n`, 'utf16le')]));
      const { result } = await cli('test-connection', ['--api-url', sim.apiUrl, '--token-file', file], {
        SCA_BRIDGE_TOKEN: '',
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('Connection OK: Dependency-Track');
    });
  });

  it('before 4.4 (no team/self): a wrong key is refused (exit 3), the right one accepted', async () => {
    await withSim({ version: '4.3.0' }, async (sim) => {
      const wrong = await cli('test-connection', ['--api-url', sim.apiUrl], { SCA_BRIDGE_TOKEN: 'odt_bad' });
      expect(wrong.result.code).toBe(3);
      expect(wrong.result.stderr).toContain(
        'error: Dependency-Track refused the API key (HTTP 401 from /api/v1/project)',
      );
      expect(wrong.result.stderr).not.toContain('Connection OK');
      const right = await cli('test-connection', ['--api-url', sim.apiUrl]);
      expect(right.result.code, right.result.stderr).toBe(0);
      expect(right.result.stderr).toContain('Connection OK: Dependency-Track 4.3.0 at http://127.0.0.1:');
      expect(right.result.stderr).toContain(
        'accepts the API key (its team and permissions cannot be listed; see above).',
      );
    });
  });

  it('a wrong key: exit 3', async () => {
    await withSim({ apiKey: 'another' }, async (sim) => {
      const { result } = await cli('test-connection', ['--api-url', sim.apiUrl]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(
        'error: Dependency-Track refused the API key (HTTP 401 from /api/v1/team/self)',
      );
    });
  });
});
