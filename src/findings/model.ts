import type { Severity } from './severity.js';

export type ScannerName = 'dependency-track' | 'xray';

export interface CvssScore {
  score?: number;
  vector?: string;
}

export interface Cvss {
  v4?: CvssScore;
  v3?: CvssScore;
  v2?: CvssScore;
}

export interface Component {
  /** Name as its ecosystem writes it: Maven `group:artifact`, npm `@scope/name`, Composer `vendor/name`. */
  packageName: string;
  /** The bare name, without group or namespace. */
  name: string;
  group?: string;
  version?: string;
  purl?: string;
  /** purl type where known (`npm`, `maven`, `pypi`, `golang`, `deb`, …). */
  ecosystem?: string;
}

/** Where a finding was placed in the repository, and by which rule (SPEC §7). */
export interface Location {
  /** Path relative to the working directory, with forward slashes. */
  uri: string;
  /** The line results point at: on GitHub, not always the declaring line (`declaredLine`). */
  startLine: number;
  /**
   * The line that declares the package, when `separateSharedLines` moved `startLine` off it. The move is for
   * GitHub code scanning, which merges results of one rule on one line into one alert; what people read
   * (annotations, the job summary, GitLab's code quality, which tells issues apart by fingerprint) points
   * here: `declaringLine`.
   */
  declaredLine?: number;
  /** `manifest`, `lockfile`, `sbom`, `root-manifest` or `fallback`. */
  rule: LocationRule;
  /**
   * The line declares the finding's own package at a version that may be its own (of two findings at the line,
   * it keeps the line).
   */
  sameVersion?: true;
}

/** The line that declares a finding's package, wherever code scanning's result had to move. */
export function declaringLine(location: Location): number {
  return location.declaredLine ?? location.startLine;
}

export type LocationRule = 'manifest' | 'lockfile' | 'sbom' | 'root-manifest' | 'fallback';

/** One (vulnerability, component) pair, whatever the source (SPEC §6). */
export interface Finding {
  scanner: ScannerName;
  /** Canonical id: lowest CVE, else GHSA, else the scanner's own id. */
  id: string;
  /** Every id the vulnerability is known by, the canonical one included. */
  ids: string[];
  title: string;
  description: string;
  severity: Severity;
  /** The scanner's severity word when sca-bridge does not know it; `severity` is then its CVSS score's rating. */
  severityWord?: string;
  cvss: Cvss;
  epss?: { score: number; percentile?: number };
  /** `CWE-79` form. */
  cwes: string[];
  component: Component;
  /** Artifact and manifest paths the source names, used by the path patterns (but see `patternPaths`). */
  componentPaths: string[];
  /**
   * The paths the path patterns match, when not all of `componentPaths`: Xray's `component_physical_path` (where
   * a component sits inside an artifact, such as an image's `usr/lib/node_modules/x`) is not the path in the
   * repository that Xray's own patterns match, and matching it here would drop findings Xray kept.
   */
  patternPaths?: string[];
  /** Chains of component ids from the artifact or the direct dependency down to the component. */
  impactPaths: string[][];
  /**
   * The direct dependencies the scanner names as pulling the component in when it gives no impact path (jf
   * simple-json's `components[]`), as `name@version`: where the locator places a component no manifest declares.
   */
  directDependencies?: string[];
  fixedVersions: string[];
  references: string[];
  published?: string;
  analysis?: { state?: string; justification?: string; detail?: string };
  suppressed: boolean;
  /** Link to the finding in the scanner's UI. */
  url?: string;
  /**
   * JFrog's contextual analysis, whether the code uses what is vulnerable: `applicable`, `not applicable`,
   * `undetermined`, `not covered`, `not scanned` (Xray's words, in lower case).
   */
  applicability?: string;
}

/** A finding the locator has placed: what the pipeline after it and every output read. */
export interface LocatedFinding extends Finding {
  location: Location;
}

/** A policy violation kept beside findings: it counts for `fail-on-policy-violation`. */
export interface PolicyViolation {
  scanner: ScannerName;
  /** DT: `LICENSE|SECURITY|OPERATIONAL`; Xray: `security|license|operational_risk`. */
  type: string;
  policy: string;
  /** Xray watch name. */
  watch?: string;
  /** DT `INFO|WARN|FAIL`; Xray violations are `FAIL` when they fail the build. */
  state: 'INFO' | 'WARN' | 'FAIL';
  severity?: Severity;
  component: string;
  /** Vulnerability or licence the violation is about, when known. */
  subject?: string;
  suppressed: boolean;
}

/** What a source hands to the rest of the pipeline. */
export interface SourceResult {
  scanner: ScannerName;
  findings: Finding[];
  violations: PolicyViolation[];
  /** Project name / repo key and other context the source knows. */
  context: SourceContext;
  /** What the source holds and sca-bridge does not report, each said once as a warning. */
  notes?: string[];
}

export interface SourceContext {
  /** The project's name. */
  project?: string;
  /** Dependency-Track's UUID of the project, which tells projects apart when no name is given. */
  projectUuid?: string;
  projectVersion?: string;
  repoKey?: string;
  scannerVersion?: string;
  reportUrl?: string;
  /** The file it was read from (imports). */
  file?: string;
}
