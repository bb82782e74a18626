import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/findings/model.js';
import { xraySimpleJson } from '../../../src/importers/xray-simple-json.js';
import { fixture, userErrorMessage } from './helpers.js';

function read(name: string) {
  return xraySimpleJson.read(fixture(name), name);
}

describe('xray-simple-json: `jf audit --format=simple-json`', () => {
  const result = read('xray-simple-json.json');
  const { findings, violations } = result;

  it('maps every vulnerability row, in order, covering every severity', () => {
    expect(result.scanner).toBe('xray');
    expect(result.context).toEqual({ file: 'xray-simple-json.json' });
    expect(findings.map((f) => [f.id, f.component.packageName, f.component.version, f.severity])).toEqual([
      ['CVE-2018-3721', 'lodash', '4.17.0', 'medium'],
      ['CVE-2021-4104', 'org.apache.logging.log4j:log4j-core', '2.14.1', 'critical'],
      ['CVE-2024-6119', 'libssl3', '3.0.13-1~deb12u1', 'high'],
      ['CVE-2023-29401', 'github.com/gin-gonic/gin', 'v1.7.0', 'low'],
      ['XRAY-300010', 'naïve-lib', '0.1.0', 'info'],
      ['XRAY-200099', '@acme/deep-merge', '1.2.3', 'unknown'],
    ]);
  });

  it('maps an npm row: manifest from components[].location, impact paths as name@version, `[4.17.5]` fix', () => {
    expect(findings[0]).toEqual({
      scanner: 'xray',
      id: 'CVE-2018-3721',
      ids: ['CVE-2018-3721', 'XRAY-72918'],
      applicability: 'not covered',
      title: 'Improperly Controlled Modification of Object',
      description: 'Improperly Controlled Modification of Object',
      severity: 'medium',
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
      componentPaths: ['package.json'],
      impactPaths: [
        ['froghome@1.0.0', 'lodash@4.17.0'],
        ['froghome@1.0.0', '@acme/deep-merge@1.2.3', 'lodash@4.17.0'],
      ],
      fixedVersions: ['4.17.5'],
      references: ['https://github.com/lodash/lodash/commit/d8e069cc'],
      suppressed: false,
    } satisfies Finding);
  });

  it('maps a Maven row with three CVEs: lowest CVE canonical, highest scores, research title and details', () => {
    expect(findings[1]).toEqual({
      scanner: 'xray',
      id: 'CVE-2021-4104',
      ids: ['CVE-2021-4104', 'CVE-2021-44228', 'CVE-2021-45046', 'XRAY-191650'],
      applicability: 'applicable',
      title: 'JNDI lookup in log4j-core leads to remote code execution',
      description: 'Log4j2 JNDI features do not protect against attacker-controlled LDAP endpoints.',
      severity: 'critical',
      // Empty strings ("cvssV2": "") are no score.
      cvss: {
        v3: { score: 10, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' },
        v2: { score: 9.3 },
      },
      cwes: ['CWE-502', 'CWE-20'],
      component: {
        packageName: 'org.apache.logging.log4j:log4j-core',
        name: 'log4j-core',
        group: 'org.apache.logging.log4j',
        version: '2.14.1',
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
        ecosystem: 'maven',
      },
      componentPaths: ['pom.xml'],
      impactPaths: [['com.example:service@1.0.0', 'org.apache.logging.log4j:log4j-core@2.14.1']],
      fixedVersions: ['2.15.0', '2.12.2'],
      references: [],
      suppressed: false,
    } satisfies Finding);
  });

  it('maps a Debian docker-layer row (distro:release:name package names)', () => {
    expect(findings[2]).toEqual({
      scanner: 'xray',
      id: 'CVE-2024-6119',
      ids: ['CVE-2024-6119', 'XRAY-606103'],
      title: 'OpenSSL interpretation conflict',
      description: 'OpenSSL interpretation conflict',
      severity: 'high',
      cvss: { v3: { score: 7.5 } },
      cwes: [],
      component: {
        packageName: 'libssl3',
        name: 'libssl3',
        version: '3.0.13-1~deb12u1',
        purl: 'pkg:deb/debian/libssl3@3.0.13-1~deb12u1?distro=debian-bookworm',
        ecosystem: 'deb',
      },
      componentPaths: ['sha256__f21c087a.tar'],
      impactPaths: [
        [
          'platform.jfrog.io/docker/app@latest',
          'sha256__f21c087a.tar',
          'debian:bookworm:libssl3@3.0.13-1~deb12u1',
        ],
      ],
      fixedVersions: [],
      references: [],
      suppressed: false,
    } satisfies Finding);
  });

  it('maps a Go module path, a unicode pypi name and a row with null components and cves', () => {
    const [, , , gin, naive, unknown] = findings as Finding[];
    expect(gin?.component).toEqual({
      packageName: 'github.com/gin-gonic/gin',
      name: 'gin',
      group: 'github.com/gin-gonic',
      version: 'v1.7.0',
      purl: 'pkg:golang/github.com/gin-gonic/gin@v1.7.0',
      ecosystem: 'golang',
    });
    expect(gin).toMatchObject({
      componentPaths: ['go.mod'],
      impactPaths: [['example.com/service@v0.1.0', 'github.com/gin-gonic/gin@v1.7.0']],
      fixedVersions: ['1.9.1'],
      cvss: { v3: { score: 4.3 } },
      cwes: ['CWE-20'],
    });
    expect(naive).toEqual({
      scanner: 'xray',
      id: 'XRAY-300010',
      ids: ['XRAY-300010'],
      title: '日本語の情報メッセージ',
      description: '日本語の情報メッセージ',
      severity: 'info',
      cvss: {},
      cwes: [],
      component: {
        packageName: 'naïve-lib',
        name: 'naïve-lib',
        version: '0.1.0',
        purl: 'pkg:pypi/na%C3%AFve-lib@0.1.0',
        ecosystem: 'pypi',
      },
      componentPaths: ['requirements.txt'],
      impactPaths: [],
      // No impact paths: the direct dependencies of `components[]` are kept for the locator.
      directDependencies: ['naïve-lib@0.1.0'],
      fixedVersions: [],
      references: [],
      suppressed: false,
    } satisfies Finding);
    // Rows with impact paths, or naming no component, have none.
    expect(gin?.directDependencies).toBeUndefined();
    expect(unknown?.directDependencies).toBeUndefined();
    expect(unknown).toMatchObject({
      ids: ['XRAY-200099'],
      severity: 'unknown',
      componentPaths: [],
      impactPaths: [],
      fixedVersions: ['1.2.4'],
      component: { packageName: '@acme/deep-merge', group: '@acme', name: 'deep-merge' },
    });
  });

  it('maps securityViolations and licensesViolations: fail_build true is FAIL, false or absent is WARN', () => {
    expect(violations).toEqual([
      {
        scanner: 'xray',
        type: 'security',
        policy: 'npm-security, org-baseline',
        watch: 'security-watch',
        state: 'FAIL',
        severity: 'medium',
        component: 'lodash@4.17.0',
        subject: 'CVE-2018-3721',
        suppressed: false,
      },
      {
        scanner: 'xray',
        type: 'security',
        policy: 'docker-watch',
        watch: 'docker-watch',
        state: 'WARN',
        severity: 'high',
        component: 'libssl3@3.0.13-1~deb12u1',
        subject: 'CVE-2024-6119',
        suppressed: false,
      },
      {
        scanner: 'xray',
        type: 'license',
        policy: 'no-gpl',
        watch: 'license-watch',
        state: 'WARN',
        severity: 'high',
        component: 'org.apache.logging.log4j:log4j-core@2.14.1',
        subject: 'GPL-3.0',
        suppressed: false,
      },
    ]);
  });
});

describe('xray-simple-json: matches and rejections', () => {
  it('needs vulnerabilities plus one of securityViolations, scansStatus or licensesViolations', () => {
    expect(xraySimpleJson.matches(fixture('xray-simple-json.json'))).toBe(true);
    expect(xraySimpleJson.matches({ vulnerabilities: null, scansStatus: {} })).toBe(true);
    expect(xraySimpleJson.matches({ vulnerabilities: [] })).toBe(false);
    expect(xraySimpleJson.matches(fixture('bad_cyclonedx.json'))).toBe(false);
  });

  it('reads a run without violations', () => {
    const result = xraySimpleJson.read({ vulnerabilities: null, scansStatus: {} }, 'empty.json');
    expect(result).toEqual({
      scanner: 'xray',
      findings: [],
      violations: [],
      context: { file: 'empty.json' },
    });
  });

  it('names the row and field that is wrong', () => {
    const doc = { vulnerabilities: [{ impactedPackageName: 'x', fixedVersions: '1.0.0' }], scansStatus: {} };
    expect(userErrorMessage(() => xraySimpleJson.read(doc, 'simple.json'))).toMatch(
      /^simple\.json: not a valid xray-simple-json file: vulnerabilities\.0\.fixedVersions: /,
    );
  });
});

describe('xray-simple-json: a jf run that failed', () => {
  const base = { vulnerabilities: [], securityViolations: [] };
  const refusal = (doc: object) =>
    userErrorMessage(() => xraySimpleJson.read({ ...base, ...doc }, 'jf.json'));

  it('refuses a file whose dependency scan failed, quoting what jf says', () => {
    expect(
      refusal({
        vulnerabilities: null,
        errors: [{ filePath: '/src', errorMessage: 'npm ls failed' }],
        scansStatus: { scaScanStatusCode: -1 },
      }),
    ).toBe(
      'jf.json: the jf run reports errors (scansStatus.scaScanStatusCode -1), so the file may lack findings. jf reports: /src: npm ls failed. Fix the cause, run jf again, and import its new output.',
    );
    expect(refusal({ scansStatus: { scaScanStatusCode: 3 } })).toContain(
      'the jf run reports a failed dependency scan (scansStatus.scaScanStatusCode 3), so the file may lack findings.',
    );
  });

  it('refuses errors whatever the status: a target whose tree could not be built gets no code of its own', () => {
    const treeFailed = [
      { filePath: '/builds/app', errorMessage: 'failed to build dependency tree: exit status 1' },
    ];
    for (const scansStatus of [undefined, {}, { secretsScanStatusCode: 0 }, { scaScanStatusCode: 0 }])
      expect(refusal({ errors: treeFailed, ...(scansStatus ? { scansStatus } : {}) })).toContain(
        'jf reports: /builds/app: failed to build dependency tree: exit status 1.',
      );
  });

  it('reads a run without errors and with a dependency scan that succeeded, or none', () => {
    for (const scansStatus of [undefined, {}, { scaScanStatusCode: 0 }])
      expect(
        xraySimpleJson.read({ ...base, errors: [], ...(scansStatus ? { scansStatus } : {}) }, 'jf.json')
          .findings,
      ).toEqual([]);
  });
});
