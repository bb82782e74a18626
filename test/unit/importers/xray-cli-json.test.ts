import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/findings/model.js';
import { xrayCliJson } from '../../../src/importers/xray-cli-json.js';
import { fixture, userErrorMessage } from './helpers.js';

function read(name: string) {
  return xrayCliJson.read(fixture(name), name);
}

describe('xray-cli-json: `jf scan --format=json` (array of scan responses)', () => {
  const result = read('xray-cli-json.json');
  const { findings, violations } = result;

  it('yields one finding per vulnerability × component, across every scan response', () => {
    expect(result.scanner).toBe('xray');
    expect(result.context).toEqual({ file: 'xray-cli-json.json' });
    expect(findings.map((f) => [f.id, f.component.packageName, f.component.version, f.severity])).toEqual([
      ['CVE-2018-3721', 'lodash', '4.17.0', 'medium'],
      ['CVE-2023-3446', 'libcrypto3', '3.1.1-r1', 'unknown'],
      ['CVE-2023-3446', 'libssl3', '3.1.1-r1', 'unknown'],
      ['CVE-2024-0001', '日本語-tool', '2.0.0', 'critical'],
      ['XRAY-300003', 'left-pad', '1.3.0', 'info'],
      ['CVE-2014-0114', 'commons-beanutils:commons-beanutils', '1.9.2', 'high'],
      ['CVE-2022-1471', 'org.yaml:snakeyaml', '1.26', 'low'],
    ]);
  });

  it('maps every field of a vulnerability with extended information', () => {
    expect(findings[0]).toEqual({
      scanner: 'xray',
      id: 'CVE-2018-3721',
      ids: ['CVE-2018-3721', 'XRAY-72918'],
      title: 'Prototype pollution in lodash merge functions',
      description: 'The `merge`, `mergeWith` and `defaultsDeep` functions can modify `Object.prototype`.',
      severity: 'medium',
      // jf writes the scores as strings.
      cvss: {
        v3: { score: 6.5, vector: 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N' },
        v2: { score: 4, vector: 'CVSS:2.0/AV:N/AC:L/Au:S/C:N/I:P/A:N' },
      },
      cwes: ['CWE-1321'],
      component: {
        packageName: 'lodash',
        name: 'lodash',
        version: '4.17.0',
        purl: 'pkg:npm/lodash@4.17.0',
        ecosystem: 'npm',
      },
      componentPaths: ['node_modules/lodash'],
      impactPaths: [
        ['npm://web-app:3.0.0', 'npm://lodash:4.17.0'],
        ['npm://web-app:3.0.0', 'npm://@acme/deep-merge:1.2.3', 'npm://lodash:4.17.0'],
      ],
      fixedVersions: ['4.17.5'],
      references: ['https://github.com/lodash/lodash/commit/d8e069cc3410082e44eb18fcf8e7f3d08ebe1d4a'],
      suppressed: false,
    } satisfies Finding);
  });

  it('maps each alpine component of one issue, with its own fixed versions and impact paths', () => {
    const [, libcrypto, libssl] = findings as [Finding, Finding, Finding];
    for (const finding of [libcrypto, libssl]) {
      expect(finding.ids).toEqual(['CVE-2023-3446', 'CVE-2023-3817', 'XRAY-526426']);
      // An id-less score still counts; the highest v3 of the CVE list.
      expect(finding.cvss).toEqual({ v3: { score: 5.3 } });
      // The `Issue summary: ` prefix is dropped.
      expect(finding.description).toBe(
        'Checking excessively long DH keys may be very slow.\n\nImpact summary: Applications that use DH_check() may experience long delays.',
      );
      expect(finding.references).toEqual([]);
    }
    expect(libcrypto.component).toEqual({
      packageName: 'libcrypto3',
      name: 'libcrypto3',
      version: '3.1.1-r1',
      purl: 'pkg:apk/alpine/libcrypto3@3.1.1-r1?distro=3.18',
      ecosystem: 'apk',
    });
    expect(libcrypto.fixedVersions).toEqual(['3.1.1-r3']);
    expect(libcrypto.impactPaths).toEqual([
      [
        'docker://alpine:latest',
        'generic://sha256:78a822fe/sha256__78a822fe.tar',
        'alpine://3.18:libcrypto3:3.1.1-r1',
      ],
    ]);
    expect(libcrypto.componentPaths).toEqual(['sha256__78a822fe.tar', '3.18:libcrypto3:3.1.1-r1']);
    expect(libssl.component.purl).toBe('pkg:apk/alpine/libssl3@3.1.1-r1?distro=3.18');
    expect(libssl.fixedVersions).toEqual(['3.1.1-r3', '3.2.0-r0']);
    expect(libssl.impactPaths).toEqual([['docker://alpine:latest', 'alpine://3.18:libssl3:3.1.1-r1']]);
    expect(libssl.componentPaths).toEqual(['3.18:libssl3:3.1.1-r1']);
  });

  it('titles a multi-paragraph summary with its first line, without the `Issue summary: ` prefix', () => {
    // SARIF shortDescription is id + title; the whole summary belongs in the description.
    expect(findings[1]?.title).toBe('Checking excessively long DH keys may be very slow.');
  });

  it('keeps unicode component names, and tolerates null impact_paths, null cves and empty components', () => {
    const [, , , tool, leftPad] = findings as Finding[];
    expect(tool).toEqual({
      scanner: 'xray',
      id: 'CVE-2024-0001',
      ids: ['CVE-2024-0001', 'XRAY-600001'],
      title: 'Command injection in 日本語-tool',
      description: 'Command injection in 日本語-tool',
      severity: 'critical',
      cvss: { v3: { score: 9.1 } },
      cwes: [],
      component: {
        packageName: '日本語-tool',
        name: '日本語-tool',
        version: '2.0.0',
        purl: 'pkg:npm/%E6%97%A5%E6%9C%AC%E8%AA%9E-tool@2.0.0',
        ecosystem: 'npm',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: ['2.0.1'],
      references: [],
      suppressed: false,
    } satisfies Finding);
    expect(leftPad).toMatchObject({
      id: 'XRAY-300003',
      ids: ['XRAY-300003'],
      severity: 'info',
      cvss: {},
      cwes: [],
      fixedVersions: [],
      impactPaths: [],
      componentPaths: [],
    });
  });

  it('maps a Maven component of a second scan response', () => {
    expect(findings[5]).toMatchObject({
      id: 'CVE-2014-0114',
      ids: ['CVE-2014-0114', 'XRAY-55616'],
      severity: 'high',
      cvss: { v2: { score: 7.5, vector: 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P' } },
      component: {
        packageName: 'commons-beanutils:commons-beanutils',
        name: 'commons-beanutils',
        group: 'commons-beanutils',
        version: '1.9.2',
        purl: 'pkg:maven/commons-beanutils/commons-beanutils@1.9.2',
        ecosystem: 'maven',
      },
      componentPaths: ['lib/commons-beanutils-1.9.2.jar'],
      impactPaths: [['gav://co.com.test:core:1.0.0', 'gav://commons-beanutils:commons-beanutils:1.9.2']],
      fixedVersions: ['1.9.4'],
    });
    // cwes: see the NVD-CWE test below.
    expect(findings[6]).toMatchObject({
      ids: ['CVE-2022-1471', 'XRAY-700007'],
      cvss: { v3: { score: 8.3 } },
      fixedVersions: ['2.0'],
      component: { packageName: 'org.yaml:snakeyaml', purl: 'pkg:maven/org.yaml/snakeyaml@1.26' },
    });
  });

  it('keeps only CWE ids in cwes, dropping NVD placeholders such as NVD-CWE-noinfo', () => {
    // The model documents cwes in `CWE-79` form; they become SARIF tags.
    expect(findings[6]?.cwes).toEqual(['CWE-502']);
  });

  it('maps violations per component: fail_build true is FAIL, false is WARN', () => {
    expect(violations).toEqual([
      {
        scanner: 'xray',
        type: 'security',
        policy: 'npm-security, org-baseline',
        watch: 'security-watch',
        state: 'FAIL',
        severity: 'medium',
        component: 'npm://lodash:4.17.0',
        subject: 'CVE-2018-3721',
        suppressed: false,
      },
      {
        scanner: 'xray',
        type: 'license',
        policy: 'no-gpl',
        watch: 'license-watch',
        state: 'WARN',
        severity: 'high',
        component: 'npm://left-pad:1.3.0',
        subject: 'GPL-3.0',
        suppressed: false,
      },
      {
        scanner: 'xray',
        type: 'license',
        policy: 'no-gpl',
        watch: 'license-watch',
        state: 'WARN',
        severity: 'high',
        component: 'npm://@acme/deep-merge:1.2.3',
        subject: 'GPL-3.0',
        suppressed: false,
      },
    ]);
  });
});

describe('xray-cli-json: one graph-scan response object', () => {
  it('reads a single scan response (not an array) and uses package_type as the type hint', () => {
    const result = read('xray-graph-scan.json');
    expect(result.violations).toEqual([]);
    expect(result.findings).toEqual([
      {
        scanner: 'xray',
        id: 'CVE-2020-14343',
        ids: ['CVE-2020-14343', 'XRAY-124237'],
        title: 'PyYAML full_load arbitrary code execution',
        description: 'PyYAML full_load arbitrary code execution',
        severity: 'critical',
        cvss: { v3: { score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' } },
        cwes: ['CWE-20'],
        component: {
          packageName: 'pyyaml',
          name: 'pyyaml',
          version: '5.3',
          purl: 'pkg:pypi/pyyaml@5.3',
          ecosystem: 'pypi',
        },
        componentPaths: [],
        impactPaths: [['pypi://pyyaml:5.3']],
        fixedVersions: ['5.4'],
        references: ['https://github.com/yaml/pyyaml/issues/420'],
        suppressed: false,
      } satisfies Finding,
    ]);
  });
});

describe('xray-cli-json: matches and rejections', () => {
  it('recognises an array of scan responses and one scan response', () => {
    expect(xrayCliJson.matches(fixture('xray-cli-json.json'))).toBe(true);
    expect(xrayCliJson.matches(fixture('xray-graph-scan.json'))).toBe(true);
    expect(xrayCliJson.matches([])).toBe(false);
    expect(xrayCliJson.matches(fixture('bad_mixed.json'))).toBe(false);
    expect(xrayCliJson.matches({ scan_id: 'x' })).toBe(false);
  });

  it('keeps a component keyed __proto__, for vulnerabilities and violations, and names a bad one by its key', () => {
    // JSON.parse makes `__proto__` an own key, as any other; a plain {} built from it would take it as the prototype.
    const response = JSON.parse(`{
      "scan_id": "a",
      "vulnerabilities": [{ "issue_id": "XRAY-1", "severity": "High", "components": { "__proto__": { "fixed_versions": ["2.0.0"] } } }],
      "violations": [{ "issue_id": "XRAY-1", "fail_build": true, "components": { "__proto__": {} } }]
    }`) as unknown;
    const { findings, violations } = xrayCliJson.read(response, 'jf.json');
    expect(findings.map((f) => [f.id, f.component.packageName, f.fixedVersions])).toEqual([
      ['XRAY-1', '__proto__', ['2.0.0']],
    ]);
    expect(violations.map((v) => [v.component, v.state])).toEqual([['__proto__', 'FAIL']]);
    const bad = JSON.parse(
      '{"scan_id": "a", "vulnerabilities": [{ "components": { "__proto__": { "fixed_versions": [1] } } }]}',
    ) as unknown;
    expect(userErrorMessage(() => xrayCliJson.read(bad, 'jf.json'))).toContain(
      'vulnerabilities.0.components.__proto__.fixed_versions.0',
    );
  });

  it('names the response and field that is wrong (array and single response)', () => {
    const response = { scan_id: 'a', vulnerabilities: [{ issue_id: 'XRAY-1', components: ['npm://x:1'] }] };
    const inArray = userErrorMessage(() => xrayCliJson.read([response], 'jf.json'));
    expect(inArray).toMatch(/^jf\.json: not a valid xray-cli-json file: /);
    expect(inArray).toContain('0.vulnerabilities.0.components');
    const alone = userErrorMessage(() => xrayCliJson.read(response, 'graph.json'));
    expect(alone).toMatch(/^graph\.json: not a valid xray-cli-json file: /);
    expect(alone).toContain('vulnerabilities.0.components');
  });
});

describe('xray-cli-json: clean, unfinished and component-less targets', () => {
  const clean = {
    scan_id: 'c',
    component_id: 'gav://com.example:app:1.0.0',
    package_type: 'Maven',
    status: 'completed',
  };

  it('reads a target without issues (jf leaves the empty lists out) as no findings, alone or beside others', () => {
    expect(xrayCliJson.matches([clean])).toBe(true);
    expect(xrayCliJson.read([clean], 'jf.json').findings).toEqual([]);
    const both = [...(fixture('xray-cli-json.json') as unknown[]), clean];
    expect(xrayCliJson.matches(both)).toBe(true);
    expect(xrayCliJson.read(both, 'jf.json').findings).toHaveLength(findingsOfFixture);
  });

  it('refuses a target whose scan did not complete, naming it', () => {
    const failed = { ...clean, component_id: 'npm://web:2.0.0', status: 'failed', vulnerabilities: [] };
    const message = userErrorMessage(() => xrayCliJson.read([clean, failed], 'jf.json'));
    expect(message).toBe(
      'jf.json: the scan of npm://web:2.0.0 (status "failed") did not complete, so the file lacks its findings. Run the jf command again until every target completes, and import its new output.',
    );
  });

  it('refuses every status but completed (running, pending, aborted), not only failed', () => {
    for (const status of ['running', 'pending', 'aborted']) {
      const unfinished = { ...clean, component_id: 'npm://web:2.0.0', status, vulnerabilities: [] };
      const message = userErrorMessage(() => xrayCliJson.read([clean, unfinished], 'jf.json'));
      expect(message).toBe(
        `jf.json: the scan of npm://web:2.0.0 (status "${status}") did not complete, so the file lacks its findings. Run the jf command again until every target completes, and import its new output.`,
      );
    }
  });

  it('reads completed in any case and with surrounding spaces as completed', () => {
    const padded = { ...clean, status: ' Completed ' };
    expect(xrayCliJson.read([padded], 'jf.json').findings).toEqual([]);
    const upper = { ...clean, status: 'COMPLETED' };
    expect(xrayCliJson.read([upper, padded], 'jf.json').findings).toEqual([]);
  });

  it('reports a vulnerability that names no component on the scanned target, not nowhere', () => {
    for (const components of [{}, null, undefined]) {
      const response = {
        ...clean,
        vulnerabilities: [{ issue_id: 'XRAY-9', severity: 'High', summary: 'Flaw', components }],
      };
      const { findings } = xrayCliJson.read(response, 'jf.json');
      expect(findings.map((f) => [f.id, f.component.packageName, f.component.version, f.severity])).toEqual([
        ['XRAY-9', 'com.example:app', '1.0.0', 'high'],
      ]);
    }
  });
});

const findingsOfFixture = 7;
