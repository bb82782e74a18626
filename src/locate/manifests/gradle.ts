import { blank, lineLocator } from '../text.js';
import type { Declaration } from './declaration.js';

/** `"group:artifact:version"`, `'group:artifact'`, `"g:a:$version:classifier@ext"`. */
const COORDINATES = /(["'])([\w.-]+):([\w.-]+)(?::([^"'\s:@]*))?[^"'\s]*\1/g;
/** `group: 'g', name: 'a', version: 'v'` (Groovy) and `group = "g", name = "a", version = "v"` (Kotlin, TOML). */
const MAP_FORM =
  /\bgroup\s*[:=]\s*(["'])([^"']+)\1\s*,\s*name\s*[:=]\s*(["'])([^"']+)\3(?:\s*,\s*version\s*[:=]\s*(["'])([^"']+)\5)?/g;

/**
 * build.gradle, build.gradle.kts and version catalogs (`libs.versions.toml`): dependency notations as
 * strings or as group/name maps. Comments are blanked first (but not the `//` of `https://`).
 */
export function scanGradle(text: string): Declaration[] {
  const source = blank(text, /\/\*[\s\S]*?\*\/|(?<![:\\])\/\/.*$|^\s*#.*$/gm);
  const lineAt = lineLocator(source);
  const declarations: Declaration[] = [];
  const add = (group: string, artifact: string, version: string | undefined, offset: number) =>
    declarations.push({
      ecosystem: 'maven',
      name: `${group}:${artifact}`,
      ...(version ? { version } : {}),
      line: lineAt(offset),
      direct: true,
    });
  for (const match of source.matchAll(COORDINATES)) {
    add(match[2] ?? '', match[3] ?? '', match[4], match.index);
  }
  for (const match of source.matchAll(MAP_FORM)) {
    add(match[2] ?? '', match[4] ?? '', match[6], match.index);
  }
  return declarations.sort((a, b) => a.line - b.line);
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
