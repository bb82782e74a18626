import fc from 'fast-check';
import type { Log } from 'sarif';
import { expect } from 'vitest';
import { UserError } from '../../src/errors.js';
import { collapseDuplicates } from '../../src/findings/collapse.js';
import type { Finding, Location, SourceResult } from '../../src/findings/model.js';
import { SEVERITIES, type Severity } from '../../src/findings/severity.js';
import type { ImportFormatName } from '../../src/importers/formats.js';
import { sarifLog, sarifRun } from '../helpers/sarif.js';
import { githubSarifProblems } from '../helpers/github-sarif-rules.js';
import { expectSchemaValid } from '../helpers/schemas.js';

/**
 * Generators of valid export documents of the seven import formats, each with what sca-bridge must make of it,
 * worked out here from the generated model and NOT by calling the code under test: the canonical id (lowest
 * CVE by year then number, else GHSA, else the scanner's own id), the ecosystem, package name and version the
 * format's component notation means, the severity word's meaning and whether the sighting is suppressed.
 * Plus the mutations and arbitrary JSON the robustness properties feed the importers.
 */

// ---------------------------------------------------------------------------------------------------------
// fast-check parameters: a fixed seed only on request (FC_SEED, FC_PATH from a failure report), FC_RUNS
// multiplies every property's run count. Each property stops after PROPERTY_LIMIT_MS, shrinking included:
// a failure is still reported with the counterexample shrunk so far, and on a loaded machine a passing
// property ends with fewer runs rather than timing out. It must still have run at least MIN_RUN_SHARE of the
// runs asked for (`assertProperty`): a property that "passes" after 2 of 200 runs tested nothing. The limit
// is a third of vitest's 60 s test timeout, so a slow run ends as a counted interruption, not a timeout; a
// quarter of the runs within it leaves a slow 2-core runner a wide margin (here 200 runs of an importer take
// under 1.5 s, 10 CLI runs about 3 s).

export const PROPERTY_LIMIT_MS = 20_000;

/** The share of the runs asked for that a property must complete before the time limit stops it. */
export const MIN_RUN_SHARE = 0.25;

export function fcParams(numRuns: number): {
  numRuns: number;
  interruptAfterTimeLimit: number;
  seed?: number;
  path?: string;
} {
  const scale = Number(process.env.FC_RUNS ?? '1');
  const seed = process.env.FC_SEED;
  const path = process.env.FC_PATH;
  return {
    numRuns: Math.max(1, Math.round(numRuns * (Number.isFinite(scale) && scale > 0 ? scale : 1))),
    interruptAfterTimeLimit: PROPERTY_LIMIT_MS,
    ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
  };
}

/** The fewest runs a property asked for `numRuns` runs must complete (of the runs FC_RUNS scales it to). */
export function minRuns(numRuns: number, scaled = fcParams(numRuns).numRuns): number {
  return Math.min(scaled, Math.max(1, Math.ceil(numRuns * MIN_RUN_SHARE)));
}

/**
 * `fc.assert` with `fcParams(numRuns)`, which also fails when the time limit left fewer than `minRuns` runs
 * done, and says on stderr when the limit stopped it. `examples` run first, as fast-check's own. Returns the
 * run details (`numRuns`: runs done).
 */
export async function assertProperty<Ts>(
  property: fc.IRawProperty<Ts>,
  numRuns: number,
  examples: Ts[] = [],
): Promise<fc.RunDetails<Ts>> {
  const params = fcParams(numRuns);
  const details = await fc.check(property, { ...params, examples });
  if (details.failed) {
    throw new Error(await fc.asyncDefaultReportMessage(details), { cause: details.errorInstance });
  }
  if (details.interrupted) {
    console.warn(
      `${expect.getState().currentTestName ?? 'a property'}: stopped by the ${PROPERTY_LIMIT_MS / 1000} s limit after ${details.numRuns} of ${params.numRuns} runs`,
    );
  }
  // Replaying one counterexample (FC_PATH) runs it alone.
  if (!params.path) {
    expect(
      details.numRuns,
      `runs done before the ${PROPERTY_LIMIT_MS / 1000} s limit, of ${params.numRuns} asked`,
    ).toBeGreaterThanOrEqual(minRuns(numRuns, params.numRuns));
  }
  return details;
}

// ---------------------------------------------------------------------------------------------------------
// What a document must turn into.

export type ScannerName = 'dependency-track' | 'xray';

/** One finding an importer must return, in the order it must return them. */
export interface ExpectedFinding {
  id: string;
  /** Every id, normalised (CVE upper case, GHSA `GHSA-` + lower case), sorted. */
  ids: string[];
  ecosystem: string | undefined;
  packageName: string;
  version: string | undefined;
  severity: Severity;
  suppressed: boolean;
}

export interface Generated {
  format: ImportFormatName;
  scanner: ScannerName;
  doc: unknown;
  findings: ExpectedFinding[];
  /** Policy violations the document holds (kept beside findings). */
  violations: number;
  /** Those of them that fail a `--fail-on-policy-violation` gate (state FAIL). */
  failingViolations: number;
}

/** The identity collapse keeps: one vulnerability on one component version (one location in these tests). */
export function identityOf(f: {
  id: string;
  ecosystem?: string | undefined;
  packageName: string;
  version?: string | undefined;
}): string {
  return JSON.stringify([f.id, f.ecosystem ?? '', f.packageName, f.version ?? '']);
}

const RANK: Record<Severity, number> = { critical: 5, high: 4, medium: 3, low: 2, info: 1, unknown: 0 };

export interface ExpectedCollapsed {
  severity: Severity;
  suppressed: boolean;
}

