import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { plural } from '../../src/wording.js';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/importers/detect.js';
import { IMPORT_FORMATS } from '../../src/importers/formats.js';
import { formatNamed } from '../../src/importers/index.js';
import { readImports } from '../../src/importers/read.js';
import { tempDir } from '../helpers/cli.js';
import { MemoryLogger } from '../helpers/memory-logger.js';
import {
  anyGenerated,
  exportName,
  arbitraryJson,
  assertProperty,
  expectCollapseKeepsEveryIdentity,
  expectCountsMatchInput,
  expectedCollapse,
  expectSoundResult,
  expectValidSarif,
  expectWellFormed,
  GENERATORS,
  identityOfFinding,
  mutatedDoc,
  mutatedDocOf,
  ONE_FINDING,
  readOrUserError,
  summarise,
} from './helpers.js';

// Property-based tests of every importer (GitHub issue 8): valid documents convert exactly, and anything else
// converts to valid SARIF or is refused with a UserError naming the file — never another exception.
// FC_SEED / FC_PATH replay a failure fast-check reports; FC_RUNS multiplies the run counts.

/** A file name with what trips naive code: a folder, a space, non-ASCII. */
const FILE = 'exports/ファイル 1.json';
const TIMEOUT = 60_000;
/** The share of mutated documents that must be read (their counts checked) rather than refused. */
const MIN_READ_SHARE = 0.25;

/** As a file would hold it: JSON drops undefined and writes -0 as 0. */
function asJson(doc: unknown): unknown {
  return JSON.parse(JSON.stringify(doc));
}

/** Temporary folders of the file properties, removed at the end. */
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** A document this size takes a few milliseconds; seconds mean a catastrophic regex or a loop (loaded CI included). */
const READ_BUDGET_MS = 10_000;

/** Auto-detection then reading, the way `import` does it; anything but a UserError propagates. */
function detectAndRead(doc: unknown) {
  const started = performance.now();
  const read = readOrUserError(() => {
    const format = detectFormat(doc, FILE);
    return { format, result: format.read(doc, FILE) };
  }, FILE);
  expect(performance.now() - started).toBeLessThan(READ_BUDGET_MS);
  return read;
}

/**
 * Reads `doc` as `import` would; a document read must give a sound result with every row of the input
 * counted (`expectCountsMatchInput`). Says whether it was read (rather than refused).
 */
function readSoundly(doc: unknown): boolean {
  const read = detectAndRead(doc);
  if (!read) return false;
  expectSoundResult(read.result, read.format.scanner);
  expectCountsMatchInput(read.format.name, doc, read.result);
  return true;
}

describe('valid documents of every format convert exactly', () => {
  for (const { name, arb } of GENERATORS) {
    it(
      `${name}: detected as that format, one finding per sighting with the canonical id, collapse keeps every identity, valid SARIF`,
      async () => {
        await assertProperty(
          fc.property(arb, (generated) => {
            const doc = asJson(generated.doc);
            const format = detectFormat(doc, FILE);
            expect(format.name).toBe(generated.format);
            expect(format.scanner).toBe(generated.scanner);

            const result = format.read(doc, FILE);
            expectWellFormed(result, generated.scanner);
            expect(result.findings.map(summarise)).toEqual(generated.findings);
            expect(result.violations).toHaveLength(generated.violations);
            expect(result.violations.filter((v) => v.state === 'FAIL')).toHaveLength(
              generated.failingViolations,
            );
            expect(result.context.file).toBe(FILE);

            // The count invariant: distinct (canonical id, ecosystem, package, version) of the input, worked
            // out from the generated model, equals the findings after collapse; severities and suppression
            // are the most severe sighting's and "every sighting suppressed".
            const collapsed = expectCollapseKeepsEveryIdentity(result.findings);
            const expected = expectedCollapse(generated.findings);
            expect(collapsed).toHaveLength(expected.size);
            expect(
              new Map(
                collapsed.map((f) => [
                  identityOfFinding(f),
                  { severity: f.severity, suppressed: f.suppressed },
                ]),
              ),
            ).toEqual(expected);

            expectValidSarif(collapsed, generated.scanner);
            expectCountsMatchInput(generated.format, doc, result);
          }),
          200,
        );
      },
      TIMEOUT,
    );
  }
});

