import path from 'node:path';
import { cancelOnSignals } from './cancel.js';
import { relativeUri } from './paths.js';
import type { CiContext } from './ci.js';
import { type Config, importFilesOf, type RawInputs, type ReportPaths, reportPaths, text } from './config.js';
import { describeError, ExitCode, exitCodeOf, UserError } from './errors.js';
import { collapseDuplicates, findingKey } from './findings/collapse.js';
import type {
  LocatedFinding,
  PolicyViolation,
  ScannerName,
  SourceContext,
  SourceResult,
} from './findings/model.js';
import { bySeverity, severityList, unknownWordsNote } from './findings/severity.js';
import { expandImportFiles, isReplaceable, readImports } from './importers/read.js';
import { checkOutputPaths, removeStale, writeOutput } from './output-files.js';
import { createLocator, type Locator, separateSharedLines } from './locate/index.js';
import { type Logger, redactDeep, Redactor } from './logger.js';
import { applyReportFilters, type Filtered, pathFilter, pathFilterNote } from './policy/filter.js';
import {
  countFindings,
  evaluateGate,
  failingViolations,
  uncountedViolationsNote,
  unmatchedWatchesWarning,
} from './policy/gate.js';
import { GITHUB_LIMITS, type RunTruncation, truncationOf } from './report/github-limits.js';
import { gitlabCodeQualityReport, gitlabDependencyScanningReport, gitlabGroups } from './report/gitlab.js';
import { writeJsonFile } from './report/json-file.js';
import { lineHashes, readHead } from './report/line-hash.js';
import type { RunSummary } from './report/run-summary.js';
import { scannerAdapter } from './scanners/index.js';
import { platformBase, repositoryScansUrl } from './scanners/xray/urls.js';
import { type SarifRunSpec, writeSarifFile } from './report/sarif-file.js';
import { plural } from './wording.js';

export interface ScannerReport {
  scanner: ScannerName;
  /** What every output shows: filtered, located, collapsed, most severe first. */
  findings: LocatedFinding[];
  violations: PolicyViolation[];
  suppressed: number;
  source: SourceResult['context'];
  truncation: RunTruncation;
}

export interface RunOutcome {
  summary: RunSummary;
  exitCode: ExitCode;
  reports: ScannerReport[];
  /** Every report's findings, most severe first across scanners (what a summary lists first). */
  findings: LocatedFinding[];
  /** The violations that count for the gate (`failingViolations`), of every report. */
  violations: PolicyViolation[];
  /** What the run says beside its counts, also for the job summary (findings `min-severity` left out). */
  notes: string[];
}

/** Converts between the locator's paths (relative to the working directory) and the repository root's. */
function pathsBetween(config: Config) {
  // Findings share a few files: each is converted once.
  const convert = (from: string, to: string) => {
    const converted = new Map<string, string>();
    return (uri: string) => {
      let result = converted.get(uri);
      if (result === undefined) {
        result = relativeUri(to, path.join(from, uri));
        converted.set(uri, result);
      }
      return result;
    };
  };
  return {
    toRoot: convert(config.workingDirectory, config.repositoryRoot),
    fromRoot: convert(config.repositoryRoot, config.workingDirectory),
  };
}

/** The model's steps from located findings on: collapse, most severe first, report filters, lines. */
interface ModelSteps {
  /** Places findings (paths relative to the repository root, as SARIF and GitHub want them); path patterns. */
  locate(sources: readonly SourceResult[]): LocatedFinding[];
  /** Repeated sightings as one, most severe first. */
  collapse(located: readonly LocatedFinding[]): LocatedFinding[];
  /** Report filters; then one line per result of a rule among what is reported, when `separate`. */
  report(collapsed: readonly LocatedFinding[], separate: boolean): Filtered;
}