/** Distinct findings after collapse: the most severe sighting wins; suppressed only when every sighting is. */
export function expectedCollapse(findings: readonly ExpectedFinding[]): Map<string, ExpectedCollapsed> {
  const out = new Map<string, ExpectedCollapsed>();
  for (const f of findings) {
    const key = identityOf(f);
    const seen = out.get(key);
    out.set(
      key,
      seen
        ? {
            severity: RANK[f.severity] > RANK[seen.severity] ? f.severity : seen.severity,
            suppressed: seen.suppressed && f.suppressed,
          }
        : { severity: f.severity, suppressed: f.suppressed },
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Vulnerability ids.

const CVE_RE = /^CVE-(\d{4})-(\d{4,})$/i;
const GHSA_RE = /^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/i;

export function looksLikeCve(id: string): boolean {
  return CVE_RE.test(id);
}
export function looksLikeGhsa(id: string): boolean {
  return GHSA_RE.test(id);
}

/**
 * Whether `id` is the canonical one of `ids` (SPEC §6): a CVE no other CVE precedes by year then number; else,
 * with no CVE, the lowest GHSA; else the first id (the scanner's own). Written from the spec, for documents whose ids
 * are not known in advance.
 */
export function isCanonicalOf(id: string, ids: readonly string[]): boolean {
  const cves = ids.filter(looksLikeCve);
  const yearNumber = (cve: string): [number, number] => {
    const [, year = '0', number = '0'] = CVE_RE.exec(cve) ?? [];
    return [Number(year), Number(number)];
  };
  if (cves.length) {
    if (!cves.includes(id)) return false;
    const [y, n] = yearNumber(id);
    return cves.every((other) => {
      const [oy, on] = yearNumber(other);
      return oy > y || (oy === y && on >= n);
    });
  }
  const ghsas = ids.filter(looksLikeGhsa);
  if (ghsas.length) return id === [...ghsas].sort()[0];
  return id === ids[0];
}

interface Cve {
  year: number;
  number: number;
}

function cveText(cve: Cve, lowerCase = false): string {
  const digits = cve.number < 10_000 ? String(cve.number).padStart(4, '0') : String(cve.number);
  return `${lowerCase ? 'cve' : 'CVE'}-${cve.year}-${digits}`;
}

function compareCve(a: Cve, b: Cve): number {
  return a.year - b.year || a.number - b.number;
}

const cveArb: fc.Arbitrary<Cve> = fc.record({
  // A narrow range of years and a few well-known numbers, so vulnerabilities share CVEs and rows collide.
  year: fc.oneof(fc.integer({ min: 2019, max: 2022 }), fc.integer({ min: 1999, max: 2030 })),
  number: fc.oneof(
    fc.constantFrom(1, 44228, 3721, 9999, 10000, 100001),
    fc.integer({ min: 1, max: 9999 }),
    fc.integer({ min: 10_000, max: 9_999_999 }),
  ),
});

const GHSA_ALPHABET = [...'23456789cfghjmpqrvwx'];
const ghsaPart = fc.string({ unit: fc.constantFrom(...GHSA_ALPHABET), minLength: 4, maxLength: 4 });
/** Normalised form: `GHSA-` then lower case. */
const ghsaArb = fc.tuple(ghsaPart, ghsaPart, ghsaPart).map((parts) => `GHSA-${parts.join('-')}`);

function ghsaText(ghsa: string, upperCase = false): string {
  return upperCase ? `GHSA-${ghsa.slice(5).toUpperCase()}` : ghsa;
}

/** A vulnerability: the scanner's own id and its CVE and GHSA aliases. */
interface Vuln {
  own: string;
  cves: Cve[];
  ghsas: string[];
}

const dtOwnIdArb = fc.oneof(
  fc.constantFrom(
    'SNYK-JS-MINIMIST-559764',
    'PYSEC-2021-59',
    'GO-2022-0001',
    'OSV-2020-111',
    'sonatype-2019-0123',
    'NPM-1179',
    'INT-日本語-1',
  ),
  fc.integer({ min: 1, max: 999_999 }).map((n) => `SNYK-JAVA-ORG-${n}`),
);
const xrayOwnIdArb = fc.oneof(
  fc.integer({ min: 1, max: 999_999 }).map((n) => `XRAY-${n}`),
  fc.constantFrom('XRAY-100001', 'XRAY-72918', 'XRAY-日本-1'),
);

function vulnArb(own: fc.Arbitrary<string>, ghsas: boolean): fc.Arbitrary<Vuln> {
  return fc.record({
    own,
    cves: fc.uniqueArray(cveArb, { maxLength: 3, selector: (c) => cveText(c) }),
    ghsas: ghsas ? fc.uniqueArray(ghsaArb, { maxLength: 2 }) : fc.constant([]),
  });
}

/** The canonical id and the normalised ids of the ids one sighting names. */
function expectIds(
  cves: readonly Cve[],
  ghsas: readonly string[],
  own: string | undefined,
): { id: string; ids: string[] } {
  const ids = [...new Set([...cves.map((c) => cveText(c)), ...ghsas, ...(own ? [own] : [])])].sort();
  const lowest = [...cves].sort(compareCve)[0];
  const id = lowest ? cveText(lowest) : ([...ghsas].sort()[0] ?? own ?? 'UNKNOWN');
  return { id, ids: own || cves.length || ghsas.length ? ids : ['UNKNOWN'] };
}

// ---------------------------------------------------------------------------------------------------------
// Components, and how each format writes them.

type Eco = 'npm' | 'maven' | 'pypi' | 'golang' | 'deb' | 'apk' | 'rpm' | 'composer' | 'gem' | 'nuget';

interface Comp {
  eco: Eco;
  /** npm scope, Maven group, Go module prefix, Composer vendor. */
  ns: string | undefined;
  name: string;
  version: string;
  /** deb: distribution and release; apk, rpm: release. */
  distro: string[];
}

const nameArb = fc.oneof(
  fc.constantFrom(
    'lodash',
    'log4j-core',
    'naïve-lib',
    '日本語-tool',
    'left-pad',
    'busybox',
    'libssl3',
    'jinja2',
    'deep-merge',
    'über.util',
    'x',
  ),
  fc.stringMatching(/^[a-z][a-z0-9.-]{0,10}$/),
);
const numbers = fc.tuple(fc.nat(12), fc.nat(30), fc.nat(20)).map(([a, b, c]) => `${a}.${b}.${c}`);
const semverArb = fc
  .tuple(numbers, fc.constantFrom('', '', '', '-beta.1', '-rc1'))
  .map(([base, pre]) => `${base}${pre}`);
const epoch = fc.constantFrom('', '', '1:', '2:');

const compArb: fc.Arbitrary<Comp> = fc.oneof(
  fc.record({
    eco: fc.constant<Eco>('npm'),
    ns: fc.option(fc.constantFrom('@acme', '@types', '@日本'), { nil: undefined }),
    name: nameArb,
    version: semverArb,
    distro: fc.constant<string[]>([]),
  }),
  fc.record({
    eco: fc.constant<Eco>('maven'),
    ns: fc.constantFrom('org.apache.logging.log4j', 'com.example', 'io.netty'),
    name: nameArb,
    version: fc.tuple(numbers, fc.constantFrom('', '.Final')).map(([v, s]) => v + s),
    distro: fc.constant<string[]>([]),
  }),
  fc.record({
    eco: fc.constant<Eco>('pypi'),
    ns: fc.constant(undefined),
    name: nameArb,
    version: numbers,
    distro: fc.constant<string[]>([]),
  }),
  fc.record({
    eco: fc.constant<Eco>('golang'),
    ns: fc.constantFrom('github.com/gin-gonic', 'golang.org/x', 'example.com/日本'),
    name: nameArb,
    version: numbers.map((v) => `v${v}`),
    distro: fc.constant<string[]>([]),
  }),
  fc.record({
    eco: fc.constant<Eco>('deb'),
    ns: fc.constant(undefined),
    name: nameArb,
    version: fc
      .tuple(epoch, numbers, fc.constantFrom('-3', '-3+deb9u1', '-1~deb12u1'))
      .map(([e, v, s]) => e + v + s),
    distro: fc.constantFrom<string[]>(['debian', 'bookworm'], ['debian', 'stretch'], ['ubuntu', 'jammy']),
  }),
  fc.record({
    eco: fc.constant<Eco>('apk'),
    ns: fc.constant(undefined),
    name: nameArb,
    version: fc.tuple(numbers, fc.nat(30)).map(([v, r]) => `${v}-r${r}`),
    distro: fc.constantFrom<string[]>(['3.12'], ['3.18']),
  }),
  fc.record({
    eco: fc.constant<Eco>('rpm'),
    ns: fc.constant(undefined),
    name: nameArb,
    version: fc.tuple(epoch, numbers).map(([e, v]) => `${e}${v}-1.el7_7`),
    distro: fc.constantFrom<string[]>(['7'], ['8']),
  }),
  fc.record({
    eco: fc.constant<Eco>('composer'),
    ns: fc.constantFrom('laravel', 'symfony'),
    name: nameArb,
    version: numbers,
    distro: fc.constant<string[]>([]),
  }),
  fc.record({
    eco: fc.constantFrom<Eco>('gem', 'nuget'),
    ns: fc.constant(undefined),
    name: nameArb,
    version: numbers,
    distro: fc.constant<string[]>([]),
  }),
);

function compKey(c: Comp): string {
  return JSON.stringify([c.eco, c.ns, c.name, c.version, c.distro]);
}

const XRAY_SCHEME: Record<Eco, string> = {
  npm: 'npm',
  maven: 'gav',
  pypi: 'pypi',
  golang: 'go',
  deb: 'deb',
  apk: 'alpine',
  rpm: 'rpm',
  composer: 'composer',
  gem: 'rubygems',
  nuget: 'nuget',
};
/** The words Xray writes in `package_type`, `pkg_type` and `impactedPackageType`. */
const XRAY_TYPE_WORDS: Record<Eco, string[]> = {
  npm: ['npm'],
  maven: ['maven', 'Maven'],
  pypi: ['pypi', 'PyPI'],
  golang: ['go', 'Go'],
  deb: ['debian', 'Debian'],
  apk: ['alpine', 'Alpine'],
  rpm: ['rpm', 'RPM'],
  composer: ['composer', 'Composer'],
  gem: ['gem', 'RubyGems'],
  nuget: ['nuget', 'NuGet'],
};

/** The name as Xray writes it before `:version` (simple-json's `impactedPackageName`, after `scheme://`). */
function xrayName(c: Comp): string {
  switch (c.eco) {
    case 'maven':
      return `${c.ns}:${c.name}`;
    case 'npm':
    case 'golang':
    case 'composer':
      return c.ns ? `${c.ns}/${c.name}` : c.name;
    case 'deb':
    case 'apk':
    case 'rpm':
      return [...c.distro, c.name].join(':');
    default:
      return c.name;
  }
}

function xrayId(c: Comp): string {
  return `${XRAY_SCHEME[c.eco]}://${xrayName(c)}:${c.version}`;
}

/** What any Xray notation of the component means: the ecosystem's package name (OS packages: the bare name). */
function expectedXrayComponent(c: Comp): Pick<ExpectedFinding, 'ecosystem' | 'packageName' | 'version'> {
  const packageName =
    c.eco === 'maven'
      ? `${c.ns}:${c.name}`
      : c.ns && (c.eco === 'npm' || c.eco === 'golang' || c.eco === 'composer')
        ? `${c.ns}/${c.name}`
        : c.name;
  return { ecosystem: c.eco, packageName, version: c.version };
}

/** The purl namespace Dependency-Track's purls carry. */
function purlNamespace(c: Comp): string | undefined {
  if (c.eco === 'deb') return c.distro[0];
  if (c.eco === 'apk') return 'alpine';
  if (c.eco === 'rpm') return 'centos';
  return c.ns;
}

function purlOf(c: Comp, withVersion: boolean): string {
  const ns = purlNamespace(c);
  const nsPart = ns
    ? `${ns
        .split('/')
        .map((s) => encodeURIComponent(s))
        .join('/')}/`
    : '';
  const version = withVersion ? `@${encodeURIComponent(c.version)}` : '';
  const qualifiers = c.eco === 'deb' ? `?distro=${c.distro[1]}` : '';
  return `pkg:${c.eco}/${nsPart}${encodeURIComponent(c.name)}${version}${qualifiers}`;
}

// ---------------------------------------------------------------------------------------------------------
// Small value generators.

const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });
const textArb = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('Prototype pollution', 'Log4Shell', '日本語のタイトル: naïve-lib'),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', 'Issue summary: line one\n\nImpact summary: line two', 'a'.repeat(1500)),
  },
);
const score = fc.integer({ min: 0, max: 100 }).map((n) => n / 10);
const scoreText = score.map((s) => s.toFixed(1));
const V3 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const V2 = 'CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P';
const V4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:H';
const urlArb = fc.constantFrom(
  'https://nvd.nist.gov/vuln/detail/CVE-2021-44228',
  'https://github.com/advisories/GHSA-jfh8-c2jp-5v3q',
  'https://example.org/advisories/naive-lib',
);
const fixedArb = fc.array(
  fc.constantFrom('[4.17.5]', '1.0.1', '≥ 2:1.6.4-3+deb9u1', '(,1.2.3]', '[1.1.1l-r0]'),
  { maxLength: 3 },
);

