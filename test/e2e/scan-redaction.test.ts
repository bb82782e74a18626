/**
 * A scan's findings enter the model with the scanner's token masked, and nothing else: the built CLI against
 * the Dependency-Track simulator, with a server that quotes the key back in a finding.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
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
