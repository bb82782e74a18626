import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { githubSarifProblems } from '../helpers/github-sarif-rules.js';
import { expectSchemaValid, runSummaryOf } from '../helpers/schemas.js';
import { announceSkip, SHARED_DIR, sharedAvailable } from '../helpers/shared.js';
import { fixtureFindings, startDtSim } from '../sim/dependency-track.js';

/**
 * Every real export in ../shared/fixtures, converted by the built CLI. Expected counts were worked out by
 * hand from each file: findings are (canonical id, component version) pairs, so a DT vulnerability reported
 * by NVD and by GitHub on one component counts once, at the more severe of the two ratings; suppressed
 * findings (DT analysis FALSE_POSITIVE, NOT_AFFECTED, RESOLVED) are counted apart.
 */
type Expected =
  | {
      counts: [
        total: number,
        critical: number,
        high: number,
        medium: number,
        low: number,
        info: number,
        unknown: number,
        suppressed: number,
      ];
    }
  | { rejected: string };

const EXPECTED: Record<string, Expected> = {
  // 22 rows, 7 of them the GHSA twin of an NVD row.
  'dtrack/fpf-v1.3_dt-4.14.1_npm.json': { counts: [15, 2, 1, 12, 0, 0, 0, 0] },
  // 13 rows, 5 GHSA twins.
  'dtrack/fpf-v1.3_dt-4.14.1_php.json': { counts: [8, 0, 5, 2, 1, 0, 0, 0] },
  // 7 rows, 3 twins; CVE-2023-43804 is MEDIUM from GitHub and HIGH from NVD, so high.
  'dtrack/fpf-v1.2_dt-4.10.1.json': { counts: [4, 1, 2, 1, 0, 0, 0, 0] },
  'dtrack/fpf-v1.0_dt-3.8.0.json': { counts: [9, 0, 0, 9, 0, 0, 0, 0] },
  'dtrack/fpf-v1.0_empty-findings_synthetic.json': { counts: [0, 0, 0, 0, 0, 0, 0, 0] },
  'dtrack/fpf-v1.1_dt-4.7.0_aliases-legacy-format.json': { counts: [12, 0, 5, 7, 0, 0, 0, 0] },
  // 64 findings: 3 FALSE_POSITIVE, 3 RESOLVED, 3 NOT_AFFECTED suppressed (7 high, 2 medium).
  'dtrack/fpf-v1.1_dt-4.7.1_analysis-states.json': { counts: [55, 13, 28, 13, 0, 0, 1, 9] },
  'dtrack/fpf-v1.3_analysis-detail_synthetic.json': { counts: [1, 1, 0, 0, 0, 0, 0, 0] },
  'dtrack/project-lookup_tags-isLatest.json': { rejected: 'Dependency-Track project, not its findings' },
  'dtrack/violations-project_dt-4.x.json': { rejected: 'policy-violation list' },
  'xray/report-rows_one.json': { counts: [1, 0, 0, 1, 0, 0, 0, 0] },
  'xray/report-rows_many.json': { counts: [3, 0, 0, 3, 0, 0, 0, 0] },
  'xray/report-rows_multi-cve.json': { counts: [7, 0, 1, 6, 0, 0, 0, 0] },
  'xray/report-rows_empty.json': { counts: [0, 0, 0, 0, 0, 0, 0, 0] },
  // total_rows says 123, the file keeps 1 row: a page, not a report.
  'xray/report-rows_cloud-export-2025.json': { rejected: 'holds 1 of its 123 rows' },
  'xray/security-export-v2_one.json': { counts: [1, 0, 1, 0, 0, 0, 0, 0] },
  'xray/security-export-v2_many.json': { counts: [3, 0, 2, 0, 1, 0, 0, 0] },
  // 63 entries (issue × component), 25 issues.
  'xray/scans-list-export_security_docker.json': { counts: [63, 0, 6, 18, 39, 0, 0, 0] },
  'xray/summary-artifact_one.json': { counts: [1, 1, 0, 0, 0, 0, 0, 0] },
  // 15 issues over 29 impact paths.
  'xray/summary-artifact_many.json': { counts: [29, 4, 21, 3, 1, 0, 0, 0] },
  'xray/summary-artifact_malformed-cvss.json': { counts: [1, 0, 0, 1, 0, 0, 0, 0] },
  'xray/summary-artifact_no-issues.json': { counts: [0, 0, 0, 0, 0, 0, 0, 0] },
  // 2 issues × 2 alpine packages.
  'xray/jf-scan-json_docker.json': { counts: [4, 0, 0, 0, 0, 0, 4, 0] },
  'xray/jf-scan-json_one.json': { counts: [1, 0, 1, 0, 0, 0, 0, 0] },
  // Two targets; an issue rated differently in each counts at the higher rating.
  'xray/jf-scan-json_pypi-multi-target.json': { counts: [91, 13, 39, 35, 1, 0, 3, 0] },
  'xray/xray-graph-scan-response_pypi.json': { counts: [15, 3, 5, 1, 6, 0, 0, 0] },
  // 9 rows, 5 distinct (issue, package version) pairs.
  'xray/jf-audit_simple-json.json': { counts: [5, 0, 2, 2, 0, 0, 1, 0] },
  'xray/jf-docker-scan_simple-json.json': { counts: [3, 2, 0, 0, 0, 0, 1, 0] },
};

