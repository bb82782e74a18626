import { describe, expect, it } from 'vitest';
import { buildFinding, type FindingInput } from '../../../src/findings/build.js';
import { collapseDuplicates, findingKey } from '../../../src/findings/collapse.js';
import type { LocatedFinding, Location } from '../../../src/findings/model.js';

const lodash = {
  packageName: 'lodash',
  name: 'lodash',
  version: '4.17.20',
  purl: 'pkg:npm/lodash@4.17.20',
  ecosystem: 'npm',
};

const FALLBACK: Location = { uri: '.github/workflows/ci.yml', startLine: 1, rule: 'fallback' };

function finding({
  location = FALLBACK,
  ...overrides
}: Partial<FindingInput> & { location?: Location } = {}): LocatedFinding {
  const built = buildFinding({
    scanner: 'xray',
    ids: ['XRAY-140562', 'CVE-2021-23337'],
    title: 'Command injection in lodash template',
    description: 'lodash template() command injection.',
    severity: 'high',
    component: lodash,
    ...overrides,
  });
  return { ...built, location };
}

describe('collapseDuplicates', () => {
  it('keeps apart components a NUL inside a name or version would make look alike', () => {
    // `a\0b` 1 and `a` `b\01`: joined with NUL between the parts, both would read `a\0b\01`.
    const one = finding({ component: { ...lodash, packageName: 'a\0b', name: 'a\0b', version: '1' } });
    const other = finding({ component: { ...lodash, packageName: 'a', name: 'a', version: 'b\u00001' } });
    expect(findingKey(one)).not.toBe(findingKey(other));
    expect(collapseDuplicates([one, other])).toHaveLength(2);
    // Keys (and the fingerprints made the same way) of ordinary names stay as they always were.
    const declared = { uri: 'package.json', startLine: 3, rule: 'manifest' } as const;
    expect(findingKey(finding({ location: declared }))).toBe(
      ['xray', 'CVE-2021-23337', 'npm', 'lodash', '4.17.20', 'package.json'].join('\0'),
    );
  });

  it('keeps one finding per place, a fallback file too: an identity never depends on the other files', () => {
    // Two exports of one scan, each the fallback file of its own findings: merged, the finding would move to
    // whichever came first, and its fingerprint with it.
    const onExport = (uri: string) => finding({ location: { ...FALLBACK, uri } });
    expect(collapseDuplicates([onExport('a1.json'), onExport('a2.json')])).toHaveLength(2);
    const inManifest = (uri: string) => finding({ location: { uri, startLine: 3, rule: 'manifest' } });
    expect(collapseDuplicates([inManifest('a/package.json'), inManifest('b/package.json')])).toHaveLength(2);
    expect(collapseDuplicates([inManifest('a/package.json'), inManifest('a/package.json')])).toHaveLength(1);
  });

  it('tells apart OS packages of two distributions, and names that only look alike once written whole', () => {
    const deb = (distribution: string) =>
      finding({
        component: {
          packageName: 'openssl',
          name: 'openssl',
          group: distribution,
          version: '3.0.11-1',
          purl: `pkg:deb/${distribution}/openssl@3.0.11-1`,
          ecosystem: 'deb',
        },
      });
    expect(collapseDuplicates([deb('debian'), deb('ubuntu')])).toHaveLength(2);
    expect(collapseDuplicates([deb('debian'), deb('debian')])).toHaveLength(1);
    const scoped = (group: string, name: string) =>
      finding({
        component: { ...lodash, packageName: `${group}/${name}`, group, name, ecosystem: 'golang' },
      });
    expect(collapseDuplicates([scoped('a', 'b/c'), scoped('a/b', 'c')])).toHaveLength(2);
  });

  it('tells apart components known by no version by their purls (files Xray knows by their hash)', () => {
    const file = (hash: string) =>
      finding({
        component: {
          packageName: 'log4j-core.jar',
          name: 'log4j-core.jar',
          purl: `pkg:generic/log4j-core.jar?checksum=sha256:${hash}`,
          ecosystem: 'generic',
        },
      });
    expect(collapseDuplicates([file('aaaa'), file('bbbb')])).toHaveLength(2);
    expect(collapseDuplicates([file('aaaa'), file('aaaa')])).toHaveLength(1);
  });

  it("keeps the most applicable sighting's contextual analysis; one not analysed outranks `not applicable`", () => {
    const merged = (...values: (string | undefined)[]) =>
      collapseDuplicates(values.map((applicability) => finding({ applicability })))[0]?.applicability;
    expect(merged('Not Applicable', 'Applicable')).toBe('applicable');
    expect(merged('not_applicable', 'Undetermined', 'Not Covered')).toBe('undetermined');
    expect(merged('Not Applicable', 'Not Covered')).toBe('not covered');
    expect(merged('Not Applicable', undefined)).toBeUndefined();
    expect(merged('Not Applicable', 'not_applicable')).toBe('not applicable');
    // The rows' order never decides.
    expect(merged('Not Covered', undefined)).toBe('not covered');
    expect(merged(undefined, 'Not Covered')).toBe('not covered');
    expect(merged('not_scanned', 'Not Covered')).toBe('not covered');
    expect(merged('Not Covered', 'not_scanned')).toBe('not covered');
  });

  it('merges repeated sightings: ids, component paths, impact paths, fixes, references and CWEs', () => {
    const first = finding({
      componentPaths: ['web-app/-/web-app-3.0.0.tgz'],
      impactPaths: [['npm://web-app:3.0.0', 'npm://lodash:4.17.20']],
      fixedVersions: ['4.17.21'],
      references: ['https://a.example'],
      cwes: ['CWE-94'],
    });
    const second = finding({
      ids: ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm'],
      componentPaths: ['admin-app/-/admin-app-1.0.0.tgz', 'web-app/-/web-app-3.0.0.tgz'],
      impactPaths: [
        ['npm://admin-app:1.0.0', 'npm://lodash:4.17.20'],
        ['npm://web-app:3.0.0', 'npm://lodash:4.17.20'],
      ],
      fixedVersions: ['4.17.21', '5.0.0'],
      references: ['https://b.example', 'https://a.example'],
      cwes: ['CWE-77', 'CWE-94'],
    });
    const [merged, ...rest] = collapseDuplicates([first, second]);
    expect(rest).toEqual([]);
    expect(merged).toEqual({
      scanner: 'xray',
      id: 'CVE-2021-23337',
      ids: ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm', 'XRAY-140562'],
      title: 'Command injection in lodash template',
      description: 'lodash template() command injection.',
      severity: 'high',
      cvss: {},
      cwes: ['CWE-94', 'CWE-77'],
      component: lodash,
      componentPaths: ['web-app/-/web-app-3.0.0.tgz', 'admin-app/-/admin-app-1.0.0.tgz'],
      impactPaths: [
        ['npm://web-app:3.0.0', 'npm://lodash:4.17.20'],
        ['npm://admin-app:1.0.0', 'npm://lodash:4.17.20'],
      ],
      fixedVersions: ['4.17.21', '5.0.0'],
      references: ['https://a.example', 'https://b.example'],
      suppressed: false,
      location: FALLBACK,
    } satisfies LocatedFinding);
  });

  it('merges any number of sightings as two at a time would, in the order first seen, interleaved with others', () => {
    const sighting = (n: number, severity: 'low' | 'high' | 'critical', ids: string[]) =>
      finding({
        ids,
        severity,
        componentPaths: [`app-${n % 2}.tgz`],
        impactPaths: [[`npm://app-${n % 2}:1`, 'npm://lodash:4.17.20']],
        references: [`https://example.com/${n % 3}`],
        fixedVersions: [`4.17.${21 + (n % 2)}`],
      });
    const other = finding({ component: { ...lodash, version: '4.17.19' } });
    const sightings = [
      sighting(0, 'low', ['XRAY-140562', 'CVE-2021-23337']),
      other,
      sighting(1, 'critical', ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm']),
      sighting(2, 'high', ['CVE-2021-23337']),
      sighting(3, 'low', ['XRAY-140562', 'CVE-2021-23337']),
    ];
    const collapsed = collapseDuplicates(sightings);
    expect(collapsed).toHaveLength(2);
    expect(collapsed[1]).toBe(other);
    expect(collapsed[0]).toMatchObject({
      id: 'CVE-2021-23337',
      ids: ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm', 'XRAY-140562'],
      severity: 'critical',
      componentPaths: ['app-0.tgz', 'app-1.tgz'],
      impactPaths: [
        ['npm://app-0:1', 'npm://lodash:4.17.20'],
        ['npm://app-1:1', 'npm://lodash:4.17.20'],
      ],
      references: ['https://example.com/0', 'https://example.com/1', 'https://example.com/2'],
      fixedVersions: ['4.17.21', '4.17.22'],
    });
  });

  it('merges 20,000 sightings of one finding (a whole Artifactory repeating one vulnerability) in linear time', () => {
    const sightings = Array.from({ length: 20_000 }, (_, n) =>
      finding({
        componentPaths: [`app-${n}.tgz`],
        impactPaths: [[`docker://app-${n}:1`, 'npm://lodash:4.17.20']],
        references: [`https://example.com/${n}`],
      }),
    );
    const [merged, ...rest] = collapseDuplicates(sightings);
    expect(rest).toEqual([]);
    expect(merged?.componentPaths).toHaveLength(20_000);
    expect(merged?.impactPaths).toHaveLength(20_000);
    expect(merged?.references).toHaveLength(20_000);
    // A guard against a hang, not a measure of speed: joined two at a time, this took over a minute.
  }, 10_000);

  it('takes the title, scanner URL and EPSS score a sighting lacks from the other, whichever comes first', () => {
    // The title is blank here as an importer's row may leave it (buildFinding would fill it from the text).
    const bare = { ...finding(), title: '' };
    const full = finding({
      url: 'https://acme.jfrog.io/ui/scans-list/repositories/npm-local/scan-descendants',
      epss: { score: 0.42, percentile: 0.97 },
    });
    expect([bare.url, bare.epss]).toEqual([undefined, undefined]);
    for (const pair of [
      [bare, full],
      [full, bare],
    ]) {
      const [merged, ...rest] = collapseDuplicates(pair);
      expect(rest).toEqual([]);
      expect(merged?.title).toBe('Command injection in lodash template');
      expect(merged?.url).toBe('https://acme.jfrog.io/ui/scans-list/repositories/npm-local/scan-descendants');
      expect(merged?.epss).toEqual({ score: 0.42, percentile: 0.97 });
    }
  });

  it('keeps the most severe severity, the higher CVSS of each version and the longer description', () => {
    const low = finding({
      severity: 'low',
      cvss: {
        v3: { score: 5.3, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N' },
        v2: { score: 7.5 },
      },
      description: 'short',
    });
    const critical = finding({
      severity: 'critical',
      cvss: {
        v3: { score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
        v4: { score: 9.3 },
        v2: { score: 5 },
      },
      description: 'a much longer description',
    });
    const [merged] = collapseDuplicates([low, critical]);
    expect(merged?.severity).toBe('critical');
    expect(merged?.cvss).toEqual({
      v4: { score: 9.3 },
      v3: { score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
      v2: { score: 7.5 },
    });
    expect(merged?.description).toBe('a much longer description');
    expect(collapseDuplicates([critical, low])[0]?.severity).toBe('critical');
  });

  it('is suppressed only when every sighting is suppressed', () => {
    const fp = { state: 'FALSE_POSITIVE', justification: 'CODE_NOT_REACHABLE' };
    const suppressed = finding({ suppressed: true, analysis: fp });
    const otherSuppressed = finding({ suppressed: true, analysis: { state: 'NOT_AFFECTED' } });
    const open = finding({ suppressed: false, analysis: { state: 'IN_TRIAGE' } });
    expect(collapseDuplicates([suppressed, otherSuppressed])[0]).toMatchObject({
      suppressed: true,
      analysis: fp,
    });
    expect(collapseDuplicates([suppressed, open])[0]).toMatchObject({
      suppressed: false,
      analysis: { state: 'IN_TRIAGE' },
    });
    expect(collapseDuplicates([open, suppressed])[0]).toMatchObject({
      suppressed: false,
      analysis: { state: 'IN_TRIAGE' },
    });
    expect(collapseDuplicates([suppressed, open, otherSuppressed])[0]?.suppressed).toBe(false);
  });

  it('does not give an open finding the analysis of a suppressed sighting', () => {
    // An open sighting without analysis, then a FALSE_POSITIVE one: the merged finding is open, so it must
    // not carry the suppressing analysis (outputs would show an open alert "analysed as false positive").
    const open = finding();
    const suppressed = finding({ suppressed: true, analysis: { state: 'FALSE_POSITIVE' } });
    const [merged] = collapseDuplicates([open, suppressed]);
    expect(merged?.suppressed).toBe(false);
    expect(merged?.analysis).toBeUndefined();
  });

  it('keeps apart different versions, packages, vulnerabilities, scanners and locations', () => {
    const base = finding();
    const otherVersion = finding({ component: { ...lodash, version: '4.17.21' } });
    const otherPackage = finding({
      component: { packageName: 'lodash-es', name: 'lodash-es', version: '4.17.20' },
    });
    const otherVulnerability = finding({ ids: ['CVE-2020-8203'] });
    const otherScanner = finding({ scanner: 'dependency-track' });
    const otherEcosystem = finding({ component: { ...lodash, ecosystem: 'maven' } });
    const located = {
      ...finding(),
      location: { uri: 'apps/admin/package.json', startLine: 4, rule: 'manifest' as const },
    };
    const all = [base, otherVersion, otherPackage, otherVulnerability, otherScanner, otherEcosystem, located];
    expect(new Set(all.map(findingKey)).size).toBe(7);
    expect(collapseDuplicates(all)).toHaveLength(7);
  });

  it('keeps first-seen order and collapses an NVD CVE finding with its GHSA twin (CVE as alias)', () => {
    const other = finding({ ids: ['CVE-2020-8203'] });
    const nvd = finding({ scanner: 'dependency-track', ids: ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm'] });
    const ghsa = finding({ scanner: 'dependency-track', ids: ['GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337'] });
    const collapsed = collapseDuplicates([other, nvd, ghsa]);
    expect(collapsed.map((f) => [f.scanner, f.id, f.ids])).toEqual([
      ['xray', 'CVE-2020-8203', ['CVE-2020-8203']],
      ['dependency-track', 'CVE-2021-23337', ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm']],
    ]);
  });

  it('counts a vulnerability per canonical id, so sightings sharing only some ids stay apart', () => {
    const dt = (ids: string[]) => finding({ scanner: 'dependency-track', ids });
    // A GHSA naming two CVEs (an incomplete fix and its follow-up) beside the NVD record of the later one:
    // two CVEs, two findings; the GHSA is counted under its lowest CVE.
    const ghsa = dt(['GHSA-jf85-cpcp-j695', 'CVE-2019-10744', 'CVE-2019-99999']);
    const later = dt(['CVE-2019-99999']);
    expect(collapseDuplicates([ghsa, later]).map((f) => f.id)).toEqual(['CVE-2019-10744', 'CVE-2019-99999']);
    // A Debian advisory (OSV DSA/DLA) covers many CVEs: sharing it makes no two vulnerabilities one.
    const first = dt(['CVE-2022-42003', 'GHSA-jjjh-jjxp-wpff', 'DSA-5283-1']);
    const second = dt(['CVE-2022-42004', 'GHSA-rgv9-q543-rqg4', 'DSA-5283-1']);
    expect(collapseDuplicates([first, second])).toHaveLength(2);
  });

  it('returns an empty list for no findings and leaves a single finding as it is', () => {
    expect(collapseDuplicates([])).toEqual([]);
    const one = finding();
    expect(collapseDuplicates([one])).toEqual([one]);
  });
});
