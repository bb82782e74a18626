import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { MAX_ELEMENTS } from '../../../src/importers/json-slices.js';
import { expandImportFiles, readImports } from '../../../src/importers/read.js';
import { tempDir } from '../../helpers/cli.js';
import { FIXTURES, recordingLogger, userErrorMessage, userErrorMessageAsync } from './helpers.js';

function readAll(patterns: string[], format: Parameters<typeof readImports>[1] = 'auto') {
  const logger = recordingLogger();
  const results = expandImportFiles(patterns, FIXTURES).then((files) =>
    readImports(files, format, FIXTURES, logger),
  );
  return { logger, results };
}

/** Reads files written for the test into a folder of their own, removed afterwards. */
function readWritten(
  files: Record<string, string | Buffer>,
  format: Parameters<typeof readImports>[1] = 'auto',
  maxWholeBytes?: number,
) {
  const dir = tempDir();
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    return readImports(Object.keys(files), format, dir, recordingLogger(), {}, maxWholeBytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a large report, whose rows are read again from the file a window (8 MiB) at a time', () => {
  it('reads every row, in order, across windows and with a row larger than a window', () => {
    const MiB = 2 ** 20;
    // Rows of many sizes, one of 9 MiB, about 20 MiB in all: rows start and end at every place of a window.
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      issue_id: `XRAY-${i}`,
      severity: 'High',
      vulnerable_component: `npm://p${i}:1.0.0`,
      summary: i === 1500 ? 'x'.repeat(9 * MiB) : 'naïve 日本語 '.repeat((i * 37) % 1000),
    }));
    const [utf8] = readWritten({ 'big.json': JSON.stringify({ total_rows: rows.length, rows }) });
    expect(utf8?.findings.map((f) => f.id)).toEqual(rows.map((r) => r.issue_id));
    expect(utf8?.findings[1500]?.description).toHaveLength(9 * MiB);
    expect(utf8?.findings[2999]?.description).toBe(rows[2999]?.summary.trim());
    // UTF-16 is turned into UTF-8 in memory: its rows are read from that text, not the file.
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(JSON.stringify({ total_rows: 50, rows: rows.slice(0, 50) }), 'utf16le'),
    ]);
    const [fromUtf16] = readWritten({ 'utf16.json': utf16 });
    expect(fromUtf16?.findings.map((f) => f.id)).toEqual(rows.slice(0, 50).map((r) => r.issue_id));
  });
});