/**
 * The real CycloneDX SBOMs, each uploaded by `scan --scanner dependency-track --sbom` to the simulator, with the
 * number of components (nested ones included) it lists, counted by hand. The simulator then reports a finding
 * on every component, which the run must place on that component's own entry of the SBOM (its `purl` line, or
 * its `name` line when it has no purl): nothing else in the working directory declares them. The empty SBOM
 * (`components: []`, which Dependency-Track accepts) gives a passing run with no findings.
 */
const SBOMS: Record<string, number> = {
  'sbom/sbom_cyclonedx-1.2_npm_lhc-vdm-editor.json': 43,
  'sbom/sbom_cyclonedx-1.4_composer_laravel-7.12.0.json': 62,
  'sbom/sbom_cyclonedx-1.4_empty.json': 0,
  // The second component has no purl.
  'sbom/sbom_cyclonedx-1.6_dt-valid-bom.json': 2,
};

const DT_KEY = 'odt_REALSBOM_8fJ2kL5mN9pQ3rS7tU1v';
const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'] as const;

interface SbomComponent {
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  components?: SbomComponent[];
}

/** The components of an SBOM, nested ones after their parent. */
function componentsOf(list: readonly SbomComponent[] | undefined): SbomComponent[] {
  return (list ?? []).flatMap((c) => [c, ...componentsOf(c.components)]);
}

/** A Dependency-Track finding of `CVE-2099-<10000 + i>` on the SBOM's component, as the API returns it. */
function findingOn(component: SbomComponent, i: number): Record<string, unknown> {
  const template = fixtureFindings()[0] as { vulnerability: Record<string, unknown> };
  // Without the template's CVSS: the severity alone rates each finding.
  const rated = { ...template.vulnerability };
  delete rated.cvssV3BaseScore;
  delete rated.cvssV3Vector;
  const id = String(i + 1).padStart(5, '0');
  const uuid = `c2000000-0000-4000-8000-0000000${id}`;
  const vulnerability = `f2000000-0000-4000-8000-0000000${id}`;
  return {
    ...template,
    component: {
      uuid,
      name: component.name,
      ...(component.group ? { group: component.group } : {}),
      ...(component.version ? { version: component.version } : {}),
      ...(component.purl ? { purl: component.purl } : {}),
    },
    vulnerability: {
      ...rated,
      uuid: vulnerability,
      vulnId: `CVE-2099-${10000 + i}`,
      title: `Synthetic vulnerability ${i}`,
      severity: SEVERITIES[i % SEVERITIES.length],
      aliases: [],
    },
    matrix: `00000000-0000-4000-8000-000000000000:${uuid}:${vulnerability}`,
  };
}