/** `notes`: gets what the run summary's readers must also see (the Action's job summary), once logged. */
function modelSteps(config: Config, locator: Locator, logger: Logger, notes: string[]): ModelSteps {
  const keep = pathFilter(config.includePathPatterns, config.excludePathPatterns);
  const { toRoot, fromRoot } = pathsBetween(config);
  return {
    locate: (sources) => {
      const located = sources.flatMap((s) => {
        const file = s.context.file === undefined ? undefined : path.resolve(config.cwd, s.context.file);
        return s.findings.map((finding) => {
          const location = locator.locate(finding, file);
          return { ...finding, location: { ...location, uri: toRoot(location.uri) } };
        });
      });
      const kept = located.filter(keep);
      const note = pathFilterNote(located, kept, config.includePathPatterns);
      // Left out entirely is most likely a pattern written for another root: a warning, not a quiet pass.
      if (note?.warn) logger.warn(note.text);
      else if (note) logger.info(note.text);
      if (note) notes.push(note.text);
      return kept;
    },
    collapse: (located) => {
      const collapsed = collapseDuplicates(located);
      // Each file's count read is of rows: said, they add up to the counts reported.
      if (collapsed.length < located.length)
        logger.info(
          `${plural(located.length, 'finding')} read merge into ${collapsed.length}: the same vulnerability of the same component version, reported in several places, is one finding.`,
        );
      return collapsed.sort(bySeverity);
    },
    report: (collapsed, separate) => {
      const filtered = applyReportFilters(collapsed, config.minSeverity, config.includeSuppressed);
      // Among what is reported, and after sorting, so of the findings at a line the one it declares (else the most
      // severe) keeps it, and a finding left out never moves one that is reported.
      if (separate)
        separateSharedLines(filtered.reported, {
          lineCount: (uri) => locator.lineCount(fromRoot(uri)),
          declaresOther: (uri, line, component) => locator.declaresOther(fromRoot(uri), line, component),
        });
      return filtered;
    },
  };
}

function defaultCategory(scanner: ScannerName, subject: string | undefined): string {
  return `sca-bridge/${scanner}/${subject ?? 'default'}/`;
}

/**
 * The user's category, or ours; with several runs, each gets its own (SPEC §7): per scanner, and per project
 * when one scanner's imports name several.
 */
function categoryFor(config: Config, part: RunPart, parts: readonly RunPart[]): string {
  const { scanner, subject } = part;
  if (!config.category) return defaultCategory(scanner, subject);
  // GitHub takes the text before the last `/` as the category: `frontend` alone would be an empty category,
  // shared with every other upload that has none, each replacing the other's alerts.
  if (parts.length === 1) return config.category.includes('/') ? config.category : `${config.category}/`;
  const base = `${config.category.replace(/\/+$/, '')}/${scanner}/`;
  return parts.filter((p) => p.scanner === scanner).length > 1 ? `${base}${subject ?? 'default'}/` : base;
}

/**
 * The label a user gives a scanner's runs, by input name: its own (Xray's repository key, Dependency-Track's
 * project UUID), else the project name. One scanner's input never labels the other's run in a mixed import.
 */
function labelOf(config: Config, scanner: ScannerName): { input: string; value: string } | undefined {
  const own =
    scanner === 'xray' ? (['repo-key', config.repoKey] as const) : (['project', config.project] as const);
  const [input, value] = own[1] !== undefined ? own : (['project-name', config.projectName] as const);
  return value === undefined ? undefined : { input, value };
}

function subjectOf(
  config: Config,
  scanner: ScannerName,
  context: SourceResult['context'],
  ci: CiContext,
): string | undefined {
  return (
    labelOf(config, scanner)?.value ??
    context.project ??
    context.projectUuid ??
    ci.repository?.split('/').pop()
  );
}

/**
 * A label given to one scanner's imports of several projects would file them all under one category, with one
 * project's link: refused, as the other inputs that would lose what the user counts on.
 */
function refuseLabelOfSeveral(config: Config, scanner: ScannerName, sources: readonly SourceResult[]): void {
  const label = labelOf(config, scanner);
  if (!label) return;
  // By what tells runs apart without a label (`subjectOf`): what the label would merge.
  const projects = [
    ...new Set(sources.flatMap((s) => s.context.project ?? s.context.projectUuid ?? [])),
  ].sort();
  if (projects.length < 2) return;
  throw new UserError(
    `Input ${label.input}: the ${scanner === 'xray' ? 'Xray' : 'Dependency-Track'} exports name ${projects.length} projects (${projects.join(', ')}), which get a SARIF run and category each; leave ${label.input} out, or import each project on its own with its ${label.input}.`,
  );
}

/** Line hashes of the files findings are placed in, read once each and only as far as the last line used. */
function hashReader(
  root: string,
  findings: readonly LocatedFinding[],
): (uri: string) => ReadonlyMap<number, string> | undefined {
  const lastLine = new Map<string, number>();
  for (const { location } of findings) {
    lastLine.set(location.uri, Math.max(lastLine.get(location.uri) ?? 0, location.startLine));
  }
  const cache = new Map<string, ReadonlyMap<number, string> | undefined>();
  return (uri) => {
    if (!cache.has(uri)) {
      let hashes: ReadonlyMap<number, string> | undefined;
      try {
        const last = lastLine.get(uri) ?? Number.POSITIVE_INFINITY;
        hashes = lineHashes(readHead(path.join(root, uri), last), last);
      } catch {
        hashes = undefined;
      }
      cache.set(uri, hashes);
    }
    return cache.get(uri);
  };
}