describe('readImports: files that read', () => {
  it('detects and reads one file, relative to cwd, and logs the format and counts', async () => {
    const { logger, results } = readAll(['xray-report_vulnerabilities.json']);
    const [result, ...rest] = await results;
    expect(rest).toEqual([]);
    expect(result?.scanner).toBe('xray');
    expect(result?.findings).toHaveLength(8);
    expect(result?.context.file).toBe('xray-report_vulnerabilities.json');
    expect(logger.lines.map((l) => `${l.level}: ${l.message}`)).toEqual([
      'info: xray-report_vulnerabilities.json: xray-report, 8 findings',
    ]);
  });

  it('logs policy violations when a file has them', async () => {
    const { logger, results } = readAll(['xray-report_violations.json', 'xray-simple-json.json']);
    await results;
    expect(logger.lines.map((l) => `${l.level}: ${l.message}`)).toEqual([
      'info: xray-report_violations.json: xray-report, 0 findings, 3 policy violations',
      'info: xray-simple-json.json: xray-simple-json, 6 findings, 3 policy violations',
    ]);
  });

  it('reads files of both scanners in one run, each detected on its own, in the order given', async () => {
    const results = await readAll(['dtrack-findings.json', 'xray-cli-json.json', 'dtrack-fpf-1.3.json'])
      .results;
    expect(results.map((r) => [r.context.file, r.scanner, r.findings.length])).toEqual([
      ['dtrack-findings.json', 'dependency-track', 4],
      ['xray-cli-json.json', 'xray', 7],
      ['dtrack-fpf-1.3.json', 'dependency-track', 4],
    ]);
  });

  it('expands a glob, sorted, and drops a file named twice', async () => {
    const results = await readAll(['dtrack-fpf-*.json', 'dtrack-fpf-1.1.json']).results;
    expect(results.map((r) => r.context.file)).toEqual([
      'dtrack-fpf-1.0.json',
      'dtrack-fpf-1.1.json',
      'dtrack-fpf-1.3.json',
    ]);
  });

  it('reads a file that starts with a UTF-8 byte-order mark', async () => {
    const [result] = await readAll(['xray-report_utf8-bom.json']).results;
    expect(result?.findings.map((f) => [f.id, f.component.packageName])).toEqual([['CVE-2017-20162', 'ms']]);
  });

  it('refuses Latin-1 bytes, also behind a UTF-8 byte-order mark, rather than read them as U+FFFD', () => {
    const text = readFileSync(path.join(FIXTURES, 'xray-report_utf8-bom.json'), 'utf8').replace(
      /^\ufeff/,
      '',
    );
    const latin1 = Buffer.from(text.replace('npm://ms:', 'npm://msß:'), 'latin1');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), latin1]);
    for (const [name, bytes] of [
      ['plain.json', latin1],
      ['bom.json', bom],
    ] as const)
      expect(userErrorMessage(() => readWritten({ [name]: bytes }))).toBe(
        `${name}: is not UTF-8, as JSON must be (it may be Latin-1 or Windows-1252); save it as UTF-8, for example with \`iconv -f windows-1252 -t utf-8\`.`,
      );
  });

  it('reads a UTF-16 file with its byte-order mark, as Windows PowerShell 5 writes `>` and Out-File', () => {
    const text = readFileSync(path.join(FIXTURES, 'xray-report_utf8-bom.json'), 'utf8');
    const littleEndian = Buffer.from(text, 'utf16le'); // The text's own U+FEFF becomes FF FE.
    const results = readWritten({ 'le.json': littleEndian, 'be.json': Buffer.from(littleEndian).swap16() });
    expect(results.map((r) => r.findings.map((f) => [f.id, f.component.packageName]))).toEqual([
      [['CVE-2017-20162', 'ms']],
      [['CVE-2017-20162', 'ms']],
    ]);
  });

  it('reads a UTF-16 file holding a lone surrogate (a damaged or cut file) as U+FFFD, as a UTF-8 file reads bad bytes', () => {
    const text = readFileSync(path.join(FIXTURES, 'xray-report_utf8-bom.json'), 'utf8');
    // The raw unit, not the `\ud83d` escape JSON would write: a half of a character cut from its other half.
    const damaged = text.replace('npm://ms:', 'npm://ms\ud83d:');
    const [result] = readWritten({ 'lone.json': Buffer.from(damaged, 'utf16le') });
    expect(result?.findings.map((f) => f.component.packageName)).toEqual(['ms\ufffd']);
  });

  it('reads a report as violations when a row after the first names a watch, each row parsed from the file again', () => {
    const rows = [
      { issue_id: 'XRAY-1', severity: 'High', vulnerable_component: 'npm://a:1.0.0' },
      { issue_id: 'XRAY-2', severity: 'Low', vulnerable_component: 'npm://b:1.0.0', watch_name: 'prod' },
    ];
    const [result] = readWritten({ 'violations.json': JSON.stringify({ total_rows: 2, rows }) });
    expect(result?.findings).toEqual([]);
    expect(result?.violations.map((v) => [v.subject, v.component])).toEqual([
      ['XRAY-1', 'npm://a:1.0.0'],
      ['XRAY-2', 'npm://b:1.0.0'],
    ]);
  });

  it('uses the named format instead of detection', async () => {
    const [result] = await readAll(['xray-graph-scan.json'], 'xray-cli-json').results;
    expect(result?.findings.map((f) => f.id)).toEqual(['CVE-2020-14343']);
  });
});