/** The member `"key": "value"` as a CycloneDX file may space it. */
function memberPattern(key: string, value: string): RegExp {
  return new RegExp(`"${key}"\\s*:\\s*${JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

announceSkip('real-data suite (shared fixtures)');

describe.skipIf(!sharedAvailable())('real exports from ../shared/fixtures', () => {
  const workdir = tempDir();

  it.each(Object.entries(EXPECTED))('%s', async (file, expected) => {
    const sarifFile = path.join(workdir, `${file.replace(/\W/g, '_')}.sarif`);
    const { code, stdout, stderr } = await runCli([
      'import',
      path.join(SHARED_DIR, 'fixtures', file),
      '--sarif-file',
      sarifFile,
      '--working-directory',
      workdir,
      '--json',
    ]);
    if ('rejected' in expected) {
      expect(code).toBe(2);
      expect(stderr).toContain(expected.rejected);
      return;
    }
    expect(stderr).not.toContain('error:');
    expect(code).toBe(0);
    const { counts } = runSummaryOf<{ counts: Record<string, number> }>(stdout);
    const [total, critical, high, medium, low, info, unknown, suppressed] = expected.counts;
    expect(counts).toEqual({ total, critical, high, medium, low, info, unknown, suppressed });
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8')) as Log;
    expectSchemaValid('sarif-schema-2.1.0.json', sarif);
    expect(githubSarifProblems(sarif)).toEqual([]);
    expect(sarif.runs.reduce((n, run) => n + (run.results?.length ?? 0), 0)).toBe(total);
    // Xray's "no fix" range is no version to upgrade to.
    const messages = sarif.runs.flatMap((run) => (run.results ?? []).map((r) => r.message.text ?? ''));
    expect(messages.filter((text) => text.includes('(,0.0.0)'))).toEqual([]);
  });

  it('refuses a part of the real Scans List export: its first 5 entries hold 2 of its 25 issues', async () => {
    const doc = JSON.parse(
      readFileSync(path.join(SHARED_DIR, 'fixtures', 'xray/scans-list-export_security_docker.json'), 'utf8'),
    ) as { data: unknown[] };
    const part = path.join(workdir, 'scans-list-export_part.json');
    writeFileSync(part, JSON.stringify({ ...doc, data: doc.data.slice(0, 5) }));
    const sarifFile = path.join(workdir, 'scans-list-export_part.sarif');
    const { code, stderr } = await runCli([
      'import',
      part,
      '--sarif-file',
      sarifFile,
      '--working-directory',
      workdir,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('holds 2 of its 25 issues (total_count');
  });

  it.each(Object.entries(SBOMS))(
    '%s: uploaded by a DT scan as it is, and every finding placed on its component in it',
    async (file, count) => {
      const text = readFileSync(path.join(SHARED_DIR, 'fixtures', file), 'utf8');
      const components = componentsOf((JSON.parse(text) as { components?: SbomComponent[] }).components);
      expect(components).toHaveLength(count);
      const sim = await startDtSim({
        apiKey: DT_KEY,
        afterUpload: { findings: components.map(findingOn), violations: [] },
      });
      try {
        // The SBOM, and nothing else, in the working directory: the run can place findings only by it.
        const work = tempDir('sca-bridge-real-sbom-');
        const name = path.basename(file);
        writeFileSync(path.join(work, name), text);
        const { code, stdout, stderr } = await runCli(
          [
            'scan',
            '--scanner',
            'dependency-track',
            '--api-url',
            sim.apiUrl,
            '--sbom',
            name,
            '--project-name',
            'real-sbom',
            '--project-version',
            '1.0.0',
            '--poll-interval',
            '0.05',
            '--sarif-file',
            'out.sarif',
            '--json',
          ],
          { cwd: work, env: { SCA_BRIDGE_TOKEN: DT_KEY } },
        );
        expect(stderr).not.toContain('error:');
        expect(code, stderr).toBe(0);
        // Accepted: uploaded once, byte for byte, and processed.
        expect(sim.uploads.map((u) => u.bom)).toEqual([text]);
        expect(sim.projects.map((p) => p.name)).toEqual(['real-sbom']);
        const summary = runSummaryOf<{ status: string; counts: Record<string, number> }>(stdout);
        expect(summary.status).toBe('passed');
        expect(summary.counts.total).toBe(count);
        const sarif = JSON.parse(readFileSync(path.join(work, 'out.sarif'), 'utf8')) as Log;
        expectSchemaValid('sarif-schema-2.1.0.json', sarif);
        expect(githubSarifProblems(sarif)).toEqual([]);
        const results = sarif.runs.flatMap((run) => run.results ?? []);
        expect(results).toHaveLength(count);
        const lines = text.split(/\r?\n/);
        for (const result of results) {
          const component = components[Number(/^CVE-2099-(\d+)$/.exec(result.ruleId ?? '')?.[1]) - 10000];
          expect(component, result.ruleId).toBeDefined();
          const physical = result.locations?.[0]?.physicalLocation;
          expect(physical?.artifactLocation?.uri).toBe(name);
          const line = lines[(physical?.region?.startLine ?? 0) - 1] ?? '';
          expect(line, `${result.ruleId} on ${component?.purl ?? component?.name}`).toMatch(
            component?.purl
              ? memberPattern('purl', component.purl)
              : memberPattern('name', component?.name ?? ''),
          );
        }
      } finally {
        await sim.close();
      }
    },
  );

  it('covers every file of every folder of the shared fixtures', () => {
    const fixtures = path.join(SHARED_DIR, 'fixtures');
    const folders = readdirSync(fixtures, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.map((folder) => folder.name).sort()).toEqual(['dtrack', 'sbom', 'xray']);
    const files = folders.flatMap((folder) =>
      readdirSync(path.join(fixtures, folder.name)).map((name) => `${folder.name}/${name}`),
    );
    expect(files.sort()).toEqual([...Object.keys(EXPECTED), ...Object.keys(SBOMS)].sort());
  });
});
