import { LINE_END } from './text.js';

/**
 * A line-oriented TOML reader: enough of TOML to find the line of a table header, a key, or a string in
 * an array value (dependency lists span lines), without building the document.
 */
export interface TomlString {
  value: string;
  line: number;
}

export type TomlEvent =
  | { type: 'table'; path: string[]; array: boolean; line: number }
  | {
      type: 'key';
      /** The enclosing table's path. */
      table: string[];
      /** Dotted keys give several parts (`serde.workspace = true` → `serde`, `workspace`). */
      key: string[];
      line: number;
      /** The value's text on the key's line, comment removed. */
      value: string;
      /** Every string literal in the value, with its line (arrays may span lines). */
      strings: TomlString[];
    };

const SPACE = /\s/;
const BARE_END = /[.\s"']/;

function skipSpaces(text: string, at: number): number {
  while (at < text.length && SPACE.test(text.charAt(at))) at++;
  return at;
}

/**
 * For each index of `text`: where a basic string whose content goes on from there closes (its `"`), else
 * -1. Escapes are `\` and one character a regex's `.` takes, so `close[i]` follows from `close[i + 1]` or
 * `close[i + 2]`, and a scan from every `"` costs one look-up.
 */
function basicStringCloses(text: string): Int32Array {
  const close = new Int32Array(text.length + 2).fill(-1);
  for (let at = text.length - 1; at >= 0; at--) {
    const c = text[at];
    if (c === '"') close[at] = at;
    else if (c !== '\\') close[at] = close[at + 1] ?? -1;
    else if (at + 1 < text.length && !LINE_END.test(text.charAt(at + 1))) close[at] = close[at + 2] ?? -1;
  }
  return close;
}

/**
 * Splits dotted keys and table paths, honouring quotes: what the global regex
 * `/\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^.\s"']+))\s*(?:\.|$)/g` matched, a part (`"` strings keep their
 * escapes as written) followed by a dot or the end. Scanned by hand: where no part matched, the regex went
 * on at the next character, and went over the same run (or string) again from each.
 */
function splitPath(text: string): string[] {
  const bare = text.trim();
  if (/^[\w-]+$/.test(bare)) return [bare];
  const parts: string[] = [];
  const close = basicStringCloses(text);
  for (let at = 0; at < text.length;) {
    const start = skipSpaces(text, at);
    if (start >= text.length) break;
    const c = text.charAt(start);
    let end = -1;
    let value = '';
    if (c === '"') {
      const closing = close[start + 1] ?? -1;
      if (closing >= 0) [end, value] = [closing + 1, text.slice(start + 1, closing)];
    } else if (c === "'") {
      const closing = text.indexOf("'", start + 1);
      if (closing >= 0) [end, value] = [closing + 1, text.slice(start + 1, closing)];
    } else if (!BARE_END.test(c)) {
      end = start + 1;
      while (end < text.length && !BARE_END.test(text.charAt(end))) end++;
      value = text.slice(start, end);
    }
    if (end >= 0) {
      const after = skipSpaces(text, end);
      if (after >= text.length || text[after] === '.') {
        parts.push(value);
        at = after + 1;
        continue;
      }
    }
    // No part here, nor anywhere else in a bare run with the same end; inside a string there may be.
    at = end >= 0 && c !== '"' && c !== "'" ? end : start + 1;
  }
  return parts;
}

/**
 * A table header (a trimmed line such as `[a.b]` or `[[a]]`): whether it is an array table, and its path's
 * text, up to the first `]` and without the spaces around it, as `/^(\[\[?)\s*([^\]]+?)\s*\]\]?/` read it.
 * By hand: after each character of the lazy `([^\]]+?)`, the regex went over the spaces that followed.
 */
function tableHeader(line: string): { array: boolean; path: string } | undefined {
  if (line[0] !== '[') return undefined;
  for (const open of line[1] === '[' ? [2, 1] : [1]) {
    const close = line.indexOf(']', open);
    if (close <= open) continue;
    const inside = line.slice(open, close);
    // Only spaces: the regex's group took the last of them.
    return { array: open === 2, path: inside.trim() || inside.slice(-1) };
  }
  return undefined;
}

/**
 * A `key = value` line (trimmed): the key's text and what follows the `=`, as
 * `/^((?:"(?:[^"\\]|\\.)*"|'[^']*'|[^=#"'])+)=(.*)$/` read it: the first `=` outside quoted strings, after
 * at least one character, none of them a `#` or a quote that does not close; nothing after it ends a line.
 * By hand: the regex kept a step per character to go back to, and a line of millions overflowed its stack.
 */
function keyValue(line: string): { key: string; value: string } | undefined {
  let at = 0;
  for (; at < line.length && line[at] !== '='; at++) {
    const c = line[at];
    if (c === '#') return undefined;
    if (c === "'") {
      at = line.indexOf("'", at + 1);
      if (at < 0) return undefined;
    } else if (c === '"') {
      for (at++; at < line.length && line[at] !== '"'; at++) {
        // An escape is `\` and any character a regex's `.` takes.
        if (line[at] === '\\' && (at + 1 >= line.length || LINE_END.test(line.charAt(at + 1))))
          return undefined;
        if (line[at] === '\\') at++;
      }
      if (at >= line.length) return undefined;
    }
  }
  if (at === 0 || at >= line.length) return undefined;
  const value = line.slice(at + 1);
  return LINE_END.test(value) ? undefined : { key: line.slice(0, at), value };
}

/** Scans one line of a value: its strings, its bracket depth change, and where a comment starts. */
function scanValue(text: string, line: number, strings: TomlString[]): { depth: number; end: number } {
  let depth = 0;
  for (let at = 0; at < text.length; at++) {
    const c = text[at];
    if (c === '#') return { depth, end: at };
    if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === '"' || c === "'") {
      let end = at + 1;
      while (end < text.length && text[end] !== c) end += c === '"' && text[end] === '\\' ? 2 : 1;
      strings.push({ value: text.slice(at + 1, end), line });
      at = end;
    }
  }
  return { depth, end: text.length };
}

export function* tomlEvents(text: string): Generator<TomlEvent> {
  const lines = text.split(/\r?\n/);
  let table: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    if (!line || line.startsWith('#')) continue;
    const header = tableHeader(line);
    if (header) {
      table = splitPath(header.path);
      yield { type: 'table', path: table, array: header.array, line: index + 1 };
      continue;
    }
    const equals = keyValue(line);
    if (!equals) continue;
    const keyLine = index + 1;
    const strings: TomlString[] = [];
    const rest = equals.value.trim();
    const delimiter = /^("""|''')/.exec(rest)?.[1];
    if (delimiter && !rest.slice(3).includes(delimiter)) {
      // A multi-line string's lines are text, not keys or tables.
      do index++;
      while (index < lines.length && !(lines[index] ?? '').includes(delimiter));
      yield { type: 'key', table, key: splitPath(equals.key), line: keyLine, value: rest, strings };
      continue;
    }
    const first = scanValue(rest, keyLine, strings);
    const value = rest.slice(0, first.end).trim();
    let depth = first.depth;
    while (depth > 0 && index + 1 < lines.length) {
      index++;
      depth += scanValue(lines[index] ?? '', index + 1, strings).depth;
    }
    yield { type: 'key', table, key: splitPath(equals.key), line: keyLine, value, strings };
  }
}
