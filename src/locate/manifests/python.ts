import { member, membersOf, parseJson, stringOf } from '../json.js';
import { lastLineEnd } from '../text.js';
import { tomlEvents, type TomlString } from '../toml.js';
import type { Declaration } from './declaration.js';

/** The name of a PEP 508 requirement (`Django[bcrypt]>=4.1 ; python_version > "3"`) and its pinned version. */
function requirement(text: string): { name: string; version?: string } | undefined {
  const match =
    /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*(?:===?\s*([^\s;,]+))?/.exec(text);
  if (!match?.[1]) return undefined;
  return { name: match[1], ...(match[2] ? { version: match[2] } : {}) };
}

function pypi(name: string, version: string | undefined, line: number, direct: boolean): Declaration {
  return { ecosystem: 'pypi', name, ...(version ? { version } : {}), line, direct };
}

/**
 * A requirements line without its comment (a `#` at its start or after a space, to its end), as
 * `line.replace(/(^|\s)#.*$/, '')` gives it; that regex went to the end of the line and back from every
 * ` #` when a line end other than `\n` (where `.` stops) followed.
 */
function withoutComment(line: string): string {
  for (let hash = line.indexOf('#', lastLineEnd(line) + 1); hash >= 0; hash = line.indexOf('#', hash + 1)) {
    if (hash === 0) return '';
    if (/\s/.test(line.charAt(hash - 1))) return line.slice(0, hash - 1);
  }
  return line;
}

/** requirements*.txt (and pip-tools `.in`): one requirement per line; options and includes are skipped. */
export function scanRequirements(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  let continued = false;
  text.split(/\r?\n/).forEach((line, index) => {
    const wasContinued = continued;
    continued = /\\\s*$/.test(line);
    if (wasContinued) return;
    // `-e git+https://…#egg=name` names the package after `#egg=`.
    const egg = /^\s*[^#\s].*#egg=([A-Za-z0-9._-]+)/.exec(line)?.[1];
    if (egg) {
      declarations.push(pypi(egg, undefined, index + 1, true));
      return;
    }
    const content = withoutComment(line);
    // Options (`-r other.txt`, `--hash`), local paths and URLs name no package of an index.
    if (/^\s*(?:-|\.|\/|[\w+.-]+:\/\/)/.test(content)) return;
    const parsed = requirement(content);
    if (parsed) declarations.push(pypi(parsed.name, parsed.version, index + 1, true));
  });
  return declarations;
}

/**
 * The files a requirements file includes: `-r base.txt`, `--requirement=base.txt`, `-rbase.txt`, and the
 * constraints files of `-c` / `--constraint`, whose pins are the lines to change too. URLs are left out.
 */
export function requirementIncludes(text: string): string[] {
  const includes: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const option = /^\s*(?:--(?:requirement|constraint)(?:\s*=\s*|\s+)|-[rc]\s*)([^\s=-][^\s]*)/.exec(
      withoutComment(line),
    )?.[1];
    if (option && !option.includes('://')) includes.push(option);
  }
  return includes;
}

/** Poetry's dependency tables: `tool.poetry.dependencies`, `tool.poetry.dev-dependencies`, `tool.poetry.group.<g>.dependencies`. */
function isPoetryTable(table: readonly string[]): boolean {
  const path = table.join('.');
  return /^tool\.poetry\.(?:dependencies|dev-dependencies|group\.[^.]+\.dependencies)$/.test(path);
}

/** Keys whose value is an array of PEP 508 strings. */
function isRequirementArray(table: readonly string[], key: string): boolean {
  const path = table.join('.');
  if (path === 'project') return key === 'dependencies';
  if (path === 'build-system') return key === 'requires';
  if (path === 'tool.uv') return /^(?:dev|constraint|override)-dependencies$/.test(key);
  return ['project.optional-dependencies', 'dependency-groups', 'tool.pdm.dev-dependencies'].includes(path);
}

function fromStrings(strings: readonly TomlString[], into: Declaration[]): void {
  for (const string of strings) {
    const parsed = requirement(string.value);
    if (parsed) into.push(pypi(parsed.name, parsed.version, string.line, true));
  }
}

/** pyproject.toml: PEP 621 and PEP 735 arrays, Poetry tables, uv and PDM extras; `[project] name` is the project. */
export function scanPyproject(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const event of tomlEvents(text)) {
    // Poetry's table form of one dependency: `[tool.poetry.dependencies.Django]`, then `version = "3.2"`.
    if (event.type === 'table') {
      const name = event.path.at(-1);
      if (name && name !== 'python' && isPoetryTable(event.path.slice(0, -1)))
        declarations.push(pypi(name, undefined, event.line, true));
      continue;
    }
    if (event.type !== 'key') continue;
    const [key = ''] = event.key;
    const path = event.table.join('.');
    if ((path === 'project' || path === 'tool.poetry') && key === 'name' && event.strings[0]) {
      declarations.push({ ...pypi(event.strings[0].value, undefined, event.line, true), self: true });
    } else if (isPoetryTable(event.table) && key !== 'python') {
      declarations.push(pypi(key, undefined, event.line, true));
    } else if (isRequirementArray(event.table, key)) {
      fromStrings(event.strings, declarations);
    }
  }
  return declarations;
}

/** Pipfile sections that are not package categories. */
const PIPFILE_SETTINGS = new Set(['source', 'requires', 'scripts', 'pipenv']);

export function scanPipfile(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const event of tomlEvents(text)) {
    if (event.type !== 'key' || event.table.length !== 1 || PIPFILE_SETTINGS.has(event.table[0] ?? ''))
      continue;
    const version = /^"==\s*([^"]+)"/.exec(event.value)?.[1];
    declarations.push(pypi(event.key[0] ?? '', version, event.line, true));
  }
  return declarations;
}

/** Pipfile.lock: every category (`default`, `develop`, …) maps names to `{version: "==1.0"}`. */
export function scanPipfileLock(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const category of membersOf(parseJson(text))) {
    if (category.key === '_meta') continue;
    for (const entry of membersOf(category.value)) {
      const version = stringOf(member(entry.value, 'version')?.value)?.replace(/^==/, '');
      declarations.push(pypi(entry.key, version, entry.line, false));
    }
  }
  return declarations;
}
