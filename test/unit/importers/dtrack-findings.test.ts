import { describe, expect, it } from 'vitest';
import { collapseDuplicates } from '../../../src/findings/collapse.js';
import type { Finding } from '../../../src/findings/model.js';
import { dtrackFindings } from '../../../src/importers/dtrack-findings.js';
import { fixture, userErrorMessage } from './helpers.js';
import { atFallback } from '../../helpers/finding.js';

function read(name: string) {
  return dtrackFindings.read(fixture(name), name);
}

describe('dtrack-findings: `GET /api/v1/finding/project/{uuid}` array', () => {
  const result = read('dtrack-findings.json');
  const { findings } = result;

  it('maps every finding, in order, without UI links (the API array carries no base URL)', () => {
    expect(result.scanner).toBe('dependency-track');
    expect(result.violations).toEqual([]);
    expect(result.context).toEqual({ file: 'dtrack-findings.json' });
    expect(findings.map((f) => [f.id, f.component.packageName, f.severity, f.suppressed])).toEqual([
      ['CVE-2021-44228', 'org.apache.logging.log4j:log4j-core', 'critical', false],
      ['CVE-2021-44228', 'org.apache.logging.log4j:log4j-core', 'critical', true],
      ['SNYK-JS-MINIMIST-559764', 'minimist', 'low', false],
      ['PYSEC-2021-59', 'com.example/internal-lib', 'unknown', false],
    ]);
    expect(findings.every((f) => f.url === undefined)).toBe(true);
  });

  it('turns the epoch-ms `published` into ISO-8601 and reads EPSS and CWEs', () => {
    expect(findings[0]).toEqual({
      scanner: 'dependency-track',
      id: 'CVE-2021-44228',
      ids: ['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q'],
      title: 'Log4Shell',
      description: 'Apache Log4j2 JNDI features do not protect against attacker-controlled LDAP.',
      severity: 'critical',
      cvss: { v3: { score: 10 }, v2: { score: 9.3 } },
      epss: { score: 0.97565, percentile: 0.99996 },
      cwes: ['CWE-502', 'CWE-20'],
      component: {
        packageName: 'org.apache.logging.log4j:log4j-core',
        name: 'log4j-core',
        group: 'org.apache.logging.log4j',
        version: '2.14.1',
        purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
        ecosystem: 'maven',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: ['https://nvd.nist.gov/vuln/detail/CVE-2021-44228'],
      published: '2021-12-09T22:00:00.000Z',
      suppressed: false,
    } satisfies Finding);
    expect(findings[1]?.published).toBe('2021-12-15T00:00:00.123Z');
    expect(findings[2]?.published).toBe('2020-03-23T00:00:00.000Z');
    expect(findings[3]?.published).toBeUndefined();
  });

  it('marks isSuppressed: true as suppressed and keeps its analysis', () => {
    expect(findings[1]).toMatchObject({
      ids: ['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q'],
      title: 'Remote code injection in Log4j',
      analysis: { state: 'FALSE_POSITIVE', justification: 'CODE_NOT_PRESENT' },
      suppressed: true,
      cwes: ['CWE-502', 'CWE-917'],
      references: ['https://github.com/advisories/GHSA-jfh8-c2jp-5v3q'],
    });
  });

  it('uses a scanner id (SNYK, OSV) when there is no CVE or GHSA; EXPLOITABLE is not suppressed', () => {
    expect(findings[2]).toEqual({
      scanner: 'dependency-track',
      id: 'SNYK-JS-MINIMIST-559764',
      ids: ['SNYK-JS-MINIMIST-559764'],
      title: 'Prototype Pollution',
      description: '',
      severity: 'low',
      cvss: { v3: { score: 3.6 } },
      cwes: [],
      component: {
        packageName: 'minimist',
        name: 'minimist',
        version: '0.0.8',
        purl: 'pkg:npm/minimist@0.0.8',
        ecosystem: 'npm',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: [],
      published: '2020-03-23T00:00:00.000Z',
      analysis: { state: 'EXPLOITABLE' },
      suppressed: false,
    } satisfies Finding);
    expect(findings[3]).toEqual({
      scanner: 'dependency-track',
      id: 'PYSEC-2021-59',
      ids: ['PYSEC-2021-59'],
      title: 'An advisory with no score.',
      description: 'An advisory with no score.',
      severity: 'unknown',
      cvss: {},
      cwes: [],
      component: {
        packageName: 'com.example/internal-lib',
        name: 'internal-lib',
        group: 'com.example',
        version: '1.0',
      },
      componentPaths: [],
      impactPaths: [],
      fixedVersions: [],
      references: [],
      suppressed: false,
    } satisfies Finding);
  });

  it('collapses an NVD finding and its suppressed GITHUB twin into one open finding', () => {
    const collapsed = collapseDuplicates(atFallback(findings));
    expect(collapsed.map((f) => f.id)).toEqual([
      'CVE-2021-44228',
      'SNYK-JS-MINIMIST-559764',
      'PYSEC-2021-59',
    ]);
    expect(collapsed[0]).toMatchObject({
      ids: ['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q'],
      title: 'Log4Shell',
      description:
        'Log4j versions prior to 2.16.0 are subject to a remote code execution vulnerability via the ldap JNDI parser.',
      suppressed: false,
      cwes: ['CWE-502', 'CWE-20', 'CWE-917'],
      references: [
        'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
        'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q',
      ],
      cvss: { v3: { score: 10 }, v2: { score: 9.3 } },
      published: '2021-12-09T22:00:00.000Z',
    });
  });
});

describe('dtrack-findings: matches and rejections', () => {
  it('recognises a non-empty array of {component, vulnerability} objects only', () => {
    expect(dtrackFindings.matches(fixture('dtrack-findings.json'))).toBe(true);
    expect(dtrackFindings.matches([])).toBe(false);
    expect(dtrackFindings.matches(fixture('bad_mixed.json'))).toBe(false);
    expect(dtrackFindings.matches(fixture('dtrack-fpf-1.3.json'))).toBe(false);
    expect(dtrackFindings.matches([{ component: {}, vulnerability: 'CVE-2021-1234' }])).toBe(false);
  });

  it('names the index and field that is wrong', () => {
    const doc = [{ component: { name: 'qs' }, vulnerability: { vulnId: 'CVE-2022-24999', cwes: 'CWE-79' } }];
    expect(userErrorMessage(() => dtrackFindings.read(doc, 'findings.json'))).toMatch(
      /^findings\.json: not a valid dtrack-findings file: 0\.vulnerability\.cwes: /,
    );
  });

  it('rejects a `published` that is neither a string nor a number', () => {
    const doc = [{ component: { name: 'qs' }, vulnerability: { vulnId: 'CVE-2022-24999', published: true } }];
    expect(userErrorMessage(() => dtrackFindings.read(doc, 'findings.json'))).toMatch(
      /^findings\.json: not a valid dtrack-findings file: 0\.vulnerability\.published: /,
    );
  });
});
