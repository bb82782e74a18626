import type { Result } from 'sarif';
import { cvssScore, cvssVector, highestCvss } from '../findings/cvss.js';
import type { LocatedFinding, ScannerName } from '../findings/model.js';
import { findingDigest } from '../findings/key.js';
import { isCve, isGhsa } from '../findings/ids.js';
import { shorten } from '../findings/text.js';
import type { Severity } from '../findings/severity.js';
import { lowestFirst } from '../findings/versions.js';
import { joinedJson } from './json-file.js';
import { advisoryUrl, componentLabel, findingMessage, securitySeverity } from './advisory.js';
import { markdownCell, visible } from './markdown.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const TOOLS: Record<ScannerName, { name: string; informationUri: string }> = {
  'dependency-track': { name: 'Dependency-Track', informationUri: 'https://dependencytrack.org/' },
  xray: { name: 'JFrog Xray', informationUri: 'https://jfrog.com/xray/' },
};

/** GitHub's caps on rule texts and tags (SPEC §7). */
const DESCRIPTION_LIMIT = 1024;
const TAG_LIMIT = 10;
/**
 * GitLab's cap on a result's message and a rule's `helpUri` (SPEC §8): it drops a result with a longer one,
 * and fails the whole scan when it drops half of them.
 */
const GITLAB_TEXT_LIMIT = 2048;
const LIST_LIMIT = 20;

// RFC 3986's characters of a path, and of a query or fragment; `%` only as the start of an escape.
const PATH_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]$/;
const QUERY_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/?]$/;

const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

function rfc3986(text: string, allowed: RegExp): string {
  if (allowed === PATH_CHAR && PLAIN_PATH.test(text)) return text;
  return text.replace(/%(?![0-9A-Fa-f]{2})|[^%]/g, (c) =>
    c !== '%' && allowed.test(c) ? c : encodeURIComponent(c),
  );
}

/** Only an absolute http(s) URL is a `helpUri`: the schema wants a URI, scanners hand over any text. */
export function webUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    // WHATWG URLs accept hosts that RFC 3986, which SARIF's schema checks, does not (a backquote).
    const host = /^(\[[0-9a-f:.]+\]|[a-z0-9-]+(\.[a-z0-9-]+)*)$/i.test(url.hostname);
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !host) return undefined;
    // WHATWG also leaves characters in paths, queries and fragments that RFC 3986 forbids (`{`, `]`, a second `#`).
    const query = url.search ? `?${rfc3986(url.search.slice(1), QUERY_CHAR)}` : '';
    const fragment = url.hash ? `#${rfc3986(url.hash.slice(1), QUERY_CHAR)}` : '';
    return `${url.origin}${rfc3986(url.pathname, PATH_CHAR)}${query}${fragment}`;
  } catch {
    return undefined;
  }
}

/** A path as a URI reference: each segment percent-encoded (spaces, `{`, non-ASCII letters). */
export function pathToUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment.toWellFormed()))
    .join('/');
}

function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  if (severity === 'critical' || severity === 'high') return 'error';
  return severity === 'medium' ? 'warning' : 'note';
}

export interface SarifRunInput {
  scanner: ScannerName;
  /** Reported findings, located, most severe first. */
  findings: readonly LocatedFinding[];
  category: string;
  scannerVersion?: string;
  properties: Record<string, unknown>;
  /** Hashes of a file's lines (see line-hash.ts), or undefined when the file is not in the checkout. */
  lineHashes: (uri: string) => ReadonlyMap<number, string> | undefined;
  /** Shorter help, used when a log must shrink to fit GitHub's size limit. */
  briefHelp?: boolean;
}

function groupById(findings: readonly LocatedFinding[]): Map<string, LocatedFinding[]> {
  const groups = new Map<string, LocatedFinding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.id);
    if (group) group.push(finding);
    else groups.set(finding.id, [finding]);
  }
  return groups;
}

function ruleTags(findings: readonly LocatedFinding[]): string[] {
  const tags = new Set(['security', 'vulnerability']);
  // Added one by one up to the limit: a finding may list any number of CWEs.
  const add = (tag: string) => tags.size < TAG_LIMIT && tags.add(tag);
  for (const f of findings) if (f.component.ecosystem) add(f.component.ecosystem);
  for (const f of findings) for (const cwe of f.cwes) add(cwe);
  return [...tags];
}

/** A CVSS vector as code, when it holds only what a vector does; other scanner text as plain text. */
function vectorMarkdown(vector: string): string {
  return /^[\w:/.+-]+$/.test(vector) ? `\`${vector}\`` : markdownCell(vector);
}

/**
 * A rule's `help` as JSON text. The advisory text (`descriptionJson`, escaped once by the caller) is most of
 * a rule and appears in both forms, so it is spliced in rather than copied into each.
 */
