import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collapseDuplicates } from '../../../src/findings/collapse.js';
import type { Finding, LocatedFinding } from '../../../src/findings/model.js';
import { dtrackFpf } from '../../../src/importers/dtrack-fpf.js';
import { fixture, userErrorMessage } from './helpers.js';
import { atFallback } from '../../helpers/finding.js';

function read(name: string) {
  return dtrackFpf.read(fixture(name), name);
}

// FPF dates carry no zone; pin the zone so the expectations below hold on every machine.
beforeEach(() => {
  vi.stubEnv('TZ', 'UTC');
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('dtrack-fpf 1.0 (DT 3.8: no CVSS, no title, cweId only)', () => {
  it('maps the project context without a report URL (no meta.baseUrl)', () => {
    const result = read('dtrack-fpf-1.0.json');
    expect(result.scanner).toBe('dependency-track');
    expect(result.violations).toEqual([]);
    expect(result.context).toEqual({
      file: 'dtrack-fpf-1.0.json',
      project: 'legacy-project',
      projectUuid: 'cb028f91-4e76-417f-9659-f98bbdab46f1',
      projectVersion: 'CI',
      scannerVersion: '3.8.0',
    });
  });

  it('titles a finding with the first line of its description and appends the recommendation', () => {
    const [jquery] = read('dtrack-fpf-1.0.json').findings;
    expect(jquery).toEqual({
      scanner: 'dependency-track',
      id: 'CVE-2016-7103',
      ids: ['CVE-2016-7103'],
      title: 'Cross-site scripting (XSS) vulnerability in jQuery UI before 1.12.0.',
      description:
        'Cross-site scripting (XSS) vulnerability in jQuery UI before 1.12.0.\nIt allows remote attackers to inject arbitrary web script via the closeText parameter.\n\nRecommendation: Upgrade to jQuery UI 1.12.0 or later.',
      severity: 'medium',
      cvss: {},
      cwes: ['CWE-79'],
      component: {
        packageName: 'org.webjars:jquery-ui',
        name: 'jquery-ui',
        group: 'org.webjars',
        version: '1.11.4',
        purl: 'pkg:maven/org.webjars/jquery-ui@1.11.4?type=jar',
        ecosystem: 'maven',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: [],
      suppressed: false,
    } satisfies Finding);
  });

  it('shortens a long first line to 120 characters, and reads a component without purl', () => {
    const [, handlebars] = read('dtrack-fpf-1.0.json').findings as [Finding, Finding];
    expect(handlebars.title).toHaveLength(120);
    expect(handlebars.title).toBe(
      'Handlebars before 4.0.14 is vulnerable to prototype pollution when templates are compiled from untrusted input and th...',
    );
    expect(handlebars.id).toBe('0a6b1a8e-2cf1-4c2b-8fa4-6f6d7f1b1c11');
    expect(handlebars.severity).toBe('low');
    expect(handlebars.component).toEqual({
      packageName: 'handlebars',
      name: 'handlebars',
      version: '4.0.11',
    });
    expect(handlebars.cwes).toEqual([]);
  });
});

describe('dtrack-fpf 1.1 (DT 4.7: legacy aliases, analysis states)', () => {
  it('reads legacy `allBySource` aliases: CVE canonical, then the other ids sorted', () => {
    const [jackson] = read('dtrack-fpf-1.1.json').findings;
    expect(jackson).toEqual({
      scanner: 'dependency-track',
      id: 'CVE-2022-42004',
      ids: ['CVE-2022-42004', 'DSA-5283-1', 'GHSA-rgv9-q543-rqg4'],
      title: 'Uncontrolled Resource Consumption in FasterXML jackson-databind',
      description: 'In FasterXML jackson-databind before 2.13.4, resource exhaustion can occur.',
      severity: 'high',
      cvss: { v3: { score: 7.5 } },
      cwes: ['CWE-400', 'CWE-502'],
      component: {
        packageName: 'com.fasterxml.jackson.core:jackson-databind',
        name: 'jackson-databind',
        group: 'com.fasterxml.jackson.core',
        version: '2.13.3',
        purl: 'pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.3?type=jar',
        ecosystem: 'maven',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: [],
      analysis: { state: 'EXPLOITABLE' },
      suppressed: false,
    } satisfies Finding);
  });

  it('maps every DT severity and analysis state to severity and suppressed', () => {
    const { findings } = read('dtrack-fpf-1.1.json');
    expect(findings.map((f) => [f.id, f.severity, f.analysis?.state, f.suppressed])).toEqual([
      ['CVE-2022-42004', 'high', 'EXPLOITABLE', false],
      ['CVE-2022-24999', 'critical', 'FALSE_POSITIVE', true],
      ['CVE-2020-7598', 'medium', 'NOT_AFFECTED', true],
      ['CVE-2017-16137', 'low', 'RESOLVED', true],
      ['INT-2023-0001', 'info', 'IN_TRIAGE', false],
      ['CVE-2021-23358', 'unknown', 'NOT_SET', true],
    ]);
  });

  it("maps CVSS v2 and v3, EPSS, the attribution's reference and id, and the justification", () => {
    const qs = read('dtrack-fpf-1.1.json').findings[1];
    expect(qs).toEqual({
      scanner: 'dependency-track',
      id: 'CVE-2022-24999',
      // OSS Index's own id for it, which DT gives as the attribution's alternate identifier.
      ids: ['CVE-2022-24999', 'sonatype-2022-0123'],
      title: 'qs before 6.10.3 allows attackers to cause a Node process hang.',
      description: 'qs before 6.10.3 allows attackers to cause a Node process hang.',
      severity: 'critical',
      cvss: { v3: { score: 9.1 }, v2: { score: 7.8 } },
      epss: { score: 0.00215, percentile: 0.57744 },
      cwes: ['CWE-1321'],
      component: {
        packageName: 'qs',
        name: 'qs',
        version: '6.7.0',
        purl: 'pkg:npm/qs@6.7.0',
        ecosystem: 'npm',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: [
        'https://ossindex.sonatype.org/vulnerability/CVE-2022-24999?component-type=npm&component-name=qs',
      ],
      analysis: { state: 'FALSE_POSITIVE', justification: 'CODE_NOT_REACHABLE' },
      suppressed: true,
    } satisfies Finding);
  });

  it('keeps the analysis of not-affected and triaged findings', () => {
    const { findings } = read('dtrack-fpf-1.1.json');
    expect(findings[2]?.analysis).toEqual({ state: 'NOT_AFFECTED', justification: 'PROTECTED_AT_RUNTIME' });
    expect(findings[2]?.cwes).toEqual([]);
    expect(findings[3]?.cwes).toEqual(['CWE-400']);
    expect(findings[4]?.title).toBe('Internal advisory: ms is unmaintained');
    expect(findings[5]?.analysis).toEqual({ state: 'NOT_SET' });
  });
});

describe('dtrack-fpf: a meta.baseUrl that is no web address', () => {
  it('links nowhere rather than to `not a url/projects/…`, and says so', () => {
    const doc = fixture('dtrack-fpf-1.3.json') as { meta: Record<string, unknown> };
    const result = dtrackFpf.read({ ...doc, meta: { ...doc.meta, baseUrl: 'not a url' } }, 'f.json');
    expect(result.context.reportUrl).toBeUndefined();
    expect(result.findings.every((f) => f.url === undefined)).toBe(true);
    expect(result.notes).toEqual([
      'meta.baseUrl "not a url" is no http(s) URL without a query, so findings link to no Dependency-Track page; give ui-url (Dependency-Track\'s web address) for links.',
    ]);
    // A query, which paths would be added to (`…?tenant=a/projects/…`), as ui-url refuses it.
    const query = dtrackFpf.read(
      { ...doc, meta: { ...doc.meta, baseUrl: 'https://dt.example.com/dtrack?tenant=a' } },
      'f.json',
    );
    expect(query.context.reportUrl).toBeUndefined();
    expect(query.notes?.[0]).toMatch(
      /^meta\.baseUrl "https:\/\/dt\.example\.com\/dtrack\?tenant=a" is no http\(s\) URL/,
    );
    // ui-url given: the export's own base is not read, nor spoken of.
    const given = dtrackFpf.read({ ...doc, meta: { ...doc.meta, baseUrl: 'not a url' } }, 'f.json', {
      uiUrl: 'https://dt.example.com',
    });
    expect(given.notes).toBeUndefined();
    expect(given.context.reportUrl).toMatch(/^https:\/\/dt\.example\.com\/projects\//);
  });
});

describe('dtrack-fpf 1.3 (DT 4.14: CVSS v4, vectors, markdown references, published)', () => {
  it('maps the context with a report URL from meta.baseUrl (trailing slash dropped)', () => {
    expect(read('dtrack-fpf-1.3.json').context).toEqual({
      file: 'dtrack-fpf-1.3.json',
      project: 'acme/acme-site (npm)',
      projectUuid: 'ca4f2da9-0fad-4a13-92d7-f627f3168a56',
      projectVersion: 'develop',
      scannerVersion: '4.14.1',
      reportUrl: 'https://dtrack.example.org/projects/ca4f2da9-0fad-4a13-92d7-f627f3168a56',
    });
  });

  it('maps CVSS v4 and v3 vectors, markdown references, the published date and a UI link', () => {
    const [nvd] = read('dtrack-fpf-1.3.json').findings;
    expect(nvd).toEqual({
      scanner: 'dependency-track',
      id: 'CVE-2026-25547',
      ids: ['CVE-2026-25547', 'GHSA-7h2j-956f-4vf2'],
      title:
        'brace-expansion is vulnerable to a denial of service caused by unbounded brace range expansion.',
      description:
        'brace-expansion is vulnerable to a denial of service caused by unbounded brace range expansion.',
      severity: 'critical',
      cvss: {
        v4: { score: 9.2, vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:H' },
        v3: { score: 7.5, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H' },
      },
      epss: { score: 0.0002, percentile: 0.05566 },
      cwes: ['CWE-1333'],
      component: {
        packageName: 'brace-expansion',
        name: 'brace-expansion',
        version: '2.0.3',
        purl: 'pkg:npm/brace-expansion@2.0.3',
        ecosystem: 'npm',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: [
        'https://github.com/isaacs/brace-expansion/security/advisories/GHSA-7h2j-956f-4vf2',
        'https://nvd.nist.gov/vuln/detail/CVE-2026-25547',
      ],
      published: '2026-02-04T22:16:00.813Z',
      suppressed: false,
      url: 'https://dtrack.example.org/vulnerabilities/NVD/CVE-2026-25547',
    } satisfies Finding);
  });

  it('collapses the NVD finding and its GITHUB (GHSA + CVE alias) twin on one component', () => {
    const { findings } = read('dtrack-fpf-1.3.json');
    expect(findings.map((f) => f.id)).toEqual([
      'CVE-2026-25547',
      'CVE-2026-25547',
      'GHSA-4w2v-q235-vp99',
      'CVE-2021-21263',
    ]);
    expect(findings[1]?.url).toBe('https://dtrack.example.org/vulnerabilities/GITHUB/GHSA-7h2j-956f-4vf2');
    const collapsed = collapseDuplicates(atFallback(findings));
    expect(collapsed.map((f) => f.id)).toEqual(['CVE-2026-25547', 'GHSA-4w2v-q235-vp99', 'CVE-2021-21263']);
    expect(collapsed[0]).toEqual({
      scanner: 'dependency-track',
      id: 'CVE-2026-25547',
      ids: ['CVE-2026-25547', 'GHSA-7h2j-956f-4vf2'],
      title:
        'brace-expansion is vulnerable to a denial of service caused by unbounded brace range expansion.',
      description:
        'brace-expansion is vulnerable to a denial of service caused by unbounded brace range expansion.',
      severity: 'critical',
      cvss: {
        v4: { score: 9.2, vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:H' },
        v3: { score: 8.2, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:H' },
      },
      epss: { score: 0.0002, percentile: 0.05566 },
      cwes: ['CWE-1333', 'CWE-400'],
      component: {
        packageName: 'brace-expansion',
        name: 'brace-expansion',
        version: '2.0.3',
        purl: 'pkg:npm/brace-expansion@2.0.3',
        ecosystem: 'npm',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: [
        'https://github.com/isaacs/brace-expansion/security/advisories/GHSA-7h2j-956f-4vf2',
        'https://nvd.nist.gov/vuln/detail/CVE-2026-25547',
        'https://github.com/advisories/GHSA-7h2j-956f-4vf2',
      ],
      published: '2026-02-04T22:16:00.813Z',
      suppressed: false,
      url: 'https://dtrack.example.org/vulnerabilities/NVD/CVE-2026-25547',
      location: { uri: '.github/workflows/ci.yml', startLine: 1, rule: 'fallback' },
    } satisfies LocatedFinding);
  });

  it('keeps unicode in names, titles, descriptions and analysis detail (npm scoped purl)', () => {
    const naive = read('dtrack-fpf-1.3.json').findings[2];
    expect(naive).toEqual({
      scanner: 'dependency-track',
      id: 'GHSA-4w2v-q235-vp99',
      ids: ['GHSA-4w2v-q235-vp99'],
      title: '日本語のタイトル: naïve-lib のクロスサイトスクリプティング',
      description: 'naïve-lib は入力を検証しません。\n二行目。\n\nRecommendation: 1.0.1 に更新してください。',
      severity: 'medium',
      cvss: { v3: { score: 6.1, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N' } },
      cwes: ['CWE-79'],
      component: {
        packageName: '@acme/naïve-lib',
        name: 'naïve-lib',
        group: '@acme',
        version: '1.0.0',
        purl: 'pkg:npm/%40acme/na%C3%AFve-lib@1.0.0',
        ecosystem: 'npm',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: [],
      analysis: { state: 'IN_TRIAGE', detail: 'Reviewed: 影響あり' },
      suppressed: false,
      url: 'https://dtrack.example.org/vulnerabilities/GITHUB/GHSA-4w2v-q235-vp99',
    } satisfies Finding);
  });

  it('maps a composer package (vendor/name), a subtitle as title and a v2 vector', () => {
    const laravel = read('dtrack-fpf-1.3.json').findings[3];
    expect(laravel).toMatchObject({
      id: 'CVE-2021-21263',
      ids: ['CVE-2021-21263', 'GHSA-x7p5-p2c9-phvg'],
      title: 'laravel/framework',
      severity: 'low',
      cvss: {
        v3: { score: 3.7, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N' },
        v2: { score: 5, vector: '(AV:N/AC:L/Au:N/C:P/I:N/A:N)' },
      },
      component: {
        packageName: 'laravel/framework',
        name: 'framework',
        group: 'laravel',
        version: '7.12.0',
        purl: 'pkg:composer/laravel/framework@7.12.0',
        ecosystem: 'composer',
      },
      references: [],
      published: '2021-01-19T17:15:00.000Z',
      analysis: { state: 'NOT_SET' },
      suppressed: false,
    });
  });

  it('reads the zone-less FPF `published` the same whatever the machine time zone', () => {
    vi.stubEnv('TZ', 'America/New_York');
    const atNewYork = read('dtrack-fpf-1.3.json').findings[0]?.published;
    vi.stubEnv('TZ', 'Asia/Tokyo');
    const atTokyo = read('dtrack-fpf-1.3.json').findings[0]?.published;
    expect(atNewYork).toBe('2026-02-04T22:16:00.813Z');
    expect(atTokyo).toBe('2026-02-04T22:16:00.813Z');
  });
});

describe('dtrack-fpf: matches and rejections', () => {
  it('needs findings[] and meta or project', () => {
    expect(dtrackFpf.matches(fixture('dtrack-fpf-1.0.json'))).toBe(true);
    expect(dtrackFpf.matches({ version: '1.2', meta: {}, findings: [] })).toBe(true);
    expect(dtrackFpf.matches({ findings: [] })).toBe(false);
    expect(dtrackFpf.matches(fixture('dtrack-findings.json'))).toBe(false);
  });

  it('reads an FPF with no findings', () => {
    const doc = { version: '1.0', meta: { version: '4.0.0' }, project: { name: 'p' }, findings: [] };
    expect(dtrackFpf.read(doc, 'empty.fpf')).toEqual({
      scanner: 'dependency-track',
      findings: [],
      violations: [],
      context: { file: 'empty.fpf', project: 'p', scannerVersion: '4.0.0' },
    });
  });

  it('names the file, the format and the bad field, and what to do', () => {
    const message = userErrorMessage(() => read('bad_fpf-invalid-field.json'));
    expect(message).toMatch(
      /^bad_fpf-invalid-field\.json: not a valid dtrack-fpf file: findings\.1\.vulnerability\.aliases: /,
    );
    expect(message).toContain('expected array');
    expect(message).toMatch(
      /\. Export it again from the scanner and import it unedited; if the scanner wrote it so, report the field named here at https:\/\/github\.com\/sca-bridge\/sca-bridge\/issues\/new\.$/,
    );
  });

  it('refuses a severity that is not a word (a damaged export), rather than count it as unknown', () => {
    const doc = fixture('dtrack-fpf-1.3.json') as { findings: { vulnerability: { severity: unknown } }[] };
    (doc.findings[0] as { vulnerability: { severity: unknown } }).vulnerability.severity = 5;
    const message = userErrorMessage(() => dtrackFpf.read(doc, 'x.json'));
    expect(message).toMatch(/^x\.json: not a valid dtrack-fpf file: findings\.0\.vulnerability\.severity: /);
    expect(message).toContain('expected string');
  });

  it('names a finding without a component', () => {
    const doc = { meta: {}, findings: [{ vulnerability: { vulnId: 'CVE-2021-1234' } }] };
    expect(userErrorMessage(() => dtrackFpf.read(doc, 'x.json'))).toMatch(
      /^x\.json: not a valid dtrack-fpf file: findings\.0\.component: /,
    );
  });
});
