import { hash } from 'node:crypto';
import type { Component, Cvss, CvssScore, Finding, ScannerName } from './model.js';
import { orderIds } from './ids.js';
import { tupleKey } from './key.js';
import { shorten } from './text.js';
import { severityFromScore, severityOfWord } from './severity.js';
import { cvssScore } from './cvss.js';

export interface FindingInput {
  scanner: ScannerName;
  /** The scanner's own id first, then aliases; blanks are dropped. */
  ids: readonly (string | undefined | null)[];
  title?: string | undefined;
  description?: string | undefined;
  /** The scanner's severity word (`CRITICAL`, `High`), read by `severityOfWord`. */
  severity: string | undefined;
  cvss?: Cvss;
  epss?: Finding['epss'];
  cwes?: readonly string[];
  component: Component;
  componentPaths?: readonly (string | undefined)[];
  /** Paths inside the artifact: component paths too, but never matched by the path patterns. */
  innerPaths?: readonly (string | undefined)[];
  impactPaths?: readonly string[][];
  fixedVersions?: readonly string[];
  references?: readonly (string | undefined)[];
  published?: string | undefined;
  analysis?: Finding['analysis'];
  suppressed?: boolean;
  url?: string | undefined;
  /** Xray's `Not Applicable` or `not_applicable` alike. */
  applicability?: string | undefined;
}

/**
 * Scanners repeat an advisory's text in the finding of every component it affects: findings share one copy,
 * so 100,000 findings do not hold 100,000 copies of a few thousand texts. Bounded for long-lived processes.
 */
const sharedTexts = new Map<string, string>();

function shared(text: string): string {
  // Looked up by length and ends, as hashing a whole fresh text costs more than the rest of the look-up;
  // then compared whole.
  const key = text.length <= 96 ? text : `${text.length}:${text.slice(0, 64)}${text.slice(-32)}`;
  const known = sharedTexts.get(key);
  if (known === text) return known;
  if (known === undefined && sharedTexts.size < 100_000) sharedTexts.set(key, text);
  return text;
}

/** CVSS base scores lie within 0–10; anything else a file holds (a year parsed as a number) is no score. */
export function baseScore(score: number | undefined): number | undefined {
  return score !== undefined && score >= 0 && score <= 10 ? score : undefined;
}

function validScores(cvss: Cvss | undefined): Cvss {
  const out: Cvss = {};
  for (const version of ['v4', 'v3', 'v2'] as const) {
    const entry = cvss?.[version];
    if (!entry) continue;
    const kept: CvssScore = {};
    const score = baseScore(entry.score);
    if (score !== undefined) kept.score = score;
    if (entry.vector) kept.vector = entry.vector;
    if (kept.score !== undefined || kept.vector) out[version] = kept;
  }
  return out;
}

/**
 * A title: the text's first line, with the lines a scanner wrapped mid-sentence joined to it (OpenSSL's
 * advisories, as Xray quotes them, break every 80 columns: "…a bug that causes\nit to ignore…").
 */
function firstLine(text: string): string {
  const lines = text.trim().split(/\r?\n/, 8);
  let line = (lines[0] ?? '').trimEnd();
  for (const next of lines.slice(1)) {
    if (line.length >= 120 || /[.!?:]$/.test(line) || line.startsWith('#') || !/^\s*\p{Ll}/u.test(next))
      break;
    line = `${line} ${next.trim()}`.trimEnd();
  }
  return shorten(line, 120, '...');
}

function present<T>(values: readonly (T | undefined | null)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== undefined && v !== null && v !== ''))];
}

/** Fills a finding's defaults in one place, so every importer yields the same shape. */
export function buildFinding(input: FindingInput): Finding {
  // Findings are kept by the 100,000: exact-size copies (`slice`) of arrays grown by filter or push, which
  // keep spare room.
  const description = shared(input.description?.trim() ?? '');
  const named = orderIds(input.ids).slice();
  // A vulnerability the scanner names by no id at all is told apart by its text: one `UNKNOWN` for all of
  // them would merge different ones on a component into one finding.
  const ids = named.length
    ? named
    : [`UNKNOWN-${hash('sha256', tupleKey([input.title ?? '', description])).slice(0, 8)}`];
  const [id] = ids as [string, ...string[]];
  // Paths inside the artifact are component paths, never matched by path patterns (`patternPaths`).
  const patternPaths = present(input.componentPaths ?? []);
  const componentPaths = input.innerPaths?.length
    ? present([...patternPaths, ...input.innerPaths])
    : patternPaths;
  const cvss = validScores(input.cvss);
  const word = input.severity?.trim();
  // A word no scanner used before (a new level, a typo in a converted export) is rated by the finding's CVSS
  // score, as the scanners rate theirs, and said (`unknownWordsNote`): as unknown it would pass a gate on
  // critical unseen.
  const severity = word ? severityOfWord(word) : 'unknown';
  const finding: Finding = {
    scanner: input.scanner,
    id,
    ids,
    // Scanners put whole paragraphs in their summaries; a title is their first line.
    title: firstLine(input.title ?? '') || firstLine(description) || id,
    description,
    severity: severity ?? severityFromScore(cvssScore({ cvss })),
    cvss,
    cwes: present(input.cwes ?? []),
    component: input.component,
    componentPaths,
    impactPaths: (input.impactPaths ?? []).filter((path) => path.length > 0).map((path) => path.slice()),
    fixedVersions: present(input.fixedVersions ?? []),
    references: present(input.references ?? []),
    suppressed: input.suppressed ?? false,
  };
  if (!severity && word) finding.severityWord = word;
  if (patternPaths.length < componentPaths.length) finding.patternPaths = patternPaths;
  if (input.epss) finding.epss = input.epss;
  if (input.published) finding.published = input.published;
  if (input.analysis) finding.analysis = input.analysis;
  if (input.url) finding.url = input.url;
  const applicability = input.applicability?.trim().toLowerCase().replaceAll('_', ' ');
  if (applicability) finding.applicability = applicability;
  return finding;
}
