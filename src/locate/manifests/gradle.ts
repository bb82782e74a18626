import { blankRanges, LINE_END, lineLocator, type Range } from '../text.js';
import type { Declaration } from './declaration.js';

/**
 * `"group:artifact:version"`, `'group:artifact'`, `"g:a:$version:classifier@ext"`. Each run is taken whole
 * (`(?=(x+))\2` cannot give characters back): `([\w.-]+)…[^"'\s]*\1` tried every shorter artifact against
 * the rest of an unclosed string, quadratic in its length, for the same answer.
 */
const COORDINATES = /(["'])(?=([\w.-]+))\2:(?=([\w.-]+))\3(?::(?=([^"'\s:@]*))\4)?(?=([^"'\s]*))\5\1/g;
/** `group: 'g', name: 'a', version: 'v'` (Groovy) and `group = "g", name = "a", version = "v"` (Kotlin, TOML). */
const MAP_FORM =
  /\bgroup\s*[:=]\s*(["'])([^"']+)\1\s*,\s*name\s*[:=]\s*(["'])([^"']+)\3(?:\s*,\s*version\s*[:=]\s*(["'])([^"']+)\5)?/g;
/**
 * A version catalog's library of group and artifact apart, in `settings.gradle(.kts)`:
 * `library("commons-text", "org.apache.commons", "commons-text").version("1.9")` (`versionRef` names no version).
 */
const LIBRARY_FORM =
  /\blibrary\s*\(\s*(["'])[^"'\r\n]*\1\s*,\s*(["'])([\w.-]+)\2\s*,\s*(["'])([\w.-]+)\4\s*\)(?:\s*\.\s*version\s*\(?\s*(["'])([^"'\s]+)\6)?/g;

const SLASH = 0x2f;
const STAR = 0x2a;
const HASH = 0x23;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
/** LINE_END, searched from a position. */
const NEXT_LINE_END = new RegExp(LINE_END.source, 'g');
/** Whitespace of one line: `\s` but line ends. */
const INDENT = /[^\S\n\r\u2028\u2029]*/y;

function lineEnd(text: string, from: number): number {
  NEXT_LINE_END.lastIndex = from;
  return NEXT_LINE_END.exec(text)?.index ?? text.length;
}

function isLineStart(text: string, at: number): boolean {
  const c = text.charCodeAt(at - 1);
  return at === 0 || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/**
 * The comments of a Gradle script or TOML catalog, left to right: `/* … *\/`, `//` to the end of the line
 * (but not the `//` of `https://`), and lines starting with `#`. What the regex
 * `/\/\*[\s\S]*?\*\/|(?<![:\\])\/\/.*$|^\s*#.*$/gm` found, by a scan of the text: the regex searched to the
 * end of the text from every `/*` never closed, and went over a run of blank lines again from each of them.
 */
function comments(text: string): Range[] {
  const ranges: Range[] = [];
  // Once a `/*` is not closed, no later one is.
  let blockCloses = true;
  for (let at = 0; at < text.length;) {
    const c = text.charCodeAt(at);
    const next = text.charCodeAt(at + 1);
    if (c === SLASH && next === STAR && blockCloses) {
      const close = text.indexOf('*/', at + 2);
      if (close >= 0) {
        ranges.push([at, close + 2]);
        at = close + 2;
        continue;
      }
      blockCloses = false;
    }
    const previous = text.charCodeAt(at - 1);
    if (c === SLASH && next === SLASH && previous !== COLON && previous !== BACKSLASH) {
      const end = lineEnd(text, at + 2);
      ranges.push([at, end]);
      at = end;
      continue;
    }
    if (isLineStart(text, at)) {
      INDENT.lastIndex = at;
      INDENT.test(text);
      if (text.charCodeAt(INDENT.lastIndex) === HASH) {
        const end = lineEnd(text, INDENT.lastIndex + 1);
        ranges.push([at, end]);
        at = end;
        continue;
      }
    }
    at++;
  }
  return ranges;
}

/**
 * build.gradle, build.gradle.kts and version catalogs (`libs.versions.toml`, its `version.ref`s read from its
 * `[versions]`, and those `settings.gradle(.kts)`
 * declares in `dependencyResolutionManagement { versionCatalogs { … } }`): dependency notations as strings, as
 * group/name maps, or as a catalog's `library(alias, group, artifact)`. Comments are blanked first (but not the `//` of `https://`).
 */
export function scanGradle(text: string): Declaration[] {
  const source = blankRanges(text, comments(text));
  const lineAt = lineLocator(source);
  const refs = versionRefs(source, lineAt);
  const declarations: Declaration[] = [];
  const add = (group: string, artifact: string, written: string | undefined, offset: number) => {
    const line = lineAt(offset);
    const version = written ?? refs.get(line);
    declarations.push({
      ecosystem: 'maven',
      name: `${group}:${artifact}`,
      ...(version ? { version } : {}),
      line,
      direct: true,
    });
  };
  for (const match of source.matchAll(COORDINATES)) {
    add(match[2] ?? '', match[3] ?? '', match[4], match.index);
  }
  for (const match of source.matchAll(MAP_FORM)) {
    add(match[2] ?? '', match[4] ?? '', match[6], match.index);
  }
  for (const match of source.matchAll(LIBRARY_FORM)) {
    add(match[3] ?? '', match[5] ?? '', match[7], match.index);
  }
  return declarations.sort((a, b) => a.line - b.line);
}

/**
 * A version catalog's `[versions]` table (`libs.versions.toml`), by name: `jackson = "2.15.0"`, TOML's literal
 * `'2.15.0'`, or a rich version's `{ strictly = "2.15.0" }` (`require`, `prefer` alike).
 */
function catalogVersions(source: string): ReadonlyMap<string, string> {
  const versions = new Map<string, string>();
  let inTable = false;
  // Line by line: a regex over the whole file would backtrack on hostile ones (linear-scans.test.ts).
  for (const line of source.split(LINE_END)) {
    const header = /^\s*\[([^\]]*)\]/.exec(line);
    if (header) inTable = header[1]?.trim() === 'versions';
    const entry =
      inTable && !header
        ? /^\s*([\w.-]+)\s*=\s*(?:\{[^}]*?\b(?:strictly|require|prefer)\s*=\s*)?(["'])([^"'\s]+)\2/.exec(line)
        : null;
    if (entry?.[1] && entry[3]) versions.set(entry[1], entry[3]);
  }
  return versions;
}

/**
 * The versions catalog entries name by `version.ref = "jackson"` (or `version = { ref = "jackson" }`), by the
 * line of the entry, from the `[versions]` table: one pass over the text, whatever the number of entries on a line.
 */
function versionRefs(source: string, lineAt: (offset: number) => number): ReadonlyMap<number, string> {
  const versions = catalogVersions(source);
  const refs = new Map<number, string>();
  if (!versions.size) return refs;
  for (const match of source.matchAll(/\bversion(?:\.ref|\s*=\s*\{\s*ref)\s*=\s*(["'])([^"'\r\n]+)\1/g)) {
    const version = versions.get(match[2] ?? '');
    if (version) refs.set(lineAt(match.index), version);
  }
  return refs;
}

/** gradle.lockfile: `group:artifact:version=configurations`, one per line. */
export function scanGradleLockfile(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^([^#=:\s]+):([^=:\s]+):([^=:\s]+)=/.exec(line);
    if (match) {
      declarations.push({
        ecosystem: 'maven',
        name: `${match[1]}:${match[2]}`,
        version: match[3] ?? '',
        line: index + 1,
        direct: false,
      });
    }
  });
  return declarations;
}
