import type { Log } from 'sarif';
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { GITHUB_LIMITS } from '../../../src/report/github-limits.js';
import { writeSarifFile } from '../../../src/report/sarif-file.js';
import type { LocatedFinding } from '../../../src/findings/model.js';
import { githubSarifProblems } from '../../helpers/github-sarif-rules.js';
import { expectSchemaValid } from '../../helpers/schemas.js';
import { aFinding } from '../../helpers/finding.js';
import { tempDir } from '../../helpers/cli.js';
import { sarifLog, sarifRun } from '../../helpers/sarif.js';

const INPUT = {
  scanner: 'xray',
  category: 'sca-bridge/xray/libs/',
  properties: { scanner: 'xray', repoKey: 'libs', branch: undefined },
  lineHashes: () => undefined,
} as const;

function run(findings: readonly LocatedFinding[], briefHelp = false) {
  return sarifRun({ ...INPUT, findings, briefHelp });
}

/** Writes the findings as the pipeline does, fitted to a gzip budget; returns the log and the truncation. */
async function fitted(findings: readonly LocatedFinding[], gzipBudget: number) {
  const file = path.join(tempDir(), 'fitted.sarif');
  const [truncation] = await writeSarifFile(file, [{ input: INPUT, findings }], gzipBudget);
  return { log: JSON.parse(readFileSync(file, 'utf8')) as Log, truncation };
}

function many(n: number): LocatedFinding[] {
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

describe('SARIF result properties', () => {
  it("carry Xray's contextual analysis when there is one, and the advice in the help lowest first", () => {
    const [applicable, silent] = [
      aFinding({ applicability: 'Not Applicable', fixedVersions: ['4.17.21', '4.17.19', '5.0.0'] }),
      aFinding({ ids: ['CVE-2020-8203'] }),
    ];
    const log = sarifLog([run([applicable, silent])]);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => r.properties?.applicability)).toEqual(['not applicable', undefined]);
    const rule = log.runs[0]?.tool.driver.rules?.find((r) => r.id === 'CVE-2021-23337');
    expect(rule?.help?.text).toContain('Fixed versions: 4.17.19, 4.17.21, 5.0.0');
  });
});

