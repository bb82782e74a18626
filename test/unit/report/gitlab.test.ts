import { describe, expect, it } from 'vitest';
import type { LocatedFinding } from '../../../src/findings/model.js';
import { SEVERITIES } from '../../../src/findings/severity.js';
import {
  DEPENDENCY_SCANNING_VERSION,
  gitlabCodeQualityReport,
  gitlabDependencyScanningReport,
  gitlabGroups,
  gitlabTime,
} from '../../../src/report/gitlab.js';
import { VERSION } from '../../../src/version.js';
import { aFinding } from '../../helpers/finding.js';
import { schemaErrors } from '../../helpers/schemas.js';
import { announceSkip, sharedAvailable } from '../../helpers/shared.js';

const SCHEMAS = [
  'gitlab-dependency-scanning-report-format-15.2.1.json',
  'gitlab-dependency-scanning-report-format-15.1.5.json',
];

const STARTED = new Date('2026-11-22T10:11:12.345Z');
const FINISHED = new Date('2026-11-22T10:11:19.999Z');

interface Identifier {
  type: string;
  name: string;
  value: string;
  url?: string;
}

interface Vulnerability {
  id: string;
  name: string;
  description: string;
  severity: string;
  solution?: string;
  identifiers: Identifier[];
  cvss_vectors?: { vendor: string; vector: string }[];
  links?: { url: string }[];
  location: { file: string; dependency: { package: { name: string }; version: string } };
}

interface DependencyReport {
  version: string;
  schema: string;
  scan: {
    analyzer: { id: string; name: string; version: string; vendor: { name: string } };
    scanner: { id: string; name: string; url: string; version: string; vendor: { name: string } };
    start_time: string;
    end_time: string;
    status: string;
    type: string;
  };
  vulnerabilities: Vulnerability[];
}

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  categories: string[];
  location: { path: string; lines: { begin: number } };
}

function dependencyReport(
  findings: readonly LocatedFinding[],
  scannerVersions: Partial<Record<'dependency-track' | 'xray', string>> = {
    'dependency-track': '4.13.2',
  },
): DependencyReport {
  const report = gitlabDependencyScanningReport({
    groups: gitlabGroups(findings),
    startedAt: STARTED,
    finishedAt: FINISHED,
    scannerVersions,
  });
  // As written to disk: the report's lists are mapped as they are written.
  return JSON.parse(
    JSON.stringify({ ...report, vulnerabilities: [...(report.vulnerabilities as Iterable<unknown>)] }),
  ) as DependencyReport;
}

