import { cvssScore } from '../findings/cvss.js';
import { declaringLine, type LocatedFinding, type PolicyViolation } from '../findings/model.js';
import { SEVERITIES } from '../findings/severity.js';
import { advisedVersions, advisoryUrl, componentLabel } from './advisory.js';
import { markdownCell as cell } from './markdown.js';
import type { RunSummary } from './run-summary.js';
import { pathToUri, webUrl } from './sarif.js';

/** GitHub refuses a step summary over 1 MiB; stay well below it. */
const SUMMARY_LIMIT_BYTES = 900 * 1024;
const TOP_FINDINGS = 25;
const TOP_VIOLATIONS = 15;

export interface JobSummaryInput {
  summary: RunSummary;
  /** Undefined when the run ended before it read any: its counts are then no count of findings. */
  findings: readonly LocatedFinding[] | undefined;
  /** The violations that count for the gate (`policyViolations`). */
  violations: readonly PolicyViolation[];
  /** Violations reported that do not count: WARN or INFO, suppressed, or of other watches. */
  uncountedViolations?: number;
  /** Builds a link to a file and line of the repository at this commit, when the run knows where it is. */
  fileLink?: (uri: string, line: number) => string;
  /** Lines the front door adds: annotations left out, upload results, truncation. */
  notes: readonly string[];
  /** The workflow artifact that holds every finding (`upload-artifact`): uploaded, failed, or not asked for. */
  artifact?: 'uploaded' | 'failed' | undefined;
}

const ICON: Record<string, string> = {
  critical: '🟥',
  high: '🟧',
  medium: '🟨',
  low: '🟦',
  info: '⬜',
  unknown: '⬜',
};

