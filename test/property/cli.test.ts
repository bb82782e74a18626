import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { Log } from 'sarif';
import { plural } from '../../src/wording.js';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { UserError } from '../../src/errors.js';
import type { Severity } from '../../src/findings/severity.js';
import { IMPORT_FORMATS, type ImportFormatName } from '../../src/importers/formats.js';
import { readImports } from '../../src/importers/read.js';
import { CLI, runCli, tempDir } from '../helpers/cli.js';
import { githubSarifProblems } from '../helpers/github-sarif-rules.js';
import { MemoryLogger } from '../helpers/memory-logger.js';
import { expectSchemaValid, runSummaryOf } from '../helpers/schemas.js';
import {
  anyGenerated,
  assertProperty,
  countInput,
  exportName,
  arbitraryJson,
  expectedCollapse,
  type ExpectedCollapsed,
  GENERATORS,
  mutatedDoc,
  ONE_FINDING,
  summarise,
} from './helpers.js';

// The built CLI on files fast-check generates (GitHub issue 8): exit 0 with every finding counted, or exit 2
// with an `error:` line naming the file — never 1 without a gate, 3, 4 or a hang. About 115 runs in all: the
// tests run concurrently (vitest's limit, 5 at a time), so CLI processes start while others wait on theirs.

/** Runs per format of the valid documents. */
const VALID_RUNS = 8;
/** Runs of mutated, arbitrary and truncated files, besides the examples. */
const MUTATED_RUNS = 36;
/** Runs of file names. */
const NAME_RUNS = 10;

/** How long one CLI run may take before it counts as a hang. */
const RUN_LIMIT_MS = 10_000;

interface Summary {
  status: string;
  scanner: string | null;
  counts: Record<Severity | 'total' | 'suppressed', number>;
  policyViolations: number;
  error?: { message: string; exitCode: number };
}

/** Counts the `--json` summary must show for these distinct findings. */
function expectedCounts(collapsed: ReadonlyMap<string, ExpectedCollapsed>): Summary['counts'] {
  const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0, total: 0, suppressed: 0 };
  for (const { severity, suppressed } of collapsed.values()) {
    if (suppressed) counts.suppressed += 1;
    else {
      counts[severity] += 1;
      counts.total += 1;
    }
  }
  return counts;
}

/** Documents of the formats read row by row, each with one row its schema refuses (and others it reads). */
const ROW_REFUSED: unknown[] = [
  [
    { component: { name: 'a', version: '1.0.0' }, vulnerability: { vulnId: 'CVE-2021-44228' } },
    { component: { name: 'b', version: '1.0.0' }, vulnerability: null },
  ],
  {
    total_rows: 2,
    rows: [
      { issue_id: 'XRAY-1', vulnerable_component: 'npm://a:1.0.0' },
      { issue_id: 'XRAY-2', cves: 7 },
    ],
  },
  {
    meta: { baseUrl: null },
    findings: [
      { component: { name: 'a' }, vulnerability: { vulnId: 'SNYK-1' } },
      { component: 5, vulnerability: { vulnId: 'SNYK-2' } },
    ],
  },
  {
    total_count: 2,
    data: [
      { id: 'XRAY-1', component: 'a' },
      { id: 'XRAY-2', component_versions: [] },
    ],
  },
];

/**
 * The log's `<file>: <format>, <n> finding(s)[, <m> policy violation(s)]` line (before collapse) against the rows
 * of the file, counted by the test (`countInput`), and the distinct findings of the summary against it: a
 * row dropped rather than refused fails here, though the library and the CLI would agree on the rest.
 */