/**
 * Masks the run's tokens (the scanner's, GitHub's) in what every report is written from: a server may quote its
 * token back inside a finding, an export may hold one, a label may be given one. Only these: a proxy's password
 * or the webhook's secret may be a word (`critical`), and masking it would change package names, fingerprints
 * and the summary's keys.
 */
function withoutTokens<T>(config: Partial<Config>, value: T): T {
  const tokens = [config.token, config.githubToken].filter((t): t is string => !!t);
  if (!tokens.length) return value;
  const redactor = new Redactor(tokens);
  return redactDeep(value, (text) => redactor.redact(text));
}

/** The findings of the scan, or of the import files (expanded by `runScan`). */
async function gatherSources(
  config: Config,
  logger: Logger,
  importFiles: readonly string[],
  keepDir: string | undefined,
): Promise<SourceResult[]> {
  if (config.mode === 'scan') {
    const adapter = await scannerAdapter(config.scanner);
    // Only the scanner flow has waits to cut short and server state to clean up; outside it a stop signal
    // ends the process as it always does.
    const cancel = cancelOnSignals(logger);
    try {
      const source = await adapter.scan({
        config,
        logger,
        signal: cancel.signal,
        ...(keepDir ? { keepDir } : {}),
      });
      // A stop that came when nothing was listening (the last rows being mapped) still stops the run.
      cancel.signal.throwIfAborted();
      return [withoutTokens(config, source)];
    } finally {
      cancel.dispose();
    }
  }
  const sources = readImports(importFiles, config.importFormat, config.cwd, logger, { uiUrl: config.uiUrl });
  for (const source of sources)
    for (const note of source.notes ?? []) logger.warn(`${source.context.file ?? 'An import'}: ${note}`);
  // An import's scanner is its file's; one named as well must agree rather than be ignored.
  const other = config.scanner && sources.find((s) => s.scanner !== config.scanner);
  if (other) {
    throw new UserError(
      `Input scanner: ${config.scanner}, but ${other.context.file ?? 'an import file'} is a ${other.scanner} export; leave scanner out for imports, or import ${config.scanner} exports.`,
    );
  }
  return withoutTokens(
    config,
    sources.map((source) => withXrayLink(config, source)),
  );
}

/**
 * An Xray export names no UI: with ui-url and repo-key, an import links where a scan of that repository does, its
 * scans in the JFrog UI.
 */
function withXrayLink(config: Config, source: SourceResult): SourceResult {
  if (source.scanner !== 'xray' || source.context.reportUrl || !config.uiUrl || !config.repoKey)
    return source;
  const reportUrl = repositoryScansUrl(platformBase(config.uiUrl), config.repoKey);
  return { ...source, context: { ...source.context, reportUrl } };
}

/**
 * GitLab's own reports, when asked for; they read the same findings as the SARIF, untruncated. Returns what it
 * wrote, said by the caller once every report is written.
 */
async function writeGitLabReports(
  config: Config,
  reports: ScannerReport[],
  findings: readonly LocatedFinding[],
  startedAt: Date,
): Promise<string[]> {
  const written: string[] = [];
  if (!config.gitlabDependencyReport && !config.gitlabCodequalityReport) return written;
  const groups = gitlabGroups(findings);
  if (config.gitlabDependencyReport) {
    const scannerVersions = Object.fromEntries(reports.map((r) => [r.scanner, r.source.scannerVersion]));
    const report = gitlabDependencyScanningReport({
      groups,
      startedAt,
      finishedAt: new Date(),
      scannerVersions,
    });
    await writeOutput(config.gitlabDependencyReport, 'gitlab-dependency-report', () =>
      writeJsonFile(config.gitlabDependencyReport as string, report),
    );
    written.push(`GitLab dependency-scanning report written to ${config.gitlabDependencyReport}`);
  }
  if (config.gitlabCodequalityReport) {
    await writeOutput(config.gitlabCodequalityReport, 'gitlab-codequality-report', () =>
      writeJsonFile(config.gitlabCodequalityReport as string, gitlabCodeQualityReport(groups)),
    );
    written.push(`GitLab code-quality report written to ${config.gitlabCodequalityReport}`);
  }
  return written;
}

