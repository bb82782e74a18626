import { describe, expect, it } from 'vitest';
import { canonicalId, isCve, isGhsa, normaliseId, orderIds } from '../../../src/findings/ids.js';

describe('isCve / isGhsa', () => {
  it.each([
    ['CVE-2021-44228', true],
    ['cve-2021-44228', true],
    ['CVE-2021-1234', true],
    ['CVE-2021-123', false],
    ['CVE-21-1234', false],
    ['CVE-2021-1234-x', false],
    ['XRAY-100001', false],
  ])('isCve(%s) is %s', (id, expected) => {
    expect(isCve(id)).toBe(expected);
  });

  it.each([
    ['GHSA-jfh8-c2jp-5v3q', true],
    ['ghsa-JFH8-C2JP-5V3Q', true],
    ['GHSA-xxxx-yyyy-zzzz', false], // y and z are not in GHSA's alphabet
    ['GHSA-jfh8-c2jp', false],
    ['GHSA-jfh8-c2jp-5v3q-aaaa', false],
  ])('isGhsa(%s) is %s', (id, expected) => {
    expect(isGhsa(id)).toBe(expected);
  });
});

describe('normaliseId', () => {
  it('upper-cases CVE ids, writes GHSA ids as GHSA-lowercase, trims, and leaves others alone', () => {
    expect(normaliseId(' cve-2021-44228 ')).toBe('CVE-2021-44228');
    expect(normaliseId('ghsa-JFH8-C2JP-5V3Q')).toBe('GHSA-jfh8-c2jp-5v3q');
    expect(normaliseId('xray-100001')).toBe('xray-100001');
    expect(normaliseId(' SNYK-JS-LODASH-567746 ')).toBe('SNYK-JS-LODASH-567746');
  });
});

describe('canonicalId', () => {
  it('picks the numerically lowest CVE: CVE-2021-9999 before CVE-2021-10000', () => {
    expect(canonicalId(['XRAY-1', 'CVE-2021-10000', 'CVE-2021-9999', 'CVE-2022-0001'])).toBe('CVE-2021-9999');
  });

  it('compares the year first', () => {
    expect(canonicalId(['CVE-2022-1000', 'CVE-2021-99999'])).toBe('CVE-2021-99999');
  });

  it('takes the GHSA when there is no CVE, the smallest of several', () => {
    expect(canonicalId(['XRAY-1', 'GHSA-x7p5-p2c9-phvg', 'GHSA-jfh8-c2jp-5v3q'])).toBe('GHSA-jfh8-c2jp-5v3q');
  });

  it("takes the scanner's own id (the first one) when there is neither", () => {
    expect(canonicalId(['XRAY-100001', 'OSV-2020-111'])).toBe('XRAY-100001');
    expect(canonicalId(['SNYK-JS-MINIMIST-559764'])).toBe('SNYK-JS-MINIMIST-559764');
    expect(canonicalId([])).toBeUndefined();
  });

  it('prefers a CVE over a GHSA whatever the order', () => {
    expect(canonicalId(['GHSA-jfh8-c2jp-5v3q', 'CVE-2021-44228'])).toBe('CVE-2021-44228');
  });
});

describe('orderIds', () => {
  it('puts the canonical id first, then the others sorted, without duplicates or blanks', () => {
    expect(
      orderIds([
        'XRAY-100001',
        'CVE-2021-10000',
        undefined,
        'CVE-2021-9999',
        '',
        null,
        '  ',
        'CVE-2022-0001',
        'CVE-2021-9999',
      ]),
    ).toEqual(['CVE-2021-9999', 'CVE-2021-10000', 'CVE-2022-0001', 'XRAY-100001']);
  });

  it('normalises case before removing duplicates, so one id from two sources is kept once', () => {
    expect(
      orderIds(['GHSA-JFH8-C2JP-5V3Q', 'cve-2021-44228', 'CVE-2021-44228', 'ghsa-jfh8-c2jp-5v3q']),
    ).toEqual(['CVE-2021-44228', 'GHSA-jfh8-c2jp-5v3q']);
  });

  it('keeps the scanner id first when it is the canonical one', () => {
    expect(orderIds(['XRAY-2', 'OSV-1'])).toEqual(['XRAY-2', 'OSV-1']);
  });

  it('gives the same order whatever order the ids come in', () => {
    const ids = ['XRAY-7', 'GHSA-jfh8-c2jp-5v3q', 'CVE-2023-10000', 'CVE-2023-0002', 'DSA-5283-1'];
    expect(orderIds(ids)).toEqual([
      'CVE-2023-0002',
      'CVE-2023-10000',
      'DSA-5283-1',
      'GHSA-jfh8-c2jp-5v3q',
      'XRAY-7',
    ]);
    expect(orderIds([...ids].reverse())).toEqual(orderIds(ids));
  });
});
