/**
 * Locator benchmark: a generated repository of 10,000 files (1,000 projects of many ecosystems, nested
 * two and three folders deep, tracked by git) and 5,000 findings; prints the time to index the
 * repository (`createLocator`) and to place every finding.
 *
 * Run from the repository root: `npx node bench/locate.bench.ts [projects] [findings]` (Node 24 strips
 * the types itself; the hook below maps the sources' `.js` imports to their `.ts` files), or with the
 * other benchmarks through tsx: `npm run bench -- locate`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

module.registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!/^\.\.?\/.*\.js$/.test(specifier)) throw error;
      return nextResolve(specifier.replace(/\.js$/, '.ts'), context);
    }
  },
});

const { createLocator, separateSharedLines } = await import('../src/locate/index.js');
const { buildFinding } = await import('../src/findings/build.js');
const { componentFromPurl, componentFromXrayId } = await import('../src/findings/component.js');
type Finding = import('../src/findings/model.js').Finding;

const PROJECTS = Number(process.argv[2] ?? 1_000);
const FINDINGS = Number(process.argv[3] ?? 5_000);
/** Packages per lockfile. */
const LOCKED = 150;

const lines = (...parts: string[]) => `${parts.join('\n')}\n`;
const npmName = (i: number) => (i % 7 === 0 ? `@scope${i % 13}/pkg-${i}` : `pkg-${i}`);

/** The ten files of project `p`: seven manifests and lockfiles of five ecosystems, three source files. */
function projectFiles(p: number): Record<string, string> {
  const direct = Array.from({ length: 12 }, (_, i) => npmName((p * 7 + i * 31) % 2_000));
  const locked = Array.from({ length: LOCKED }, (_, i) => npmName((p * 11 + i * 17) % 2_000));
  return {
    'package.json': JSON.stringify(
      {
        name: `@acme/service-${p}`,
        version: '1.0.0',
        dependencies: Object.fromEntries(direct.map((name) => [name, '^1.0.0'])),
      },
      null,
      2,
    ),
    'package-lock.json': JSON.stringify(
      {
        name: `@acme/service-${p}`,
        lockfileVersion: 3,
        packages: Object.fromEntries(
          locked.map((name, i) => [
            `node_modules/${name}`,
            { version: `1.0.${i % 5}`, integrity: `sha512-${i}` },
          ]),
        ),
      },
      null,
      2,
    ),
    'pom.xml': lines(
      '<project>',
      '  <groupId>com.acme</groupId>',
      `  <artifactId>service-${p}</artifactId>`,
      '  <dependencies>',
      ...Array.from({ length: 15 }, (_, i) =>
        [
          '    <dependency>',
          `      <groupId>org.lib${(p + i) % 50}</groupId>`,
          `      <artifactId>artifact-${(p * 3 + i) % 400}</artifactId>`,
          '      <version>1.0.0</version>',
          '    </dependency>',
        ].join('\n'),
      ),
      '  </dependencies>',
      '</project>',
    ),
    'requirements.txt': lines(
      ...Array.from({ length: 20 }, (_, i) => `Py_Lib.${(p + i * 7) % 500}==1.${i}.0`),
    ),
    'go.mod': lines(
      `module github.com/acme/service-${p}`,
      'go 1.21',
      'require (',
      ...Array.from({ length: 20 }, (_, i) => `\tgithub.com/lib/mod-${(p + i * 3) % 300} v1.0.${i}`),
      ')',
    ),
    'Cargo.lock': lines(
      ...Array.from(
        { length: 40 },
        (_, i) => `[[package]]\nname = "crate_${(p + i) % 300}"\nversion = "0.1.${i}"\n`,
      ),
    ),
    Dockerfile: lines(
      'FROM node:20 AS build',
      'RUN npm ci',
      `FROM debian:12-slim`,
      'COPY --from=build /app /app',
    ),
    'src/index.ts': 'export {};\n',
    'src/util.ts': 'export const x = 1;\n',
    'README.md': `# service ${p}\n`,
  };
}

function folderOf(p: number): string {
  return p % 3 === 0 ? `apps/group-${p % 20}/service-${p}` : `services/service-${p}`;
}