/**
 * The sources' contexts as one: what a source gives and none contradicts (`oneOf`). Two exports of projects of one
 * name (two versions, or two servers' exports) make one run, which is neither's version, server version or link.
 */
function mergedContext(sources: readonly SourceResult[]): SourceContext {
  const keys = new Set(sources.flatMap((s) => Object.keys(s.context) as (keyof SourceContext)[]));
  return Object.fromEntries(
    [...keys].flatMap((key) => {
      const value = oneOf(sources.map((s) => s.context[key]));
      return value === undefined ? [] : [[key, value]];
    }),
  ) as SourceContext;
}

function locatorFor(config: Config, sources: readonly SourceResult[], logger: Logger): Promise<Locator> {
  return createLocator({
    workingDirectory: config.workingDirectory,
    repositoryRoot: config.repositoryRoot,
    importFiles: sources.flatMap((s) => (s.context.file ? [path.resolve(config.cwd, s.context.file)] : [])),
    ...(config.workflowRef ? { workflowRef: config.workflowRef } : {}),
    sarifFile: path.resolve(config.sarifFile),
    ...(config.sbom ? { sbom: path.resolve(config.sbom) } : {}),
    note: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
  });
}

/** One scanner's part of the run: its sources, and what they report after the model's steps. */
interface ScannerPart extends Filtered {
  scanner: ScannerName;
  sources: SourceResult[];
  context: SourceResult['context'];
}

/** A SARIF run: a scanner's findings, or one project's, with its category's subject. */
interface RunPart {
  scanner: ScannerName;
  subject: string | undefined;
  context: SourceResult['context'];
  reported: LocatedFinding[];
  /** The scanner's part it belongs to. */
  of: ScannerPart;
}

/**
 * A part per scanner, and a SARIF run per scanner or, when one scanner's imports name several projects, per
 * project: a run of them all would be filed under one project's category, chosen by the order of the files,
 * and every alert would move to another category when that order or the set of files changed. The counts,
 * the gate and GitLab's reports read the scanner's part, where a finding two projects share is one: the
 * projects' findings collapsed as they were placed, so an annotation sits where its SARIF result does.
 */
function partsAndRuns(
  sources: readonly SourceResult[],
  config: Config,
  ci: CiContext,
  steps: ModelSteps,
): { parts: ScannerPart[]; runs: RunPart[] } {
  const parts: ScannerPart[] = [];
  const runs: RunPart[] = [];
  for (const scanner of new Set(sources.map((s) => s.scanner))) {
    const own = sources.filter((s) => s.scanner === scanner);
    refuseLabelOfSeveral(config, scanner, own);
    const subjectOfSource = (s: SourceResult) => subjectOf(config, scanner, s.context, ci);
    const subjects = [...new Set(own.map(subjectOfSource))].sort();
    const projects = subjects.map((subject) => {
      const mine = own.filter((s) => subjectOfSource(s) === subject);
      const collapsed = steps.collapse(steps.locate(mine));
      return { subject, context: mergedContext(mine), collapsed, filtered: steps.report(collapsed, true) };
    });
    const [only] = projects;
    const part: ScannerPart = {
      scanner,
      sources: own,
      context: mergedContext(own),
      ...(only && projects.length === 1
        ? only.filtered
        : steps.report(steps.collapse(projects.flatMap((p) => p.collapsed)), false)),
    };
    parts.push(part);
    for (const { subject, context, filtered } of projects)
      runs.push({ scanner, subject, context, reported: filtered.reported, of: part });
  }
  if (runs.length > GITHUB_LIMITS.runsPerFile) {
    throw new UserError(
      `Input import-file: the exports name ${runs.length} projects, and GitHub takes at most ${GITHUB_LIMITS.runsPerFile} SARIF runs (one per project) in a file; import at most ${GITHUB_LIMITS.runsPerFile} projects at a time.`,
    );
  }
  return { parts, runs };
}