describe('mutated documents convert soundly or are refused with a UserError', () => {
  for (const { name, arb } of GENERATORS) {
    it(
      `${name} with keys deleted or renamed, values replaced by null, numbers, strings, arrays or objects, arrays truncated or repeated, nodes wrapped in arrays: every row counted`,
      async () => {
        let read = 0;
        const { numRuns } = await assertProperty(
          fc.property(mutatedDocOf(arb), (mutated) => {
            if (readSoundly(asJson(mutated))) read += 1;
          }),
          200,
        );
        // The mutations are mostly gentle (`mutationsArb`): about half the documents or more are read, and
        // their counts checked. A few read would leave the count invariant barely tested.
        expect(read, `mutated documents read rather than refused, of ${numRuns}`).toBeGreaterThanOrEqual(
          Math.ceil(numRuns * MIN_READ_SHARE),
        );
      },
      TIMEOUT,
    );
  }
});

describe('arbitrary JSON converts soundly or is refused with a UserError', () => {
  it(
    'fc.jsonValue, fc.anything kept to JSON, and objects with the keys detection looks at',
    async () => {
      await assertProperty(
        fc.property(arbitraryJson, (doc) => {
          readSoundly(doc);
        }),
        300,
      );
    },
    TIMEOUT,
  );

  it(
    'every document read with every --import-format, detected or not',
    async () => {
      const docs = fc.oneof(
        anyGenerated.map((g) => g.doc),
        mutatedDoc.map((m) => m.doc),
        arbitraryJson,
      );
      await assertProperty(
        fc.property(docs, fc.constantFrom(...IMPORT_FORMATS), (raw, name) => {
          const doc = asJson(raw);
          const format = formatNamed(name);
          const result = readOrUserError(() => format.read(doc, FILE), FILE);
          if (!result) return;
          expectSoundResult(result, format.scanner);
          expectCountsMatchInput(name, doc, result);
        }),
        200,
      );
    },
    TIMEOUT,
  );
});

/** The file's bytes: UTF-16 as Windows PowerShell 5 writes it (the text starts with its byte-order mark). */
function encoded(text: string, encoding: 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be'): Buffer {
  if (encoding === 'utf16le') return Buffer.from(text, 'utf16le');
  if (encoding === 'utf16be') return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(text, 'utf8');
}

describe('files: readImports reads, refuses or detects, never crashes', () => {
  it(
    'valid, mutated, BOM-prefixed, UTF-16, indented, truncated or empty files',
    async () => {
      const dir = tempDir('sca-bridge-property-');
      folders.push(dir);
      mkdirSync(path.join(dir, 'exports'), { recursive: true });
      let n = 0;
      await assertProperty(
        fc.asyncProperty(
          fc.oneof(
            anyGenerated.map((g) => ({ doc: g.doc, expected: g })),
            mutatedDoc.map((m) => ({ doc: m.doc, expected: undefined })),
          ),
          fc.record({
            encoding: fc.constantFrom('utf8', 'utf8-bom', 'utf16le', 'utf16be'),
            indent: fc.constantFrom(0, 2, '\t'),
            cut: fc.option(fc.nat(), { nil: undefined, freq: 3 }),
          }),
          async ({ doc, expected }, { encoding, indent, cut }) => {
            const full = JSON.stringify(doc, null, indent);
            const text = `${encoding === 'utf8' ? '' : '\ufeff'}${cut === undefined ? full : full.slice(0, cut % (full.length + 1))}`;
            const file = `exports/${n++} ファイル.json`;
            writeFileSync(path.join(dir, file), encoded(text, encoding));
            const logger = new MemoryLogger();
            let results;
            try {
              results = await readImports([file], 'auto', dir, logger);
            } catch (error) {
              readOrUserError(() => {
                throw error;
              }, file);
              // A whole valid document is never refused.
              expect(expected === undefined || cut !== undefined).toBe(true);
              return;
            }
            expect(results).toHaveLength(1);
            const [result] = results;
            if (!result) return;
            expectSoundResult(result, result.scanner);
            if (expected && cut === undefined) {
              expect(result.findings.map(summarise)).toEqual(expected.findings);
              expect(result.violations).toHaveLength(expected.violations);
            }
            const read = asJson(JSON.parse(text.replace(/^\ufeff/, '')));
            const format = detectFormat(read, file).name;
            expectCountsMatchInput(format, read, result);
            expect(logger.lines.map((l) => l.message)).toContain(
              `${file}: ${format}, ${plural(result.findings.length, 'finding')}${result.violations.length ? `, ${plural(result.violations.length, 'policy violation')}` : ''}`,
            );
          },
        ),
        100,
      );
    },
    TIMEOUT,
  );
});