function helpJson(
  id: string,
  findings: readonly LocatedFinding[],
  brief: boolean,
  descriptionJson: string,
  highest: ReturnType<typeof highestCvss>,
): string {
  const [first] = findings as [LocatedFinding, ...LocatedFinding[]];
  // The score security-severity gives, with its own vector; a vector without a score is still shown.
  const score = highest?.score;
  const vector = highest ? highest.vector : findings.map(cvssVector).find(Boolean);
  const fixed = lowestFirst([...new Set(findings.flatMap((f) => f.fixedVersions))]);
  const components = [...new Set(findings.map(componentLabel))];
  const references = [
    ...new Set([advisoryUrl(id), ...findings.flatMap((f) => f.references)].filter((r): r is string => !!r)),
  ];
  const shownComponents = components.slice(0, LIST_LIMIT);
  const more = components.length > LIST_LIMIT ? ', …' : '';
  const shownFixed = fixed.slice(0, LIST_LIMIT);
  const scoreText = score !== undefined ? `, CVSS ${score.toFixed(1)}` : '';
  const fixedText = (list: readonly string[]) => (list.length ? list.join(', ') : 'none known');
  const lines = [
    `${id}: ${first.title}`,
    `Severity: ${first.severity}${scoreText}${vector ? ` (${vector})` : ''}`,
    `Affected components: ${shownComponents.join(', ')}${more}`,
    `Fixed versions: ${fixedText(shownFixed)}`,
  ].map(visible);
  // The scanner's text as markdown that makes no markup of its own.
  const md = {
    heading: `**${markdownCell(id)}**: ${markdownCell(first.title)}`,
    vector: vector && vectorMarkdown(vector),
    components: shownComponents.map(markdownCell),
    fixed: fixedText(shownFixed.map(markdownCell)),
  };
  if (brief) {
    const markdown = [
      md.heading,
      `Severity: ${first.severity}${scoreText}${md.vector ? ` (${md.vector})` : ''}`,
      `Affected components: ${md.components.join(', ')}${more}`,
      `Fixed versions: ${md.fixed}`,
    ];
    return JSON.stringify({ text: lines.join('\n'), markdown: markdown.join('  \n') });
  }
  const shownReferences = references.slice(0, LIST_LIMIT);
  const text = joinedJson(
    `${lines.join('\n')}\n\n`,
    descriptionJson,
    shownReferences.length ? `\n\n${shownReferences.map((r) => `- ${visible(r)}`).join('\n')}` : '\n',
  );
  // A reference that is no web URL is text, not a link of its own making.
  const referenceItems = shownReferences.map((r) => `- ${webUrl(r) ?? markdownCell(r)}`);
  const markdown = joinedJson(
    [
      md.heading,
      '',
      `| Severity | CVSS | Affected components | Fixed versions |`,
      `| --- | --- | --- | --- |`,
      `| ${first.severity} | ${score !== undefined ? score.toFixed(1) : '—'}${md.vector ? ` ${md.vector}` : ''} | ${md.components.join('<br>')} | ${md.fixed} |`,
      '',
      '',
    ].join('\n'),
    descriptionJson,
    referenceItems.length ? `\n\n**References**\n\n${referenceItems.join('\n')}` : '',
  );
  return `{"text":${text},"markdown":${markdown}}`;
}

/** The first candidate that is a web URL GitLab takes too; each is parsed only until one is (25,000 rules). */
function firstHelpUri(candidates: readonly (string | undefined)[]): string | undefined {
  for (const candidate of candidates) {
    const url = webUrl(candidate);
    if (url !== undefined && url.length <= GITLAB_TEXT_LIMIT) return url;
  }
  return undefined;
}

/** A rule as JSON text (see `helpJson`). */
function ruleJson(id: string, findings: readonly LocatedFinding[], brief: boolean): string {
  const [first] = findings as [LocatedFinding, ...LocatedFinding[]];
  const severity = first.severity;
  const highest = highestCvss(findings);
  const helpUri = firstHelpUri([advisoryUrl(id), ...findings.map((f) => f.url), ...first.references]);
  // The advisory's own markdown, but for characters that would hide or reorder the text around them.
  const description = visible(first.description || first.title);
  const descriptionJson = JSON.stringify(description);
  const full =
    description.length <= DESCRIPTION_LIMIT
      ? descriptionJson
      : JSON.stringify(shorten(description, DESCRIPTION_LIMIT));
  const rest = JSON.stringify({
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(severity) },
    properties: {
      tags: ruleTags(findings),
      'security-severity': securitySeverity(highest, severity),
      precision: 'high',
    },
  });
  return `{"id":${JSON.stringify(id)},"shortDescription":${JSON.stringify({ text: shorten(`${id}: ${first.title}`, DESCRIPTION_LIMIT) })},"fullDescription":{"text":${full}},"help":${helpJson(id, findings, brief, descriptionJson, highest)},${rest.slice(1)}`;
}

/**
 * The most entries a result's lists keep (fixed versions, component and impact paths). A component in
 * 40,000 artifacts would otherwise make one result of megabytes, which the size limit would drop whole, and the
 * most severe finding with it. Every entry stays in the artifact's findings.
 */
const RESULT_LIST_LIMIT = 10;