const DT_SEVERITIES: Record<string, Severity> = {
  CRITICAL: 'critical',
  HIGH: 'high',
  MEDIUM: 'medium',
  LOW: 'low',
  INFO: 'info',
  UNASSIGNED: 'unknown',
};
const XRAY_SEVERITIES: Record<string, Severity> = {
  Critical: 'critical',
  High: 'high',
  Medium: 'medium',
  Low: 'low',
  Information: 'info',
  Unknown: 'unknown',
};
const dtSeverityArb = fc.option(fc.constantFrom(...Object.keys(DT_SEVERITIES)), { nil: null, freq: 8 });
const xraySeverityArb = fc.option(fc.constantFrom(...Object.keys(XRAY_SEVERITIES)), { nil: null, freq: 8 });
const dtSeverity = (word: string | null): Severity =>
  word === null ? 'unknown' : (DT_SEVERITIES[word] ?? 'unknown');
const xraySeverity = (word: string | null): Severity =>
  word === null ? 'unknown' : (XRAY_SEVERITIES[word] ?? 'unknown');

/** Sets `key` when `value` is not undefined, so a generated document omits the keys it leaves out. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

/** One of the pool's items, picked by a generated index (shrinks towards the first). */
function pick<T>(pool: readonly T[], index: number): T {
  return pool[index % pool.length] as T;
}

// ---------------------------------------------------------------------------------------------------------
// Dependency-Track: the finding rows FPF and the findings API share.