/** One SARIF run per run part; the writer fits them to GitHub's size limit together. */
function sarifRunSpecs(config: Config, runs: readonly RunPart[]): SarifRunSpec[] {
  const hashes = hashReader(
    config.repositoryRoot,
    runs.flatMap((p) => p.reported),
  );
  return runs.map((run) => ({
    findings: run.reported,
    input: {
      scanner: run.scanner,
      category: categoryFor(config, run, runs),
      ...(run.context.scannerVersion ? { scannerVersion: run.context.scannerVersion } : {}),
      // The labels are the user's, and may be given a token by mistake (`metadata: key=${{ secrets.X }}`).
      properties: withoutTokens(config, {
        scanner: run.scanner,
        project: config.projectName ?? run.context.project ?? run.context.projectUuid,
        projectVersion: config.projectVersion ?? run.context.projectVersion,
        repoKey: (run.scanner === 'xray' ? config.repoKey : undefined) ?? run.context.repoKey,
        branch: config.branch,
        environment: config.environment,
        scanTag: config.scanTag,
        metadata: Object.keys(config.metadata).length ? config.metadata : undefined,
        reportUrl: run.context.reportUrl,
      }),
      lineHashes: hashes,
    },
  }));
}

/**
 * What the SARIF left out of truncations of different findings (of different scanners), as one: their sums,
 * severities most severe first.
 */
function combined(truncations: readonly RunTruncation[]): RunTruncation {
  return truncationOf(
    truncations.flatMap((t) => t.left),
    truncations.some((t) => t.helpTrimmed),
  );
}

/**
 * What the SARIF left out of a scanner's part, counted as its counts count: each finding of the part once,
 * however many of its runs (projects) left it out. A run's finding is a sighting of the part's finding of its
 * `findingKey` (the part collapses its projects' findings by that key, as each project's were), and counts
 * with the part's severity and suppression.
 */
function partTruncation(part: ScannerPart, truncations: readonly RunTruncation[]): RunTruncation {
  const [only] = truncations;
  // One project: its run's findings are the part's.
  if (truncations.length === 1 && only) return only;
  const helpTrimmed = truncations.some((t) => t.helpTrimmed);
  if (!truncations.some((t) => t.resultsDropped)) return combined(truncations);
  const found = new Map(part.reported.map((f) => [findingKey(f), f]));
  const left = new Map<string, LocatedFinding>();
  for (const truncation of truncations) {
    for (const finding of truncation.left) {
      const key = findingKey(finding);
      if (!left.has(key)) left.set(key, found.get(key) ?? finding);
    }
  }
  return truncationOf([...left.values()], helpTrimmed);
}

function scannerReport(
  part: ScannerPart,
  runs: readonly RunPart[],
  truncations: readonly RunTruncation[],
): ScannerReport {
  const own = runs.flatMap((run, i) => (run.of === part ? [i] : []));
  return {
    scanner: part.scanner,
    findings: part.reported,
    violations: part.sources.flatMap((s) => s.violations),
    suppressed: part.suppressed,
    source: part.context,
    truncation: partTruncation(
      part,
      own.flatMap((i) => truncations[i] ?? []),
    ),
  };
}

/**
 * Says which results a SARIF run left out, and where every one stays; a run of one of several projects names
 * the project.
 */
function warnTruncated(
  run: RunPart,
  truncation: RunTruncation,
  runs: readonly RunPart[],
  untruncatedIn: string,
  logger: Logger,
): void {
  if (!truncation.resultsDropped) return;
  const several = runs.filter((r) => r.scanner === run.scanner).length > 1;
  const kept = run.reported.length - truncation.resultsDropped;
  logger.warn(
    `${run.scanner}${several && run.subject ? ` (${run.subject})` : ''}: SARIF keeps the ${kept} most severe of ${run.reported.length} results to stay within GitHub's limits, leaving out ${leftOut(truncation)}; ${untruncatedIn}.`,
  );
}

/** `3 high, 5 low` left out, and how many of them are suppressed (they go first). */
function leftOut({ droppedBySeverity, suppressedDropped, resultsDropped }: RunTruncation): string {
  const suppressed = !suppressedDropped
    ? ''
    : suppressedDropped === resultsDropped
      ? `, all suppressed`
      : `, ${suppressedDropped} of them suppressed`;
  return `${severityList(droppedBySeverity)}${suppressed}`;
}

/** Every report's findings, most severe first across scanners. */
function mergedFindings(reports: readonly ScannerReport[]): LocatedFinding[] {
  // Each report is sorted already: only findings of several scanners need merging.
  return reports.length === 1
    ? (reports[0]?.findings ?? [])
    : reports.flatMap((r) => r.findings).sort(bySeverity);
}