/** The code-quality report of the findings, checked against the Code Climate subset GitLab reads. */
function codeQuality(findings: readonly LocatedFinding[]): CodeQualityIssue[] {
  const report = [...gitlabCodeQualityReport(gitlabGroups(findings))];
  expect(schemaErrors('test/schemas/gitlab-code-quality.schema.json', report)).toEqual([]);
  return report as unknown as CodeQualityIssue[];
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

const atManifest = (uri: string, startLine: number): LocatedFinding['location'] => ({
  uri,
  startLine,
  rule: 'manifest',
});

// One finding of each kind the report has to carry: a CVE with a GHSA alias, CWEs, v3 + v2 vectors and fixes;
// an Xray-only id; a GHSA-only id with a v4 vector; a suppressed one.
const lodash = aFinding({
  ids: ['CVE-2021-23337', 'GHSA-35jh-r3h4-6jhm'],
  cwes: ['CWE-77', 'CWE-94'],
  cvss: {
    v3: { score: 7.2, vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
    v2: { score: 6.5, vector: 'CVSS:2.0/AV:N/AC:L/Au:S/C:P/I:P/A:P' },
  },
  fixedVersions: ['4.17.21'],
  references: ['https://github.com/lodash/lodash/issues/5085', 'not a url'],
  location: atManifest('package.json', 7),
});
const xrayOnly = aFinding({
  scanner: 'xray',
  ids: ['XRAY-263904'],
  title: 'Prototype pollution in minimist',
  severity: 'medium',
  component: { packageName: 'minimist', name: 'minimist', version: '1.2.5', ecosystem: 'npm' },
  cvss: { v2: { score: 5, vector: '(AV:N/AC:L/Au:N/C:N/I:P/A:N)' } },
  location: atManifest('package.json', 8),
});
const ghsaWithV4 = aFinding({
  ids: ['GHSA-qw6h-vgh9-j6wx'],
  title: 'express vulnerable to XSS via response.redirect()',
  severity: 'low',
  component: { packageName: 'express', name: 'express', version: '4.17.1', ecosystem: 'npm' },
  cvss: {
    v4: { score: 2.3, vector: 'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N' },
  },
  fixedVersions: ['4.20.0', '5.0.0'],
  location: atManifest('services/api/package.json', 12),
});
const suppressed = aFinding({
  ids: ['CVE-2022-24999'],
  severity: 'critical',
  component: { packageName: 'qs', name: 'qs', version: '6.7.0', ecosystem: 'npm' },
  suppressed: true,
  analysis: { state: 'NOT_AFFECTED' },
  location: atManifest('package.json', 9),
});
const ALL = [lodash, xrayOnly, ghsaWithV4, suppressed];

describe('gitlabTime', () => {
  it('writes YYYY-MM-DDTHH:MM:SS in UTC, without milliseconds or zone', () => {
    expect(gitlabTime(STARTED)).toBe('2026-11-22T10:11:12');
    expect(gitlabTime(new Date('2026-01-02T03:04:05+02:00'))).toBe('2026-01-02T01:04:05');
  });
});

describe.skipIf(!sharedAvailable())("GitLab's dependency-scanning report against its schemas", () => {
  announceSkip("GitLab's dependency-scanning report against its schemas");

  it.each(SCHEMAS)('is valid against %s, with findings of every kind and with none', (schema) => {
    expect(schemaErrors(schema, dependencyReport(ALL))).toEqual([]);
    expect(schemaErrors(schema, dependencyReport([]))).toEqual([]);
    const everySeverity = SEVERITIES.map((severity, i) =>
      aFinding({ severity, ids: [`CVE-2024-${1000 + i}`], location: atManifest('package.json', i + 1) }),
    );
    expect(schemaErrors(schema, dependencyReport(everySeverity))).toEqual([]);
  });

  it.each(SCHEMAS)('the schema %s refuses what the presenter avoids (the check can fail)', (schema) => {
    const report = dependencyReport([lodash]);
    const withMilliseconds = { ...report, scan: { ...report.scan, start_time: STARTED.toISOString() } };
    expect(schemaErrors(schema, withMilliseconds)).toContain(
      '/scan/start_time must match pattern "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$"',
    );
    const vulnerability = only(report.vulnerabilities);
    const withV4 = {
      ...report,
      vulnerabilities: [
        {
          ...vulnerability,
          cvss_vectors: [{ vendor: 'NVD', vector: ghsaWithV4.cvss.v4?.vector }],
        },
      ],
    };
    expect(schemaErrors(schema, withV4)).not.toEqual([]);
  });
});

describe("GitLab's dependency-scanning report", () => {
  it('describes the scan: analyzer, scanner, times without milliseconds or zone, status and type', () => {
    const report = dependencyReport(ALL);
    expect(report.version).toBe(DEPENDENCY_SCANNING_VERSION);
    expect(report.version).toBe('15.2.1');
    expect(report.schema).toBe(
      'https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v15.2.1/dist/dependency-scanning-report-format.json',
    );
    expect(report.scan).toEqual({
      analyzer: { id: 'sca-bridge', name: 'sca-bridge', version: VERSION, vendor: { name: 'sca-bridge' } },
      scanner: {
        id: 'dependency-track',
        name: 'Dependency-Track',
        url: 'https://dependencytrack.org/',
        version: '4.13.2',
        vendor: { name: 'OWASP' },
      },
      start_time: '2026-11-22T10:11:12',
      end_time: '2026-11-22T10:11:19',
      status: 'success',
      type: 'dependency_scanning',
    });
    expect(report.scan.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('names JFrog Xray when the findings come from Xray, and an unknown version when none is known', () => {
    const report = dependencyReport([xrayOnly], {});
    expect(report.scan.scanner).toEqual({
      id: 'jfrog-xray',
      name: 'JFrog Xray',
      url: 'https://jfrog.com/xray/',
      version: 'unknown',
      vendor: { name: 'JFrog' },
    });
  });

  it('names the first source, whatever the findings, so no finding coming or going moves the report', () => {
    const xrayCritical = aFinding({ scanner: 'xray', severity: 'critical', ids: ['CVE-2021-44228'] });
    const dtLow = aFinding({ severity: 'low' });
    const versions = { 'dependency-track': '4.14.1', xray: '3.120.5' };
    // Findings come most severe first; the sources came Dependency-Track first.
    for (const findings of [
      [xrayCritical, dtLow],
      [xrayCritical],
      [xrayCritical, { ...dtLow, suppressed: true }],
      [],
    ])
      expect(dependencyReport(findings, versions).scan.scanner.id).toBe('dependency-track');
  });

  it('leaves suppressed findings out', () => {
    const report = dependencyReport(ALL);
    expect(report.vulnerabilities.map((v) => v.identifiers[0]?.value)).toEqual([
      'CVE-2021-23337',
      'XRAY-263904',
      'GHSA-qw6h-vgh9-j6wx',
    ]);
    expect(dependencyReport([suppressed]).vulnerabilities).toEqual([]);
  });

  it('maps a finding: name, severity, solution, identifiers (canonical first), vectors, links, location', () => {
    const vulnerability = only(dependencyReport([lodash]).vulnerabilities);
    expect(vulnerability).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      name: 'CVE-2021-23337: Command injection',
      description:
        'lodash@4.17.20 is affected by CVE-2021-23337 (high, CVSS 7.2). Upgrade to 4.17.21.\n\nCommand injection via template.',
      severity: 'High',
      solution: 'Upgrade lodash to 4.17.21.',
      identifiers: [
        {
          type: 'cve',
          name: 'CVE-2021-23337',
          value: 'CVE-2021-23337',
          url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337',
        },
        {
          type: 'ghsa',
          name: 'GHSA-35jh-r3h4-6jhm',
          value: 'GHSA-35jh-r3h4-6jhm',
          url: 'https://github.com/advisories/GHSA-35jh-r3h4-6jhm',
        },
        {
          type: 'cwe',
          name: 'CWE-77',
          value: '77',
          url: 'https://cwe.mitre.org/data/definitions/77.html',
        },
        {
          type: 'cwe',
          name: 'CWE-94',
          value: '94',
          url: 'https://cwe.mitre.org/data/definitions/94.html',
        },
      ],
      cvss_vectors: [
        { vendor: 'Dependency-Track', vector: 'CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H' },
        { vendor: 'Dependency-Track', vector: 'AV:N/AC:L/Au:S/C:P/I:P/A:P' },
      ],
      links: [{ url: 'https://github.com/lodash/lodash/issues/5085' }],
      location: {
        file: 'package.json',
        dependency: { package: { name: 'lodash' }, version: '4.17.20' },
      },
    });
  });

  it('puts the canonical id first whatever order the scanner gave', () => {
    const reordered = aFinding({
      ids: ['GHSA-35jh-r3h4-6jhm', 'CVE-2021-23337'],
      location: atManifest('package.json', 7),
    });
    expect(only(dependencyReport([reordered]).vulnerabilities).identifiers.map((i) => i.value)).toEqual([
      'CVE-2021-23337',
      'GHSA-35jh-r3h4-6jhm',
    ]);
    const xray = aFinding({
      scanner: 'xray',
      ids: ['XRAY-140562', 'CVE-2021-23337'],
      location: atManifest('package.json', 7),
    });
    expect(only(dependencyReport([xray]).vulnerabilities).identifiers).toEqual([
      {
        type: 'cve',
        name: 'CVE-2021-23337',
        value: 'CVE-2021-23337',
        url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-23337',
      },
      { type: 'xray', name: 'XRAY-140562', value: 'XRAY-140562' },
    ]);
  });

  it('keeps an Xray-only id as the primary identifier, strips parentheses from a bare v2 vector', () => {
    const vulnerability = only(dependencyReport([xrayOnly]).vulnerabilities);
    expect(vulnerability.identifiers).toEqual([{ type: 'xray', name: 'XRAY-263904', value: 'XRAY-263904' }]);
    expect(vulnerability.cvss_vectors).toEqual([
      { vendor: 'JFrog Xray', vector: 'AV:N/AC:L/Au:N/C:N/I:P/A:N' },
    ]);
    expect(vulnerability.severity).toBe('Medium');
    expect(vulnerability).not.toHaveProperty('solution');
    expect(vulnerability).not.toHaveProperty('links');
  });

  it('drops CVSS v4 vectors (the schema has no pattern for them) and lists up to five fixed versions', () => {
    const vulnerability = only(dependencyReport([ghsaWithV4]).vulnerabilities);
    expect(vulnerability).not.toHaveProperty('cvss_vectors');
    expect(vulnerability.identifiers[0]).toEqual({
      type: 'ghsa',
      name: 'GHSA-qw6h-vgh9-j6wx',
      value: 'GHSA-qw6h-vgh9-j6wx',
      url: 'https://github.com/advisories/GHSA-qw6h-vgh9-j6wx',
    });
    expect(vulnerability.solution).toBe('Upgrade express to 4.20.0 or 5.0.0.');
    expect(vulnerability.location.file).toBe('services/api/package.json');
    const many = aFinding({
      fixedVersions: ['1.0.1', '1.1.1', '1.2.1', '1.3.1', '1.4.1', '1.5.1'],
      location: atManifest('package.json', 7),
    });
    expect(only(dependencyReport([many]).vulnerabilities).solution).toBe(
      'Upgrade lodash to 1.0.1 or 1.1.1 or 1.2.1 or 1.3.1 or 1.4.1.',
    );
  });

  it('keeps a v3 vector with v4, and leaves out vectors the schema would refuse', () => {
    const mixed = aFinding({
      cvss: {
        v4: { score: 8.7, vector: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N' },
        v3: { score: 7.5, vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' },
        v2: { score: 5, vector: 'AV:N' },
      },
      location: atManifest('package.json', 7),
    });
    expect(only(dependencyReport([mixed]).vulnerabilities).cvss_vectors).toEqual([
      { vendor: 'Dependency-Track', vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' },
    ]);
    const malformed = aFinding({
      cvss: { v3: { score: 7.5, vector: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' } },
      location: atManifest('package.json', 7),
    });
    expect(only(dependencyReport([malformed]).vulnerabilities)).not.toHaveProperty('cvss_vectors');
    // Well-formed but outside the schema's lengths (v3: 32 to 128, v2: up to 128).
    const short = 'CVSS:3.1/AV:N/AC:L/PR:N';
    const long = `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N${'/E:X'.repeat(22)}`;
    const v2Long = `AV:N/AC:L/Au:N/C:N/I:P/A:N${'/E:ND'.repeat(21)}`;
    for (const cvss of [
      { v3: { score: 7.5, vector: short } },
      { v3: { score: 7.5, vector: long } },
      { v2: { score: 5, vector: v2Long } },
    ]) {
      const report = dependencyReport([aFinding({ cvss, location: atManifest('package.json', 7) })]);
      expect(only(report.vulnerabilities)).not.toHaveProperty('cvss_vectors');
    }
  });

  it('maps every severity to its GitLab name', () => {
    const report = dependencyReport(
      SEVERITIES.map((severity, i) =>
        aFinding({ severity, ids: [`CVE-2024-${1000 + i}`], location: atManifest('package.json', i + 1) }),
      ),
    );
    expect(report.vulnerabilities.map((v) => v.severity)).toEqual([
      'Critical',
      'High',
      'Medium',
      'Low',
      'Info',
      'Unknown',
    ]);
  });

  it('gives each finding a stable id of its own', () => {
    const first = dependencyReport(ALL).vulnerabilities.map((v) => v.id);
    const again = dependencyReport(ALL).vulnerabilities.map((v) => v.id);
    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(3);
    const elsewhere = { ...lodash, location: atManifest('services/api/package.json', 3) };
    expect(only(dependencyReport([elsewhere]).vulnerabilities).id).not.toBe(first[0]);
  });

  it('writes versions of one package that GitLab would take for one vulnerability as one, naming each', () => {
    // GitLab knows a vulnerability by its first identifier, file and package name: not by version.
    const uuid = (version: string, line: number, fixed: string[], cwes: string[] = []) =>
      aFinding({
        ids: ['GHSA-w5hq-g745-h8pq'],
        cwes,
        severity: 'medium',
        component: { packageName: 'uuid', name: 'uuid', version, ecosystem: 'npm' },
        fixedVersions: fixed,
        location: atManifest('package-lock.json', line),
      });
    const report = dependencyReport([
      uuid('8.3.2', 23, ['11.1.1']),
      uuid('9.0.1', 26, ['9.0.2', '11.1.1'], ['CWE-331']),
      uuid('11.1.0', 30, ['11.1.1']),
      { ...uuid('8.3.2', 40, ['11.1.1']), location: atManifest('services/api/package-lock.json', 40) },
    ]);
    expect(report.vulnerabilities).toHaveLength(2);
    const [merged, elsewhere] = report.vulnerabilities as [Vulnerability, Vulnerability];
    expect(merged.description.split('\n\n')[0]!.split('\n')).toEqual([
      expect.stringMatching(/^uuid@8\.3\.2 is affected by/),
      expect.stringMatching(/^uuid@9\.0\.1 is affected by/),
      expect.stringMatching(/^uuid@11\.1\.0 is affected by/),
    ]);
    expect(merged.identifiers.map((i) => i.name)).toEqual(['GHSA-w5hq-g745-h8pq', 'CWE-331']);
    expect(merged.solution).toBe('Upgrade uuid to 9.0.2 or 11.1.1.');
    expect(merged.location).toEqual({
      file: 'package-lock.json',
      dependency: { package: { name: 'uuid' }, version: '8.3.2' },
    });
    expect(elsewhere.location.file).toBe('services/api/package-lock.json');
    // The same group keeps its id when another of its versions becomes the most severe.
    const reordered = dependencyReport([
      { ...uuid('9.0.1', 26, ['9.0.2']), severity: 'high' },
      uuid('8.3.2', 23, ['11.1.1']),
    ]);
    expect(only(reordered.vulnerabilities).id).toBe(merged.id);
  });

  it('gives an unknown version when the scanner names none', () => {
    const bare = aFinding({ component: { packageName: 'left-pad', name: 'left-pad' } });
    expect(only(dependencyReport([bare]).vulnerabilities).location).toEqual({
      file: '.github/workflows/ci.yml',
      dependency: { package: { name: 'left-pad' }, version: 'unknown' },
    });
  });

  it('shortens a name longer than the schema allows', () => {
    // Importers cut titles to a line; the presenter must still hold the limit for any finding it is given.
    const long = { ...aFinding({ location: atManifest('package.json', 7) }), title: 'x'.repeat(400) };
    const name = only(dependencyReport([long]).vulnerabilities).name;
    expect(name).toHaveLength(255);
    expect(name.startsWith('CVE-2021-23337: xxx')).toBe(true);
    expect(name.endsWith('…')).toBe(true);
  });
});

describe("GitLab's code-quality report", () => {
  it('maps a finding: description, check name, severity, category and location', () => {
    expect(codeQuality([lodash])).toEqual([
      {
        description: 'lodash@4.17.20 is affected by CVE-2021-23337 (high, CVSS 7.2). Upgrade to 4.17.21.',
        check_name: 'CVE-2021-23337',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        severity: 'critical',
        categories: ['Security'],
        location: { path: 'package.json', lines: { begin: 7 } },
      },
    ]);
  });

  it('maps severities critical→blocker, high→critical, medium→major, low→minor, info and unknown→info', () => {
    const issues = codeQuality(
      SEVERITIES.map((severity, i) =>
        aFinding({ severity, ids: [`CVE-2024-${1000 + i}`], location: atManifest('package.json', i + 1) }),
      ),
    );
    expect(issues.map((i) => [i.check_name, i.severity])).toEqual([
      ['CVE-2024-1000', 'blocker'],
      ['CVE-2024-1001', 'critical'],
      ['CVE-2024-1002', 'major'],
      ['CVE-2024-1003', 'minor'],
      ['CVE-2024-1004', 'info'],
      ['CVE-2024-1005', 'info'],
    ]);
  });

  it('takes path and line from the location', () => {
    expect(codeQuality([ghsaWithV4]).map((i) => i.location)).toEqual([
      { path: 'services/api/package.json', lines: { begin: 12 } },
    ]);
  });

  it('points at the declaring line of a finding moved off it for GitHub, not at the line it was moved to', () => {
    const moved = aFinding({ location: { ...atManifest('Dockerfile', 3), declaredLine: 1 } });
    expect(codeQuality([moved]).map((i) => i.location)).toEqual([
      { path: 'Dockerfile', lines: { begin: 1 } },
    ]);
  });

  it('gives one issue and fingerprint per vulnerability, package and file, as GitLab groups dependency scanning', () => {
    const sameVulnerabilityOtherPackage = aFinding({
      component: { packageName: 'lodash-es', name: 'lodash-es', version: '4.17.20', ecosystem: 'npm' },
      location: atManifest('package.json', 10),
    });
    const sameInOtherFile = aFinding({
      component: { packageName: 'lodash', name: 'lodash', version: '4.17.19', ecosystem: 'npm' },
      location: atManifest('services/api/package.json', 4),
    });
    const findings = [lodash, xrayOnly, ghsaWithV4, sameVulnerabilityOtherPackage, sameInOtherFile];
    const fingerprints = codeQuality(findings).map((i) => i.fingerprint);
    expect(new Set(fingerprints).size).toBe(5);
    expect(codeQuality(findings).map((i) => i.fingerprint)).toEqual(fingerprints);
    // What does not identify the issue leaves the fingerprint as it is: line, wording, and the version, so an
    // upgrade that leaves the vulnerability is no new issue in the merge request.
    const moved = { ...lodash, title: 'Another title', location: atManifest('package.json', 30) };
    const upgraded = { ...lodash, component: { ...lodash.component, version: '4.17.20-1' } };
    expect(only(codeQuality([moved])).fingerprint).toBe(fingerprints[0]);
    expect(only(codeQuality([upgraded])).fingerprint).toBe(fingerprints[0]);
    // Two versions in one file, or the same finding from both scanners: one issue naming each, the first leading.
    const older = { ...lodash, component: { ...lodash.component, version: '4.17.15' } };
    const fromXray = { ...lodash, scanner: 'xray' as const };
    const [issue, ...rest] = codeQuality([lodash, older, fromXray]);
    expect(rest).toEqual([]);
    expect(issue?.fingerprint).toBe(fingerprints[0]);
    expect(issue?.description).toBe(
      'lodash@4.17.20 is affected by CVE-2021-23337 (high, CVSS 7.2). Upgrade to 4.17.21. lodash@4.17.15 is affected by CVE-2021-23337 (high, CVSS 7.2). Upgrade to 4.17.21.',
    );
  });

  it('leaves suppressed findings out', () => {
    expect(codeQuality(ALL).map((i) => i.check_name)).toEqual([
      'CVE-2021-23337',
      'XRAY-263904',
      'GHSA-qw6h-vgh9-j6wx',
    ]);
    expect(codeQuality([suppressed])).toEqual([]);
  });
});
