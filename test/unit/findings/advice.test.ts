import { describe, expect, it } from 'vitest';
import { lowestFirst, upgradeTargets } from '../../../src/findings/versions.js';
import { findingMessage } from '../../../src/report/advisory.js';
import { aFinding } from '../../helpers/finding.js';

describe('upgradeTargets', () => {
  it('leaves out fixes of older release lines and names the nearest first', () => {
    // Xray lists fixes for every Django line, in its own order.
    expect(upgradeTargets(['3.2.19', '4.1.9', '4.2.1'], ['4.1.4'])).toEqual(['4.1.9', '4.2.1']);
  });

  it('orders by number, not as text, so the nearest fixes are not cut off', () => {
    const qs = ['6.10.3', '6.2.4', '6.3.3', '6.4.1', '6.5.3', '6.9.7'];
    expect(upgradeTargets(qs, ['5.2.1']).slice(0, 3)).toEqual(['6.2.4', '6.3.3', '6.4.1']);
  });

  it('keeps a fix above any of several installed versions (one GitLab vulnerability of several)', () => {
    expect(upgradeTargets(['11.1.1', '9.0.2'], ['9.0.1', '11.1.0'])).toEqual(['9.0.2', '11.1.1']);
    expect(upgradeTargets(['11.1.1', '9.0.2'], ['11.1.0'])).toEqual(['11.1.1']);
  });

  it('keeps what it cannot tell apart: the same numbers with other text, an unknown installed version', () => {
    expect(upgradeTargets(['2.0.0', '2.1.0'], ['2.0.0-RC1'])).toEqual(['2.0.0', '2.1.0']);
    expect(upgradeTargets(['v1.4.0', 'v1.10.0'], [undefined])).toEqual(['v1.4.0', 'v1.10.0']);
    expect(upgradeTargets(['2.0', '1.9'], [])).toEqual(['1.9', '2.0']);
  });

  it('names every fix when none is above the installed version, rather than none', () => {
    expect(upgradeTargets(['1.2.0', '1.1.5'], ['3.0.0'])).toEqual(['1.1.5', '1.2.0']);
  });

  it("keeps the scanner's order when a version has no leading numbers (an epoch, a range)", () => {
    const deb = ['2:1.6.4-3+deb9u1', '1:1.5.0'];
    expect(upgradeTargets(deb, ['2:1.6.4-3'])).toEqual(deb);
    expect(lowestFirst(['(,1.2.3]', '1.0.0'])).toEqual(['(,1.2.3]', '1.0.0']);
  });
});

describe('the finding message', () => {
  it('advises the nearest upgrades of the installed version', () => {
    const django = aFinding({
      ids: ['CVE-2023-31047'],
      severity: 'critical',
      component: { packageName: 'django', name: 'django', version: '4.1.4', ecosystem: 'pypi' },
      fixedVersions: ['3.2.19', '4.1.9', '4.2.1'],
    });
    expect(findingMessage(django)).toMatch(/Upgrade to 4\.1\.9 or 4\.2\.1\.$/);
  });

  it("gives JFrog's contextual analysis when it is a verdict, and not otherwise", () => {
    const log4j = (applicability?: string) =>
      findingMessage(aFinding({ ids: ['CVE-2021-44228'], severity: 'critical', applicability }));
    expect(log4j('Applicable')).toContain('(critical; contextual analysis: applicable)');
    expect(log4j('not_applicable')).toContain('(critical; contextual analysis: not applicable)');
    expect(log4j('Undetermined')).toContain('(critical)');
    expect(log4j()).toContain('(critical)');
  });
});