function expectEveryRowCounted(stderr: string, file: string, text: string, summary: Summary): void {
  const line = stderr.split('\n').find((l) => l.startsWith(`${file}: `)) ?? '';
  const match = /^\S+: (\S+), (\d+) findings?(?:, (\d+) policy violations?)?$/.exec(line);
  expect(match, `the log says what was read: ${stderr}`).not.toBeNull();
  const [, format = '', findings = '0', violations = '0'] = match ?? [];
  expect(IMPORT_FORMATS).toContain(format);
  const input = countInput(format as ImportFormatName, JSON.parse(text) as unknown);
  expect(input.mustRefuse, `${format}: read, though the read must refuse it`).toBeUndefined();
  expect(Number(findings), `findings read against the rows of ${format}`).toBe(input.findings);
  expect(Number(violations), `violations read against the rows of ${format}`).toBe(input.violations);
  // Collapse only merges: at most one distinct finding per finding read, and at least one if any was read.
  const distinct = summary.counts.total + summary.counts.suppressed;
  expect(distinct).toBeLessThanOrEqual(input.findings);
  expect(distinct >= 1).toBe(input.findings >= 1);
}

let root: string;
let n = 0;

/** A fresh working directory holding only the export, so every finding falls back to the same file. */
function writeExport(text: string, name = 'export.json'): { cwd: string; file: string; sarif: string } {
  const cwd = path.join(root, `run-${n}`);
  mkdirSync(cwd);
  const file = name;
  writeFileSync(path.join(cwd, file), text);
  const sarif = path.join(root, `out-${n}.sarif`);
  n += 1;
  return { cwd, file, sarif };
}

async function importWithCli(text: string, includeSuppressed: boolean, name?: string) {
  const { cwd, file, sarif } = writeExport(text, name);
  const args = [
    'import',
    file,
    '--sarif-file',
    sarif,
    '--json',
    ...(includeSuppressed ? ['--include-suppressed'] : []),
  ];
  const started = Date.now();
  const run = await runCli(args, { cwd });
  expect(Date.now() - started, 'one CLI run (a hang otherwise)').toBeLessThan(RUN_LIMIT_MS);
  // Only 0 (no gate, so never 1) or 2: 3 is for scanners' APIs, 4 is a bug.
  expect([0, 2], run.stderr).toContain(run.code);
  // Whatever the outcome, the summary is one the run-summary schema accepts.
  const summary = runSummaryOf<Summary>(run.stdout);
  return { ...run, summary, cwd, file, sarif };
}

/**
 * The SARIF of a successful run: valid, accepted by GitHub, one result per reported finding. `test`: the
 * (concurrent) test's context.
 */
function expectSarifMatches(
  test: TestContext,
  sarifFile: string,
  summary: Summary,
  scanner: string,
  includeSuppressed: boolean,
) {
  const log = JSON.parse(readFileSync(sarifFile, 'utf8')) as Log;
  expect(githubSarifProblems(log)).toEqual([]);
  expectSchemaValid('sarif-schema-2.1.0.json', log, test);
  expect(log.runs).toHaveLength(1);
  expect(log.runs[0]?.tool.driver.name).toBe(scanner === 'xray' ? 'JFrog Xray' : 'Dependency-Track');
  const results = log.runs[0]?.results ?? [];
  expect(results).toHaveLength(summary.counts.total + (includeSuppressed ? summary.counts.suppressed : 0));
  expect(results.filter((r) => r.suppressions?.length).length).toBe(
    includeSuppressed ? summary.counts.suppressed : 0,
  );
}

beforeAll(() => {
  expect(existsSync(CLI), `${CLI} is missing: run npm run build`).toBe(true);
  root = tempDir('sca-bridge-property-cli-');
});