/** Counts, failing violations and the gate's verdict on them. */
function judge(
  config: Config,
  reports: readonly ScannerReport[],
  findings: readonly LocatedFinding[],
  logger: Logger,
) {
  const counts = countFindings(
    findings,
    reports.reduce((sum, r) => sum + r.suppressed, 0),
  );
  const allViolations = reports.flatMap((r) => r.violations);
  // A scan's violations report is already of `watches` (Xray filters it); filtered again here by exact name,
  // a row Xray matched otherwise (case, no watch name) would leave the gate.
  const violations = failingViolations(allViolations, config.mode === 'scan' ? [] : config.watches);
  const unmatched = config.mode === 'import' && unmatchedWatchesWarning(allViolations, config.watches);
  if (unmatched) logger.warn(unmatched);
  const uncounted = config.failOnPolicyViolation && uncountedViolationsNote(allViolations, violations);
  if (uncounted) logger.info(uncounted);
  // A violations report alone (Xray's) gives no findings: without this the gate passes it unread.
  if (!config.failOnPolicyViolation && violations.length && !findings.length) {
    logger.warn(
      `${plural(violations.length, 'policy violation')} that would fail the build ${violations.length === 1 ? 'was' : 'were'} read, and the run reports no findings: the gate counts violations only with fail-on-policy-violation.`,
    );
  } else if (!violations.length && allViolations.length && !findings.length) {
    // No violation fails the build, so nothing above speaks: 0 findings would read as a clean scan.
    logger.info(
      `${plural(allViolations.length, 'policy violation')} and no findings ${allViolations.length === 1 ? 'was' : 'were'} read: a violations report, or jf run with --watches or --project, gives vulnerabilities only as violations. For findings, import a vulnerabilities report, or add jf's --vuln.`,
    );
  }
  const gate = evaluateGate(counts, violations.length, config);
  return { counts, violations, gate };
}

/** What the run summary says of results the SARIF left out or shortened; undefined when it kept all. */
function truncationSummary(reports: readonly ScannerReport[]): RunSummary['truncated'] {
  // Each report's counts its own findings once (see `partTruncation`); reports are of different scanners.
  const truncation = combined(reports.map((r) => r.truncation));
  const { resultsDropped: dropped, helpTrimmed, droppedBySeverity } = truncation;
  if (!dropped && !helpTrimmed) return undefined;
  return {
    sarifResultsDropped: dropped,
    sarifResultsDroppedBySeverity: droppedBySeverity,
    helpTrimmed,
    note: `The SARIF keeps the most severe results within GitHub's limits (${GITHUB_LIMITS.resultsPerRun} results per run, 10 MB gzipped)${helpTrimmed ? ', with shortened rule help' : ''}; ${dropped ? `the ${plural(dropped, 'result')} left out of it (${leftOut(truncation)}) ${dropped === 1 ? 'is' : 'are'} counted here` : 'no result was left out'}.`,
  };
}

/** The one value the sources give, or, when they give several, their sorted list (`join`) or none. */
function oneOf(values: readonly (string | undefined)[], join?: string): string | undefined {
  const distinct = [...new Set(values.filter((v): v is string => !!v))].sort();
  if (distinct.length <= 1) return distinct[0];
  return join === undefined ? undefined : distinct.join(join);
}

function runSummary(
  config: Config,
  ci: CiContext,
  startedAt: Date,
  reports: readonly ScannerReport[],
  sources: readonly SourceResult[],
  { counts, violations, gate }: ReturnType<typeof judge>,
): RunSummary {
  const truncated = truncationSummary(reports);
  const contexts = sources.map((s) => s.context);
  return {
    ...baseSummary(config, ci, startedAt),
    status: gate.result,
    scanner: reports.map((r) => r.scanner).join(',') || config.scanner || null,
    // Imports of several projects name them all.
    project:
      config.projectName ??
      oneOf(
        // A findings API array names its project only by UUID.
        contexts.map((c) => c.project ?? c.projectUuid),
        ', ',
      ) ??
      null,
    repoKey: config.repoKey ?? mergedContext(sources).repoKey ?? null,
    counts,
    policyViolations: violations.length,
    gate: { ...gate, failOnPolicyViolation: config.failOnPolicyViolation },
    sarifFile: config.sarifFile,
    // A link stands for the run only when it is the one the sources give.
    reportUrl: oneOf(contexts.map((c) => c.reportUrl)) ?? null,
    ...(truncated ? { truncated } : {}),
  };
}

