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

/** Splits dotted keys and table paths, honouring quotes. */
function splitPath(text: string): string[] {
  const bare = text.trim();
  if (/^[\w-]+$/.test(bare)) return [bare];
  const parts: string[] = [];
  for (const match of text.matchAll(/\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([^.\s"']+))\s*(?:\.|$)/g)) {
    parts.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return parts;
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
    const header = /^(\[\[?)\s*([^\]]+?)\s*\]\]?/.exec(line);
    if (header) {
      table = splitPath(header[2] ?? '');
      yield { type: 'table', path: table, array: header[1] === '[[', line: index + 1 };
      continue;
    }
    const equals = /^((?:"(?:[^"\\]|\\.)*"|'[^']*'|[^=#"'])+)=(.*)$/.exec(line);
    if (!equals) continue;
    const keyLine = index + 1;
    const strings: TomlString[] = [];
    const rest = (equals[2] ?? '').trim();
    const delimiter = /^("""|''')/.exec(rest)?.[1];
    if (delimiter && !rest.slice(3).includes(delimiter)) {
      // A multi-line string's lines are text, not keys or tables.
      do index++;
      while (index < lines.length && !(lines[index] ?? '').includes(delimiter));
      yield { type: 'key', table, key: splitPath(equals[1] ?? ''), line: keyLine, value: rest, strings };
      continue;
    }
    const first = scanValue(rest, keyLine, strings);
    const value = rest.slice(0, first.end).trim();
    let depth = first.depth;
    while (depth > 0 && index + 1 < lines.length) {
      index++;
      depth += scanValue(lines[index] ?? '', index + 1, strings).depth;
    }
    yield { type: 'key', table, key: splitPath(equals[1] ?? ''), line: keyLine, value, strings };
  }
}
