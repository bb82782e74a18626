// Import → SARIF (+ GitLab reports) at 1,000 / 10,000 / 100,000 findings, next to the floor of merely
// `JSON.parse` + `JSON.stringify` of the same bytes, each in its own process, measured in the same run.
// Targets (issue 8) at 100,000 findings: time within 1.5x the floor, peak memory within 4x the input size.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.argv[2] ?? '1000,10000,100000').split(',').map(Number);
const work = mkdtempSync(path.join(tmpdir(), 'sca-bridge-bench-'));
// About 770 MB of inputs and outputs at 100,000 findings: removed however the run ends.
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Unknown'];
const ECOSYSTEMS = [
  ['npm', (i: number) => `npm://pkg-${i % 5000}:1.${i % 7}.0`],
  ['maven', (i: number) => `gav://com.acme.lib${i % 300}:artifact-${i % 5000}:2.${i % 9}.1`],
  ['pypi', (i: number) => `pypi://py-pkg-${i % 5000}:0.${i % 11}.3`],
] as const;

/**
 * A vulnerabilities report as Xray's Reports API returns it: about 2 KB a row, like real ones. `repeated`: one
 * vulnerability on one component over every artifact, as a whole Artifactory's report repeats a Log4Shell.
 */
function report(rows: number, repeated = false): string {
  const parts: string[] = [];
  for (let i = 0; i < rows; i++) {
    const [type, id] = (repeated ? ECOSYSTEMS[1] : ECOSYSTEMS[i % ECOSYSTEMS.length]) ?? ECOSYSTEMS[0];
    const cve = repeated ? 'CVE-2021-44228' : `CVE-20${10 + (i % 15)}-${10000 + i}`;
    parts.push(
      JSON.stringify({
        cves: [
          {
            cve,
            cvss_v2_score: 5,
            cvss_v2_vector: 'CVSS:2.0/AV:N/AC:L/Au:N/C:N/I:N/A:P',
            cvss_v3_score: 7.5,
            cvss_v3_vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H',
          },
        ],
        cvss2_max_score: 5,
        cvss3_max_score: 7.5,
        summary: `Denial of service in component ${i}: crafted input exhausts memory.`,
        severity: SEVERITIES[i % SEVERITIES.length],
        vulnerable_component: id(repeated ? 0 : i),
        impacted_artifact: `docker://app-${repeated ? i : i % 50}:1.0`,
        impact_path: [`docker://app-${repeated ? i : i % 50}:1.0`, id(repeated ? 0 : i)],
        path: `docker-local/app-${repeated ? i : i % 50}/1.0/manifest.json`,
        fixed_versions: [`9.${i % 5}.0`],
        published: '2024-02-09T16:30:10Z',
        artifact_scan_time: '2025-11-03T11:42:09Z',
        issue_id: `XRAY-${100000 + i}`,
        package_type: type,
        provider: 'JFrog',
        description: `A long advisory text. ${'The component mishandles untrusted input and an attacker can make it consume unbounded resources. '.repeat(12)}`,
        references: [`https://nvd.nist.gov/vuln/detail/${cve}`, `https://github.com/advisories/GHSA-${i}`],
      }),
    );
  }
  return `{"total_rows":${rows},"rows":[${parts.join(',')}]}`;
}

/** Each figure is the best of this many runs: the machine's noise (page faults of a 1 GB heap) only adds. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** Wall seconds and peak resident memory (KiB) of a process, from GNU time. */
function measureOnce(args: string[]): { seconds: number; peakKiB: number } {
  // Each starts with no other's writes still going to disk (the input just generated, the last run's outputs):
  // on a VM their writeback slowed whichever came next, the floor by up to half.
  execFileSync('sync');
  const out = path.join(work, 'time.txt');
  execFileSync('/usr/bin/time', ['-f', '%e %M', '-o', out, process.execPath, ...args], {
    cwd: root,
    stdio: 'ignore',
  });
  const [seconds = '0', peak = '0'] = execFileSync('cat', [out]).toString().trim().split(/\s+/);
  return { seconds: Number(seconds), peakKiB: Number(peak) };
}

type Figures = { seconds: number; peakKiB: number };

/**
 * Runs the floor and sca-bridge in turn `RUNS` times, so both see the same moments of the machine; each
 * gets its best time and its highest peak (memory is the target that must hold every time).
 */
function measurePair(floorArgs: string[], runArgs: string[]): { floor: Figures; run: Figures } {
  const floors: Figures[] = [];
  const runs: Figures[] = [];
  for (let i = 0; i < RUNS; i++) {
    floors.push(measureOnce(floorArgs));
    runs.push(measureOnce(runArgs));
  }
  const best = (figures: Figures[]) => ({
    seconds: Math.min(...figures.map((f) => f.seconds)),
    peakKiB: Math.max(...figures.map((f) => f.peakKiB)),
  });
  return { floor: best(floors), run: best(runs) };
}

const FLOOR =
  "const fs=require('fs');const d=JSON.parse(fs.readFileSync(process.argv[1],'utf8'));fs.writeFileSync(process.argv[2],JSON.stringify(d));";

console.log(
  'findings | input MiB | floor s | sca-bridge s | time ratio | findings/s | floor peak MiB | peak MiB | peak ÷ input',
);
/** Measures one generated report against its floor and prints a row of the table. */
function measureReport(size: number, label: string, repeated = false): void {
  const file = path.join(work, `report-${size}${repeated ? '-repeated' : ''}.json`);
  writeFileSync(file, report(size, repeated));
  const mib = statSync(file).size / 1024 / 1024;
  const { floor, run } = measurePair(
    ['-e', FLOOR, file, path.join(work, 'floor.json')],
    [
      'dist/cli.js',
      'import',
      file,
      '--sarif-file',
      path.join(work, 'out.sarif'),
      '--gitlab-dependency-report',
      path.join(work, 'gl-ds.json'),
      '--gitlab-codequality-report',
      path.join(work, 'gl-cq.json'),
      '--working-directory',
      work,
    ],
  );
  const peak = run.peakKiB / 1024;
  console.log(
    [
      label,
      mib.toFixed(1),
      floor.seconds.toFixed(2),
      run.seconds.toFixed(2),
      `${(run.seconds / floor.seconds).toFixed(2)}x`,
      Math.round(size / run.seconds),
      (floor.peakKiB / 1024).toFixed(0),
      peak.toFixed(0),
      `${(peak / mib).toFixed(2)}x`,
    ].join(' | '),
  );
  rmSync(file);
}

for (const size of SIZES) measureReport(size, String(size));
// Not a target: a guard against work that grows faster than the rows (one finding's sightings joined pairwise
// took 96 s at 20,000 rows).
const largest = Math.max(...SIZES);
measureReport(largest, `${largest} rows of one vulnerability over ${largest} artifacts`, true);
