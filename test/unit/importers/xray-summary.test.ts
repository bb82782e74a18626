import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/findings/model.js';
import { collapseDuplicates } from '../../../src/findings/collapse.js';
import { xraySummary } from '../../../src/importers/xray-summary.js';
import { fixture, userErrorMessage } from './helpers.js';
import { atFallback } from '../../helpers/finding.js';

function read(name: string) {
  return xraySummary.read(fixture(name), name);
}

describe('xray-summary: Artifact Summary API', () => {
  const result = read('xray-summary.json');
  const { findings } = result;

  it('refuses a severity that is not a word (a damaged export), rather than count it as unknown', () => {
    const doc = fixture('xray-summary.json') as { artifacts: { issues: { severity: unknown }[] }[] };
    const issue = doc.artifacts.flatMap((a) => a.issues)[0] as { severity: unknown };
    issue.severity = 7;
    const message = userErrorMessage(() => xraySummary.read(doc, 'x.json'));
    expect(message).toMatch(
      /^x\.json: not a valid xray-summary file: artifacts\.\d+\.issues\.\d+\.severity: /,
    );
  });

  it('maps security issues per component, skipping licence issues and artifacts without issues', () => {
    expect(result.scanner).toBe('xray');
    expect(result.violations).toEqual([]);
    expect(result.context).toEqual({ file: 'xray-summary.json' });
    expect(findings.map((f) => [f.id, f.component.version, f.severity])).toEqual([
      ['CVE-2021-3711', '1.1.1k-r0', 'critical'],
      ['CVE-2021-3711', '1.1.1k-r0', 'critical'],
      ['CVE-2023-3635', '1.31.1-r20', 'medium'],
      ['CVE-2021-42385', '1.31.1-r20', 'low'],
      ['XRAY-INFO-1', '3.12', 'info'],
      ['XRAY-UNK-1', '0.1.0', 'unknown'],
      ['CVE-2022-0778', '1.1.1k-r0', 'high'],
    ]);
    expect(findings.some((f) => f.ids.includes('XRAY-LIC-1'))).toBe(false);
  });

  it('maps an issue with components[]: one finding each, artifact path first, `[…]` fixes', () => {
    expect(findings[0]).toEqual({
      scanner: 'xray',
      id: 'CVE-2021-3711',
      ids: ['CVE-2021-3711', 'XRAY-124116'],
      title: 'OpenSSL RC5_32_set_key() stack buffer overflow',
      description: 'OpenSSL contains an overflow condition in RC5_32_set_key().',
      severity: 'critical',
      cvss: {
        v3: { score: 9.8, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        v2: { score: 9.3, vector: 'AV:N/AC:M/Au:N/C:C/I:C/A:C' },
      },
      cwes: ['CWE-120'],
      component: {
        packageName: 'libssl1.1',
        name: 'libssl1.1',
        version: '1.1.1k-r0',
        purl: 'pkg:apk/alpine/libssl1.1@1.1.1k-r0?distro=3.12',
        ecosystem: 'apk',
      },
      componentPaths: ['web-image/1.0/', 'lib/libssl.so.1.1'],
      patternPaths: ['web-image/1.0/'],
      impactPaths: [],
      fixedVersions: ['1.1.1l-r0'],
      references: [],
      published: '2020-09-09T00:00:00.937Z',
      suppressed: false,
    } satisfies Finding);
    expect(findings[1]?.component.packageName).toBe('libcrypto1.1');
  });

  it('reads a bare score as the CVSS (malformed `cvss_v3: "5.9"`), and the impact path as the component path', () => {
    expect(findings[2]).toEqual({
      scanner: 'xray',
      id: 'CVE-2023-3635',
      ids: ['CVE-2023-3635', 'XRAY-523195'],
      title: 'Okio GzipSource unhandled exception',
      description: 'GzipSource does not handle an exception when parsing a malformed gzip buffer.',
      severity: 'medium',
      cvss: { v3: { score: 5.9 } },
      cwes: ['CWE-195'],
      componentPaths: [
        'web-image/1.0/',
        'web-image/1.0/sha256__339de151aab4bc06eed8409daae147c408478cb538dacb90cc63f19ad4eba80b.tar.gz/3.12:busybox:1.31.1-r20',
      ],
      impactPaths: [
        [
          'docker-local/web-image/1.0/sha256__339de151aab4bc06eed8409daae147c408478cb538dacb90cc63f19ad4eba80b.tar.gz/3.12:busybox:1.31.1-r20',
        ],
      ],
      fixedVersions: [],
      references: [],
      published: '2023-06-12T00:00:00.585Z',
      suppressed: false,
      // The component: see the next test.
      component: expect.any(Object) as unknown,
    });
  });

  it('names the component at the end of an impact path (`…/3.12:busybox:1.31.1-r20`) without the distro', () => {
    // The path ends in `<distro>:<name>:<version>`: the package is `busybox`, not `3.12:busybox`.
    // Alpine's `-r20` package release makes it an apk.
    expect(findings[2]?.component).toEqual({
      packageName: 'busybox',
      name: 'busybox',
      version: '1.31.1-r20',
      purl: 'pkg:apk/alpine/busybox@1.31.1-r20?distro=3.12',
      ecosystem: 'apk',
    });
  });

  it('types an impact path’s OS package only where the text leaves no doubt', () => {
    const components = (...impactPath: string[]) =>
      xraySummary
        .read({ artifacts: [{ issues: [{ issue_id: 'XRAY-1', impact_path: impactPath }] }] }, 's.json')
        .findings.map((f) => f.component);
    expect(
      components(
        'img/1.0/layer.tar.gz/debian:bookworm:libssl3:3.0.13-1~deb12u1',
        'img/ubuntu:bionic:libx11-6:2:1.6.4-3',
      ),
    ).toEqual([
      {
        packageName: 'libssl3',
        name: 'libssl3',
        version: '3.0.13-1~deb12u1',
        purl: 'pkg:deb/debian/libssl3@3.0.13-1~deb12u1?distro=debian-bookworm',
        ecosystem: 'deb',
      },
      {
        packageName: 'libx11-6',
        name: 'libx11-6',
        version: '2:1.6.4-3',
        purl: 'pkg:deb/ubuntu/libx11-6@2:1.6.4-3?distro=ubuntu-bionic',
        ecosystem: 'deb',
      },
    ]);
    // A bare release number and no `-r<N>` could be an rpm or anything else: no type is better than a wrong one.
    expect(components('img/7:curl:16:7.29.0-54.el7_7.2', 'img/3.12:tool:1.0')).toEqual([
      { packageName: 'curl', name: 'curl', version: '16:7.29.0-54.el7_7.2' },
      { packageName: 'tool', name: 'tool', version: '1.0' },
    ]);
  });

  it('uses the CVE alone when issue_id is null, and maps Information and Unknown', () => {
    expect(findings[3]).toMatchObject({
      id: 'CVE-2021-42385',
      ids: ['CVE-2021-42385'],
      title: 'Low-severity issue without an issue id',
      componentPaths: ['web-image/1.0/'],
      fixedVersions: [],
      component: { packageName: 'ssl_client', purl: 'pkg:apk/alpine/ssl_client@1.31.1-r20?distro=3.12' },
    });
    expect(findings[3]?.published).toBeUndefined();
    expect(findings[4]).toMatchObject({
      ids: ['XRAY-INFO-1'],
      cvss: {},
      component: {
        packageName: 'alpine',
        name: 'alpine',
        version: '3.12',
        purl: 'pkg:docker/alpine@3.12',
        ecosystem: 'docker',
      },
    });
    expect(findings[5]).toMatchObject({
      ids: ['XRAY-UNK-1'],
      title: 'Vulnerability of unknown severity in naïve-lib — 日本語',
      component: {
        packageName: 'naïve-lib',
        name: 'naïve-lib',
        version: '0.1.0',
        purl: 'pkg:npm/na%C3%AFve-lib@0.1.0',
        ecosystem: 'npm',
      },
    });
  });

  it('keeps two issues on one component apart, and collapses nothing that differs', () => {
    const collapsed = collapseDuplicates(atFallback(findings));
    expect(collapsed).toHaveLength(7);
    expect(findings[6]).toMatchObject({
      ids: ['CVE-2022-0778', 'XRAY-HIGH-1'],
      fixedVersions: ['1.1.1n-r0'],
    });
  });
});

describe('xray-summary: matches and rejections', () => {
  it('recognises an object with artifacts[]', () => {
    expect(xraySummary.matches(fixture('xray-summary.json'))).toBe(true);
    expect(xraySummary.matches({ artifacts: [] })).toBe(true);
    expect(xraySummary.matches({ artifacts: {} })).toBe(false);
  });

  it('reads issue_type in any case: a Security issue is a finding, a License or operational-risk one is not', () => {
    const issues = [
      { issue_id: 'XRAY-1', issue_type: 'Security', severity: 'High', impact_path: ['default/app/a:1'] },
      { issue_id: 'XRAY-2', issue_type: 'SECURITY', severity: 'Low', impact_path: ['default/app/b:1'] },
      { issue_id: 'XRAY-3', issue_type: 'License', severity: 'High', impact_path: ['default/app/c:1'] },
      {
        issue_id: 'XRAY-4',
        issue_type: 'operational_risk',
        severity: 'Low',
        impact_path: ['default/app/d:1'],
      },
      {
        issue_id: 'XRAY-5',
        issue_type: 'Operational Risk',
        severity: 'Low',
        impact_path: ['default/app/e:1'],
      },
    ];
    const { findings, notes } = xraySummary.read({ artifacts: [{ issues }] }, 's.json');
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['XRAY-1', 'high'],
      ['XRAY-2', 'low'],
    ]);
    expect(notes).toEqual([
      'holds 3 issues of another type than security (licence, operational risk), which sca-bridge does not report: it reports vulnerabilities.',
    ]);
  });

  it('reads an issue of a type it does not know as a finding, rather than lose it', () => {
    const issues = [
      {
        issue_id: 'XRAY-6',
        issue_type: 'Vulnerability',
        severity: 'Critical',
        cves: [{ cve: 'CVE-2021-44228' }],
      },
      {
        issue_id: 'XRAY-7',
        issue_type: 'malicious_package',
        severity: 'High',
        impact_path: ['default/app/f:1'],
      },
    ];
    const { findings, notes } = xraySummary.read({ artifacts: [{ issues }] }, 's.json');
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['CVE-2021-44228', 'critical'],
      ['XRAY-7', 'high'],
    ]);
    expect(notes).toBeUndefined();
  });

  it('reads a summary with no issues as no findings', () => {
    expect(xraySummary.read({ artifacts: [{ general: null, issues: null }] }, 's.json').findings).toEqual([]);
  });

  it('reports an issue naming no component and no impact path on the artifact itself, not losing it', () => {
    const issue = { issue_id: 'XRAY-999', severity: 'Critical', cves: [{ cve: 'CVE-2021-44228' }] };
    const general = {
      name: 'app.jar',
      component_id: 'gav://com.acme:app:1.0',
      path: 'libs-release/com/acme/app-1.0.jar',
    };
    const [finding, ...rest] = xraySummary.read(
      { artifacts: [{ general, issues: [issue] }] },
      's.json',
    ).findings;
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      id: 'CVE-2021-44228',
      severity: 'critical',
      component: { packageName: 'com.acme:app', version: '1.0', purl: 'pkg:maven/com.acme/app@1.0' },
      componentPaths: ['com/acme/app-1.0.jar'],
      impactPaths: [],
    });
    // Without a component id, the artifact's name, typed by pkg_type.
    const named = {
      artifacts: [{ general: { name: 'web-image:1.0', pkg_type: 'Docker' }, issues: [issue] }],
    };
    expect(xraySummary.read(named, 's.json').findings.map((f) => f.component)).toEqual([
      {
        packageName: 'web-image',
        name: 'web-image',
        version: '1.0',
        purl: 'pkg:docker/web-image@1.0',
        ecosystem: 'docker',
      },
    ]);
  });

  it('takes the Artifactory id (`default/`) off a path with the repository key, as patterns mean the path inside', () => {
    const issue = {
      issue_id: 'XRAY-1',
      severity: 'High',
      impact_path: ['default/local/com.acme/app/1.0/app.jar/BOOT-INF/lib/okio-jvm-2.8.0.jar'],
    };
    const general = {
      component_id: 'gav://com.acme:app:1.0',
      path: 'default/local/com.acme/app/1.0/app.jar',
    };
    const [finding] = xraySummary.read({ artifacts: [{ general, issues: [issue] }] }, 's.json').findings;
    expect(finding?.componentPaths).toEqual([
      'com.acme/app/1.0/app.jar',
      'com.acme/app/1.0/app.jar/BOOT-INF/lib/okio-jvm-2.8.0.jar',
    ]);
  });

  it('names the artifact and field that is wrong', () => {
    const doc = { artifacts: [{ general: { name: 'a' }, issues: [{ issue_id: 'XRAY-1', cves: {} }] }] };
    expect(userErrorMessage(() => xraySummary.read(doc, 'summary.json'))).toMatch(
      /^summary\.json: not a valid xray-summary file: artifacts\.0\.issues\.0\.cves: /,
    );
  });
});

describe('xray-summary: what the file leaves out', () => {
  it('refuses a summary with artifacts Xray could not summarise, naming them', () => {
    const doc = {
      artifacts: [],
      errors: [
        { error: 'Artifact does not exist or not indexed/cached in Xray', identifier: 'default/r/app.jar' },
      ],
    };
    expect(userErrorMessage(() => xraySummary.read(doc, 's.json'))).toBe(
      's.json: Xray could not summarise an artifact it was asked about, so the file lacks its findings: default/r/app.jar: Artifact does not exist or not indexed/cached in Xray. Have Xray index them (the repository must be indexed, and the artifact scanned), or leave them out of the request, and export the summary again.',
    );
  });

  it('says how many issues of another type it does not report', () => {
    expect(read('xray-summary.json').notes).toEqual([
      'holds 1 issue of another type than security (licence, operational risk), which sca-bridge does not report: it reports vulnerabilities.',
    ]);
  });
});