function makeRepository(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sca-bridge-bench-'));
  for (let p = 0; p < PROJECTS; p++) {
    for (const [file, content] of Object.entries(projectFiles(p))) {
      const absolute = path.join(root, folderOf(p), file);
      mkdirSync(path.dirname(absolute), { recursive: true });
      writeFileSync(absolute, content);
    }
  }
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'acme', private: true }, null, 2));
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '-A'], { cwd: root });
  return root;
}

/**
 * A mix of the shapes the importers give, one eighth each: npm purls; Xray ids with impact paths from a
 * project of the repository; Maven purls with a folder hint; PyPI names to normalise; Go modules; Cargo
 * lockfile entries; Debian packages of the Dockerfile jf names; packages nothing declares.
 */
function makeFindings(): Finding[] {
  const findings: Finding[] = [];
  for (let i = 0; i < FINDINGS; i++) {
    const p = i % PROJECTS;
    const base = {
      scanner: 'xray' as const,
      ids: [`CVE-2024-${1000 + (i % 40)}`],
      severity: 'high' as const,
    };
    switch (i % 8) {
      case 0:
        findings.push(
          buildFinding({
            ...base,
            component: componentFromPurl(`pkg:npm/pkg-${i % 2_000}@1.0.0`, { name: '' }),
          }),
        );
        break;
      case 1:
        findings.push(
          buildFinding({
            ...base,
            component: componentFromXrayId(`npm://pkg-${(p * 11 + 17) % 2_000}:1.0.1`),
            // Xray lists every path: ten, through different direct dependencies and one in-between package.
            impactPaths: Array.from({ length: 10 }, (_, k) => [
              `npm://@acme/service-${p}:1.0.0`,
              `npm://pkg-${(p * 7 + k * 31) % 2_000}:1.0.0`,
              `npm://pkg-${(i + k) % 2_000}:1.0.${k % 5}`,
              `npm://pkg-${(p * 11 + 17) % 2_000}:1.0.1`,
            ]),
          }),
        );
        break;
      case 2:
        findings.push(
          buildFinding({
            ...base,
            component: componentFromPurl(`pkg:maven/org.lib${i % 50}/artifact-${i % 400}@1.0.0`, {
              name: '',
            }),
            componentPaths: [folderOf(p)],
          }),
        );
        break;
      case 3:
        findings.push(
          buildFinding({
            ...base,
            component: componentFromPurl(`pkg:pypi/py-lib-${i % 500}@1.0.0`, { name: '' }),
          }),
        );
        break;
      case 4:
        findings.push(
          buildFinding({
            ...base,
            component: componentFromXrayId(`go://github.com/lib/mod-${i % 300}:v1.0.${i % 20}`),
          }),
        );
        break;
      case 5:
        findings.push(
          buildFinding({
            ...base,
            component: componentFromPurl(`pkg:cargo/crate-${i % 300}@0.1.0`, { name: '' }),
          }),
        );
        break;
      case 6:
        findings.push(
          buildFinding({
            ...base,
            component: componentFromXrayId(`deb://debian:bookworm:libssl3:3.0.${i % 15}`),
            componentPaths: [`${folderOf(p)}/Dockerfile`],
          }),
        );
        break;
      default:
        findings.push(
          buildFinding({
            ...base,
            component: componentFromPurl(`pkg:npm/not-declared-${i}@1.0.0`, { name: '' }),
          }),
        );
    }
  }
  return findings;
}

const root = makeRepository();
try {
  const findings = makeFindings();
  const started = performance.now();
  const locator = await createLocator({ workingDirectory: root, importFiles: [] });
  const indexed = performance.now();
  const placed = findings.map((finding) => ({ ...finding, location: locator.locate(finding) }));
  const located = performance.now();
  separateSharedLines(placed, locator);
  const separated = performance.now();

  const rules = new Map<string, number>();
  for (const { location } of placed) rules.set(location.rule, (rules.get(location.rule) ?? 0) + 1);
  const ms = (from: number, to: number) => `${(to - from).toFixed(0)} ms`;
  console.log(`repository: ${PROJECTS * 10 + 1} files; findings: ${findings.length}`);
  console.log(`createLocator:       ${ms(started, indexed)}`);
  console.log(`locate all:          ${ms(indexed, located)}`);
  console.log(`separateSharedLines: ${ms(located, separated)}`);
  console.log(`total:               ${ms(started, separated)}`);
  console.log(`rules: ${[...rules].map(([rule, count]) => `${rule} ${count}`).join(', ')}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