/** Everything after the sources: model steps, SARIF, GitLab reports, counts, gate, run summary. */
async function runCore(
  config: Config,
  ci: CiContext,
  logger: Logger,
  { startedAt, untruncatedIn }: Required<Pick<ScanOptions, 'startedAt' | 'untruncatedIn'>>,
  sources: SourceResult[],
): Promise<RunOutcome> {
  const wordsNote = unknownWordsNote(sources.flatMap((source) => source.findings));
  if (wordsNote) logger.warn(wordsNote);
  const locator = await locatorFor(config, sources, logger);
  const pathNotes: string[] = [];
  const { parts, runs } = partsAndRuns(sources, config, ci, modelSteps(config, locator, logger, pathNotes));
  const specs = sarifRunSpecs(config, runs);
  const truncations = await writeOutput(config.sarifFile, 'sarif-file', () =>
    writeSarifFile(config.sarifFile, specs),
  );
  runs.forEach((run, i) => warnTruncated(run, truncations[i] ?? combined([]), runs, untruncatedIn, logger));
  // Help is shortened for the whole file: said once, when no run's warning says more.
  if (truncations.some((t) => t.helpTrimmed) && !truncations.some((t) => t.resultsDropped)) {
    logger.info(
      "SARIF keeps every result; its rules' help is shortened (no advisory text) to stay within GitHub's 10 MB.",
    );
  }
  const reports = parts.map((part) => scannerReport(part, runs, truncations));
  const findings = mergedFindings(reports);
  // Said only once all are written: a report a later failure removes was never this run's.
  const written = await writeGitLabReports(config, reports, findings, startedAt);
  for (const line of [`SARIF written to ${config.sarifFile}`, ...written]) logger.info(line);
  const verdict = judge(config, reports, findings, logger);
  const summary = withoutTokens(config, runSummary(config, ci, startedAt, reports, sources, verdict));
  const exitCode = summary.status === 'failed' ? ExitCode.GateFailed : ExitCode.Ok;
  const below = minSeverityNote(config, parts);
  if (below) logger.info(below);
  const notes = [...(wordsNote ? [wordsNote] : []), ...pathNotes, ...(below ? [below] : [])];
  return { summary, exitCode, reports, findings, violations: verdict.violations, notes };
}

/** The findings `min-severity` left out, said: the counts alone would read as none of those severities. */
function minSeverityNote(config: Config, parts: readonly ScannerPart[]): string | undefined {
  const below = parts.reduce((sum, part) => sum + part.belowMinSeverity, 0);
  if (!below) return undefined;
  return `min-severity ${config.minSeverity} left out ${plural(below, 'finding')} below ${config.minSeverity}: no count, gate or report includes ${below === 1 ? 'it' : 'them'}.`;
}

/** The fields every summary has, also the one written when a run fails with an error. */
export function baseSummary(config: Partial<Config>, ci: CiContext, startedAt: Date): RunSummary {
  return {
    status: 'error',
    mode: config.mode === 'scan' || config.mode === 'import' ? config.mode : null,
    scanner: config.scanner ?? null,
    project: config.projectName ?? config.project ?? null,
    repoKey: config.repoKey ?? null,
    branch: config.branch ?? null,
    environment: config.environment ?? null,
    scanTag: config.scanTag ?? null,
    metadata: config.metadata ?? {},
    counts: { total: 0, critical: 0, high: 0, medium: 0, low: 0, info: 0, unknown: 0, suppressed: 0 },
    policyViolations: 0,
    // An error is never a pass, whoever reads only the gate.
    gate: {
      result: 'failed',
      failOn: config.failOnText ?? 'none',
      reasons: ['the run ended with an error before the gate was evaluated'],
      failOnPolicyViolation: !!config.failOnPolicyViolation,
    },
    sarifFile: null,
    reportUrl: null,
    run: ci,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
  };
}

/** The summary of a run that ended in an error: the webhook and `--json` still say what happened. */
export function errorSummary(
  config: Partial<Config> | undefined,
  ci: CiContext,
  startedAt: Date,
  error: unknown,
  logger: Logger,
): RunSummary {
  return {
    ...withoutTokens(config ?? {}, baseSummary(config ?? {}, ci, startedAt)),
    error: { message: logger.redact(describeError(error)), exitCode: exitCodeOf(error) },
  };
}

/** The reports a run writes, by input name. */
function reportsOf(config: Config): ReportPaths {
  return {
    'sarif-file': config.sarifFile,
    'gitlab-dependency-report': config.gitlabDependencyReport,
    'gitlab-codequality-report': config.gitlabCodequalityReport,
  };
}