describe('readImports: files that do not read', () => {
  it('an empty file', async () => {
    const message = await userErrorMessageAsync(readAll(['bad_empty.json']).results);
    expect(message).toBe("bad_empty.json: the file is empty; export the scanner's findings as JSON.");
  });

  it('a file of only a byte-order mark and white space is empty too, UTF-8 as UTF-16', () => {
    const files = {
      'utf8.json': Buffer.from([0xef, 0xbb, 0xbf, 0x20, 0x0a]),
      'utf16.json': Buffer.from([0xff, 0xfe, 0x20, 0x00]),
    };
    for (const [name, bytes] of Object.entries(files)) {
      expect(userErrorMessage(() => readWritten({ [name]: bytes }))).toBe(
        `${name}: the file is empty; export the scanner's findings as JSON.`,
      );
    }
  });

  it('a truncated JSON file', async () => {
    const message = await userErrorMessageAsync(readAll(['bad_truncated.json']).results);
    expect(message).toMatch(/^bad_truncated\.json: not valid JSON \(.+\)\. The file may be truncated/);
  });

  it('an unrecognised shape, a SARIF file, a CycloneDX SBOM, mixed shapes and `[]`', async () => {
    const cases: [string, string][] = [
      ['bad_unknown-shape.json', 'not a recognised Dependency-Track or Xray export'],
      ['bad_sarif.json', 'this is already a SARIF log'],
      ['bad_cyclonedx.json', 'this is an SBOM'],
      // Read element by element: the first element decides the format, and the odd one out is named.
      ['bad_mixed.json', 'not a valid dtrack-findings file: 1.component: Invalid input'],
      ['bad_empty-array.json', 'found an empty array'],
    ];
    for (const [file, fragment] of cases) {
      const message = await userErrorMessageAsync(readAll([file]).results);
      expect(message.startsWith(`${file}: `), message).toBe(true);
      expect(message).toContain(fragment);
    }
  });

  it('a report whose total_rows differs from its rows, and a licence report', async () => {
    expect(await userErrorMessageAsync(readAll(['xray-report_partial-page.json']).results)).toContain(
      'holds 2 of its 5 rows (total_rows)',
    );
    expect(await userErrorMessageAsync(readAll(['xray-report_licenses.json']).results)).toContain(
      'this is an Xray licence report',
    );
  });

  it('a file that does not fit the format named with --import-format', async () => {
    const message = await userErrorMessageAsync(readAll(['dtrack-fpf-1.0.json'], 'xray-report').results);
    expect(message).toMatch(
      /^dtrack-fpf-1\.0\.json: does not have the shape of xray-report.*; check import-format/,
    );
  });

  it.each(['xray-cli-json', 'xray-simple-json'] as const)(
    'an object of another shape named as %s, rather than no findings',
    async (format) => {
      const message = await userErrorMessageAsync(readAll(['dtrack-fpf-1.0.json'], format).results);
      expect(message).toContain(`dtrack-fpf-1.0.json: does not have the shape of ${format}`);
    },
  );

  it('stops at the first bad file, naming it', async () => {
    const message = await userErrorMessageAsync(
      readAll(['dtrack-findings.json', 'bad_fpf-invalid-field.json', 'xray-summary.json']).results,
    );
    expect(message).toMatch(/^bad_fpf-invalid-field\.json: not a valid dtrack-fpf file: findings\.1\./);
  });

  it('a file that gives its findings array twice (JSON.parse would keep the last, a slicer the first)', () => {
    const finding = JSON.stringify(
      (
        JSON.parse(readFileSync(path.join(FIXTURES, 'dtrack-fpf-1.3.json'), 'utf8')) as {
          findings: unknown[];
        }
      ).findings[0],
    );
    const text = `{"version": "1.2", "meta": {}, "findings": [], "findings": [${finding}]}`;
    expect(userErrorMessage(() => readWritten({ 'twice.json': text }))).toBe(
      'twice.json: the key "findings" is given twice at the top of the document; JSON readers differ on which one counts, so findings could be lost. Export the file again, or remove the copy that does not belong.',
    );
  });

  it('a whole-document export that gives its findings key twice, at the top or in a scan response', () => {
    const summary = readFileSync(path.join(FIXTURES, 'xray-summary.json'), 'utf8').trim();
    expect(
      userErrorMessage(() => readWritten({ 's.json': `${summary.slice(0, -1)}, "artifacts": []}` })),
    ).toBe(
      's.json: the key "artifacts" is given twice at the top of the document; JSON readers differ on which one counts, so findings could be lost. Export the file again, or remove the copy that does not belong.',
    );
    const jf = readFileSync(path.join(FIXTURES, 'xray-cli-json.json'), 'utf8').trim();
    const twice = `${jf.slice(0, -1)}, {"scan_id": "x", "vulnerabilities": [{"issue_id": "XRAY-1"}], "vulnerabilities": []}]`;
    expect(userErrorMessage(() => readWritten({ 'jf.json': twice }))).toContain(
      'jf.json: the key "vulnerabilities" is given twice in one object (at [2]);',
    );
    // A file that is no export at all is told so first, whatever keys it repeats.
    expect(userErrorMessage(() => readWritten({ 'x.json': '{"a": 1, "a": 2}' }))).toContain(
      'x.json: not a recognised Dependency-Track or Xray export',
    );
    // Named as its format too, which parses the document whole.
    expect(userErrorMessage(() => readWritten({ 'jf.json': twice }, 'xray-cli-json'))).toContain(
      'the key "vulnerabilities" is given twice',
    );
  });

  it('a key given twice deeper down, where findings are lost as silently: in a finding, or in an artifact', () => {
    const fpf = JSON.parse(readFileSync(path.join(FIXTURES, 'dtrack-fpf-1.3.json'), 'utf8')) as {
      findings: { vulnerability: unknown }[];
    };
    // JSON.parse keeps the second vulnerability and loses the first.
    const finding = JSON.stringify(fpf.findings[0]).replace(
      '"vulnerability":',
      `"vulnerability": ${JSON.stringify(fpf.findings[1]?.vulnerability)}, "vulnerability":`,
    );
    const text = JSON.stringify({ ...fpf, findings: [] }).replace('"findings":[]', `"findings":[${finding}]`);
    for (const format of ['auto', 'dtrack-fpf'] as const) {
      expect(userErrorMessage(() => readWritten({ 'fpf.json': text }, format))).toBe(
        'fpf.json: the key "vulnerability" is given twice in one object (at findings[0]); JSON readers differ on which one counts, so findings could be lost. Export the file again, or remove the copy that does not belong.',
      );
    }
    const summary = JSON.parse(readFileSync(path.join(FIXTURES, 'xray-summary.json'), 'utf8')) as {
      artifacts: { issues: unknown[] }[];
    };
    const artifact = JSON.stringify(summary.artifacts[0]).replace('"issues":', '"issues": [], "issues":');
    const doubled = JSON.stringify({ ...summary, artifacts: [] }).replace(
      '"artifacts":[]',
      `"artifacts":[${artifact}]`,
    );
    expect(userErrorMessage(() => readWritten({ 's.json': doubled }))).toContain(
      's.json: the key "issues" is given twice in one object (at artifacts[0]);',
    );
  });

  it('a row whose key is no JSON (a bad escape, a raw tab), or no JSON where it repeats a key: not valid JSON', () => {
    const row = (keys: string) => `{"issue_id": "XRAY-1", "vulnerable_component": "npm://a:1", ${keys}}`;
    const report = (...rows: string[]) => `{"total_rows": ${rows.length}, "rows": [${rows.join(', ')}]}`;
    const wide = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`).join(', ');
    for (const [name, text] of [
      ['escape.json', report(row('"sum\\xmary": "s"'))],
      ['tab.json', report(row(`${wide}, "k\tey": 1`))],
      ['repeat.json', report(row('"a": 1'), row('"issue_id" "issue_id": 1'))],
    ] as const) {
      expect(userErrorMessage(() => readWritten({ [name]: text }))).toMatch(
        new RegExp(`^${name.replace('.', '\\.')}: not valid JSON \\(`),
      );
    }
  });

  it('an array of more elements than any export holds: refused, not a crash', () => {
    // `[0,0,…,0]` with one element more than the most.
    const zeros = Buffer.concat([Buffer.from('['), Buffer.alloc(2 * MAX_ELEMENTS, '0,'), Buffer.from('0]')]);
    const refusal =
      'zeros.json: the top-level array holds more than 10,000,000 elements, more than sca-bridge reads from one file and far more than a scanner exports. Check that this is the export you meant; split a real one into smaller files and import them together.';
    expect(userErrorMessage(() => readWritten({ 'zeros.json': zeros }))).toBe(refusal);
    // Named as a format read whole: parsed whole, and refused for its shape.
    expect(userErrorMessage(() => readWritten({ 'zeros.json': zeros }, 'xray-cli-json'))).toContain(
      'does not have the shape of xray-cli-json (found an array of 10000001 number values)',
    );
  });

  it('a top-level array of another shape is described by its length, not by the one element parsed', () => {
    const text = JSON.stringify(Array.from({ length: 64 }, (_, i) => ({ n: i })));
    expect(userErrorMessage(() => readWritten({ 'n.json': text }))).toContain(
      '(found an array of 64 object values)',
    );
    expect(userErrorMessage(() => readWritten({ 'n.json': text }, 'dtrack-findings'))).toContain(
      'does not have the shape of dtrack-findings (found an array of 64 object values)',
    );
  });

  describe('a file too long to parse whole (V8 holds at most 512 MiB of text; a smaller limit here)', () => {
    const MiB = 2 ** 20;
    const row = { issue_id: 'XRAY-1', severity: 'High', vulnerable_component: 'npm://a:1.0.0' };
    const rows = JSON.stringify(Array.from({ length: 20_000 }, () => row));

    it('a cut download, which the slicer cannot split: not valid JSON, not a crash', () => {
      const cut = `{"total_rows": 20000, "rows": ${rows}`.slice(0, MiB + 100);
      expect(userErrorMessage(() => readWritten({ 'cut.json': cut }, 'auto', MiB))).toBe(
        'cut.json: not valid JSON (the file ends inside its JSON document). The file may be truncated or not a JSON export; export it again as JSON.',
      );
    });

    it('a whole document of a format read whole: too large, with what to do', () => {
      const summary = JSON.stringify({ artifacts: [], pad: 'a'.repeat(MiB) });
      expect(userErrorMessage(() => readWritten({ 'big.json': summary }, 'auto', MiB))).toBe(
        'big.json: 2 MiB is too large to read as one JSON document (at most 1 MiB; only the findings arrays of dtrack-fpf, dtrack-findings, xray-report, xray-scans-export are read row by row). Split the export into smaller files and import them together.',
      );
    });

    it('a report read row by row is not held to it', () => {
      const [result] = readWritten({ 'report.json': `{"total_rows": 20000, "rows": ${rows}}` }, 'auto', MiB);
      expect(result?.findings).toHaveLength(20_000);
    });
  });

  it('a missing file and a directory', async () => {
    expect(await userErrorMessageAsync(readAll(['no-such-export.json']).results)).toBe(
      `Input import-file: cannot read no-such-export.json (in ${FIXTURES}): no such file.`,
    );
    const logger = recordingLogger();
    const parent = path.dirname(FIXTURES.replace(/[\\/]+$/, ''));
    expect(
      await userErrorMessageAsync(
        Promise.resolve().then(() => readImports(['exports'], 'auto', parent, logger)),
      ),
    ).toBe(
      "Input import-file: cannot read exports: it is a directory; name its exports, or a glob of them in quotes ('reports/*.json').",
    );
  });
});

describe('readImports: paths that are no regular file', () => {
  const dir = tempDir();
  const report = JSON.stringify({ total_rows: 0, rows: [] });
  writeFileSync(path.join(dir, 'a.json'), report);
  symlinkSync('/dev/zero', path.join(dir, 'z.json'));
  symlinkSync(path.join(dir, 'a.json'), path.join(dir, 'link.json'));
  execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const read = (patterns: string[]) =>
    expandImportFiles(patterns, dir).then((files) => readImports(files, 'auto', dir, recordingLogger()));

  it('refuses a glob match that links to a device, instead of reading it for ever', async () => {
    expect(await userErrorMessageAsync(read(['*.json']))).toBe(
      'Input import-file: cannot read z.json: it is a device, not a file; save the export to a file and name that.',
    );
  });

  it('refuses a device named as such, rather than calling it an empty file', async () => {
    expect(await userErrorMessageAsync(read(['/dev/null']))).toBe(
      'Input import-file: cannot read /dev/null: it is a device, not a file; save the export to a file and name that.',
    );
  });

  it('refuses a named pipe without waiting for a writer', async () => {
    expect(await userErrorMessageAsync(read(['pipe.json']))).toBe(
      'Input import-file: cannot read pipe.json: it is a named pipe, not a file; save the export to a file and name that.',
    );
  });

  it('reads a symbolic link to a regular file', async () => {
    expect((await read(['link.json'])).map((r) => r.context.file)).toEqual(['link.json']);
  });

  it('reads a file named again through a link or another spelling once, under the first name, and says so', () => {
    const logger = recordingLogger();
    const results = readImports(['link.json', 'a.json', './a.json'], 'auto', dir, logger);
    expect(results.map((r) => r.context.file)).toEqual(['link.json']);
    expect(logger.lines.map((l) => `${l.level}: ${l.message}`)).toEqual([
      'info: link.json: xray-report, 0 findings',
      'info: a.json: the same file as link.json, read once',
      'info: ./a.json: the same file as link.json, read once',
    ]);
  });
});

describe('expandImportFiles', () => {
  it('keeps plain paths as given and expands globs relative to cwd', async () => {
    expect(await expandImportFiles(['a.json', 'xray-report_*.json'], FIXTURES)).toEqual([
      'a.json',
      'xray-report_empty.json',
      'xray-report_licenses.json',
      'xray-report_partial-page.json',
      'xray-report_utf8-bom.json',
      'xray-report_violations.json',
      'xray-report_vulnerabilities.json',
    ]);
  });

  it("leaves out the outputs that hold this run's earlier reports or nothing, and keeps one that holds an export", async () => {
    const dir = tempDir();
    const files = {
      'sarif.json': '{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[',
      'dependencies.json':
        '{\n"version": "15.2.1",\n"schema": "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.2.1/dist/dependency-scanning-report-format.json",',
      'quality.json': '[\n{"description":"lodash@4.17.20 is affected","check_name":"CVE-2021-23337",',
      'no-issues.json': '[]\n',
      'summary.json': '{\n  "status": "error",\n  "mode": "import",',
      'empty.json': '',
      'export.json': readFileSync(path.join(FIXTURES, 'xray-report_vulnerabilities.json')),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    // SARIF may be written to a named pipe: looked at without waiting for a writer.
    execFileSync('mkfifo', [path.join(dir, 'pipe.json')]);
    try {
      expect(await expandImportFiles(['*.json'], dir, [...Object.keys(files), 'pipe.json'])).toEqual([
        'export.json',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves out, saying so, the reports sca-bridge writes that a glob matches anywhere (an earlier job's)", async () => {
    const dir = tempDir();
    const files = {
      'sca-bridge-summary.json': '{\n  "status": "passed",\n  "mode": "import",',
      // As Windows PowerShell 5's `>` saves it: UTF-16 with its byte-order mark.
      'summary-ps.json': Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('{\r\n  "status": "failed",\r\n  "mode": "scan",', 'utf16le'),
      ]),
      'sca-bridge.sarif.json':
        '{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[',
      'gl-dependency-scanning-report.json':
        '{\n"version": "15.2.1",\n"schema": "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.2.1/dist/dependency-scanning-report-format.json",',
      'gl-code-quality-report.json':
        '[\n{"description":"lodash@4.17.20 is affected","check_name":"CVE-2021-23337",',
      // A clean run's code-quality report, by the name the GitLab component gives it.
      'sub/gl-code-quality-report.json': '[]',
      // A Dependency-Track project without findings: an export, though a code-quality report may read the same.
      'dt-none.json': '[]',
      'export.json': readFileSync(path.join(FIXTURES, 'xray-report_vulnerabilities.json')),
      // Exports whose first keys merely look like a report's: read, never left out.
      'schema-first.json': JSON.stringify({
        $schema: 'https://example.com/xray-sarif-compat.json',
        total_rows: 0,
        rows: [],
      }),
      'description-first.json': JSON.stringify([
        { description: 'x', component: {}, vulnerability: { check_name: 'not a report' } },
      ]),
    };
    mkdirSync(path.join(dir, 'sub'));
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    const logger = recordingLogger();
    try {
      expect(await expandImportFiles(['**/*.json'], dir, [], logger)).toEqual([
        'description-first.json',
        'dt-none.json',
        'export.json',
        'schema-first.json',
      ]);
      expect(logger.lines).toEqual([
        {
          level: 'info',
          message:
            'The pattern "**/*.json" also matches gl-code-quality-report.json, gl-dependency-scanning-report.json, sca-bridge-summary.json, sca-bridge.sarif.json, sub/gl-code-quality-report.json (and 1 more): left out, as reports sca-bridge writes (SARIF, GitLab reports or run summaries, perhaps an earlier job\'s), not exports.',
        },
      ]);
      // Named, a report is not left out: it is read and refused for what it is.
      expect(await expandImportFiles(['sca-bridge-summary.json'], dir)).toEqual(['sca-bridge-summary.json']);
      expect(await userErrorMessageAsync(expandImportFiles(['sca-bridge*.json'], dir))).toContain(
        'matches no file in',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('looks at the head of each glob match in linear time (120 files of an unclosed "$schema": "sarif…" string)', async () => {
    // A regex that backtracked once per `sarif` took 0.6 s a file: past vitest's timeout here.
    const dir = tempDir();
    const head = `{"$schema":"${'sarif'.repeat(13_000)}`;
    for (let i = 0; i < 120; i++) writeFileSync(path.join(dir, `h${i}.json`), head);
    try {
      expect(await expandImportFiles(['*.json'], dir)).toHaveLength(120);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an empty name before reading any file, rather than read the folder it resolves to', async () => {
    for (const name of ['', '  '])
      expect(await userErrorMessageAsync(expandImportFiles(['a.json', name], FIXTURES))).toBe(
        `Input import-file: a file name is empty (${JSON.stringify(name)}); name the export file or glob (an unset variable in \`import "$FILE"\` gives an empty one).`,
      );
  });

  it('rejects a glob that matches nothing, naming the input and the directory', async () => {
    const error = await expandImportFiles(['nothing-*.json'], FIXTURES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      `Input import-file: the pattern "nothing-*.json" matches no file in ${FIXTURES}.`,
    );
  });
});
