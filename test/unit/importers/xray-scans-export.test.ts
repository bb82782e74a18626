import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/findings/model.js';
import { xrayScansExport } from '../../../src/importers/xray-scans-export.js';
import { fixture, userErrorMessage } from './helpers.js';

function read(name: string) {
  return xrayScansExport.read(fixture(name), name);
}

describe('xray-scans-export: Scans List / Security Export `{total_count, data}`', () => {
  const result = read('xray-scans-export.json');
  const { findings } = result;

  it('maps one finding per data entry (total_count counts issues, not entries)', () => {
    expect(result.scanner).toBe('xray');
    expect(result.violations).toEqual([]);
    expect(result.context).toEqual({ file: 'xray-scans-export.json' });
    expect(findings.map((f) => [f.id, f.component.packageName, f.component.version, f.severity])).toEqual([
      ['CVE-2018-14600', 'libx11', '2:1.6.4-3', 'high'],
      ['CVE-2022-29458', 'ncurses-bin', '6.1-1ubuntu1.18.04.1', 'medium'],
      ['CVE-2022-29458', 'libtinfo5', '6.1-1ubuntu1.18.04.1', 'medium'],
      ['CVE-2021-42381', 'busybox', '1.31.1-r20', 'low'],
    ]);
  });

  it('maps a deb component with an epoch, an empty issue id, `score/vector` CVSS and a `≥ …` fix', () => {
    expect(findings[0]).toEqual({
      scanner: 'xray',
      id: 'CVE-2018-14600',
      ids: ['CVE-2018-14600'],
      title: 'libX11 XListExtensions interprets a variable as signed, leading to an out-of-bounds write.',
      description: 'An issue was discovered in libX11 through 1.6.5 (out-of-bounds write).',
      severity: 'high',
      cvss: {
        v3: { score: 9.8, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        v2: { score: 7.5, vector: 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P' },
      },
      cwes: ['CWE-787'],
      component: {
        packageName: 'libx11',
        name: 'libx11',
        version: '2:1.6.4-3',
        purl: 'pkg:deb/debian/libx11@2:1.6.4-3?distro=debian-stretch',
        ecosystem: 'deb',
      },
      componentPaths: ['usr/lib/x86_64-linux-gnu/libX11.so.6'],
      impactPaths: [],
      fixedVersions: ['2:1.6.4-3+deb9u1'],
      references: [],
      suppressed: false,
    } satisfies Finding);
  });

  it('prefers the high-profile short and full descriptions', () => {
    expect(findings[1]).toEqual({
      scanner: 'xray',
      id: 'CVE-2022-29458',
      ids: ['CVE-2022-29458', 'XRAY-228473'],
      title: 'An out-of-bounds read in ncurses terminfo leads to memory leakage.',
      description:
        'The `convert_strings` function of ncurses is vulnerable to an out-of-bounds read.\r\n\r\nIt is hardly usable by an attacker.',
      severity: 'medium',
      cvss: {
        v3: { score: 7.1, vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:H' },
        v2: { score: 5.8, vector: 'CVSS:2.0/AV:N/AC:M/Au:N/C:P/I:N/A:P' },
      },
      // `cwe-125` and `CWE-125` are one CWE.
      cwes: ['CWE-125'],
      component: {
        packageName: 'ncurses-bin',
        name: 'ncurses-bin',
        version: '6.1-1ubuntu1.18.04.1',
        purl: 'pkg:deb/ubuntu/ncurses-bin@6.1-1ubuntu1.18.04.1?distro=ubuntu-bionic',
        ecosystem: 'deb',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: [],
      suppressed: false,
    } satisfies Finding);
  });

  it('falls back to the summary without more_details.description, and tolerates null fixed_versions', () => {
    expect(findings[2]).toMatchObject({
      title: 'ncurses 6.3 before patch 20220416 has an out-of-bounds read in convert_strings.',
      description: 'ncurses 6.3 before patch 20220416 has an out-of-bounds read in convert_strings.',
      fixedVersions: [],
      cvss: { v3: { score: 7.1, vector: 'CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:N/A:H' } },
      component: { purl: 'pkg:deb/ubuntu/libtinfo5@6.1-1ubuntu1.18.04.1?distro=ubuntu-bionic' },
    });
    expect(findings[2]?.cvss.v2).toBeUndefined();
  });

  it('maps an alpine component, deduplicates repeated fixed versions and keeps unicode', () => {
    expect(findings[3]).toEqual({
      scanner: 'xray',
      id: 'CVE-2021-42381',
      ids: ['CVE-2021-42381', 'XRAY-98765'],
      title: 'busybox: use-after-free in awk — ユーザー入力',
      description: "A use-after-free in Busybox's awk applet.",
      severity: 'low',
      cvss: { v3: { score: 7.2, vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' } },
      cwes: ['CWE-416'],
      component: {
        packageName: 'busybox',
        name: 'busybox',
        version: '1.31.1-r20',
        purl: 'pkg:apk/alpine/busybox@1.31.1-r20?distro=3.12',
        ecosystem: 'apk',
      },
      componentPaths: ['bin/busybox'],
      impactPaths: [],
      fixedVersions: ['1.31.1-r21'],
      references: [],
      suppressed: false,
    } satisfies Finding);
  });
});

describe('xray-scans-export: matches and rejections', () => {
  it('recognises {total_count, data[]} only', () => {
    expect(xrayScansExport.matches(fixture('xray-scans-export.json'))).toBe(true);
    expect(xrayScansExport.matches({ total_count: 0, data: [] })).toBe(true);
    expect(xrayScansExport.matches({ total_count: 0, data: {} })).toBe(false);
    expect(xrayScansExport.matches(fixture('xray-report_vulnerabilities.json'))).toBe(false);
  });

  it('names the entry and field that is wrong', () => {
    const doc = { total_count: 1, data: [{ id: 'XRAY-1', component_physical_paths: 'bin/sh' }] };
    expect(userErrorMessage(() => xrayScansExport.read(doc, 'export.json'))).toMatch(
      /^export\.json: not a valid xray-scans-export file: data\.0\.component_physical_paths: /,
    );
  });

  it('names a non-numeric total_count', () => {
    expect(
      userErrorMessage(() => xrayScansExport.read({ total_count: 'many', data: [] }, 'export.json')),
    ).toMatch(/^export\.json: not a valid xray-scans-export file: total_count: /);
  });
});

describe('xray-scans-export: total_count counts the issues (entries of one id count once)', () => {
  const entry = (id: string, component: string) => ({ id, summary: `${id} on ${component}`, component });
  const read = (doc: unknown) => xrayScansExport.read(doc, 'export.json');

  it('reads an export with as many issues as total_count, over more entries', () => {
    const doc = { total_count: 2, data: [entry('XRAY-1', 'a'), entry('XRAY-1', 'b'), entry('XRAY-2', 'a')] };
    expect(read(doc).findings).toHaveLength(3);
  });

  it('refuses one with fewer issues: part of an export, not the whole', () => {
    const doc = { total_count: 3, data: [entry('XRAY-1', 'a'), entry('XRAY-1', 'b'), entry('XRAY-2', 'a')] };
    expect(userErrorMessage(() => read(doc))).toBe(
      "export.json: the export holds 2 of its 3 issues (total_count; the entries of one issue id count once): it is part of an export (one page, or a file cut short), not the whole export. Export the component's security data again (Scans List → Export → JSON, or `POST /xray/api/v2/component/exportDetails`) and import its *_Security_Export.json unedited.",
    );
    expect(userErrorMessage(() => read({ total_count: 1, data: [] }))).toMatch(/holds 0 of its 1 issues/);
  });

  it('counts each entry without an id alone (Xray 2.x writes `id: ""` on every one)', () => {
    const doc = { total_count: 3, data: [entry('', 'a'), { ...entry('', 'b'), id: null }, entry(' ', 'c')] };
    expect(read(doc).findings).toHaveLength(3);
    expect(userErrorMessage(() => read({ ...doc, total_count: 4 }))).toMatch(/holds 3 of its 4 issues/);
  });

  it('reads more issues than total_count: nothing is missing', () => {
    expect(
      read({ total_count: 1, data: [entry('XRAY-1', 'a'), entry('XRAY-2', 'a')] }).findings,
    ).toHaveLength(2);
  });

  it('refuses a total_count that is no count', () => {
    for (const total of [-1, 1.5])
      expect(userErrorMessage(() => read({ total_count: total, data: [] }))).toMatch(
        /^export\.json: not a valid xray-scans-export file: total_count: /,
      );
  });
});

describe('xray-scans-export: an entry that names no vulnerability is refused, not made a finding', () => {
  const read = (data: unknown[]) => xrayScansExport.read({ total_count: data.length, data }, 'export.json');
  const component = { component: 'lodash', pkg_type: 'npm', source_comp_id: 'npm://lodash:4.17.20' };

  it('a licence export: says so', () => {
    const data = [
      { ...component, license: 'MIT' },
      { component: 'left-pad', source_comp_id: 'npm://left-pad:1.3.0', license: 'WTFPL' },
    ];
    expect(userErrorMessage(() => read(data))).toBe(
      "export.json: this is an Xray licence export (data.0 names no vulnerability); sca-bridge reports vulnerabilities. Export the component's security data instead (Scans List → Export → JSON) and import its *_Security_Export.json.",
    );
    // An unknown licence is `""`; the licence's name alone shows it too.
    expect(userErrorMessage(() => read([{ ...component, license: '' }]))).toMatch(/an Xray licence export/);
    expect(userErrorMessage(() => read([{ ...component, license_name: 'MIT' }]))).toMatch(
      /an Xray licence export/,
    );
  });

  it('an operational-risk export: says so', () => {
    expect(userErrorMessage(() => read([{ ...component, risk: 'High', risk_reason: 'EOL' }]))).toMatch(
      /^export\.json: this is an Xray operational-risk export \(data\.0 names no vulnerability\)/,
    );
  });

  it('any other entry: names it by its place', () => {
    const named = { ...component, id: 'XRAY-1' };
    const blank = {
      ...component,
      id: ' ',
      summary: '',
      component_versions: { more_details: { cves: [{ cvss_v3: '5.3' }] } },
    };
    expect(userErrorMessage(() => read([named, blank]))).toBe(
      "export.json: data.1 has no id, CVE, summary or description, so it names no vulnerability: this is not a security export Xray wrote. Export the component's security data (Scans List → Export → JSON) and import its *_Security_Export.json.",
    );
  });

  it('reads an entry named by any one of its id, a CVE, its summary or a description, a licence field beside it too', () => {
    const entries = [
      { id: 'XRAY-1' },
      { component_versions: { more_details: { cves: [{ cve: 'CVE-2021-23337' }] } } },
      { component_versions: { more_details: { cves: [{ cve: '', id: 'CVE-2020-8203' }] } } },
      { summary: 'Prototype pollution' },
      { component_versions: { more_details: { description: 'Prototype pollution in zipObjectDeep' } } },
      { high_profile_info: { ShortDescription: 'Prototype pollution' } },
      { high_profile_info: { FullDescription: 'Prototype pollution in zipObjectDeep' } },
      { id: 'XRAY-2', license: 'MIT' },
    ];
    const findings = read(entries.map((entry) => ({ ...component, ...entry }))).findings;
    expect(findings.map((f) => f.id.replace(/^UNKNOWN-.*/, 'UNKNOWN'))).toEqual([
      'XRAY-1',
      'CVE-2021-23337',
      'CVE-2020-8203',
      'UNKNOWN',
      'UNKNOWN',
      'UNKNOWN',
      'UNKNOWN',
      'XRAY-2',
    ]);
  });
});