/** A link in a table cell: to a web URL only, with what would end the link or the cell (`(`, `)`, `|`) escaped. */
function link(text: string, url: string | undefined): string {
  const target = webUrl(url)?.replace(/[()|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return target ? `[${cell(text)}](${target})` : cell(text);
}

/** Whether the run got as far as reading its inputs: an error summary without a mode did not. */
function configured(summary: RunSummary): boolean {
  return summary.status !== 'error' || summary.mode !== null;
}

function header(summary: RunSummary): string[] {
  const verdict =
    summary.status === 'passed'
      ? '✅ Gate passed'
      : summary.status === 'failed'
        ? '❌ Gate failed'
        : '⚠️ Run failed';
  const subject = summary.repoKey ?? summary.project ?? '';
  const facts = [
    summary.scanner && `**Scanner:** ${summary.scanner}`,
    subject &&
      `**${summary.repoKey ? 'Repository' : 'Project'}:** ${link(subject, summary.reportUrl ?? undefined)}`,
    summary.branch && `**Branch:** ${cell(summary.branch)}`,
    summary.environment && `**Environment:** ${cell(summary.environment)}`,
    summary.scanTag && `**Scan tag:** ${cell(summary.scanTag)}`,
    ...Object.entries(summary.metadata).map(([key, value]) => `**${cell(key)}:** ${cell(value)}`),
    // A run that failed before its inputs were read has no gate to show (its summary's is a placeholder).
    configured(summary) &&
      `**Gate:** \`fail-on: ${summary.gate.failOn}\`${summary.gate.failOnPolicyViolation ? ' + policy violations' : ''}`,
  ].filter(Boolean);
  const lines = [`## sca-bridge: ${verdict}`, '', facts.join(' · '), ''];
  if (summary.error) lines.push(`> **Error:** ${cell(summary.error.message)}`, '');
  for (const reason of summary.gate.reasons) lines.push(`- ${cell(reason)}`);
  if (summary.gate.reasons.length) lines.push('');
  return lines;
}

function counts(summary: RunSummary, read: boolean): string[] {
  // Zeros in a table would read as "no findings".
  if (!read) return ['No findings were counted: the run ended before it read them.', ''];
  const { counts: c } = summary;
  const rows = SEVERITIES.map((s) => `| ${ICON[s]} ${s} | ${c[s]} |`);
  const slices = SEVERITIES.filter((s) => c[s] > 0).map((s) => `    "${s}" : ${c[s]}`);
  return [
    '| Severity | Findings |',
    '| --- | ---: |',
    ...rows,
    `| **total** | **${c.total}** |`,
    `| suppressed | ${c.suppressed} |`,
    `| policy violations | ${summary.policyViolations} |`,
    '',
    ...(slices.length ? ['```mermaid', 'pie showData title Findings by severity', ...slices, '```', ''] : []),
  ];
}

/** Where every finding is kept, by the workflow artifact's state. */
const ARTIFACT_HOLDS = {
  uploaded: 'the workflow artifact holds every one',
  failed: 'the workflow artifact that would hold every one could not be uploaded (see below)',
  none: '`upload-artifact: true` keeps every one',
};

function findingRows(
  findings: readonly LocatedFinding[],
  { fileLink, artifact }: Pick<JobSummaryInput, 'fileLink' | 'artifact'>,
  limit: number,
): string[] {
  const shown = findings.filter((f) => !f.suppressed).slice(0, limit);
  if (!shown.length) return [];
  const rows = shown.map((f) => {
    const score = cvssScore(f);
    const { uri } = f.location;
    const startLine = declaringLine(f.location);
    const where = link(`${uri}:${startLine}`, fileLink?.(uri, startLine));
    const scanner = webUrl(f.url) ? ` (${link('scanner', f.url)})` : '';
    return `| ${ICON[f.severity]} ${f.severity}${score !== undefined ? ` ${score.toFixed(1)}` : ''} | ${link(f.id, advisoryUrl(f.id) ?? f.references[0])}${scanner} | ${cell(componentLabel(f))} | ${cell(advisedVersions(f).join(', ') || '—')} | ${where} |`;
  });
  const more = findings.filter((f) => !f.suppressed).length - shown.length;
  return [
    `### Top findings`,
    '',
    '| Severity | Vulnerability | Component | Fixed in | Declared in |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(more > 0
      ? [
          '',
          `…and ${more} more, counted above; the SARIF file lists them within GitHub's limits, and ${ARTIFACT_HOLDS[artifact ?? 'none']}.`,
        ]
      : []),
    '',
  ];
}

function violationRows(violations: readonly PolicyViolation[], uncounted: number, limit: number): string[] {
  const others = uncounted
    ? [
        `${uncounted} more violations do not count for the gate (WARN or INFO, suppressed, or of other watches).`,
        '',
      ]
    : [];
  if (!violations.length) return uncounted ? ['### Policy violations', '', ...others] : [];
  const rows = violations
    .slice(0, limit)
    .map(
      (v) =>
        `| ${v.state} | ${cell(v.policy)}${v.watch ? ` (${cell(v.watch)})` : ''} | ${cell(v.type)} | ${cell(v.component)} | ${cell(v.subject ?? '')} |`,
    );
  return [
    '### Policy violations',
    '',
    '| State | Policy | Type | Component | Subject |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    ...(violations.length > limit ? ['', `…and ${violations.length - limit} more.`] : []),
    '',
    ...others,
  ];
}

/** Links to a file and line of a GitHub repository at a commit, each path segment encoded. */
export function githubFileLink(
  serverUrl: string,
  repository: string,
  sha: string,
): (uri: string, line: number) => string {
  return (uri, line) => `${serverUrl}/${repository}/blob/${sha}/${pathToUri(uri)}#L${line}`;
}

/** The job summary a reviewer reads in ten seconds: verdict, counts, top findings, violations, notes. */
export function renderJobSummary(input: JobSummaryInput): string {
  const notes = [...input.notes];
  if (input.summary.truncated) notes.push(input.summary.truncated.note);
  const render = (findingLimit: number) =>
    [
      ...header(input.summary),
      ...counts(input.summary, input.findings !== undefined),
      ...findingRows(input.findings ?? [], input, findingLimit),
      ...violationRows(input.violations, input.uncountedViolations ?? 0, TOP_VIOLATIONS),
      // A blank line apart: markdown runs consecutive quoted lines into one paragraph.
      ...notes.flatMap((note, i) => (i ? ['', `> ${cell(note)}`] : [`> ${cell(note)}`])),
    ].join('\n');
  let limit = TOP_FINDINGS;
  let markdown = render(limit);
  while (Buffer.byteLength(markdown) > SUMMARY_LIMIT_BYTES && limit > 0) {
    limit = Math.floor(limit / 2);
    markdown = render(limit);
  }
  // Still too long without findings (a scanner's very long message): cut, and say so.
  if (Buffer.byteLength(markdown) > SUMMARY_LIMIT_BYTES) {
    const cut = Buffer.from(markdown)
      .subarray(0, SUMMARY_LIMIT_BYTES - 200)
      .toString();
    markdown = `${cut.replace(/\uFFFD$/, '')}\n\n> The summary was cut here to stay within GitHub's 1 MiB limit.`;
  }
  return `${markdown}\n`;
}
