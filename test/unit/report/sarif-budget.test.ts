/**
 * GitHub's size limit on a whole SARIF file (SPEC §7): one budget for every run, results dropped across runs
 * least severe first (suppressed before any open one), and a cut that depends on the input alone.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { describe, expect, it, vi } from 'vitest';
import type { LocatedFinding, ScannerName } from '../../../src/findings/model.js';
import { type Severity, severityRank } from '../../../src/findings/severity.js';
import { GITHUB_LIMITS, SARIF_GZIP_BUDGET } from '../../../src/report/github-limits.js';
import { JsonSink } from '../../../src/report/json-file.js';
import { type SarifRunSpec, writeSarifFile } from '../../../src/report/sarif-file.js';
import { tempDir } from '../../helpers/cli.js';
import { aFinding } from '../../helpers/finding.js';
import { githubSarifProblems } from '../../helpers/github-sarif-rules.js';
import { expectSchemaValid } from '../../helpers/schemas.js';

/** Text that barely compresses, the same on every call with the same seed. */
function noise(seed: string, length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i++)
    text += createHash('sha256').update(`${seed}/${i}`).digest('base64');
  return text.slice(0, length);
}

/** `count` findings of one run, each a rule of its own; `size` bytes of advisory text and component paths. */
function findings(run: string, severity: Severity, count: number, size: number, suppressed = false) {
  return Array.from({ length: count }, (_, i) =>
    aFinding({
      scanner: 'xray',
      ids: [`XRAY-${run}-${severity}-${i}`],
      severity,
      suppressed,
      description: noise(`${run}/${severity}/${i}`, Math.min(size, 1000)),
      componentPaths: size > 1000 ? [noise(`${run}/${severity}/${i}/paths`, size - 1000)] : [],
      component: {
        packageName: `${run}-pkg-${i}`,
        name: `${run}-pkg-${i}`,
        version: '1.0.0',
        ecosystem: 'npm',
      },
      location: { uri: 'package.json', startLine: i + 1, rule: 'manifest' },
    }),
  );
}

function spec(
  name: string,
  runFindings: readonly LocatedFinding[],
  scanner: ScannerName = 'xray',
): SarifRunSpec {
  return {
    input: {
      scanner,
      category: `sca-bridge/${scanner}/${name}/`,
      properties: { scanner, project: name },
      lineHashes: () => undefined,
    },
    findings: runFindings,
  };
}

async function write(runs: readonly SarifRunSpec[], budget: number, name = 'log.sarif') {
  const file = path.join(tempDir(), name);
  const truncations = await writeSarifFile(file, runs, budget);
  const bytes = readFileSync(file);
  return { bytes, log: JSON.parse(bytes.toString('utf8')) as Log, truncations };
}

/** The log is valid SARIF that GitHub takes, within `budget` gzipped at any level. */
function expectValid(bytes: Buffer, log: Log, budget: number) {
  expect(gzipSync(bytes, { level: 1 }).length).toBeLessThanOrEqual(budget);
  expect(gzipSync(bytes).length).toBeLessThanOrEqual(budget);
  expect(githubSarifProblems(log)).toEqual([]);
  expectSchemaValid('sarif-schema-2.1.0.json', log);
}

/** The results' severities, of every run. */
function keptSeverities(log: Log): Severity[] {
  return log.runs.flatMap((r) => (r.results ?? []).map((x) => x.properties?.severity as Severity));
}