/**
 * Ids are short, and the one a user searches by may be any of them: a result keeps up to this many, the
 * scanner's own first (XRAY-…, which sorts after the CVEs) when there are more.
 */
const RESULT_ID_LIMIT = 100;

function resultIds(ids: readonly string[]): string[] {
  if (ids.length <= RESULT_ID_LIMIT) return [...ids];
  const [canonical = '', ...others] = ids;
  const isAlias = (id: string) => isCve(id) || isGhsa(id);
  return [canonical, ...others.filter((id) => !isAlias(id)), ...others.filter(isAlias)].slice(
    0,
    RESULT_ID_LIMIT,
  );
}

/** The most nodes an impact path keeps: a dependency chain is rarely deeper. */
const PATH_LIMIT = 50;

function buildResult(
  finding: LocatedFinding,
  ruleIndex: number,
  input: SarifRunInput,
  anySuppressed: boolean,
): Result {
  const { location } = finding;
  const lineHash = input.lineHashes(location.uri)?.get(location.startLine);
  const score = cvssScore(finding);
  const logical = finding.componentPaths.filter((p) => p !== location.uri).slice(0, RESULT_LIST_LIMIT);
  const result: Result = {
    ruleId: finding.id,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: shorten(findingMessage(finding), GITLAB_TEXT_LIMIT) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(location.uri) },
          region: { startLine: location.startLine },
        },
        ...(logical.length
          ? { logicalLocations: logical.map((p) => ({ fullyQualifiedName: p, kind: 'artifact' })) }
          : {}),
      },
    ],
    partialFingerprints: {
      ...(lineHash ? { primaryLocationLineHash: lineHash } : {}),
      'scaBridgeFinding/v1': findingDigest(finding).slice(0, 32),
    },
    properties: {
      packageName: finding.component.packageName,
      packageVersion: finding.component.version ?? '',
      ...(finding.component.purl ? { purl: finding.component.purl } : {}),
      ecosystem: finding.component.ecosystem ?? 'unknown',
      severity: finding.severity,
      ...(score !== undefined ? { cvssScore: score } : {}),
      vulnerabilityIds: resultIds(finding.ids),
      fixedVersions: finding.fixedVersions.slice(0, RESULT_LIST_LIMIT),
      componentPaths: finding.componentPaths.slice(0, RESULT_LIST_LIMIT),
      locationRule: location.rule,
      ...(finding.impactPaths.length
        ? { impactPaths: finding.impactPaths.slice(0, RESULT_LIST_LIMIT).map((p) => p.slice(0, PATH_LIMIT)) }
        : {}),
      ...(finding.epss ? { epssScore: finding.epss.score } : {}),
      ...(finding.analysis?.state ? { analysisState: finding.analysis.state } : {}),
      ...(finding.url ? { scannerUrl: finding.url } : {}),
      ...(finding.applicability ? { applicability: finding.applicability } : {}),
    },
  };
  if (anySuppressed) {
    // SARIF: either every result of a run carries `suppressions` or none does.
    result.suppressions = finding.suppressed
      ? [
          {
            kind: 'external',
            status: 'accepted',
            justification:
              [finding.analysis?.state, finding.analysis?.justification, finding.analysis?.detail]
                .filter(Boolean)
                .join(': ') || 'suppressed in the scanner',
          },
        ]
      : [];
  }
  return result;
}

/**
 * A run's JSON, piece by piece: the envelope, then each rule and each result as its own piece, so a run of
 * 25,000 results is written as it is built and never held whole.
 */
export function* sarifRunJson(input: SarifRunInput): Generator<string> {
  const groups = groupById(input.findings);
  const indexOf = new Map([...groups.keys()].map((id, i) => [id, i]));
  const anySuppressed = input.findings.some((f) => f.suppressed);
  const tool = TOOLS[input.scanner];
  const driver = JSON.stringify({
    name: tool.name,
    informationUri: tool.informationUri,
    ...(input.scannerVersion ? { version: input.scannerVersion } : {}),
  });
  yield `{"tool":{"driver":${driver.slice(0, -1)},"rules":[`;
  let separator = '';
  for (const [id, group] of groups) {
    yield `${separator}${ruleJson(id, group, !!input.briefHelp)}`;
    separator = ',';
  }
  yield `]}},"automationDetails":${JSON.stringify({ id: input.category })},"results":[`;
  separator = '';
  for (const finding of input.findings) {
    const result = buildResult(finding, indexOf.get(finding.id) ?? 0, input, anySuppressed);
    yield `${separator}${JSON.stringify(result)}`;
    separator = ',';
  }
  const properties = Object.fromEntries(
    Object.entries(input.properties).filter(([, v]) => v !== undefined && v !== ''),
  );
  yield `],"properties":${JSON.stringify(properties)}}`;
}

/** The start of a log, up to its runs. */
export const SARIF_LOG_HEAD = `{"$schema":${JSON.stringify(SARIF_SCHEMA)},"version":"2.1.0","runs":[`;