afterAll(() => {
  // A CLI run cut off by the time limit may still be writing there: retry while the folder empties.
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

describe.concurrent(
  'sca-bridge import on valid documents: exit 0, every distinct finding counted, SARIF to match',
  () => {
    for (const { name, arb } of GENERATORS) {
      it(`${name}`, async (test) => {
        await assertProperty(
          fc.asyncProperty(
            arb,
            fc.boolean(),
            fc.constantFrom(0, 2),
            async (generated, includeSuppressed, indent) => {
              const run = await importWithCli(JSON.stringify(generated.doc, null, indent), includeSuppressed);
              expect(run.code, run.stderr).toBe(0);
              const collapsed = expectedCollapse(generated.findings);
              expect(run.summary.counts).toEqual(expectedCounts(collapsed));
              expect(run.summary.counts.total + run.summary.counts.suppressed).toBe(collapsed.size);
              expect(run.summary.status).toBe('passed');
              expect(run.summary.scanner).toBe(generated.scanner);
              expect(run.summary.policyViolations).toBe(generated.failingViolations);
              expect(run.stderr).toContain(
                `${run.file}: ${generated.format}, ${plural(generated.findings.length, 'finding')}`,
              );
              expectSarifMatches(test, run.sarif, run.summary, generated.scanner, includeSuppressed);
            },
          ),
          VALID_RUNS,
        );
      }, 60_000);
    }
  },
);

describe.concurrent(
  'sca-bridge import on mutated, arbitrary and truncated files: exit 0 as the library reads them, or exit 2',
  () => {
    it('agrees with an in-process read and counts every row of the file: same findings counted, or a refusal naming the file', async (test) => {
      // Mostly mutated documents, which mostly convert (`mutationsArb`), so most runs count the findings.
      const texts = fc.oneof(
        { weight: 8, arbitrary: mutatedDoc.map((m) => JSON.stringify(m.doc, null, 2)) },
        { weight: 1, arbitrary: arbitraryJson.map((doc) => JSON.stringify(doc)) },
        {
          weight: 1,
          arbitrary: fc
            .tuple(anyGenerated, fc.nat())
            .map(([g, cut]) => JSON.stringify(g.doc).slice(0, cut % (JSON.stringify(g.doc).length + 1))),
        },
      );
      await assertProperty(
        fc.asyncProperty(texts, fc.boolean(), async (text, includeSuppressed) => {
          const run = await importWithCli(text, includeSuppressed);
          // What the library makes of the same file, in this process.
          let expected: ReturnType<typeof expectedCollapse> | undefined;
          let scanner = '';
          try {
            const [result] = await readImports([run.file], 'auto', run.cwd, new MemoryLogger());
            expected = expectedCollapse((result?.findings ?? []).map(summarise));
            scanner = result?.scanner ?? '';
          } catch (error) {
            if (!(error instanceof UserError)) throw error;
          }
          if (expected) {
            expect(run.code, run.stderr).toBe(0);
            expect(run.summary.counts).toEqual(expectedCounts(expected));
            expect(run.summary.counts.total + run.summary.counts.suppressed).toBe(expected.size);
            expectSarifMatches(test, run.sarif, run.summary, scanner, includeSuppressed);
            expectEveryRowCounted(run.stderr, run.file, text, run.summary);
          } else {
            expect(run.code, run.stderr).toBe(2);
            expect(
              run.stderr.split('\n').some((line) => line.startsWith(`error: ${run.file}: `)),
              run.stderr,
            ).toBe(true);
            expect(run.summary.status).toBe('error');
            expect(run.summary.error?.exitCode).toBe(2);
            expect(existsSync(run.sarif)).toBe(false);
          }
        }),
        // The examples count among the runs: 4 files with one row the format's schema refuses (exit 2, never the
        // other rows alone), then the generated ones.
        MUTATED_RUNS + ROW_REFUSED.length,
        ROW_REFUSED.map((doc) => [JSON.stringify(doc, null, 2), false]),
      );
    }, 60_000);
  },
);

describe.concurrent('sca-bridge import of an export by any file name', () => {
  it('reads it (a name is a literal path before it is a glob) and writes SARIF whose locations are URI references', async (test) => {
    await assertProperty(
      fc.asyncProperty(exportName, async (name) => {
        const run = await importWithCli(JSON.stringify(ONE_FINDING, null, 2), false, name);
        expect(run.code, run.stderr).toBe(0);
        expect(run.summary.counts.total).toBe(1);
        // The export is the only file, so it is the fallback location: its name must be a URI reference.
        expectSarifMatches(test, run.sarif, run.summary, 'xray', false);
      }),
      NAME_RUNS,
    );
  }, 60_000);
});