const dtKnobs = fc.record({
  vuln: fc.nat(),
  comp: fc.nat(),
  vulnIdPick: fc.nat(),
  aliasMask: fc.nat(),
  aliasesNull: fc.boolean(),
  lowerCve: fc.constantFrom(false, false, false, true),
  upperGhsa: fc.boolean(),
  purl: fc.constantFrom('full', 'full', 'noPurlVersion', 'onlyPurlVersion', 'noPurl', 'noPurlNoVersion'),
  severity: dtSeverityArb,
  analysis: fc.option(
    fc.record(
      {
        state: fc.constantFrom(
          'NOT_SET',
          'EXPLOITABLE',
          'IN_TRIAGE',
          'FALSE_POSITIVE',
          'NOT_AFFECTED',
          'RESOLVED',
        ),
        isSuppressed: nullable(fc.boolean()),
        justification: fc.constantFrom('CODE_NOT_PRESENT', 'NOT_SET'),
        detail: textArb,
      },
      { requiredKeys: [] },
    ),
    { nil: null },
  ),
  cvssV3: fc.option(fc.oneof(score, scoreText), { nil: null }),
  cvssV2: fc.option(score, { nil: null }),
  cvssV4: fc.option(score, { nil: undefined }),
  title: fc.option(textArb, { nil: null }),
  description: fc.option(textArb, { nil: undefined }),
  recommendation: fc.option(textArb, { nil: undefined }),
  // Epoch milliseconds (the API) or FPF's zone-less text; both formats accept both.
  published: fc.option(
    fc.oneof(
      fc.integer({ min: 0, max: 4_102_444_800_000 }),
      fc
        .date({
          min: new Date('1999-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().replace('T', ' ').replace('Z', '')),
    ),
    { nil: null },
  ),
  cwes: fc.option(fc.array(fc.integer({ min: 1, max: 1400 }), { maxLength: 3 }), { nil: null }),
  epss: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  references: fc.option(fc.array(urlArb, { maxLength: 2 }), { nil: undefined }),
  attribution: fc.option(urlArb, { nil: null }),
});
type DtKnobs = typeof dtKnobs extends fc.Arbitrary<infer T> ? T : never;

function dtRow(vulns: readonly Vuln[], comps: readonly Comp[], k: DtKnobs) {
  const v = pick(vulns, k.vuln);
  const c = pick(comps, k.comp);
  // Every id of the vulnerability, as this row writes it.
  const all: { text: string; kind: 'own' | 'cve' | 'ghsa'; cve?: Cve; ghsa?: string }[] = [
    { text: v.own, kind: 'own' },
    ...v.cves.map((cve) => ({ text: cveText(cve, k.lowerCve), kind: 'cve' as const, cve })),
    ...v.ghsas.map((ghsa) => ({ text: ghsaText(ghsa, k.upperGhsa), kind: 'ghsa' as const, ghsa })),
  ];
  const vulnId = pick(all, k.vulnIdPick);
  const aliases = all.filter((_, i) => (k.aliasMask >> i) & 1);
  const named = [vulnId, ...aliases];
  const expectedIds = expectIds(
    named.flatMap((x) => (x.cve ? [x.cve] : [])),
    named.flatMap((x) => (x.ghsa ? [x.ghsa] : [])),
    named.some((x) => x.kind === 'own') ? v.own : undefined,
  );
  // With no CVE or GHSA the vulnId is the canonical id: it is the own id then.
  const aliasObjects = aliases.map((alias) =>
    alias.kind === 'cve'
      ? { cveId: alias.text, ghsaId: null }
      : alias.kind === 'ghsa'
        ? { ghsaId: alias.text }
        : { snykId: alias.text, osvId: null },
  );

  const component: Record<string, unknown> = {
    uuid: `c-${compKey(c).length}`,
    name: c.name,
    project: 'd38ebf15-96cd-4a01-9bca-7b49b5b0e7c4',
  };
  const group = purlNamespace(c);
  let version: string | undefined = c.version;
  let ecosystem: string | undefined = c.eco;
  let packageName: string;
  if (k.purl === 'noPurl' || k.purl === 'noPurlNoVersion') {
    ecosystem = undefined;
    packageName = group ? `${group}/${c.name}` : c.name;
    component.group = group ?? null;
    component.version = k.purl === 'noPurl' ? c.version : null;
    component.purl = null;
    if (k.purl === 'noPurlNoVersion') version = undefined;
  } else {
    // An OS package's purl namespace is its distribution, not part of its name.
    const os = c.eco === 'deb' || c.eco === 'apk' || c.eco === 'rpm';
    packageName = group && !os ? (c.eco === 'maven' ? `${group}:${c.name}` : `${group}/${c.name}`) : c.name;
    put(component, 'group', group);
    component.version = k.purl === 'onlyPurlVersion' ? null : c.version;
    component.purl = purlOf(c, k.purl !== 'noPurlVersion');
  }

  const vulnerability: Record<string, unknown> = {
    uuid: `v-${v.own}`,
    source: vulnId.kind === 'cve' ? 'NVD' : vulnId.kind === 'ghsa' ? 'GITHUB' : 'SNYK',
    vulnId: vulnId.text,
    title: k.title,
    severity: k.severity,
    cvssV3BaseScore: k.cvssV3,
    cvssV3Vector: k.cvssV3 === null ? null : V3,
    cvssV2BaseScore: k.cvssV2,
    aliases: k.aliasesNull && aliasObjects.length === 0 ? null : aliasObjects,
    published: k.published,
    cwes: k.cwes?.map((cweId) => ({ cweId, name: `CWE ${cweId} — ${'ü'.repeat(cweId % 3)}` })) ?? null,
    cweId: k.cwes?.[0] ?? null,
  };
  put(vulnerability, 'description', k.description);
  put(vulnerability, 'recommendation', k.recommendation);
  put(vulnerability, 'cvssV4Score', k.cvssV4);
  put(vulnerability, 'cvssV4Vector', k.cvssV4 === undefined ? undefined : V4);
  put(vulnerability, 'epssScore', k.epss);
  put(vulnerability, 'references', k.references?.map((r) => `* [${r}](${r})`).join('\n'));

  const row: Record<string, unknown> = {
    component,
    vulnerability,
    matrix: `p:${String(component.uuid)}:${String(vulnerability.uuid)}`,
  };
  put(
    row,
    'attribution',
    k.attribution === null ? null : { analyzerIdentity: 'INTERNAL_ANALYZER', referenceUrl: k.attribution },
  );
  if (k.analysis !== null) row.analysis = k.analysis;
  const state = k.analysis?.state;
  const suppressed =
    k.analysis?.isSuppressed === true ||
    state === 'FALSE_POSITIVE' ||
    state === 'NOT_AFFECTED' ||
    state === 'RESOLVED';
  const expected: ExpectedFinding = {
    ...expectedIds,
    ecosystem,
    packageName,
    version,
    severity: dtSeverity(k.severity),
    suppressed,
  };
  return { row, expected };
}

const dtPools = fc.record({
  vulns: fc.uniqueArray(vulnArb(dtOwnIdArb, true), { minLength: 1, maxLength: 4, selector: (v) => v.own }),
  comps: fc.uniqueArray(compArb, { minLength: 1, maxLength: 4, selector: compKey }),
});

function dtRows(minLength: number) {
  return fc
    .tuple(dtPools, fc.array(dtKnobs, { minLength, maxLength: 8 }))
    .map(([pools, knobs]) => knobs.map((k) => dtRow(pools.vulns, pools.comps, k)));
}

export const dtrackFindingsDoc: fc.Arbitrary<Generated> = dtRows(1).map((rows) => ({
  format: 'dtrack-findings',
  scanner: 'dependency-track',
  doc: rows.map((r) => r.row),
  findings: rows.map((r) => r.expected),
  violations: 0,
  failingViolations: 0,
}));

export const dtrackFpfDoc: fc.Arbitrary<Generated> = fc
  .tuple(
    dtRows(0),
    fc.constantFrom('1.0', '1.1', '1.2', '1.3', '1.4'),
    fc.option(fc.constantFrom('https://dtrack.example.org/', 'https://dt.example.test'), { nil: null }),
    fc.option(
      fc.record({
        name: textArb,
        version: fc.option(fc.constantFrom('develop', '1.0.0'), { nil: null }),
        uuid: fc.uuid(),
      }),
      { nil: undefined },
    ),
  )
  .map(([rows, version, baseUrl, project]) => {
    const doc: Record<string, unknown> = {
      version,
      meta: {
        application: 'Dependency-Track',
        version: '4.14.1',
        timestamp: '2026-04-24T19:39:49Z',
        baseUrl,
      },
    };
    put(doc, 'project', project);
    doc.findings = rows.map((r) => r.row);
    return {
      format: 'dtrack-fpf',
      scanner: 'dependency-track',
      doc,
      findings: rows.map((r) => r.expected),
      violations: 0,
      failingViolations: 0,
    };
  });

// ---------------------------------------------------------------------------------------------------------
// Xray: CVE lists.

const xrayPools = fc.record({
  vulns: fc.uniqueArray(vulnArb(xrayOwnIdArb, false), { minLength: 1, maxLength: 4, selector: (v) => v.own }),
  comps: fc.uniqueArray(compArb, { minLength: 1, maxLength: 4, selector: compKey }),
});
type XrayPools = typeof xrayPools extends fc.Arbitrary<infer T> ? T : never;

const cveKnobs = fc.record({
  lowerCve: fc.boolean(),
  reverse: fc.boolean(),
  /** A CVSS-only entry without an id, as Xray writes for some issues. */
  scoreOnly: fc.boolean(),
  v3: fc.option(score, { nil: undefined }),
  v2: fc.option(score, { nil: undefined }),
  cwe: fc.array(fc.constantFrom('CWE-502', 'cwe-125', 'NVD-CWE-noinfo', 'CWE-79'), { maxLength: 2 }),
  dropIssueId: fc.constantFrom<undefined | null | ''>(undefined, null, ''),
});
type CveKnobs = typeof cveKnobs extends fc.Arbitrary<infer T> ? T : never;

type CveStyle = 'report' | 'strings' | 'summary' | 'simple';

/** The `cves` list of a vulnerability in one of Xray's styles. */
function xrayCves(v: Vuln, k: CveKnobs, style: CveStyle): Record<string, unknown>[] {
  const ordered = k.reverse ? [...v.cves].reverse() : v.cves;
  const entries = ordered.map((cve) => {
    const id = cveText(cve, k.lowerCve);
    const entry: Record<string, unknown> = {};
    if (style === 'simple') {
      entry.id = id;
      put(entry, 'cvssV3', k.v3 === undefined ? '' : k.v3.toFixed(1));
      put(entry, 'cvssV2', k.v2?.toFixed(1));
      put(entry, 'cvssV3Vector', k.v3 === undefined ? undefined : V3);
    } else {
      entry.cve = id;
      if (style === 'report') {
        put(entry, 'cvss_v3_score', k.v3);
        put(entry, 'cvss_v3_vector', k.v3 === undefined ? undefined : V3);
        put(entry, 'cvss_v2_score', k.v2);
      } else if (style === 'strings') {
        put(entry, 'cvss_v3_score', k.v3?.toFixed(1));
        put(entry, 'cvss_v2_score', k.v2?.toFixed(1));
        put(entry, 'cvss_v2_vector', k.v2 === undefined ? undefined : V2);
      } else {
        put(entry, 'cvss_v3', k.v3 === undefined ? undefined : `${k.v3.toFixed(1)}/${V3}`);
        put(entry, 'cvss_v2', k.v2 === undefined ? undefined : k.v2.toFixed(1));
      }
    }
    entry.cwe = k.cwe;
    return entry;
  });
  if (k.scoreOnly) {
    entries.push(style === 'simple' ? { cvssV3: '5.3' } : { cvss_v3_score: 5.3, cvss_v2: '4.3' });
  }
  return entries;
}

/** Xray's ids for a vulnerability: the issue id (unless the row leaves it out and CVEs name it) and the CVEs. */
function xrayIssueId(v: Vuln, k: CveKnobs): { issueId: string | null | undefined; own: string | undefined } {
  if (k.dropIssueId !== undefined && v.cves.length) return { issueId: k.dropIssueId, own: undefined };
  return { issueId: v.own, own: v.own };
}

function expectedXray(v: Vuln, own: string | undefined, c: Comp, severity: string | null): ExpectedFinding {
  return {
    ...expectIds(v.cves, [], own),
    ...expectedXrayComponent(c),
    severity: xraySeverity(severity),
    suppressed: false,
  };
}

const sightingKnobs = fc.record({
  vuln: fc.nat(),
  comp: fc.nat(),
  severity: xraySeverityArb,
  cves: cveKnobs,
  typeWord: fc.nat(),
  summary: fc.option(textArb, { nil: null }),
  description: fc.option(textArb, { nil: undefined }),
  fixed: fc.option(fixedArb, { nil: null }),
  references: fc.option(fc.array(urlArb, { maxLength: 2 }), { nil: null }),
});
type SightingKnobs = typeof sightingKnobs extends fc.Arbitrary<infer T> ? T : never;

function sightings(pools: XrayPools, knobs: readonly SightingKnobs[]) {
  return knobs.map((k) => ({ k, v: pick(pools.vulns, k.vuln), c: pick(pools.comps, k.comp) }));
}

// ---------------------------------------------------------------------------------------------------------
// Xray reports (vulnerabilities and violations).

export const xrayReportDoc: fc.Arbitrary<Generated> = fc
  .tuple(xrayPools, fc.array(sightingKnobs, { maxLength: 8 }))
  .map(([pools, knobs]) => {
    const rows = sightings(pools, knobs).map(({ k, v, c }) => {
      const { issueId, own } = xrayIssueId(v, k.cves);
      const row: Record<string, unknown> = {
        cves: xrayCves(v, k.cves, 'report'),
        summary: k.summary,
        severity: k.severity,
        vulnerable_component: xrayId(c),
        impacted_artifact: 'docker://web-app:3.0.0',
        impact_path: ['docker://web-app:3.0.0', xrayId(c)],
        path: `docker-local/web-app/3.0.0/${c.name}`,
        fixed_versions: k.fixed,
        published: '2021-06-01T10:00:00Z',
        artifact_scan_time: '2024-01-15T15:39:25Z',
        package_type: pick(XRAY_TYPE_WORDS[c.eco], k.typeWord),
        provider: 'JFrog',
        references: k.references,
        applicability: null,
      };
      put(row, 'issue_id', issueId);
      put(row, 'description', k.description);
      return { row, expected: expectedXray(v, own, c, k.severity) };
    });
    return {
      format: 'xray-report',
      scanner: 'xray',
      doc: { total_rows: rows.length, rows: rows.map((r) => r.row) },
      findings: rows.map((r) => r.expected),
      violations: 0,
      failingViolations: 0,
    };
  });

export const xrayViolationsReportDoc: fc.Arbitrary<Generated> = fc
  .tuple(xrayPools, fc.array(sightingKnobs, { minLength: 1, maxLength: 6 }))
  .map(([pools, knobs]) => {
    const rows = sightings(pools, knobs).map(({ k, v, c }, i) => ({
      type: pick(['security', 'license', 'operational_risk'], k.typeWord),
      vulnerable_component: xrayId(c),
      impacted_artifact: 'docker://web-app:3.0.0',
      path: 'docker-local/web-app/3.0.0/',
      watch_name: i % 2 ? 'HighVulnWatch' : 'ライセンス-watch',
      policy_names: i % 3 ? ['HighVuln'] : [],
      summary: k.summary,
      severity: k.severity,
      issue_id: v.own,
      cves: xrayCves(v, k.cves, 'report'),
    }));
    return {
      format: 'xray-report',
      scanner: 'xray',
      doc: { total_rows: rows.length, rows },
      findings: [],
      violations: rows.length,
      failingViolations: rows.length,
    };
  });

// ---------------------------------------------------------------------------------------------------------
// Xray Security Export (Scans List → Export → JSON).

export const xrayScansExportDoc: fc.Arbitrary<Generated> = fc
  .tuple(xrayPools, fc.array(sightingKnobs, { maxLength: 8 }))
  .map(([pools, knobs]) => {
    const seen = sightings(pools, knobs);
    const items = seen.map(({ k, v, c }) => {
      const { issueId, own } = xrayIssueId(v, k.cves);
      const item: Record<string, unknown> = {
        id: issueId ?? '',
        severity: k.severity,
        summary: k.summary,
        issue_type: 'security',
        provider: 'JFrog',
        component: xrayName(c),
        source_id: `${XRAY_SCHEME[c.eco]}://${xrayName(c)}`,
        source_comp_id: xrayId(c),
        component_versions: {
          id: xrayName(c),
          vulnerable_versions: ['All Versions'],
          fixed_versions: k.fixed,
          more_details: {
            cves: xrayCves(v, k.cves, 'summary'),
            ...(k.description === undefined ? {} : { description: k.description }),
            provider: 'JFrog',
          },
        },
        component_physical_paths: k.references === null ? [] : [`usr/lib/${c.name}.so`],
        edited: '2023-05-19T06:52:42+02:00',
      };
      if (k.typeWord % 2) item.pkg_type = pick(XRAY_TYPE_WORDS[c.eco], k.typeWord);
      if (k.typeWord % 3 === 0)
        item.high_profile_info = { VulnId: v.own, ShortDescription: k.summary, FullDescription: null };
      // With the issue id left out, Xray writes "" there; the CVEs still name the vulnerability.
      return { item, expected: expectedXray(v, issueId ? own : undefined, c, k.severity) };
    });
    return {
      format: 'xray-scans-export',
      scanner: 'xray',
      // Xray counts the issues, each once however many components it is on.
      doc: { total_count: new Set(seen.map(({ v }) => v.own)).size, data: items.map((i) => i.item) },
      findings: items.map((i) => i.expected),
      violations: 0,
      failingViolations: 0,
    };
  });

// ---------------------------------------------------------------------------------------------------------
// Xray Artifact Summary.

/** A component named only at the end of an impact path (older summaries): `…/3.12:busybox:1.31.1-r20`. */
const impactCompArb = fc.record({
  release: fc.option(fc.constantFrom('3.12', '3.18', '7'), { nil: undefined }),
  name: nameArb,
  version: numbers,
});
type ImpactComp = typeof impactCompArb extends fc.Arbitrary<infer T> ? T : never;

/** The artifact's own component (a Docker `image:tag`), which an issue naming no component is on. */
function summaryArtifactComponent(
  general: string | null,
): Pick<ExpectedFinding, 'ecosystem' | 'packageName' | 'version'> {
  if (general === null) return { ecosystem: undefined, packageName: 'unknown', version: undefined };
  const [packageName = general, version] = general.split(':');
  return { ecosystem: 'docker', packageName, version };
}

const summaryIssueKnobs = fc.record({
  sighting: sightingKnobs,
  issueType: fc.constantFrom<string | undefined>(
    'security',
    'security',
    undefined,
    'license',
    'operational_risk',
  ),
  /** Component indexes; empty means the issue names its components by impact paths only. */
  comps: fc.array(fc.nat(), { maxLength: 3 }),
  impact: fc.array(impactCompArb, { maxLength: 2 }),
  componentsNull: fc.boolean(),
});

export const xraySummaryDoc: fc.Arbitrary<Generated> = fc
  .tuple(
    xrayPools,
    fc.array(
      fc.record({
        general: fc.option(fc.constantFrom('web-image:1.0', '日本語-image:2'), { nil: null }),
        issues: fc.option(fc.array(summaryIssueKnobs, { maxLength: 4 }), { nil: null }),
      }),
      { maxLength: 3 },
    ),
  )
  .map(([pools, artifacts]) => {
    const findings: ExpectedFinding[] = [];
    const docArtifacts = artifacts.map((artifact) => {
      const issues = (artifact.issues ?? []).map((issue) => {
        const k = issue.sighting;
        const v = pick(pools.vulns, k.vuln);
        const { issueId, own } = xrayIssueId(v, k.cves);
        const comps = issue.comps.map((i) => pick(pools.comps, i));
        const impactPath = (c: ImpactComp) =>
          `docker-local/web-image/1.0/sha256__339de151aab4.tar.gz/${c.release ? `${c.release}:` : ''}${c.name}:${c.version}`;
        const security = issue.issueType === undefined || issue.issueType === 'security';
        if (security) {
          if (comps.length) {
            for (const c of comps) findings.push(expectedXray(v, own, c, k.severity));
          } else if (!issue.impact.length) {
            findings.push({
              ...expectIds(v.cves, [], own),
              ...summaryArtifactComponent(artifact.general),
              severity: xraySeverity(k.severity),
              suppressed: false,
            });
          } else {
            for (const c of issue.impact) {
              findings.push({
                ...expectIds(v.cves, [], own),
                ecosystem: undefined,
                packageName: c.name,
                version: c.version,
                severity: xraySeverity(k.severity),
                suppressed: false,
              });
            }
          }
        }
        const doc: Record<string, unknown> = {
          summary: k.summary,
          severity: k.severity,
          provider: 'JFrog',
          cves: xrayCves(v, k.cves, 'summary'),
          created: '2020-09-09T00:00:00.937Z',
          impact_path: issue.impact.map(impactPath),
          components:
            comps.length === 0 && issue.componentsNull
              ? null
              : comps.map((c) => ({ component_id: xrayId(c), fixed_versions: k.fixed })),
          component_physical_paths: ['lib/libssl.so.1.1'],
        };
        put(doc, 'issue_id', issueId);
        put(doc, 'issue_type', issue.issueType);
        put(doc, 'description', k.description);
        return doc;
      });
      return {
        general:
          artifact.general === null
            ? null
            : {
                name: artifact.general,
                component_id: artifact.general,
                pkg_type: 'Docker',
                path: `docker-local/${artifact.general.replace(':', '/')}/`,
                sha256: 'eaab06c0a28618bfb65481bf31bce7d6dd3a15dac528297690111c202a1cd468',
              },
        issues: artifact.issues === null ? null : issues,
        licenses: [],
      };
    });
    return {
      format: 'xray-summary',
      scanner: 'xray',
      doc: { artifacts: docArtifacts, errors: [] },
      findings,
      violations: 0,
      failingViolations: 0,
    };
  });

// ---------------------------------------------------------------------------------------------------------
// jf --format=json (an array of scan responses, or one graph-scan response).

const cliVulnKnobs = fc.record({
  sighting: sightingKnobs,
  comps: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
  impactPaths: fc.constantFrom<'none' | 'null' | 'some'>('none', 'null', 'some'),
  extended: fc.boolean(),
});
const cliViolationKnobs = fc.record({
  sighting: sightingKnobs,
  comps: fc.uniqueArray(fc.nat(), { maxLength: 2 }),
  failBuild: fc.option(fc.boolean(), { nil: undefined }),
});

export const xrayCliJsonDoc: fc.Arbitrary<Generated> = fc
  .tuple(
    xrayPools,
    fc.array(
      fc.record({
        typeWord: fc.nat(),
        vulnerabilities: fc.array(cliVulnKnobs, { maxLength: 4 }),
        violations: fc.option(fc.array(cliViolationKnobs, { maxLength: 2 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    fc.boolean(),
  )
  .map(([pools, responses, single]) => {
    const findings: ExpectedFinding[] = [];
    let violations = 0;
    let failingViolations = 0;
    const chosen = single ? responses.slice(0, 1) : responses;
    const docs = chosen.map((response, r) => {
      const vulnerabilities = response.vulnerabilities.map((vk) => {
        const k = vk.sighting;
        const v = pick(pools.vulns, k.vuln);
        const { issueId, own } = xrayIssueId(v, k.cves);
        // Component ids are an object's keys: distinct by construction.
        const comps = [
          ...new Map(vk.comps.map((i) => pick(pools.comps, i)).map((c) => [xrayId(c), c])).values(),
        ];
        const components: Record<string, unknown> = {};
        // A vulnerability naming no component is on the scanned target itself.
        if (!comps.length)
          findings.push({
            ...expectIds(v.cves, [], own),
            ecosystem: 'npm',
            packageName: 'web-app',
            version: '3.0.0',
            severity: xraySeverity(k.severity),
            suppressed: false,
          });
        for (const c of comps) {
          findings.push(expectedXray(v, own, c, k.severity));
          const entry: Record<string, unknown> = {};
          put(entry, 'fixed_versions', k.fixed ?? undefined);
          if (vk.impactPaths === 'null') entry.impact_paths = null;
          if (vk.impactPaths === 'some')
            entry.impact_paths = [
              [
                { component_id: 'npm://web-app:3.0.0' },
                { component_id: xrayId(c), full_path: `node_modules/${c.name}` },
              ],
            ];
          components[xrayId(c)] = entry;
        }
        const doc: Record<string, unknown> = {
          cves: v.cves.length ? xrayCves(v, k.cves, 'strings') : pick([null, []], k.typeWord),
          summary: k.summary,
          severity: k.severity,
          components,
          references: k.references,
        };
        put(doc, 'issue_id', issueId);
        if (vk.extended)
          doc.extended_information = {
            short_description: k.summary,
            full_description: k.description ?? null,
          };
        return doc;
      });
      const docViolations = (response.violations ?? []).map((vk) => {
        const k = vk.sighting;
        const v = pick(pools.vulns, k.vuln);
        const comps = [...new Set(vk.comps.map((i) => xrayId(pick(pools.comps, i))))];
        violations += Math.max(1, comps.length);
        if (vk.failBuild === true) failingViolations += Math.max(1, comps.length);
        const doc: Record<string, unknown> = {
          summary: k.summary,
          severity: k.severity,
          type: 'security',
          components: Object.fromEntries(comps.map((id) => [id, { fixed_versions: k.fixed ?? [] }])),
          watch_name: 'security-watch',
          issue_id: v.own,
          cves: xrayCves(v, k.cves, 'strings'),
          policies: [{ policy: 'npm-security', rule: 'any' }],
        };
        put(doc, 'fail_build', vk.failBuild);
        return doc;
      });
      const doc: Record<string, unknown> = {
        scan_id: `2c4c3ae7-d57d-4bf0-5afa-f191b309a2e${r}`,
        component_id: 'npm://web-app:3.0.0',
        package_type: pick(['npm', 'Maven', 'pypi'], response.typeWord),
        status: 'completed',
        vulnerabilities,
      };
      put(doc, 'violations', response.violations === undefined ? undefined : docViolations);
      doc.licenses = [];
      return doc;
    });
    return {
      format: 'xray-cli-json',
      scanner: 'xray',
      doc: single ? docs[0] : docs,
      findings,
      violations,
      failingViolations,
    };
  });

// ---------------------------------------------------------------------------------------------------------
// jf --format=simple-json.

const simpleRowKnobs = fc.record({
  sighting: sightingKnobs,
  manifest: fc.constantFrom<string | null>('package.json', 'pom.xml', 'go.mod', 'sub/要件.txt', null),
  impactPaths: fc.boolean(),
  research: fc.constantFrom<'none' | 'null' | 'some'>('none', 'null', 'some'),
  // Violation rows only: jf leaves `fail_build` out when false (`omitempty`).
  failBuild: fc.option(fc.boolean(), { nil: undefined }),
});

type SimpleRowKnobs = typeof simpleRowKnobs extends fc.Arbitrary<infer T> ? T : never;

/** The three kinds of violation rows jf writes, each under its own key, with the watch and policy it names. */
const SIMPLE_VIOLATIONS = {
  security: { watch: 'security-watch', policy: 'npm-security' },
  license: { watch: 'license-watch', policy: 'npm-license' },
  operational_risk: { watch: 'operational-risk-watch', policy: 'npm-operational-risk' },
} as const;
type SimpleViolation = keyof typeof SIMPLE_VIOLATIONS;

export const xraySimpleJsonDoc: fc.Arbitrary<Generated> = fc
  .tuple(
    xrayPools,
    fc.array(simpleRowKnobs, { maxLength: 8 }),
    fc.array(simpleRowKnobs, { maxLength: 3 }),
    fc.array(simpleRowKnobs, { maxLength: 3 }),
    fc.array(simpleRowKnobs, { maxLength: 3 }),
    fc.record({
      vulnerabilitiesNull: fc.boolean(),
      securityNull: fc.boolean(),
      licencesNull: fc.boolean(),
      risksNull: fc.boolean(),
      status: fc.boolean(),
    }),
  )
  .map(([pools, vulnRows, securityRows, licenceRows, riskRows, shape]) => {
    const findings: ExpectedFinding[] = [];
    let failingViolations = 0;
    const componentsOf = (rk: SimpleRowKnobs, c: Comp) =>
      rk.manifest === null
        ? null
        : [{ name: xrayName(c), version: c.version, location: { file: rk.manifest } }];
    const impactPathsOf = (rk: SimpleRowKnobs, c: Comp) =>
      rk.impactPaths
        ? [
            [
              { name: 'froghome', version: '1.0.0' },
              { name: xrayName(c), version: c.version },
            ],
          ]
        : null;
    /** The violation context jf adds to a row (watch, policies, fail_build), and its count when failing. */
    const violationContext = (row: Record<string, unknown>, rk: SimpleRowKnobs, kind: SimpleViolation) => {
      row.watch = SIMPLE_VIOLATIONS[kind].watch;
      row.policies = [SIMPLE_VIOLATIONS[kind].policy];
      put(row, 'fail_build', rk.failBuild);
      if (rk.failBuild === true) failingViolations += 1;
    };
    /** A vulnerability row, or a security violation row (the same fields and the violation context). */
    const render = (rk: SimpleRowKnobs, violation: 'security' | undefined) => {
      const k = rk.sighting;
      const v = pick(pools.vulns, k.vuln);
      const c = pick(pools.comps, k.comp);
      const { issueId, own } = xrayIssueId(v, k.cves);
      const row: Record<string, unknown> = {
        severity: k.severity,
        impactedPackageName: xrayName(c),
        impactedPackageVersion: c.version,
        impactedPackageType: pick(XRAY_TYPE_WORDS[c.eco], k.typeWord),
        components: componentsOf(rk, c),
        summary: k.summary,
        fixedVersions: k.fixed,
        cves: v.cves.length || k.cves.scoreOnly ? xrayCves(v, k.cves, 'simple') : null,
        references: k.references,
        impactPaths: impactPathsOf(rk, c),
      };
      put(row, 'issueId', issueId);
      if (rk.research === 'null') row.jfrogResearchInformation = null;
      if (rk.research === 'some')
        row.jfrogResearchInformation = { severity: k.severity, summary: k.summary, details: k.description };
      if (violation) violationContext(row, rk, violation);
      else findings.push(expectedXray(v, own, c, k.severity));
      return row;
    };
    /** The dependency's fields every row starts with (jf's `ImpactedDependencyDetails`). */
    const dependency = (rk: SimpleRowKnobs) => {
      const k = rk.sighting;
      const c = pick(pools.comps, k.comp);
      return {
        c,
        row: {
          severity: k.severity,
          impactedPackageName: xrayName(c),
          impactedPackageVersion: c.version,
          impactedPackageType: pick(XRAY_TYPE_WORDS[c.eco], k.typeWord),
          components: componentsOf(rk, c),
        } as Record<string, unknown>,
      };
    };
    /** A licence violation row: the dependency, its licence and impact paths, the violation context. */
    const renderLicence = (rk: SimpleRowKnobs) => {
      const { c, row } = dependency(rk);
      const licence = pick(['GPL-3.0', 'AGPL-3.0', 'MIT', 'Unknown'], rk.sighting.typeWord);
      row.licenseKey = licence;
      row.licenseName = `${licence} full name`;
      row.impactPaths = impactPathsOf(rk, c);
      violationContext(row, rk, 'license');
      return row;
    };
    /** An operational-risk violation row: the dependency, the violation context and the risk's texts. */
    const renderRisk = (rk: SimpleRowKnobs) => {
      const { row } = dependency(rk);
      violationContext(row, rk, 'operational_risk');
      const w = rk.sighting.typeWord;
      Object.assign(row, {
        riskReason: pick(['High', 'Medium', 'Low', 'Unknown'], w),
        isEndOfLife: pick(['true', 'false', ''], w),
        endOfLifeMessage: pick(['', 'End of life since 2023'], w),
        cadence: pick(['0.5', '', '12'], w),
        commits: pick(['120', '', '3'], w),
        committers: pick(['4', '', '1'], w),
        newerVersions: pick(['3', '', '0'], w),
        latestVersion: pick(['2.0.0', ''], w),
      });
      return row;
    };
    const vulnerabilities = vulnRows.map((r) => render(r, undefined));
    const security = securityRows.map((r) => render(r, 'security'));
    const licences = licenceRows.map(renderLicence);
    const risks = riskRows.map(renderRisk);
    const doc: Record<string, unknown> = {
      vulnerabilities: vulnerabilities.length === 0 && shape.vulnerabilitiesNull ? null : vulnerabilities,
      securityViolations: security.length === 0 && shape.securityNull ? null : security,
      licensesViolations: licences.length === 0 && shape.licencesNull ? null : licences,
      licenses: null,
      operationalRiskViolations: risks.length === 0 && shape.risksNull ? null : risks,
      secrets: null,
      iac: null,
      sast: null,
      errors: null,
    };
    if (shape.status) doc.scansStatus = { scaScanStatusCode: 0, sastScanStatusCode: 0, iacScanStatusCode: 0 };
    doc.multiScanId = '7d5e4733-3f93-11ef-8147-e610d09d7daa';
    return {
      format: 'xray-simple-json',
      scanner: 'xray',
      doc,
      findings,
      violations: security.length + licences.length + risks.length,
      failingViolations,
    };
  });

/** Every format's generator, by name (the violations report is a second shape of `xray-report`). */
export const GENERATORS: { name: string; arb: fc.Arbitrary<Generated> }[] = [
  { name: 'dtrack-fpf', arb: dtrackFpfDoc },
  { name: 'dtrack-findings', arb: dtrackFindingsDoc },
  { name: 'xray-report', arb: xrayReportDoc },
  { name: 'xray-report (violations)', arb: xrayViolationsReportDoc },
  { name: 'xray-scans-export', arb: xrayScansExportDoc },
  { name: 'xray-summary', arb: xraySummaryDoc },
  { name: 'xray-cli-json', arb: xrayCliJsonDoc },
  { name: 'xray-simple-json', arb: xraySimpleJsonDoc },
];

export const anyGenerated: fc.Arbitrary<Generated> = fc.oneof(...GENERATORS.map((g) => g.arb));

// ---------------------------------------------------------------------------------------------------------
// Mutations and arbitrary JSON.

type JsonPath = (string | number)[];

/** Every node's path, the root's (`[]`) first. */
export function jsonPaths(value: unknown, at: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [at];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...jsonPaths(item, [...at, i])));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) out.push(...jsonPaths(item, [...at, key]));
  return out;
}

/** Values that scanners never write where they are put, each a likely crack: ranges, types, shapes. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1, 11, 7.5, -0.5, 1e16, -1e16, 1e300, 2 ** 53, []),
  fc.constant({}),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(
    '',
    ' ',
    '7.5',
    '1e400',
    'NaN',
    '-1',
    '11',
    'CVE-2021-44228',
    'cve-1999-0001',
    'CVE-2021-00001',
    'GHSA-jfh8-c2jp-5v3q',
    'XRAY-1',
    'pkg:npm/%40a/b@1',
    'pkg:',
    'pkg:npm/',
    'npm://',
    'deb://debian:bookworm',
    'gav://a',
    '://',
    ':',
    'https://exa mple.org/x y',
    'http://例え.jp/パス',
    '2024-01-31 15:19:43.851',
    '9.8/CVSS:3.1/AV:N',
    'CVSS:3.1/AV:N/AC:L',
    '≥ 2:1.6.4-3+deb9u1',
    '[1.2.3]',
    '\u0000',
    '\ud800',
    'FALSE_POSITIVE',
    'security',
    'license',
    'Critical',
    '__proto__',
    'a'.repeat(20_000),
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.jsonValue({ maxDepth: 2 }),
);

export interface Mutation {
  at: number;
  kind: 'delete' | 'replace' | 'truncate' | 'duplicate' | 'wrap' | 'rename' | 'sameKind';
  value: unknown;
  keep: number;
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>(
    'delete',
    'replace',
    'replace',
    'truncate',
    'duplicate',
    'wrap',
    'rename',
  ),
  value: nastyValue,
  keep: fc.nat(),
});

/** Texts and numbers a scanner could well write where it writes a text or a number (`sameKind`). */
const SAME_KIND_TEXTS = [
  '',
  ' ',
  'CVE-2021-44228',
  'cve-1999-0001',
  'GHSA-jfh8-c2jp-5v3q',
  'XRAY-1',
  'pkg:npm/%40a/b@1',
  'npm://',
  'security',
  'FALSE_POSITIVE',
  '日本語',
  '\u0000',
  '\ud800',
  'a'.repeat(300),
];
const SAME_KIND_NUMBERS = [0, -1, 1, 7.5, 11, 1e16, 2 ** 53, -0.5];

/**
 * Mutations of the kind real exports differ by, which a reader mostly takes in its stride: a key or an
 * element left out, an element repeated, an array cut short, a value null, a text or number replaced by
 * another text or number. Most documents so mutated still convert, so the count invariants get to run.
 */
export const gentleMutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>(
    'delete',
    'duplicate',
    'truncate',
    'replace',
    'sameKind',
    'sameKind',
  ),
  value: fc.constant(null),
  keep: fc.nat(),
});

/**
 * Mutations for the robustness properties: gentle ones twice as often as the nasty ones (a third of the
 * documents), so most documents convert and their findings are counted against the input; the nasty third
 * still finds the cracks.
 */
export const mutationsArb: fc.Arbitrary<Mutation[]> = fc.oneof(
  { weight: 2, arbitrary: fc.array(gentleMutationArb, { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 4 }) },
);

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Applies one mutation to a copy of `doc`, at the node `m.at` picks among its paths. */
export function mutate(doc: unknown, m: Mutation): unknown {
  const root = { value: clone(doc) as unknown };
  const paths = jsonPaths(root.value);
  const path = pick(paths, m.at);
  let parent: Record<string | number, unknown> = root as Record<string, unknown>;
  let key: string | number = 'value';
  for (const step of path) {
    parent = parent[key] as Record<string | number, unknown>;
    key = step;
  }
  const node = parent[key];
  const replace = (value: unknown) => {
    parent[key] = value;
  };
  switch (m.kind) {
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else if (parent === root) replace(null);
      else delete parent[key];
      break;
    case 'truncate':
      if (Array.isArray(node)) replace(node.slice(0, m.keep % (node.length + 1)));
      else if (typeof node === 'string') replace(node.slice(0, m.keep % (node.length + 1)));
      else replace(m.value);
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.splice(key as number, 0, clone(node));
      else if (Array.isArray(node) && node.length) replace([...node, clone(node[m.keep % node.length])]);
      else replace(m.value);
      break;
    case 'wrap':
      replace([node]);
      break;
    case 'sameKind':
      if (typeof node === 'string') replace(pick(SAME_KIND_TEXTS, m.keep));
      else if (typeof node === 'number') replace(pick(SAME_KIND_NUMBERS, m.keep));
      else if (typeof node === 'boolean') replace(!node);
      else if (Array.isArray(node)) replace(node.slice(0, m.keep % (node.length + 1)));
      break;
    case 'rename':
      if (parent !== root && !Array.isArray(parent) && typeof key === 'string') {
        delete parent[key];
        parent[`${key}_${m.keep % 3 ? 'x' : key.toUpperCase()}`] = node;
      } else replace(m.value);
      break;
    default:
      replace(m.value);
  }
  return root.value;
}

/** A valid document of some format, mutated (`mutationsArb`). */
export const mutatedDoc: fc.Arbitrary<{ source: Generated; doc: unknown }> = fc
  .tuple(anyGenerated, mutationsArb)
  .map(([source, mutations]) => ({
    source,
    doc: mutations.reduce((doc, m) => mutate(doc, m), source.doc),
  }));

export function mutatedDocOf(arb: fc.Arbitrary<Generated>): fc.Arbitrary<unknown> {
  return fc
    .tuple(arb, mutationsArb)
    .map(([source, mutations]) => mutations.reduce((doc, m) => mutate(doc, m), source.doc));
}

/** File names people give exports: any letters, spaces, browsers' ` (1)` copies; no folder, not hidden. */
export const exportName: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
    fc.constantFrom('.json', ' 1.json', ' (1).json'),
  )
  .map(([stem, extension]) => `${stem}${extension}`)
  .filter(
    (name) => !/[/\\\0]/.test(name) && name.trim() === name && !name.startsWith('.') && !name.startsWith('-'),
  );

/** The smallest export with one finding. */
export const ONE_FINDING = {
  total_rows: 1,
  rows: [{ issue_id: 'XRAY-1', severity: 'High', vulnerable_component: 'npm://lodash:4.17.20' }],
};

/** Arbitrary JSON: fast-check's JSON values, and `anything` kept to what survives JSON. */
export const arbitraryJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc
    .anything({ maxDepth: 3, withBoxedValues: false, withNullPrototype: false, withObjectString: true })
    .filter((value) => JSON.stringify(value) !== undefined)
    .map((value) => JSON.parse(JSON.stringify(value)) as unknown),
  // Objects with the keys detection looks at, and arbitrary values under them.
  fc.dictionary(
    fc.constantFrom(
      'findings',
      'meta',
      'project',
      'total_rows',
      'rows',
      'total_count',
      'data',
      'artifacts',
      'scan_id',
      'component_id',
      'vulnerabilities',
      'violations',
      'licenses',
      'securityViolations',
      'scansStatus',
      'licensesViolations',
      'runs',
      'version',
    ),
    fc.jsonValue({ maxDepth: 3 }),
  ),
  fc.array(
    fc.dictionary(
      fc.constantFrom('component', 'vulnerability', 'analysis', 'scan_id', 'vulnerabilities'),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    { minLength: 1, maxLength: 3 },
  ),
);

// ---------------------------------------------------------------------------------------------------------
// Invariants every successful read must keep, whatever the input.

/** A finding as the properties compare it. */
export function summarise(f: Finding): ExpectedFinding {
  return {
    id: f.id,
    ids: [...f.ids].sort(),
    ecosystem: f.component.ecosystem,
    packageName: f.component.packageName,
    version: f.component.version,
    severity: f.severity,
    suppressed: f.suppressed,
  };
}

export function identityOfFinding(f: Finding): string {
  return identityOf({
    id: f.id,
    ecosystem: f.component.ecosystem,
    packageName: f.component.packageName,
    // As collapse tells them apart: a component known by no version by its purl, whatever that holds (a
    // mutated `"purl": "npm://"` beside a row with none is two components).
    version: f.component.version ?? f.component.purl,
  });
}

/** Where every finding is placed in these tests: one file, as when nothing in the repository declares them. */
export const SAME_LOCATION: Location = { uri: 'exports/export.json', startLine: 1, rule: 'fallback' };

const SCANNERS: readonly string[] = ['dependency-track', 'xray'];
const VIOLATION_STATES: readonly string[] = ['INFO', 'WARN', 'FAIL'];

/** Per finding: a canonical id first, no blank or repeated id, one of the six severities. */
export function expectWellFormed(result: SourceResult, scanner: ScannerName): void {
  expect(result.scanner).toBe(scanner);
  expect(SCANNERS).toContain(result.scanner);
  for (const f of result.findings) {
    expect(f.scanner).toBe(scanner);
    expect(typeof f.id).toBe('string');
    expect(f.id.trim()).not.toBe('');
    expect(f.id).toBe(f.id.trim());
    expect(f.ids[0]).toBe(f.id);
    expect(new Set(f.ids).size).toBe(f.ids.length);
    for (const id of f.ids) {
      expect(id.trim() === id && id !== '', `id ${JSON.stringify(id)}`).toBe(true);
      // One spelling per id, whatever the source wrote: CVE upper case, GHSA as `GHSA-` + lower case.
      if (looksLikeCve(id)) expect(id).toBe(id.toUpperCase());
      if (looksLikeGhsa(id)) expect(id).toBe(`GHSA${id.slice(4).toLowerCase()}`);
    }
    expect(isCanonicalOf(f.id, f.ids), `${f.id} is the canonical id of ${f.ids.join(', ')}`).toBe(true);
    expect(SEVERITIES).toContain(f.severity);
    expect(typeof f.component.packageName).toBe('string');
    expect(typeof f.suppressed).toBe('boolean');
  }
  for (const v of result.violations) {
    expect(v.scanner).toBe(scanner);
    expect(VIOLATION_STATES).toContain(v.state);
  }
}

/**
 * Collapse at one location: exactly one finding per distinct identity of the input, counted here on the
 * input's own fields — none lost, none invented.
 */
export function expectCollapseKeepsEveryIdentity(findings: readonly Finding[]): Finding[] {
  const collapsed = collapseDuplicates(findings.map((f) => ({ ...f, location: { ...SAME_LOCATION } })));
  const identities = new Set(findings.map(identityOfFinding));
  expect(collapsed).toHaveLength(identities.size);
  expect(new Set(collapsed.map(identityOfFinding))).toEqual(identities);
  return collapsed;
}

/**
 * SARIF of the collapsed findings (each on a line of its own, as the pipeline separates them): accepted by
 * GitHub's rules, valid against the OASIS schema when ../shared is there, one result per finding.
 */
export function expectValidSarif(collapsed: readonly Finding[], scanner: ScannerName): Log {
  const placed = collapsed.map((f, i) => ({ ...f, location: { ...SAME_LOCATION, startLine: i + 1 } }));
  const run = sarifRun({
    scanner,
    findings: placed,
    category: `sca-bridge/${scanner}/property/`,
    properties: { scanner, project: 'プロジェクト' },
    lineHashes: () => undefined,
  });
  // As written to disk: what JSON keeps.
  const log = sarifLog([run]);
  expect(githubSarifProblems(log)).toEqual([]);
  expectSchemaValid('sarif-schema-2.1.0.json', log);
  const results = log.runs[0]?.results ?? [];
  expect(results).toHaveLength(collapsed.length);
  expect(results.map((r) => r.ruleId)).toEqual(placed.map((f) => f.id));
  expect((log.runs[0]?.tool.driver.rules ?? []).map((r) => r.id).sort()).toEqual(
    [...new Set(placed.map((f) => f.id))].sort(),
  );
  return log;
}

/** Runs `fn`; a throw must be a UserError (exit 2) whose message starts with the file's name. */
export function readOrUserError<T>(fn: () => T, file: string): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    expect(error.exitCode).toBe(2);
    expect(error.message.startsWith(`${file}: `), error.message).toBe(true);
    expect(error.message.length).toBeGreaterThan(file.length + 10);
    return undefined;
  }
}

/** Everything a successful read of an arbitrary document must satisfy. */
export function expectSoundResult(result: SourceResult, scanner: ScannerName): void {
  expectWellFormed(result, scanner);
  const collapsed = expectCollapseKeepsEveryIdentity(result.findings);
  expectValidSarif(collapsed, scanner);
}

// ---------------------------------------------------------------------------------------------------------
// Count invariants against the input. The counts come from the document itself, walked here along each
// format's documented bulk (README "Supported formats"), not from anything src returns: a reader that drops
// a row it cannot read, instead of refusing the file, fails them.

/** What a successful read of a document must return, counted on the document. */
export interface InputCount {
  /** Findings before collapse: one per row, or per issue × component where a row names several. */
  findings: number;
  /** Policy violations: one per violation row (`jf --format=json`: per component it names, at least one). */
  violations: number;
  /**
   * For the formats that map row i to finding i: the id row i names (a text that is not blank), which
   * finding i must carry among its ids (CVE and GHSA ids only change case).
   */
  rowIds?: (string | undefined)[];
  /** Why the document cannot be read whole, so that a read must refuse it (UserError) rather than succeed. */
  mustRefuse?: string;
}

const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const recordOf = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const textAt = (value: unknown, key: string): string | undefined => {
  const text = recordOf(value)[key];
  return typeof text === 'string' && text.trim() ? text.trim() : undefined;
};
const keyCount = (value: unknown): number => Object.keys(recordOf(value)).length;

/** A text a reader takes as one (numbers too, as Xray's readers do), not blank. */
const namesText = (value: unknown): boolean =>
  typeof value === 'number' || (typeof value === 'string' && value.trim() !== '');

/**
 * Whether a Scans List export entry names a vulnerability: an id (its own, or a CVE's: `cve`, else `id` when `cve`
 * is absent, null or ""), a summary, or a description (`more_details`' or the high-profile short or full one).
 */
function scansExportNamesVulnerability(item: Record<string, unknown>): boolean {
  const details = recordOf(recordOf(item.component_versions).more_details);
  const profile = recordOf(item.high_profile_info);
  const cveIds = arrayOf(details.cves).map((cve) => {
    const { cve: id, id: other } = recordOf(cve);
    return id === undefined || id === null || id === '' ? other : id;
  });
  const texts = [item.id, ...cveIds, item.summary, details.description];
  return [...texts, profile.ShortDescription, profile.FullDescription].some(namesText);
}

/**
 * Counts, on the document as a file holds it, what a successful read as `format` must return. Missing or
 * null arrays count as empty (the readers accept them so); any other shape cannot have been read.
 */
export function countInput(format: ImportFormatName, doc: unknown): InputCount {
  const top = recordOf(doc);
  switch (format) {
    case 'dtrack-findings':
    case 'dtrack-fpf': {
      // Every finding row, suppressed or not, is one finding (suppressed ones are counted apart later).
      const rows = arrayOf(format === 'dtrack-findings' ? doc : top.findings);
      return {
        findings: rows.length,
        violations: 0,
        rowIds: rows.map((row) => textAt(recordOf(row).vulnerability, 'vulnId')),
      };
    }
    case 'xray-report': {
      // A violations report when any row names a watch or policy (a value but null, "" or []), else
      // vulnerabilities: one with empty ones is read for its findings.
      const rows = arrayOf(top.rows);
      const filled = (value: unknown) =>
        value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && !value.length);
      const violations = rows.some((row) =>
        ['watch_name', 'policy_names', 'violation_details'].some((key) => filled(recordOf(row)[key])),
      );
      // `total_rows` is the whole report's: a file holding another number of rows is one page of it (or cut
      // short, or with rows repeated), which no read may pass off as the whole report.
      const mustRefuse =
        rows.length === top.total_rows
          ? {}
          : { mustRefuse: `rows.length is ${rows.length}, total_rows ${JSON.stringify(top.total_rows)}` };
      return violations
        ? { findings: 0, violations: rows.length, ...mustRefuse }
        : {
            findings: rows.length,
            violations: 0,
            rowIds: rows.map((row) => textAt(row, 'issue_id')),
            ...mustRefuse,
          };
    }
    case 'xray-scans-export': {
      // `total_count` counts issues: the entries of one id (a text, or a number read as one) are one issue, an
      // entry without one an issue alone. Fewer issues than that is an export cut short.
      const items = arrayOf(top.data);
      const ids = items.map((item) => {
        const id = recordOf(item).id;
        return typeof id === 'number' ? String(id) : textAt(item, 'id');
      });
      const issues = new Set(ids.filter((id) => id !== undefined)).size + ids.filter((id) => !id).length;
      const total = top.total_count;
      // An entry naming no vulnerability (a licence export's) would be a finding made up.
      const unnamed = items.findIndex((item) => !scansExportNamesVulnerability(recordOf(item)));
      const mustRefuse =
        unnamed >= 0
          ? { mustRefuse: `data.${unnamed} names no vulnerability` }
          : typeof total === 'number' && issues < total
            ? { mustRefuse: `${issues} issues in data, total_count ${total}` }
            : {};
      return { findings: items.length, violations: 0, rowIds: ids, ...mustRefuse };
    }
    case 'xray-simple-json': {
      const rows = arrayOf(top.vulnerabilities);
      return {
        findings: rows.length,
        violations:
          arrayOf(top.securityViolations).length +
          arrayOf(top.licensesViolations).length +
          arrayOf(top.operationalRiskViolations).length,
        rowIds: rows.map((row) => textAt(row, 'issueId')),
      };
    }
    case 'xray-cli-json': {
      // One finding per vulnerability and component id (the keys of `components`).
      const responses = Array.isArray(doc) ? doc : [doc];
      let findings = 0;
      let violations = 0;
      for (const response of responses) {
        // One finding per vulnerability and component id; one naming none is on the scanned target.
        for (const v of arrayOf(recordOf(response).vulnerabilities))
          findings += keyCount(recordOf(v).components) || 1;
        for (const v of arrayOf(recordOf(response).violations))
          violations += Math.max(1, keyCount(recordOf(v).components));
      }
      return { findings, violations };
    }
    case 'xray-summary': {
      // Every issue but licence and operational-risk ones (issue_type in any case and spelling): one finding
      // per component, else per impact path, else one on the artifact itself.
      let findings = 0;
      for (const artifact of arrayOf(top.artifacts)) {
        for (const issue of arrayOf(recordOf(artifact).issues)) {
          const type = recordOf(issue).issue_type;
          const letters = typeof type === 'string' ? type.toLowerCase().replace(/[^a-z]/g, '') : '';
          if (['license', 'licence', 'operationalrisk'].includes(letters)) continue;
          const components = arrayOf(recordOf(issue).components).length;
          const paths = arrayOf(recordOf(issue).impact_path).length;
          findings += components || paths || 1;
        }
      }
      return { findings, violations: 0 };
    }
  }
}

/**
 * A successful read lost nothing and invented nothing: as many findings and violations as the document's
 * rows say, and each row's id on its finding. Counted before collapse: rows repeating a vulnerability on a
 * component collapse into one finding, so fewer distinct findings than rows is no loss (and
 * `expectCollapseKeepsEveryIdentity` checks that collapse keeps every identity of the findings read).
 */
export function expectCountsMatchInput(format: ImportFormatName, doc: unknown, result: SourceResult): void {
  const input = countInput(format, doc);
  expect(input.mustRefuse, `${format}: read, though the read must refuse it`).toBeUndefined();
  expect(result.findings.length, `${format}: findings against the rows of the input`).toBe(input.findings);
  expect(result.violations.length, `${format}: violations against the rows of the input`).toBe(
    input.violations,
  );
  input.rowIds?.forEach((id, i) => {
    if (id === undefined) return;
    const ids = result.findings[i]?.ids ?? [];
    expect(
      ids.some((other) => other.toLowerCase() === id.toLowerCase()),
      `finding ${i} carries the id its row names (${JSON.stringify(id)}); it has ${JSON.stringify(ids)}`,
    ).toBe(true);
  });
}
