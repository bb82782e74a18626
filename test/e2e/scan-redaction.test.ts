/**
 * A scan's or an import's findings enter the model with the run's tokens masked, and nothing else: the built CLI
 * against the Dependency-Track simulator, with a server that quotes the key back in a finding, and on an export
 * that holds one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { REPO_ROOT } from '../helpers/shared.js';
import { fixtureFindings, startDtSim } from '../sim/dependency-track.js';

const TOKEN = 'odt_REDACTIONTOKEN_4kP9zQ2mW7xR1vT6';
const PROJECT = '3b0e9f5c-2a3d-4c1e-9f7a-0d5e6b7c8a9b';

describe('a scan whose server quotes the token back in a finding', () => {
  it("masks the token in every report, and never a proxy password that is also a package's name", async () => {
    const findings = fixtureFindings();
    (findings[0] as { vulnerability: Record<string, unknown> }).vulnerability.description =
      `Reported with key ${TOKEN}.`;
    const sim = await startDtSim({
      apiKey: TOKEN,
      projects: [{ uuid: PROJECT, name: 'shop', version: 'main', findings }],
    });
    const work = tempDir('sca-bridge-redaction-');
    try {
      const result = await runCli(
        [
          'scan',
          '--scanner',
          'dependency-track',
          '--api-url',
          sim.apiUrl,
          '--project',
          PROJECT,
          '--sarif-file',
          'out.sarif',
          '--gitlab-dependency-report',
          'gl.json',
        ],
        {
          cwd: work,
          // The proxy is not used (NO_PROXY), but its password is a secret of the run, and a word.
          env: {
            SCA_BRIDGE_TOKEN: TOKEN,
            HTTP_PROXY: 'http://user:lodash@127.0.0.1:9',
            NO_PROXY: '127.0.0.1',
          },
        },
      );
      expect(result.code, result.stderr).toBe(0);
      const sarifText = readFileSync(path.join(work, 'out.sarif'), 'utf8');
      const gitlab = readFileSync(path.join(work, 'gl.json'), 'utf8');
      for (const text of [sarifText, gitlab]) {
        expect(text).not.toContain(TOKEN);
        expect(text).toContain('Reported with key ***.');
      }
      const sarif = JSON.parse(sarifText) as Log;
      const names = (sarif.runs[0]?.results ?? []).map((r) => r.properties?.packageName as string);
      expect(names).toContain('lodash');
      expect(sarifText).toContain('pkg:npm/lodash@');
    } finally {
      await sim.close();
    }
  });
});

describe('an import of an export that holds the token, with a label given it', () => {
  it('masks it in the SARIF (results and run properties), the GitLab report and the summary', async () => {
    const work = tempDir('sca-bridge-redaction-');
    const fpf = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'test/fixtures/exports/dtrack-fpf-1.3.json'), 'utf8'),
    ) as { findings: { vulnerability: Record<string, unknown> }[] };
    (fpf.findings[0] as { vulnerability: Record<string, unknown> }).vulnerability.description =
      `Reported with key ${TOKEN}.`;
    writeFileSync(path.join(work, 'export.json'), JSON.stringify(fpf));
    // A GitLab job's masked SCA_BRIDGE_TOKEN is set for its import jobs too.
    const result = await runCli(
      [
        'import',
        'export.json',
        '--sarif-file',
        'out.sarif',
        '--gitlab-dependency-report',
        'gl.json',
        '--metadata',
        `key=${TOKEN}`,
        '--json',
      ],
      { cwd: work, env: { SCA_BRIDGE_TOKEN: TOKEN } },
    );
    expect(result.code, result.stderr).toBe(0);
    const sarifText = readFileSync(path.join(work, 'out.sarif'), 'utf8');
    const gitlab = readFileSync(path.join(work, 'gl.json'), 'utf8');
    for (const text of [sarifText, gitlab, result.stdout]) expect(text).not.toContain(TOKEN);
    expect(gitlab).toContain('Reported with key ***.');
    const sarif = JSON.parse(sarifText) as Log;
    expect(sarif.runs[0]?.properties?.metadata).toEqual({ key: '***' });
    expect(sarifText).toContain('Reported with key ***.');
  });
});
