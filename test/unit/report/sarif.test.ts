import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { fitRun, GITHUB_LIMITS } from '../../../src/report/github-limits.js';
import { buildSarifRun, sarifLog } from '../../../src/report/sarif.js';
import type { Finding } from '../../../src/findings/model.js';
import { githubSarifProblems } from '../../helpers/github-sarif-rules.js';
import { schemaErrors } from '../../helpers/schemas.js';
import { sharedAvailable } from '../../helpers/shared.js';
import { aFinding } from '../../helpers/finding.js';

function run(findings: readonly Finding[], briefHelp = false) {
  return buildSarifRun({
    scanner: 'xray',
    findings,
    category: 'sca-bridge/xray/libs/',
    properties: { scanner: 'xray', repoKey: 'libs', branch: undefined },
    lineHashes: () => undefined,
    briefHelp,
  });
}

function many(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) =>
    aFinding({
      scanner: 'xray',
      ids: [`XRAY-${100000 + i}`],
      severity: i % 2 ? 'low' : 'critical',
      description: `Issue ${i}: ${'x'.repeat(200)}`,
      component: { packageName: `pkg-${i}`, name: `pkg-${i}`, version: '1.0.0', ecosystem: 'npm' },
      location: { uri: 'package.json', startLine: i + 1, rule: 'root-manifest' },
    }),
  );
}

describe('SARIF writer', () => {
  it('writes rules GitHub accepts: short descriptions, numeric security-severity, at most 10 tags', () => {
    const finding = aFinding({
      description: 'd'.repeat(5000),
      cwes: Array.from({ length: 15 }, (_, i) => `CWE-${i + 1}`),
      cvss: { v3: { score: 7.5 }, v2: { score: 9.3 }, v4: { score: 8.7, vector: 'CVSS:4.0/AV:N' } },
      location: { uri: 'package.json', startLine: 3, rule: 'root-manifest' },
    });
    const log: Log = sarifLog([run([finding])]);
    expect(githubSarifProblems(log)).toEqual([]);
    if (sharedAvailable()) expect(schemaErrors('sarif-schema-2.1.0.json', log)).toEqual([]);
    const rule = log.runs[0]?.tool.driver.rules?.[0];
    expect(rule?.fullDescription?.text).toHaveLength(1024);
    expect(rule?.fullDescription?.text.endsWith('…')).toBe(true);
    expect(rule?.help?.text).toContain('d'.repeat(2000));
    // v4 wins over v3 and v2.
    expect(rule?.properties?.['security-severity']).toBe('8.7');
    expect(rule?.properties?.tags).toHaveLength(10);
    expect(log.runs[0]?.properties).toEqual({ scanner: 'xray', repoKey: 'libs' });
  });

  it.each([
    ['critical', '9.5'],
    ['high', '8.0'],
    ['medium', '5.5'],
    ['low', '2.0'],
    ['info', '0.0'],
    ['unknown', '0.0'],
  ] as const)('scores a %s rule without CVSS as %s', (severity, score) => {
    const rule = run([aFinding({ severity, location: { uri: 'a', startLine: 1, rule: 'fallback' } })]).tool
      .driver.rules?.[0];
    expect(rule?.properties?.['security-severity']).toBe(score);
  });

  it('keeps the most severe results within the result cap and says how many were dropped', () => {
    const findings = many(30).sort((a, b) =>
      a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1,
    );
    const { run: fitted, truncation } = fitRun(
      findings,
      (f, brief) => run(f, brief),
      GITHUB_LIMITS.gzipBytes,
    );
    expect(truncation).toEqual({ resultsDropped: 0, helpTrimmed: false });
    expect(fitted.results).toHaveLength(30);
  });

  it('shortens help before it drops results, then drops the least severe', () => {
    const findings = many(400).sort((a, b) =>
      a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1,
    );
    const full = JSON.stringify(run(findings)).length;
    const { run: fitted, truncation } = fitRun(findings, (f, brief) => run(f, brief), 6_000);
    expect(full).toBeGreaterThan(6_000);
    expect(truncation.helpTrimmed).toBe(true);
    expect(truncation.resultsDropped).toBeGreaterThan(0);
    const kept = fitted.results ?? [];
    expect(kept.length + truncation.resultsDropped).toBe(400);
    // Only critical findings survive a cut of more than half.
    expect(kept.every((r) => r.level === 'error')).toBe(true);
  });
});
