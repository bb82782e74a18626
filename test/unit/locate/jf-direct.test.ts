import { afterAll, describe, expect, it } from 'vitest';
import { xraySimpleJson } from '../../../src/importers/xray-simple-json.js';
import { makeRepo, placeIn, removeRepos } from './repo.js';

afterAll(removeRepos);

interface Row {
  name: string;
  version: string;
  type: string;
  components: { name: string; version: string; location?: { file: string } }[];
}

/** The finding of one `jf audit --format=simple-json` row that, like older jf releases, gives no impact paths. */
function jfFinding({ name, version, type, components }: Row) {
  const doc = {
    vulnerabilities: [
      {
        severity: 'High',
        impactedPackageName: name,
        impactedPackageVersion: version,
        impactedPackageType: type,
        components,
        issueId: 'XRAY-1',
        cves: [{ id: 'CVE-2024-0001' }],
        impactPaths: null,
      },
    ],
    securityViolations: null,
    scansStatus: { scaScanStatusCode: 0 },
  };
  const [finding] = xraySimpleJson.read(doc, 'jf.json').findings;
  if (!finding) throw new Error('no finding');
  return finding;
}

describe('jf simple-json without impact paths: the direct dependency components[] names', () => {
  const root = makeRepo({
    'package.json': [
      '{', // 1
      '  "name": "shop",', // 2
      '  "dependencies": {', // 3
      '    "lodash": "4.17.21",', // 4
      '    "express": "4.17.1"', // 5
      '  }', // 6
      '}', // 7
    ],
    'services/api/package.json': [
      '{', // 1
      '  "dependencies": {', // 2
      '    "left-pad": "1.3.0",', // 3
      '    "ejs-mate": "4.0.0"', // 4
      '  }', // 5
      '}', // 6
    ],
    'java/pom.xml': [
      '<project>', // 1
      '  <dependencies>', // 2
      '    <dependency>', // 3
      '      <groupId>org.springframework.boot</groupId>', // 4
      '      <artifactId>spring-boot-starter-web</artifactId>', // 5
      '      <version>3.1.0</version>', // 6
      '    </dependency>', // 7
      '  </dependencies>', // 8
      '</project>', // 9
    ],
  });

  it('places a transitive component at the line of the direct dependency pulling it in', async () => {
    const qs = jfFinding({
      name: 'qs',
      version: '6.7.0',
      type: 'npm',
      components: [{ name: 'express', version: '4.17.1' }],
    });
    expect(qs.impactPaths).toEqual([]);
    expect(await placeIn(root, qs)).toBe('package.json:5 (manifest)');
    const snakeyaml = jfFinding({
      name: 'org.yaml:snakeyaml',
      version: '1.33',
      type: 'Maven',
      components: [{ name: 'org.springframework.boot:spring-boot-starter-web', version: '3.1.0' }],
    });
    expect(await placeIn(root, snakeyaml)).toBe('java/pom.xml:5 (manifest)');
  });

  it('in the manifest jf names, rather than its first line', async () => {
    const ejs = jfFinding({
      name: 'ejs',
      version: '3.1.6',
      type: 'npm',
      components: [{ name: 'ejs-mate', version: '4.0.0', location: { file: 'services/api/package.json' } }],
    });
    expect(await placeIn(root, ejs)).toBe('services/api/package.json:4 (manifest)');
  });

  it('keeps a direct dependency at its own line', async () => {
    const lodash = jfFinding({
      name: 'lodash',
      version: '4.17.21',
      type: 'npm',
      components: [{ name: 'lodash', version: '4.17.21' }],
    });
    expect(await placeIn(root, lodash)).toBe('package.json:4 (manifest)');
  });
});
