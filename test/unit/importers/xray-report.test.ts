import { describe, expect, it } from 'vitest';
import { collapseDuplicates } from '../../../src/findings/collapse.js';
import type { Finding } from '../../../src/findings/model.js';
import { xrayReport } from '../../../src/importers/xray-report.js';
import { findingOf, fixture, userErrorMessage } from './helpers.js';
import { atFallback } from '../../helpers/finding.js';

function read(name: string) {
  return xrayReport.read(fixture(name), name);
}

describe('xray-report: vulnerabilities report', () => {
  const result = read('xray-report_vulnerabilities.json');
  const { findings } = result;

  it('maps every row to one finding, in row order, with no violations', () => {
    expect(result.scanner).toBe('xray');
    expect(result.violations).toEqual([]);
    expect(result.context).toEqual({ file: 'xray-report_vulnerabilities.json' });
    expect(findings.map((f) => [f.id, f.component.packageName, f.severity])).toEqual([
      ['CVE-2021-9999', 'org.example:naïve-lib', 'critical'],
      ['CVE-2020-8203', '@acme/deep-merge', 'high'],
      ['CVE-2020-8203', '@acme/deep-merge', 'high'],
      ['CVE-2020-28493', 'Jinja2', 'medium'],
      ['CVE-2023-29401', 'github.com/gin-gonic/gin', 'low'],
      ['XRAY-300003', 'left-pad', 'info'],
      ['CVE-2019-2949', 'java-11-openjdk-headless', 'unknown'],
      ['CVE-2018-14600', 'libx11', 'high'],
    ]);
  });

  it('takes the numerically lowest of three CVEs as the canonical id, and the highest CVSS of each version', () => {
    expect(findings[0]).toEqual({
      scanner: 'xray',
      id: 'CVE-2021-9999',
      ids: ['CVE-2021-9999', 'CVE-2021-10000', 'CVE-2022-0001', 'XRAY-100001'],
      title: 'Deserialisation in naïve-lib allows remote code execution',
      description:
        'A crafted payload deserialised by naïve-lib runs arbitrary code.\nSecond line of the description.',
      severity: 'critical',
      cvss: {
        v3: { score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        v2: { score: 7.5, vector: 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P' },
      },
      cwes: [],
      component: {
        packageName: 'org.example:naïve-lib',
        name: 'naïve-lib',
        group: 'org.example',
        version: '1.0.0',
        purl: 'pkg:maven/org.example/na%C3%AFve-lib@1.0.0',
        ecosystem: 'maven',
      },
      componentPaths: ['org/example/app/2.0.0/app-2.0.0.jar'],
      impactPaths: [['gav://org.example:app:2.0.0', 'gav://org.example:naïve-lib:1.0.0']],
      fixedVersions: ['1.0.1', '1.1.0'],
      references: [
        'https://example.org/advisories/naive-lib',
        'https://nvd.nist.gov/vuln/detail/CVE-2021-9999',
      ],
      published: '2021-06-01T10:00:00Z',
      suppressed: false,
    } satisfies Finding);
  });

  it('maps an npm scoped component and normalises `[1.2.4]`', () => {
    expect(findings[1]).toEqual({
      scanner: 'xray',
      id: 'CVE-2020-8203',
      ids: ['CVE-2020-8203', 'XRAY-200002'],
      title: 'Prototype pollution in @acme/deep-merge',
      description: 'Prototype pollution in deepMerge().',
      severity: 'high',
      cvss: {
        v3: { score: 7.4, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H' },
        v2: { score: 5.8, vector: 'CVSS:2.0/AV:N/AC:M/Au:N/C:N/I:P/A:P' },
      },
      cwes: [],
      component: {
        packageName: '@acme/deep-merge',
        name: 'deep-merge',
        group: '@acme',
        version: '1.2.3',
        purl: 'pkg:npm/%40acme/deep-merge@1.2.3',
        ecosystem: 'npm',
      },
      componentPaths: ['web-app/-/web-app-3.0.0.tgz'],
      impactPaths: [['npm://web-app:3.0.0', 'npm://@acme/deep-merge:1.2.3']],
      fixedVersions: ['1.2.4'],
      references: [],
      published: '2020-07-15T17:15:00Z',
      suppressed: false,
    } satisfies Finding);
  });

  it('keeps unicode in titles and descriptions', () => {
    const jinja = findingOf(findings, 'CVE-2020-28493', 'Jinja2');
    expect(jinja.title).toBe('ReDoS in Jinja2 urlize — 日本語の説明');
    expect(jinja.description).toBe('正規表現のサービス拒否 (ReDoS) in the urlize filter.');
    expect(jinja.ids).toEqual(['CVE-2020-28493', 'XRAY-139239']);
    expect(jinja.component).toEqual({
      packageName: 'Jinja2',
      name: 'Jinja2',
      version: '2.11.2',
      purl: 'pkg:pypi/jinja2@2.11.2',
      ecosystem: 'pypi',
    });
    expect(jinja.cvss).toEqual({
      v3: { score: 5.3, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' },
      v2: { score: 5, vector: 'CVSS:2.0/AV:N/AC:L/Au:N/C:N/I:N/A:P' },
    });
    expect(jinja.componentPaths).toEqual(['30/9e/Jinja2-2.11.2-py2.py3-none-any.whl']);
    expect(jinja.published).toBe('2021-02-02T22:43:02+11:00');
  });

  it('reads a 2025 cloud-export row (no description, references or package_type; a physical path)', () => {
    expect(findings[4]).toEqual({
      scanner: 'xray',
      id: 'CVE-2023-29401',
      ids: ['CVE-2023-29401', 'XRAY-522145'],
      // `applicability_result`: contextual analysis did not look at it.
      applicability: 'not scanned',
      title: 'Gin Content-Disposition header injection',
      description: 'Gin Content-Disposition header injection',
      severity: 'low',
      cvss: { v3: { score: 3.1, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:N/I:L/A:N' } },
      cwes: [],
      component: {
        packageName: 'github.com/gin-gonic/gin',
        name: 'gin',
        group: 'github.com/gin-gonic',
        version: 'v1.7.0',
        purl: 'pkg:golang/github.com/gin-gonic/gin@v1.7.0',
        ecosystem: 'golang',
      },
      componentPaths: ['github.com/gin-gonic/gin/@v/v1.7.0.zip', 'github.com/gin-gonic/gin:v1.7.0'],
      // The physical path is where the component sits in the artifact: shown, never matched by path patterns.
      patternPaths: ['github.com/gin-gonic/gin/@v/v1.7.0.zip'],
      impactPaths: [['go://example.com/service:v0.1.0', 'go://github.com/gin-gonic/gin:v1.7.0']],
      fixedVersions: ['1.9.1'],
      references: [],
      published: '2023-06-08T21:15:00Z',
      suppressed: false,
    } satisfies Finding);
  });

  it('falls back to the issue id when a row has no CVE, and maps Information to info', () => {
    expect(findings[5]).toEqual({
      scanner: 'xray',
      id: 'XRAY-300003',
      ids: ['XRAY-300003'],
      title: 'Informational: deprecated API in left-pad',
      description: 'Informational: deprecated API in left-pad',
      severity: 'info',
      cvss: {},
      cwes: [],
      component: {
        packageName: 'left-pad',
        name: 'left-pad',
        version: '1.3.0',
        purl: 'pkg:npm/left-pad@1.3.0',
        ecosystem: 'npm',
      },
      componentPaths: ['web-app/-/web-app-3.0.0.tgz'],
      impactPaths: [['npm://web-app:3.0.0', 'npm://left-pad:1.3.0']],
      fixedVersions: [],
      references: [],
      suppressed: false,
    } satisfies Finding);
  });

  it('maps an rpm component with an epoch, Unknown severity and a `≥ epoch:version` fix', () => {
    const rpm = findings[6] as Finding;
    expect(rpm.severity).toBe('unknown');
    expect(rpm.ids).toEqual(['CVE-2019-2949', 'XRAY-400004']);
    expect(rpm.cvss).toEqual({ v2: { score: 4.3, vector: 'CVSS:2.0/AV:N/AC:M/Au:N/C:P/I:N/A:N' } });
    expect(rpm.component).toEqual({
      packageName: 'java-11-openjdk-headless',
      name: 'java-11-openjdk-headless',
      version: '0:11.0.6.10-1.el7_7',
      purl: 'pkg:rpm/java-11-openjdk-headless@11.0.6.10-1.el7_7?distro=7&epoch=0',
      ecosystem: 'rpm',
    });
    expect(rpm.fixedVersions).toEqual(['1:11.0.7.10-1.el7_7']);
    expect(rpm.componentPaths).toEqual(['test-artifact/1.0.5/']);
  });

  it('maps a deb component with an epoch and normalises `≥ 2:1.6.4-3+deb9u1`', () => {
    const deb = findings[7] as Finding;
    expect(deb.component).toEqual({
      packageName: 'libx11',
      name: 'libx11',
      version: '2:1.6.4-3',
      purl: 'pkg:deb/debian/libx11@2:1.6.4-3?distro=debian-stretch',
      ecosystem: 'deb',
    });
    expect(deb.fixedVersions).toEqual(['2:1.6.4-3+deb9u1']);
    expect(deb.cvss).toEqual({ v3: { score: 9.8, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } });
  });

  it('collapses the same issue on the same component version reported for two artifacts', () => {
    const collapsed = collapseDuplicates(atFallback(findings));
    expect(collapsed).toHaveLength(7);
    const merged = findingOf(collapsed, 'CVE-2020-8203', '@acme/deep-merge');
    expect(merged.componentPaths).toEqual(['web-app/-/web-app-3.0.0.tgz', 'admin-app/-/admin-app-1.0.0.tgz']);
    expect(merged.impactPaths).toEqual([
      ['npm://web-app:3.0.0', 'npm://@acme/deep-merge:1.2.3'],
      ['npm://admin-app:1.0.0', 'npm://@acme/deep-merge:1.2.3'],
    ]);
    expect(merged.ids).toEqual(['CVE-2020-8203', 'XRAY-200002']);
    expect(merged.fixedVersions).toEqual(['1.2.4']);
    expect(collapsed.map((f) => f.id)).toEqual([
      'CVE-2021-9999',
      'CVE-2020-8203',
      'CVE-2020-28493',
      'CVE-2023-29401',
      'XRAY-300003',
      'CVE-2019-2949',
      'CVE-2018-14600',
    ]);
  });
});

describe('xray-report: contextual analysis', () => {
  it('reads a verdict, else whether it applies, else nothing', () => {
    const row = (fields: Record<string, unknown>) => ({
      issue_id: 'XRAY-1',
      severity: 'High',
      vulnerable_component: 'npm://lodash:4.17.20',
      ...fields,
    });
    const { findings } = xrayReport.read(
      {
        total_rows: 4,
        rows: [
          row({ applicability_result: 'not_applicable', applicability: true }),
          row({ issue_id: 'XRAY-2', applicability: true }),
          row({ issue_id: 'XRAY-3', applicability: false }),
          row({ issue_id: 'XRAY-4', applicability: null }),
        ],
      },
      'report.json',
    );
    expect(findings.map((f) => f.applicability)).toEqual([
      'not applicable',
      'applicable',
      'not applicable',
      undefined,
    ]);
  });
});

describe('xray-report: violations report', () => {
  const result = read('xray-report_violations.json');

  it('imports rows with watch_name/policy_names as policy violations, not findings', () => {
    expect(result.findings).toEqual([]);
    expect(result.violations).toEqual([
      {
        scanner: 'xray',
        type: 'security',
        policy: 'HighVuln, NoCritical',
        watch: 'HighVulnWatch',
        state: 'FAIL',
        severity: 'high',
        component: 'npm://@acme/deep-merge:1.2.3',
        subject: 'CVE-2020-8203',
        suppressed: false,
      },
      {
        scanner: 'xray',
        type: 'security',
        policy: 'HighVulnWatch',
        watch: 'HighVulnWatch',
        state: 'FAIL',
        severity: 'critical',
        component: 'lodash',
        subject: 'XRAY-121295',
        suppressed: false,
      },
      {
        scanner: 'xray',
        type: 'license',
        policy: 'BannedLicences',
        watch: 'LicenceWatch',
        state: 'FAIL',
        severity: 'medium',
        component: 'gav://io.netty:netty-codec:4.1.66.Final',
        suppressed: false,
      },
    ]);
  });
});

describe('xray-report: telling the kinds apart by what rows fill, in any row', () => {
  const vulnerability = { issue_id: 'XRAY-1', severity: 'High', vulnerable_component: 'npm://a:1.0.0' };
  const violation = { ...vulnerability, issue_id: 'XRAY-2', watch_name: 'prod', policy_names: ['high'] };

  it('reads rows whose watch_name, policy_names and license are null as vulnerabilities', () => {
    const row = {
      ...vulnerability,
      watch_name: null,
      policy_names: null,
      violation_details: null,
      license: null,
    };
    const result = xrayReport.read({ total_rows: 2, rows: [row, vulnerability] }, 'r.json');
    expect(result.violations).toEqual([]);
    expect(result.findings.map((f) => [f.id, f.severity])).toEqual([
      ['XRAY-1', 'high'],
      ['XRAY-1', 'high'],
    ]);
  });

  it('reads rows with an empty watch or policy list as vulnerabilities, every one of them kept', () => {
    // Read as violations, the report's findings would all leave it, the gate passing them unread.
    const rows = [
      { ...vulnerability, watch_name: '' },
      { ...vulnerability, issue_id: 'XRAY-2', policy_names: [] },
      { ...vulnerability, issue_id: 'XRAY-3', violation_details: '' },
    ];
    const result = xrayReport.read({ total_rows: 3, rows }, 'v.json');
    expect(result.violations).toEqual([]);
    expect(result.findings.map((f) => f.id)).toEqual(['XRAY-1', 'XRAY-2', 'XRAY-3']);
  });

  it('takes an empty licence for what it is: a licence row of an unknown licence, refused', () => {
    const unknownLicence = { component: 'npm://a:1.0.0', license: '', license_name: '', unknown: true };
    expect(
      userErrorMessage(() => xrayReport.read({ total_rows: 1, rows: [unknownLicence] }, 'l.json')),
    ).toContain('this is an Xray licence report');
  });

  it('reads every row as a violation when a later row names a watch, the earlier ones included', () => {
    const first = { ...vulnerability, issue_id: 'XRAY-3' };
    const result = xrayReport.read({ total_rows: 2, rows: [first, violation] }, 'r.json');
    expect(result.findings).toEqual([]);
    expect(result.violations.map((v) => [v.subject, v.policy, v.state])).toEqual([
      ['XRAY-3', 'unknown policy', 'FAIL'],
      ['XRAY-2', 'high', 'FAIL'],
    ]);
  });

  it('rejects an operational-risk report, and rows that name no vulnerability', () => {
    const risk = {
      component_id: 'npm://lodash:4.17.20',
      risk: 'High',
      risk_reason: 'Older Version',
      is_eol: false,
    };
    expect(userErrorMessage(() => xrayReport.read({ total_rows: 1, rows: [risk] }, 'or.json'))).toContain(
      'or.json: this is an Xray operational-risk report; sca-bridge reports vulnerabilities.',
    );
    const rows = [{ issue_id: 'XRAY-1', vulnerable_component: 'npm://a:1.0.0' }, { foo: 1 }];
    expect(userErrorMessage(() => xrayReport.read({ total_rows: 2, rows }, 'r.json'))).toBe(
      'r.json: rows.1 has none of issue_id, cves, vulnerable_component, summary, so it names no vulnerability: this is not a vulnerabilities report Xray exported. Export the vulnerabilities report (Reports → Export → JSON) and import that.',
    );
  });

  it('rejects a licence report whose licence first shows in a later row', () => {
    const rows = [{ component: 'npm://a:1.0.0' }, { component: 'npm://b:1.0.0', license: 'MIT' }];
    expect(userErrorMessage(() => xrayReport.read({ total_rows: 2, rows }, 'l.json'))).toContain(
      'this is an Xray licence report',
    );
  });
});

describe('xray-report: rejections', () => {
  it('rejects a licence report, saying so', () => {
    const message = userErrorMessage(() => read('xray-report_licenses.json'));
    expect(message).toContain('xray-report_licenses.json');
    expect(message).toContain('this is an Xray licence report');
    expect(message).toContain('vulnerabilities report');
  });

  it('rejects one page of a report whose total_rows differs from rows.length', () => {
    const message = userErrorMessage(() => read('xray-report_partial-page.json'));
    expect(message).toContain('xray-report_partial-page.json');
    expect(message).toContain('holds 2 of its 5 rows (total_rows)');
  });

  it('rejects a row field of the wrong type, naming the row and field', () => {
    const doc = { total_rows: 1, rows: [{ issue_id: 'XRAY-1', cves: 'CVE-2021-1234' }] };
    const message = userErrorMessage(() => xrayReport.read(doc, 'bad.json'));
    expect(message).toMatch(/^bad\.json: not a valid xray-report file: rows\.0\.cves: /);
  });

  it('rejects a negative or missing total_rows', () => {
    expect(userErrorMessage(() => xrayReport.read({ total_rows: -1, rows: [] }, 'neg.json'))).toMatch(
      /^neg\.json: not a valid xray-report file: total_rows: /,
    );
  });

  it('reads an empty report as no findings', () => {
    expect(read('xray-report_empty.json')).toEqual({
      scanner: 'xray',
      findings: [],
      violations: [],
      context: { file: 'xray-report_empty.json' },
    });
  });
});

describe('xray-report: matches', () => {
  it('recognises the {total_rows, rows} envelope only', () => {
    expect(xrayReport.matches(fixture('xray-report_vulnerabilities.json'))).toBe(true);
    expect(xrayReport.matches(fixture('xray-report_licenses.json'))).toBe(true);
    expect(xrayReport.matches({ total_rows: '3', rows: [] })).toBe(false);
    expect(xrayReport.matches({ total_count: 3, data: [] })).toBe(false);
    expect(xrayReport.matches([{ total_rows: 0, rows: [] }])).toBe(false);
  });
});
