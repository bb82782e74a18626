import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/importers/detect.js';
import { IMPORT_FORMATS } from '../../../src/importers/formats.js';
import { FORMATS } from '../../../src/importers/index.js';
import { fixture, userErrorMessage } from './helpers.js';

const ACCEPTED =
  'Accepted formats: dtrack-fpf, dtrack-findings, xray-report, xray-scans-export, xray-summary, xray-cli-json, xray-simple-json';

describe('detectFormat: every export shape is recognised as exactly one format', () => {
  it.each([
    ['dtrack-fpf-1.0.json', 'dtrack-fpf', 'dependency-track'],
    ['dtrack-fpf-1.1.json', 'dtrack-fpf', 'dependency-track'],
    ['dtrack-fpf-1.3.json', 'dtrack-fpf', 'dependency-track'],
    ['dtrack-findings.json', 'dtrack-findings', 'dependency-track'],
    ['xray-report_vulnerabilities.json', 'xray-report', 'xray'],
    ['xray-report_violations.json', 'xray-report', 'xray'],
    ['xray-report_licenses.json', 'xray-report', 'xray'],
    ['xray-report_partial-page.json', 'xray-report', 'xray'],
    ['xray-report_empty.json', 'xray-report', 'xray'],
    ['xray-scans-export.json', 'xray-scans-export', 'xray'],
    ['xray-summary.json', 'xray-summary', 'xray'],
    ['xray-cli-json.json', 'xray-cli-json', 'xray'],
    ['xray-graph-scan.json', 'xray-cli-json', 'xray'],
    ['xray-simple-json.json', 'xray-simple-json', 'xray'],
  ])('%s → %s', (name, format, scanner) => {
    const doc = fixture(name);
    const detected = detectFormat(doc, name);
    expect(detected.name).toBe(format);
    expect(detected.scanner).toBe(scanner);
    expect(FORMATS.filter((f) => f.matches(doc)).map((f) => f.name)).toEqual([format]);
  });

  it('registers every format named in IMPORT_FORMATS, once, in that order', () => {
    expect(FORMATS.map((f) => f.name)).toEqual([...IMPORT_FORMATS]);
  });
});

describe('detectFormat: rejections name what was found and what is accepted', () => {
  it('an unknown shape: lists its keys and the accepted formats', () => {
    const message = userErrorMessage(() =>
      detectFormat(fixture('bad_unknown-shape.json'), 'bad_unknown-shape.json'),
    );
    expect(message).toBe(
      `bad_unknown-shape.json: not a recognised Dependency-Track or Xray export (found an object with keys results, generatedBy). ${ACCEPTED}; see the README's "Supported formats" for where each comes from, or name one with import-format.`,
    );
  });

  it('an array mixing DT findings and Xray scan responses matches neither format', () => {
    const message = userErrorMessage(() => detectFormat(fixture('bad_mixed.json'), 'bad_mixed.json'));
    expect(message).toContain('bad_mixed.json: not a recognised Dependency-Track or Xray export');
    expect(message).toContain('found an array of 2 object values');
    expect(message).toContain(ACCEPTED);
  });

  it('`[]`: says it is an empty array', () => {
    const message = userErrorMessage(() =>
      detectFormat(fixture('bad_empty-array.json'), 'bad_empty-array.json'),
    );
    expect(message).toContain('bad_empty-array.json: not a recognised Dependency-Track or Xray export');
    expect(message).toContain(
      '(found an empty array; an empty Dependency-Track findings list imports with import-format dtrack-findings)',
    );
    expect(message).toContain(ACCEPTED);
  });

  it.each([
    [{}, 'found an empty object'],
    [null, 'found a JSON null'],
    ['findings', 'found a JSON string'],
    [42, 'found a JSON number'],
    [[1, 2, 3], 'found an array of 3 number values'],
    [[[[]], []], 'found an array of 2 array values'],
    [[null], 'found an array of 1 null values'],
    [
      { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9 },
      'found an object with keys a, b, c, d, e, f, g, h, …',
    ],
  ])('describes %j', (doc, found) => {
    const message = userErrorMessage(() => detectFormat(doc, 'x.json'));
    expect(message).toContain(`(${found})`);
    expect(message).toContain(ACCEPTED);
  });

  it('a SARIF log: says it is already SARIF', () => {
    const message = userErrorMessage(() => detectFormat(fixture('bad_sarif.json'), 'bad_sarif.json'));
    expect(message).toMatch(/^bad_sarif\.json: this is already a SARIF log; /);
    expect(message).toContain("sca-bridge reads the scanner's JSON export");
  });

  it('a CycloneDX SBOM (even one with vulnerabilities): says it is an SBOM and how to scan it', () => {
    const message = userErrorMessage(() => detectFormat(fixture('bad_cyclonedx.json'), 'bad_cyclonedx.json'));
    expect(message).toMatch(/^bad_cyclonedx\.json: this is an SBOM, not a findings export; /);
    expect(message).toContain('sca-bridge scan --scanner dependency-track --sbom <file>');
  });

  it('an SPDX SBOM', () => {
    const message = userErrorMessage(() =>
      detectFormat({ spdxVersion: 'SPDX-2.3', packages: [] }, 'sbom.spdx.json'),
    );
    expect(message).toContain('this is an SBOM, not a findings export');
  });

  it('a DT policy-violation list, a DT project and a jf internal dump get their own hints', () => {
    const violations = [{ type: 'LICENSE', policyCondition: { policy: { violationState: 'FAIL' } } }];
    expect(userErrorMessage(() => detectFormat(violations, 'v.json'))).toContain(
      'this is a Dependency-Track policy-violation list',
    );
    const project = { uuid: 'u', name: 'p', classifier: 'APPLICATION' };
    expect(userErrorMessage(() => detectFormat(project, 'p.json'))).toContain(
      'this is a Dependency-Track project, not its findings',
    );
    const dump = { xray_version: '3.100.0', targets: [] };
    expect(userErrorMessage(() => detectFormat(dump, 'd.json'))).toContain(
      'this is a jf CLI internal results dump',
    );
  });

  it.each([
    ['bad_sarif.json', fixture('bad_sarif.json')],
    ['bad_cyclonedx.json', fixture('bad_cyclonedx.json')],
  ])('%s: the rejection also names the accepted formats (SPEC §9)', (name, doc) => {
    const message = userErrorMessage(() => detectFormat(doc, name));
    expect(IMPORT_FORMATS.filter((format) => !message.includes(format))).toEqual([]);
  });

  it('a document matching two shapes is rejected, naming both and --import-format', () => {
    const doc = { project: { name: 'p' }, findings: [], artifacts: [] };
    expect(userErrorMessage(() => detectFormat(doc, 'both.json'))).toBe(
      'both.json: the file matches several formats (dtrack-fpf, xray-summary); name one with import-format.',
    );
  });
});
