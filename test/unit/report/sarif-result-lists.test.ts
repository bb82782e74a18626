import type { Log } from 'sarif';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSarifFile } from '../../../src/report/sarif-file.js';
import { tempDir } from '../../helpers/cli.js';
import { aFinding } from '../../helpers/finding.js';
import { githubSarifProblems } from '../../helpers/github-sarif-rules.js';

/** The SARIF file of one Xray run of `finding`, its path, and what the writer left out. */
async function writeOne(finding: ReturnType<typeof aFinding>, name: string) {
  const file = path.join(tempDir(), name);
  const [truncation] = await writeSarifFile(file, [
    {
      input: {
        scanner: 'xray',
        category: 'c/',
        properties: { scanner: 'xray' },
        lineHashes: () => undefined,
      },
      findings: [finding],
    },
  ]);
  return { file, truncation, log: JSON.parse(readFileSync(file, 'utf8')) as Log };
}

describe("a result's lists", () => {
  it('are capped, so a finding in 40,000 artifacts is kept rather than dropped whole by the size limit', async () => {
    const paths = Array.from({ length: 40_000 }, (_, i) => `docker-local/app-${i}/1.0/log4j-core-2.14.1.jar`);
    const log4shell = aFinding({
      scanner: 'xray',
      ids: ['CVE-2021-44228', ...Array.from({ length: 30 }, (_, i) => `XRAY-${i}`)],
      severity: 'critical',
      componentPaths: paths,
      impactPaths: paths.slice(0, 500).map((p) => [...Array.from({ length: 80 }, (_, i) => `node-${i}`), p]),
      fixedVersions: Array.from({ length: 300 }, (_, i) => `2.${i}.0`),
    });
    const { file, truncation, log } = await writeOne(log4shell, 'one.sarif');
    expect(truncation?.resultsDropped).toBe(0);
    const [result] = log.runs[0]?.results ?? [];
    expect(result?.ruleId).toBe('CVE-2021-44228');
    const properties = result?.properties as Record<string, unknown[]>;
    expect(properties.componentPaths).toEqual(paths.slice(0, 10));
    // Ids are short: all 31 are kept.
    expect(properties.vulnerabilityIds).toEqual(log4shell.ids);
    expect(properties.fixedVersions).toHaveLength(10);
    expect(properties.impactPaths).toHaveLength(10);
    expect((properties.impactPaths as unknown[][]).every((p) => p.length === 50)).toBe(true);
    expect(result?.locations?.[0]?.logicalLocations).toHaveLength(10);
    expect(readFileSync(file).length).toBeLessThan(100_000);
    expect(githubSarifProblems(log)).toEqual([]);
  });

  it("keep up to 100 ids, the scanner's own first when there are more (a kernel advisory's hundreds of CVEs)", async () => {
    const cves = Array.from({ length: 150 }, (_, i) => `CVE-2024-${String(10000 + i)}`);
    const kernel = aFinding({ scanner: 'xray', ids: [...cves, 'XRAY-600001'], severity: 'high' });
    const { log } = await writeOne(kernel, 'kernel.sarif');
    const ids = (log.runs[0]?.results?.[0]?.properties as { vulnerabilityIds: string[] }).vulnerabilityIds;
    expect(ids).toEqual(['CVE-2024-10000', 'XRAY-600001', ...cves.slice(1, 99)]);
  });
});