describe('the SARIF size budget', () => {
  it("reads GitHub's 10 MB as decimal megabytes and keeps a margin below them for GNU gzip", async () => {
    expect(GITHUB_LIMITS.gzipBytes).toBe(10_000_000);
    expect(SARIF_GZIP_BUDGET).toBeLessThan(GITHUB_LIMITS.gzipBytes);
    // The same margin at a smaller scale: hex text, which GNU gzip at the levels an upload uses (`gzip -c` is -6)
    // compresses about 5% worse than Node's fastest level, the writer's bound.
    const limit = 400_000;
    const budget = Math.floor((limit * SARIF_GZIP_BUDGET) / GITHUB_LIMITS.gzipBytes);
    const hex = Array.from({ length: 400 }, (_, i) =>
      aFinding({
        ids: [`XRAY-HEX-${i}`],
        severity: 'high',
        description: Array.from({ length: 8 }, (_, k) =>
          createHash('sha512').update(`${i}/${k}`).digest('hex'),
        ).join(''),
        componentPaths: Array.from({ length: 10 }, (_, k) =>
          createHash('sha256').update(`p${i}/${k}`).digest('hex'),
        ),
        location: { uri: 'package.json', startLine: i + 1, rule: 'manifest' },
      }),
    );
    const { bytes, truncations } = await write([spec('hex', hex)], budget);
    expect(truncations[0]?.resultsDropped).toBeGreaterThan(0);
    for (const level of ['-6', '-9']) {
      const gnu = execFileSync('gzip', ['-c', level], { input: bytes, maxBuffer: 1 << 26 });
      expect(gnu.length, `gzip ${level}`).toBeLessThanOrEqual(limit);
    }
  });

  it('fits a cut close to the budget when the results kept are the large ones', async () => {
    // Large criticals and small lows: cuts scaled by size overshoot, and halving stops at the first fit.
    const large = findings('big', 'critical', 300, 3000);
    const small = findings('big', 'low', 2700, 20);
    const budget = 300_000;
    const { bytes, log } = await write([spec('big', [...large, ...small])], budget);
    const kept = keptSeverities(log).filter((s) => s === 'critical').length;
    expect(keptSeverities(log).every((s) => s === 'critical')).toBe(true);
    // As many criticals as the budget holds: one more than 5% more would not fit.
    const more = await write([spec('more', large.slice(0, Math.ceil(kept * 1.06)))], 1e9);
    expect(gzipSync(more.bytes, { level: 1 }).length).toBeGreaterThan(budget);
    expectValid(bytes, log, budget);
  });

  it('takes few attempts to come within 5% of the budget when results are alike', async () => {
    // Alike results that hardly compress: each attempt's size scales with its count.
    const alike = findings('same', 'high', 2000, 1000);
    const budget = 600_000;
    const rewind = vi.spyOn(JsonSink.prototype, 'rewind');
    try {
      const { bytes, log } = await write([spec('same', alike)], budget);
      // Every attempt starts by rewinding the file: full help, short help, then the cuts.
      expect(rewind.mock.calls.length).toBeLessThanOrEqual(4);
      expect(gzipSync(bytes, { level: 1 }).length).toBeGreaterThan(budget * 0.93);
      expectValid(bytes, log, budget);
    } finally {
      rewind.mockRestore();
    }
  });

  it('writes a whole, valid log when not even a log without results fits', async () => {
    const huge = (i: number): SarifRunSpec => ({
      ...spec(`p${i}`, findings(`p${i}`, 'high', 3, 100)),
      input: {
        ...spec(`p${i}`, []).input,
        properties: { scanner: 'xray', project: noise(`p${i}`, 300_000) },
      },
    });
    // Megabytes of run properties alone, many times the budget: an attempt is given up part-way.
    const runs = Array.from({ length: 12 }, (_, i) => huge(i));
    const { log, truncations } = await write(runs, 100_000);
    expect(log.runs.map((r) => r.results)).toEqual(runs.map(() => []));
    expect(truncations.map((t) => t.resultsDropped)).toEqual(runs.map(() => 3));
  });

  it('is one for the whole file: a run with few large findings uses what a small run leaves', async () => {
    // 60 large critical findings (about 4 KB gzipped each), next to 400 small low ones in another run.
    const large = findings('dt', 'critical', 60, 5000);
    const small = findings('x', 'low', 400, 50);
    const runs = [spec('large', large, 'dependency-track'), spec('small', small)];
    const needs = gzipSync((await write(runs, 100_000_000)).bytes, { level: 1 }).length;
    const alone = gzipSync((await write([runs[0] as SarifRunSpec], 100_000_000)).bytes, { level: 1 }).length;
    // The large run alone needs more than half of the budget; the two together fit.
    const budget = Math.ceil(needs * 1.1);
    expect(alone).toBeGreaterThan(budget / 2);
    const { bytes, log, truncations } = await write(runs, budget);
    expectValid(bytes, log, budget);
    expect(truncations.map((t) => t.resultsDropped)).toEqual([0, 0]);
    expect(log.runs.map((r) => r.results?.length)).toEqual([60, 400]);
  });

  it('drops the least severe results of all runs first, and keeps each run in its own order', async () => {
    // Large high results in one run, small medium, low and unknown ones in two others: a budget per run would
    // drop highs from the first while the others keep their unknowns.
    const highs = findings('a', 'high', 120, 3000);
    const mixed = [...findings('b', 'medium', 100, 300), ...findings('b', 'unknown', 300, 300)];
    const lows = [...findings('c', 'medium', 100, 300), ...findings('c', 'low', 300, 300)];
    const runs = [spec('a', highs), spec('b', mixed), spec('c', lows, 'dependency-track')];
    const full = gzipSync((await write(runs, 100_000_000)).bytes, { level: 1 }).length;
    const budget = Math.floor(full * 0.7);
    const { bytes, log, truncations } = await write(runs, budget);
    expectValid(bytes, log, budget);
    const dropped = truncations.flatMap((t) => Object.keys(t.droppedBySeverity) as Severity[]);
    expect(dropped.length).toBeGreaterThan(0);
    // Whatever any run left out is no more severe than anything any run kept.
    const leastKept = Math.min(...keptSeverities(log).map(severityRank));
    const mostDropped = Math.max(...dropped.map(severityRank));
    expect(leastKept).toBeGreaterThanOrEqual(mostDropped);
    expect(truncations[0]?.resultsDropped).toBe(0);
    expect(truncations[1]?.droppedBySeverity.medium ?? 0).toBe(0);
    // Each run's results in its own order, its findings less the ones it left out.
    for (const [i, run] of runs.entries()) {
      const left = new Set(truncations[i]?.left);
      const ids = run.findings.filter((f) => !left.has(f)).map((f) => f.id);
      expect(log.runs[i]?.results?.map((r) => r.ruleId)).toEqual(ids);
    }
    // As many kept as fit, within the refits' few percent.
    expect(gzipSync(bytes, { level: 1 }).length).toBeGreaterThan(budget * 0.85);
  });

  it('shortens the help of every run before any result is dropped', async () => {
    // Advisory texts of 4,000 characters: the full help holds each twice, the brief help not at all.
    const long = (f: LocatedFinding) => ({ ...f, description: noise(f.id, 4000) });
    const runs = [
      spec('a', findings('a', 'high', 200, 100).map(long)),
      spec('b', findings('b', 'low', 200, 100).map(long)),
    ];
    const full = gzipSync((await write(runs, 100_000_000)).bytes, { level: 1 }).length;
    const budget = Math.floor(full * 0.5);
    const { bytes, log, truncations } = await write(runs, budget);
    expectValid(bytes, log, budget);
    expect(truncations.map((t) => [t.resultsDropped, t.helpTrimmed])).toEqual([
      [0, true],
      [0, true],
    ]);
  });

  it('drops suppressed results before any open one, however severe', async () => {
    const open = findings('open', 'low', 200, 400);
    const suppressed = findings('s', 'critical', 200, 400, true);
    // Each run sorted as the pipeline sorts: most severe first, so the suppressed criticals lead.
    const runs = [spec('a', [...suppressed.slice(0, 100), ...open]), spec('b', suppressed.slice(100))];
    const full = gzipSync((await write(runs, 100_000_000)).bytes, { level: 1 }).length;
    const budget = Math.floor(full * 0.6);
    const { bytes, log, truncations } = await write(runs, budget);
    expectValid(bytes, log, budget);
    // Every open result stays; only suppressed ones were left out, and they are said to be.
    expect(log.runs[0]?.results?.filter((r) => r.properties?.severity === 'low')).toHaveLength(200);
    expect(truncations.reduce((n, t) => n + t.suppressedDropped, 0)).toBeGreaterThan(0);
    for (const t of truncations) {
      expect(t.suppressedDropped).toBe(t.resultsDropped);
      expect(t.droppedBySeverity.low ?? 0).toBe(0);
    }
  });

  it("keeps open results within a run's 25,000 before suppressed ones", async () => {
    const suppressed = findings('s', 'critical', 10, 0, true);
    const open = Array.from({ length: GITHUB_LIMITS.resultsPerRun }, (_, i) =>
      aFinding({
        ids: ['CVE-2024-0001'],
        severity: 'low',
        component: { packageName: `p${i}`, name: `p${i}`, version: '1', ecosystem: 'npm' },
        location: { uri: 'package.json', startLine: i + 1, rule: 'manifest' },
      }),
    );
    const { log, truncations } = await write([spec('a', [...suppressed, ...open])], SARIF_GZIP_BUDGET);
    expect(log.runs[0]?.results).toHaveLength(GITHUB_LIMITS.resultsPerRun);
    expect(log.runs[0]?.results?.some((r) => r.properties?.severity === 'critical')).toBe(false);
    expect(truncations[0]).toMatchObject({
      resultsDropped: 10,
      suppressedDropped: 10,
      droppedBySeverity: { critical: 10 },
    });
  });

  it('cuts at the same result every time: the same input gives the same bytes', async () => {
    // Several MB of text that barely compresses, in runs of three severities, over a 2.5 MB budget: each
    // attempt runs through chunks compressed on the thread pool while the next ones are built.
    const runs = [
      spec('a', findings('a', 'critical', 200, 3000)),
      spec('b', [...findings('b', 'high', 2000, 2000), ...findings('b', 'low', 2000, 2000)]),
    ];
    const budget = 2_500_000;
    // Once alone, then three at once: the thread pool and the event loop are shared, and each writer's
    // compression keeps a different pace.
    const alone = await write(runs, budget, 'alone.sarif');
    expectValid(alone.bytes, alone.log, budget);
    const together = await Promise.all([1, 2, 3].map((i) => write(runs, budget, `same-${i}.sarif`)));
    const outputs = [alone, ...together].map((w) => w.bytes);
    const kept = [alone, ...together].map((w) =>
      w.log.runs.reduce((n, r) => n + (r.results?.length ?? 0), 0),
    );
    expect(kept[0]).toBeLessThan(3000);
    expect(new Set(kept).size).toBe(1);
    for (const bytes of outputs.slice(1)) expect(bytes.equals(outputs[0] as Buffer)).toBe(true);
  }, 60_000);
});