describe('SARIF writer', () => {
  it("holds GitHub's documented limits, written out here so that a changed constant is caught", () => {
    expect(GITHUB_LIMITS).toEqual({
      resultsPerRun: 25_000,
      rulesPerRun: 25_000,
      gzipBytes: 10_000_000,
      runsPerFile: 20,
    });
  });

  it('writes rules GitHub accepts: short descriptions, numeric security-severity, at most 10 tags', () => {
    const finding = aFinding({
      description: 'd'.repeat(5000),
      cwes: Array.from({ length: 15 }, (_, i) => `CWE-${i + 1}`),
      cvss: { v3: { score: 7.5 }, v2: { score: 9.3 }, v4: { score: 8.7, vector: 'CVSS:4.0/AV:N' } },
      location: { uri: 'package.json', startLine: 3, rule: 'root-manifest' },
    });
    const log: Log = sarifLog([run([finding])]);
    expect(githubSarifProblems(log)).toEqual([]);
    expectSchemaValid('sarif-schema-2.1.0.json', log);
    const rule = log.runs[0]?.tool.driver.rules?.[0];
    expect(rule?.fullDescription?.text).toHaveLength(1024);
    expect(rule?.fullDescription?.text.endsWith('…')).toBe(true);
    expect(rule?.help?.text).toContain('d'.repeat(2000));
    // v4 wins over v3 and v2.
    expect(rule?.properties?.['security-severity']).toBe('8.7');
    expect(rule?.properties?.tags).toHaveLength(10);
    expect(log.runs[0]?.properties).toEqual({ scanner: 'xray', repoKey: 'libs' });
  });

  it("shows in a rule's help the highest CVSS score of its findings and that score's vector", () => {
    // The highest in the middle: neither the first nor the last finding speaks for the rule.
    const findings = [5, 9.8, 7].map((score, i) =>
      aFinding({
        cvss: { v3: { score, vector: `CVSS:3.1/AV:${['L', 'N', 'A'][i]}` } },
        component: { packageName: `p${i}`, name: `p${i}`, version: '1', ecosystem: 'npm' },
      }),
    );
    const rule = sarifLog([run(findings)]).runs[0]?.tool.driver.rules?.[0];
    expect(rule?.properties?.['security-severity']).toBe('9.8');
    expect(rule?.help?.text).toContain('Severity: high, CVSS 9.8 (CVSS:3.1/AV:N)');
    expect(rule?.help?.markdown).toContain('| high | 9.8 `CVSS:3.1/AV:N` |');
    expect(sarifLog([run(findings, true)]).runs[0]?.tool.driver.rules?.[0]?.help?.text).toContain(
      'CVSS 9.8 (CVSS:3.1/AV:N)',
    );
  });

  it("keeps scanner text in a rule's help table to its cells: no column, tag, link or bidi override of its own", () => {
    const finding = aFinding({
      title: '**bold** [x](javascript:alert(1))',
      component: { packageName: 'a|b`c<script>x</script>', name: 'a', version: '1.0|x', ecosystem: 'npm' },
      fixedVersions: ['[2.0](javascript:alert(1))', 'evil\u202egnp\u0000'],
      cvss: { v3: { score: 7, vector: 'CVSS:3.1/AV:N` | injected |' } },
    });
    const markdown = sarifLog([run([finding])]).runs[0]?.tool.driver.rules?.[0]?.help?.markdown ?? '';
    const [heading = '', , , , row = ''] = markdown.split('\n');
    expect(heading).toBe('**CVE-2021-23337**: **bold** \\[x\\](javascript:alert(1))');
    // Four cells: the row's pipes that are not escaped are its five borders.
    expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
    expect(row).not.toMatch(/<script|(?<!\\)\]\(/);
    for (const hidden of ['\u0000', '\u202e']) expect(row).not.toContain(hidden);
    expect(row).toContain('a\\|b\\`c&lt;script>x&lt;/script>@1.0\\|x');
    expect(row).toContain('evil\ufffdgnp\ufffd');
  });

  it("shows hidden characters of the advisory as U+FFFD, and a reference that is no web URL as text, in all of a rule's help", () => {
    const finding = aFinding({
      title: 'evil\u202etitle',
      description: 'desc \u0000 \u202e **markdown** of the advisory',
      component: { packageName: 'a|b', name: 'a|b', version: '1.0', ecosystem: 'npm' },
      references: ['[r](javascript:alert(1))', 'https://example.com/advisory'],
    });
    const rule = sarifLog([run([finding])]).runs[0]?.tool.driver.rules?.[0];
    for (const text of [rule?.help?.text, rule?.help?.markdown, rule?.fullDescription?.text]) {
      expect(text).toContain('desc \ufffd \ufffd **markdown** of the advisory');
      for (const hidden of ['\u0000', '\u202e']) expect(text).not.toContain(hidden);
    }
    expect(rule?.help?.markdown).toContain('- \\[r\\](javascript:alert(1))\n- https://example.com/advisory');
    // The brief help a SARIF over its size budget gets: escaped alike.
    const brief = sarifLog([run([finding], true)]).runs[0]?.tool.driver.rules?.[0]?.help;
    expect(brief?.markdown).toBe(
      [
        '**CVE-2021-23337**: evil\ufffdtitle',
        'Severity: high',
        'Affected components: a\\|b@1.0',
        'Fixed versions: none known',
      ].join('  \n'),
    );
    expect(brief?.text).not.toContain('\u202e');
  });

  it("keeps a result's message and its rule's helpUri within GitLab's 2,048 characters", () => {
    const finding = aFinding({
      ids: ['XRAY-1'],
      component: { packageName: 'p'.repeat(3000), name: 'p', version: '1.0.0', ecosystem: 'npm' },
      references: [`https://example.com/${'a'.repeat(3000)}`, 'https://example.com/advisory'],
      location: { uri: 'package.json', startLine: 3, rule: 'root-manifest' },
    });
    const log: Log = sarifLog([run([finding])]);
    expect(githubSarifProblems(log)).toEqual([]);
    const message = log.runs[0]?.results?.[0]?.message.text ?? '';
    expect(message).toHaveLength(2048);
    expect(message.startsWith('ppp')).toBe(true);
    // A URL too long for GitLab gives way to the next one.
    expect(log.runs[0]?.tool.driver.rules?.[0]?.helpUri).toBe('https://example.com/advisory');
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

  it.each([
    ['critical', 'error'],
    ['high', 'error'],
    ['medium', 'warning'],
    ['low', 'note'],
    ['info', 'note'],
    ['unknown', 'note'],
  ] as const)("gives a %s finding's result and its rule the level %s", (severity, level) => {
    const sarif = run([aFinding({ severity, location: { uri: 'a', startLine: 1, rule: 'fallback' } })]);
    expect(sarif.results?.[0]?.level).toBe(level);
    expect(sarif.tool.driver.rules?.[0]?.defaultConfiguration?.level).toBe(level);
  });

  it('keeps every result that fits and says nothing was dropped', async () => {
    const findings = many(30).sort((a, b) =>
      a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1,
    );
    const { log, truncation } = await fitted(findings, GITHUB_LIMITS.gzipBytes);
    expect(truncation).toEqual({
      resultsDropped: 0,
      helpTrimmed: false,
      droppedBySeverity: {},
      suppressedDropped: 0,
      left: [],
    });
    expect(log.runs[0]?.results).toHaveLength(30);
    expect(log.runs[0]).toEqual(run(findings));
  });

  it('shortens help before it drops results, then drops the least severe', async () => {
    const findings = many(400).sort((a, b) =>
      a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1,
    );
    const full = JSON.stringify(run(findings)).length;
    const { log, truncation } = await fitted(findings, 6_000);
    expect(full).toBeGreaterThan(6_000);
    expect(truncation?.helpTrimmed).toBe(true);
    expect(truncation?.resultsDropped).toBeGreaterThan(0);
    const kept = log.runs[0]?.results ?? [];
    expect(kept.length + (truncation?.resultsDropped ?? 0)).toBe(400);
    // Only critical findings survive a cut of more than half; some do.
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.every((r) => r.level === 'error')).toBe(true);
  });

  it('rewrites a run of many batches that does not fit, until its gzipped size does', async () => {
    // Descriptions that do not compress, so full help is far over a 300 KB budget and brief help too.
    const findings = many(4000).map((f) => ({ ...f, description: randomBytes(600).toString('hex') }));
    const budget = 300_000;
    const file = path.join(tempDir(), 'big.sarif');
    const [truncation] = await writeSarifFile(file, [{ input: INPUT, findings }], budget);
    const bytes = readFileSync(file);
    expect(bytes.length).toBeGreaterThan(budget);
    expect(gzipSync(bytes).length).toBeLessThanOrEqual(budget);
    const log = JSON.parse(bytes.toString('utf8')) as Log;
    expect(githubSarifProblems(log)).toEqual([]);
    expect(truncation?.helpTrimmed).toBe(true);
    expect((log.runs[0]?.results?.length ?? 0) + (truncation?.resultsDropped ?? 0)).toBe(4000);
    expect(log.runs[0]?.results?.length).toBeGreaterThan(0);
  });

  it('keeps as many results as the budget holds, when the first cut was estimated from rules alone', async () => {
    // 8,000 rules of 900 random bytes each: an attempt is given up part way through the rules, and a cut
    // scaled from that would keep about half of what fits.
    const severities = ['critical', 'high', 'medium', 'low', 'info', 'unknown'] as const;
    const findings = Array.from({ length: 8000 }, (_, i) =>
      aFinding({
        ids: [`CVE-2020-${10000 + i}`],
        severity: severities[i % severities.length],
        description: randomBytes(900).toString('base64'),
        component: {
          packageName: `pkg${i % 500}`,
          name: `pkg${i % 500}`,
          version: '1.0.0',
          ecosystem: 'npm',
        },
        location: { uri: 'package.json', startLine: i + 1, rule: 'manifest' },
      }),
    );
    const budget = 3_000_000;
    const file = path.join(tempDir(), 'rules.sarif');
    const [truncation] = await writeSarifFile(file, [{ input: INPUT, findings }], budget);
    const bytes = readFileSync(file);
    const gzipped = gzipSync(bytes, { level: 1 }).length;
    expect(gzipped).toBeLessThanOrEqual(budget);
    expect(gzipped).toBeGreaterThan(budget * 0.85);
    expect(truncation?.resultsDropped).toBeGreaterThan(0);
  });

  it('keeps the most severe results when they carry most of the bytes and cuts by count stall', async () => {
    // Large critical results (many long component paths that do not compress) and many small low ones:
    // dropping lows barely shrinks the run, so cuts scaled by size alone would take one small step each.
    const criticals = Array.from({ length: 140 }, (_, i) =>
      aFinding({
        ids: [`CVE-2021-${10000 + i}`],
        severity: 'critical',
        // Ten: as many as a result keeps.
        componentPaths: Array.from({ length: 10 }, () => `apps/${randomBytes(120).toString('hex')}.jar`),
        location: { uri: 'package.json', startLine: i + 1, rule: 'manifest' },
      }),
    );
    const lows = Array.from({ length: 2000 }, (_, i) =>
      aFinding({
        ids: [`CVE-2022-${10000 + i}`],
        severity: 'low',
        description: 'Small.',
        location: { uri: 'package.json', startLine: 200 + i, rule: 'manifest' },
      }),
    );
    // Room for every critical result, not for every result.
    const budget = 260_000;
    const file = path.join(tempDir(), 'heavy.sarif');
    const [truncation] = await writeSarifFile(
      file,
      [{ input: INPUT, findings: [...criticals, ...lows] }],
      budget,
    );
    expect(gzipSync(readFileSync(file), { level: 1 }).length).toBeLessThanOrEqual(budget);
    const results = (JSON.parse(readFileSync(file, 'utf8')) as Log).runs[0]?.results ?? [];
    expect(results.length).toBeGreaterThan(140);
    expect(truncation?.resultsDropped).toBeGreaterThan(0);
    expect(truncation?.droppedBySeverity.critical ?? 0).toBe(0);
  });

  it('writes a rule of a finding with 130,000 CWEs', async () => {
    const cwes = Array.from({ length: 130_000 }, (_, i) => `CWE-${i}`);
    const findings = [
      aFinding({ cwes }),
      ...Array.from({ length: 3 }, (_, i) =>
        aFinding({
          ids: ['CVE-2024-0001'],
          cvss: { v3: { score: i === 1 ? 9.9 : 5 } },
          component: { packageName: `p${i}`, name: `p${i}`, version: '1', ecosystem: 'npm' },
          location: { uri: 'package.json', startLine: i + 1, rule: 'manifest' },
        }),
      ),
    ];
    const { log } = await fitted(findings, GITHUB_LIMITS.gzipBytes);
    const rules = log.runs[0]?.tool.driver.rules ?? [];
    expect(rules[0]?.properties?.tags).toHaveLength(10);
    expect(rules.find((r) => r.id === 'CVE-2024-0001')?.properties?.['security-severity']).toBe('9.9');
  });
});