/** The files a run reads, which no report of it may replace. */
type FilesRead = Pick<Config, 'importFiles' | 'sbom' | 'caFile' | 'tokenFile'>;

/**
 * Refuses reports at the path of a file the run reads, then starts removing the reports an earlier run left: a
 * run that fails must not leave them looking like its own. The refusal is thrown at once, before anything is
 * read or asked of a scanner, and then nothing is removed.
 */
function clearReports(reports: ReportPaths, read: FilesRead): Promise<void> {
  checkOutputPaths(reports, [
    ...read.importFiles.map((file) => ['import-file', file] as const),
    ['sbom', read.sbom],
    ['ca-file', read.caFile],
    ['token-file', read.tokenFile],
  ]);
  checkReplaceable(reports);
  return Promise.all(
    Object.entries(reports).map(([input, file]) => (file ? removeStale(file, input) : undefined)),
  ).then(() => undefined);
}

/**
 * Refuses a report path that holds something a report must not replace (a manifest, an export given as the
 * output by mistake), before anything is removed: a run refused later would otherwise have deleted it.
 */
function checkReplaceable(reports: ReportPaths): void {
  for (const [input, file] of Object.entries(reports)) {
    if (file && !isReplaceable(file))
      throw new UserError(
        `Input ${input}: ${file} holds something other than a report (sca-bridge's, or another tool's SARIF), which the run would replace; give the ${input} a path of its own, or remove the file first (nothing was changed).`,
      );
  }
}

/** `clearReports` for a run already refused or failed: its error stays the error, and what stops the clearing a warning. */
async function clearAfterFailure(reports: ReportPaths, read: FilesRead, logger: Logger): Promise<void> {
  try {
    await clearReports(reports, read);
  } catch (error) {
    logger.warn(describeError(error));
  }
}

/**
 * For a run of `scan` or `import` refused before its configuration was built (a flag or input refused): removes
 * the earlier run's reports at the paths the raw inputs name, as a run refused later does. `files`: those named
 * as arguments.
 */
export function clearReportsOfRefusedRun(
  raw: RawInputs,
  read: { files?: readonly string[]; tokenFile?: string },
  logger: Logger,
): Promise<void> {
  return clearAfterFailure(
    reportPaths(raw),
    {
      importFiles: importFilesOf(raw, read.files),
      sbom: text(raw, 'sbom'),
      caFile: text(raw, 'ca-file'),
      tokenFile: read.tokenFile,
    },
    logger,
  );
}

/** What a front door tells `runScan` beyond the configuration. */
export interface ScanOptions {
  startedAt?: Date;
  /** Where a scan keeps its raw answers (for the Action's workflow artifact). */
  keepDir?: string | undefined;
  /**
   * Where this front door keeps every finding when the SARIF holds only some (`the job summary counts all of
   * them`): the Action has no `--json`, the CLI no artifact.
   */
  untruncatedIn: string;
}

/** `scan` and `import`: read the sources, then report. */
export async function runScan(
  config: Config,
  ci: CiContext,
  logger: Logger,
  { startedAt = new Date(), keepDir, untruncatedIn }: ScanOptions,
): Promise<RunOutcome> {
  const reports = reportsOf(config);
  const written = Object.values(reports).filter((file): file is string => !!file);
  const importFiles =
    config.mode === 'import'
      ? await expandImportFiles(config.importFiles, config.cwd, written, logger).catch(
          async (error: unknown) => {
            // A glob that matches nothing is refused as a bad input is, and leaves no earlier report either. A glob
            // never matches a report of the run's, so the paths as given are all that may name one.
            await clearAfterFailure(reports, config, logger);
            throw error;
          },
        )
      : [];
  // Removed (on the thread pool) while the sources are read, and before anything is written or the run ends.
  const removed = clearReports(reports, { ...config, importFiles });
  const [removal, gathered] = await Promise.allSettled([
    removed,
    gatherSources(config, logger, importFiles, keepDir),
  ]);
  if (removal.status === 'rejected') throw removal.reason;
  if (gathered.status === 'rejected') throw gathered.reason;
  try {
    return await runCore(config, ci, logger, { startedAt, untruncatedIn }, gathered.value);
  } catch (error) {
    // A report written before a later step failed is this failed run's, and must not pass for a complete one.
    await clearAfterFailure(reports, { ...config, importFiles }, logger);
    throw error;
  }
}