describe('files: an existing file is read by its name, whatever the name', () => {
  it('names with spaces, brackets, `!`, `(1)` and non-ASCII letters are paths, not globs that match nothing', async () => {
    const dir = tempDir('sca-bridge-property-names-');
    folders.push(dir);
    let n = 0;
    await assertProperty(
      fc.asyncProperty(exportName, async (name) => {
        // A folder per name, so a name that is also a glob can match nothing else.
        const folder = path.join(dir, String(n++));
        mkdirSync(folder);
        writeFileSync(path.join(folder, name), JSON.stringify(ONE_FINDING));
        const results = await readImports([name], 'auto', folder, new MemoryLogger());
        expect(results.map((r) => [r.context.file, r.findings.length])).toEqual([[name, 1]]);
      }),
      100,
    );
  });
});

/**
 * One property per crack the broad properties above found, each on the smallest document that reaches the
 * field, so fast-check shrinks to a minimal counterexample. They pass once src handles the value.
 */
describe('narrow properties: one field, any value', () => {
  const dtFinding = (vulnerability: Record<string, unknown>) => [
    { component: { name: 'a', version: '1.0.0' }, vulnerability: { vulnId: 'SNYK-1', ...vulnerability } },
  ];
  const fpf = (baseUrl: unknown, vulnerability: Record<string, unknown>) => ({
    meta: { baseUrl },
    findings: dtFinding(vulnerability),
  });
  const run = (doc: unknown) => {
    readSoundly(asJson(doc));
  };

  it('Dependency-Track `published`: any number (the API writes epoch milliseconds)', async () => {
    await assertProperty(
      fc.property(
        fc.oneof(fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true })),
        (published) => run(dtFinding({ published })),
      ),
      200,
    );
  });

  it('Dependency-Track `source` and `vulnId`: any text, with a base URL to link to', async () => {
    await assertProperty(
      fc.property(
        fc.constantFrom('source', 'vulnId'),
        // UTF-16 code units, lone surrogates included: JSON carries them (`"\\ud800"`).
        fc.string({ unit: fc.nat(0xffff).map((unit) => String.fromCharCode(unit)), maxLength: 8 }),
        (field, text) => run(fpf('https://dtrack.example.org/', { source: 'SNYK', [field]: text })),
      ),
      200,
    );
  });

  it('CVSS scores: any number a file holds gives a security-severity GitHub accepts (0–10)', async () => {
    const docs: Record<string, (score: number) => unknown> = {
      'dtrack cvssV3BaseScore': (score) => dtFinding({ cvssV3BaseScore: score }),
      'dtrack cvssV4Score': (score) => dtFinding({ cvssV4Score: score }),
      'xray-report cvss_v3_score': (score) => ({
        total_rows: 1,
        rows: [
          { issue_id: 'XRAY-1', vulnerable_component: 'npm://a:1.0.0', cves: [{ cvss_v3_score: score }] },
        ],
      }),
      'xray-simple-json cvssV3 (text)': (score) => ({
        vulnerabilities: [
          {
            impactedPackageName: 'a',
            impactedPackageVersion: '1.0.0',
            issueId: 'XRAY-1',
            cves: [{ cvssV3: String(score) }],
          },
        ],
        securityViolations: null,
      }),
    };
    await assertProperty(
      fc.property(
        fc.constantFrom(...Object.keys(docs)),
        fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
        (name, score) => run(docs[name]?.(score)),
      ),
      200,
    );
  });

  it('links: any Dependency-Track base URL gives a helpUri that is a URI', async () => {
    await assertProperty(
      fc.property(fc.oneof(fc.constantFrom('dtrack.example.org'), fc.string({ maxLength: 8 })), (baseUrl) =>
        run(fpf(baseUrl, { source: 'SNYK' })),
      ),
      100,
    );
  });

  it('links: any Xray reference gives a helpUri that is a URI', async () => {
    await assertProperty(
      fc.property(fc.string({ maxLength: 8 }), (text) =>
        run({
          total_rows: 1,
          rows: [
            { issue_id: 'XRAY-1', vulnerable_component: 'npm://a:1.0.0', references: [`https://${text}`] },
          ],
        }),
      ),
      100,
    );
  });
});
