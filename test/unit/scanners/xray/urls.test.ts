import { describe, expect, it } from 'vitest';
import {
  platformBase,
  reportName,
  reportsUrl,
  repositoryScansUrl,
  uiBase,
} from '../../../../src/scanners/xray/urls.js';

describe('Xray URLs', () => {
  it('normalises api-url to the JFrog Platform base', () => {
    for (const given of [
      'https://acme.jfrog.io',
      'https://acme.jfrog.io/',
      'https://acme.jfrog.io/xray',
      'https://acme.jfrog.io/xray/',
      'https://acme.jfrog.io/xray/api/v1',
      'https://acme.jfrog.io/XRAY/api/v2/',
      'https://acme.jfrog.io/artifactory',
      'https://acme.jfrog.io/ui/',
      'https://acme.jfrog.io/xray?x=1#top',
    ]) {
      expect(platformBase(given), given).toBe('https://acme.jfrog.io');
    }
    // A context path in front of the services stays; a port stays.
    expect(platformBase('https://tools.example.com/jfrog/xray/')).toBe('https://tools.example.com/jfrog');
    expect(platformBase('http://10.0.0.5:8082/xray')).toBe('http://10.0.0.5:8082');
    // Only a trailing service segment goes.
    expect(platformBase('https://host/xray-prod')).toBe('https://host/xray-prod');
  });

  it('derives the UI base from ui-url or api-url', () => {
    expect(uiBase(undefined, 'https://acme.jfrog.io/xray')).toBe('https://acme.jfrog.io');
    expect(uiBase('https://portal.acme.com/ui/', 'https://acme.jfrog.io/xray')).toBe(
      'https://portal.acme.com',
    );
    expect(repositoryScansUrl('https://acme.jfrog.io', 'npm local')).toBe(
      'https://acme.jfrog.io/ui/scans-list/repositories/npm%20local/scan-descendants',
    );
    expect(reportsUrl('https://acme.jfrog.io')).toBe('https://acme.jfrog.io/ui/reports');
  });

  it('names reports after project, repository, branch, time and the run, sanitised', () => {
    const at = new Date('2026-11-22T10:15:30.999Z');
    const unique = '9f3a0c';
    expect(reportName({ repoKey: 'libs-release-local', branch: 'main', at, unique })).toBe(
      'sca-bridge_libs-release-local_main_2026-11-22T10-15-30Z_9f3a0c',
    );
    expect(
      reportName({
        repoKey: 'npm-local',
        projectKey: 'shop',
        branch: 'feature/ÜI: fix #12',
        at,
        unique,
        suffix: 'violations',
      }),
    ).toBe('sca-bridge_shop_npm-local_feature-I-fix-12_2026-11-22T10-15-30Z_9f3a0c_violations');
    expect(reportName({ repoKey: 'npm-local', at, unique })).toBe(
      'sca-bridge_npm-local_2026-11-22T10-15-30Z_9f3a0c',
    );
    const long = reportName({
      repoKey: 'npm-local',
      branch: 'b'.repeat(300),
      at,
      unique,
      suffix: 'violations',
    });
    expect(long).toHaveLength(120);
    expect(long.endsWith('_2026-11-22T10-15-30Z_9f3a0c_violations')).toBe(true);
    expect(long.startsWith('sca-bridge_npm-local_bbbb')).toBe(true);
  });
});
