import { describe, expect, it } from 'vitest';
import {
  fixedVersions,
  normaliseFixedVersion,
  parseScoreVector,
  readXrayCves,
  xrayCveSchema,
} from '../../../src/importers/xray-fields.js';

const cves = (list: unknown[]) => list.map((cve) => xrayCveSchema.parse(cve));

describe('normaliseFixedVersion / fixedVersions', () => {
  it.each([
    ['[4.17.5]', '4.17.5'],
    ['[ 1.9.4 ]', '1.9.4'],
    ['≥ 2:1.6.4-3+deb9u1', '2:1.6.4-3+deb9u1'],
    ['>= 1.2.3', '1.2.3'],
    ['2.11.3', '2.11.3'],
    // This version and every later one: the fix is the version.
    ['[3.1.0,)', '3.1.0'],
    ['[ 4.0.1 , )', '4.0.1'],
    // Ranges that are not one version stay as Xray wrote them.
    ['(,1.2.3]', '(,1.2.3]'],
    ['[1.0, 2.0)', '[1.0, 2.0)'],
  ])('%s → %s', (raw, normalised) => {
    expect(normaliseFixedVersion(raw)).toBe(normalised);
  });

  it('drops the range Xray writes for "no fix", which holds no version: (,0.0.0)', () => {
    expect(fixedVersions(['(,0.0.0)', ' ( , 0 ) ', '[4.17.21]'])).toEqual(['4.17.21']);
    expect(fixedVersions(['(,0.0.0)'])).toEqual([]);
    // A range that holds versions stays.
    expect(fixedVersions(['(,0.0.1)'])).toEqual(['(,0.0.1)']);
  });

  it('drops blanks and duplicates after normalising', () => {
    expect(fixedVersions(['[4.17.5]', '4.17.5', '', '  ', undefined, '≥ 5.0.0'])).toEqual([
      '4.17.5',
      '5.0.0',
    ]);
  });
});

describe('parseScoreVector', () => {
  it('splits `score/vector`', () => {
    expect(parseScoreVector('9.8/CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({
      score: 9.8,
      vector: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    });
    expect(parseScoreVector('9.3/AV:N/AC:M/Au:N/C:C/I:C/A:C')).toEqual({
      score: 9.3,
      vector: 'AV:N/AC:M/Au:N/C:C/I:C/A:C',
    });
  });

  it('reads a bare score, and ignores out-of-range or missing ones', () => {
    expect(parseScoreVector('5.9')).toEqual({ score: 5.9 });
    expect(parseScoreVector('11')).toBeUndefined();
    expect(parseScoreVector('')).toBeUndefined();
    expect(parseScoreVector(undefined)).toBeUndefined();
  });

  it('keeps a vector given without a score whole, `CVSS:3.1/` prefix included', () => {
    expect(parseScoreVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toEqual({
      vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    });
  });
});

describe('readXrayCves', () => {
  it('collects ids in order, the highest score of each version, and upper-cased CWEs', () => {
    expect(
      readXrayCves(
        cves([
          { cve: 'CVE-2021-10000', cvss_v3_score: 7.5, cvss_v3_vector: 'V3-A', cwe: ['cwe-79'] },
          {
            cve: 'CVE-2021-9999',
            cvss_v3_score: '9.8',
            cvss_v3_vector: 'V3-B',
            cvss_v2: '7.5/V2-B',
            cwe: ['CWE-79', 'CWE-89'],
          },
          { id: 'CVE-2022-0001', cvss_v2_score: 5, cvss_v2_vector: 'V2-C' },
        ]),
      ),
    ).toEqual({
      ids: ['CVE-2021-10000', 'CVE-2021-9999', 'CVE-2022-0001'],
      cvss: { v3: { score: 9.8, vector: 'V3-B' }, v2: { score: 7.5, vector: 'V2-B' } },
      cwes: ['CWE-79', 'CWE-89'],
    });
  });

  it('takes scores from id-less entries (jfrog-client-go splits id and scores)', () => {
    expect(
      readXrayCves(cves([{ cve: 'CVE-2021-37136' }, { cvss_v2_score: 7.1, cvss_v2_vector: 'V2' }])),
    ).toEqual({
      ids: ['CVE-2021-37136'],
      cvss: { v2: { score: 7.1, vector: 'V2' } },
      cwes: [],
    });
  });

  it('never lets a score outside 0–10 (a year read as a score) win over a real one', () => {
    expect(
      readXrayCves(
        cves([
          { cve: 'CVE-2021-1', cvss_v3_score: 9.8, cvss_v3_vector: 'V3-REAL' },
          { cve: 'CVE-2021-2', cvss_v3_score: 2021, cvss_v3_vector: 'V3-BAD' },
        ]),
      ).cvss,
    ).toEqual({ v3: { score: 9.8, vector: 'V3-REAL' } });
  });

  it('returns nothing for no CVEs, and ignores unparseable scores', () => {
    expect(readXrayCves([])).toEqual({ ids: [], cvss: {}, cwes: [] });
    expect(
      readXrayCves(cves([{ cve: 'CVE-2021-1234', cvss_v3_score: 'n/a', cvss_v2_score: '' }])).cvss,
    ).toEqual({});
  });
});
