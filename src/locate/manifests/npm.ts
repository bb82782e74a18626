import { member, membersOf, parseJson, stringOf, type JsonNode } from '../json.js';
import type { Declaration } from './declaration.js';
import { scanJsonManifest } from './json-manifest.js';

const DEPENDENCY_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

export const scanPackageJson = scanJsonManifest('npm', DEPENDENCY_SECTIONS);

/** lockfileVersion 1 nests `dependencies` inside each package; the outermost are installed at the top. */
function lockV1(node: JsonNode | undefined, into: Declaration[], top = true): void {
  for (const dependency of membersOf(node)) {
    const version = stringOf(member(dependency.value, 'version')?.value);
    into.push({
      ecosystem: 'npm',
      name: dependency.key,
      ...(version ? { version } : {}),
      line: dependency.line,
      direct: false,
      ...(top ? { installsFor: [''] } : {}),
    });
    lockV1(member(dependency.value, 'dependencies')?.value, into, false);
  }
}

/**
 * `package-lock.json` and `npm-shrinkwrap.json`. npm installs what the project asks for at the top
 * (`node_modules/<name>`), a workspace's own copy below it (`packages/a/node_modules/<name>`) and other copies
 * below their dependent; a workspace without its own copy uses the top one.
 */
export function scanPackageLock(text: string): Declaration[] {
  const root = parseJson(text);
  const declarations: Declaration[] = [];
  const packages = member(root, 'packages');
  if (!packages) {
    lockV1(member(root, 'dependencies')?.value, declarations);
    return declarations;
  }
  const installed = new Map<string, Declaration>();
  const workspaces: { folder: string; entry: JsonNode }[] = [];
  for (const entry of membersOf(packages.value)) {
    // `""` is the project and `packages/a` a workspace: only `…node_modules/<name>` keys are installed packages.
    const at = entry.key.lastIndexOf('node_modules/');
    if (at < 0) {
      if (entry.key) workspaces.push({ folder: entry.key, entry: entry.value });
      continue;
    }
    // An alias (`"x": "npm:real@1"`) installs `real` under the folder `x`.
    const name = stringOf(member(entry.value, 'name')?.value) ?? entry.key.slice(at + 'node_modules/'.length);
    const version = stringOf(member(entry.value, 'version')?.value);
    const owner = entry.key.slice(0, Math.max(0, at - 1));
    const declaration: Declaration = {
      ecosystem: 'npm',
      name,
      ...(version ? { version } : {}),
      line: entry.line,
      direct: false,
      ...(at === 0 || !`/${owner}/`.includes('/node_modules/') ? { installsFor: [owner] } : {}),
    };
    installed.set(entry.key, declaration);
    declarations.push(declaration);
  }
  for (const { folder, entry } of workspaces) {
    for (const section of DEPENDENCY_SECTIONS) {
      for (const dependency of membersOf(member(entry, section)?.value)) {
        if (installed.has(`${folder}/node_modules/${dependency.key}`)) continue;
        // A workspace naming a package in two sections (dependencies, peerDependencies) is one user of it.
        const users = installed.get(`node_modules/${dependency.key}`)?.installsFor;
        if (users && !users.includes(folder)) users.push(folder);
      }
    }
  }
  return declarations;
}

/** `lodash@^4.17.0`, `@babel/core@npm:^7.0.0`: the name ends at the first `@` after the first character. */
function nameOfSpecifier(specifier: string): string {
  const at = specifier.indexOf('@', 1);
  return at > 0 ? specifier.slice(0, at) : specifier;
}

/** Yarn classic and Berry: an entry starts with an unindented list of specifiers ending in `:`. */
export function scanYarnLock(text: string): Declaration[] {
  const lines = text.split(/\r?\n/);
  const declarations: Declaration[] = [];
  let entry: Declaration[] = [];
  // An entry's first `version` line is its version; later ones change nothing, so they cost nothing.
  let versioned = true;
  lines.forEach((line, index) => {
    if (/^[^\s#]/.test(line) && line.trimEnd().endsWith(':')) {
      const specifiers = line.trimEnd().slice(0, -1).split(',');
      const names = new Set(specifiers.map((s) => nameOfSpecifier(s.trim().replace(/^"|"$/g, ''))));
      names.delete('__metadata');
      entry = [];
      versioned = false;
      // One at a time: a header may list more specifiers than a call takes arguments (`push(...entry)`).
      for (const name of names) {
        const declaration: Declaration = { ecosystem: 'npm', name, line: index + 1, direct: false };
        entry.push(declaration);
        declarations.push(declaration);
      }
      return;
    }
    if (versioned) return;
    const version = /^\s+version:?\s+"?([^"\s]+)"?/.exec(line)?.[1];
    if (!version) return;
    for (const declaration of entry) declaration.version = version;
    versioned = true;
  });
  return declarations;
}

/**
 * A `packages:` key of pnpm-lock.yaml: `/lodash/4.17.21` (v5), `/lodash@4.17.21` (v6),
 * `'@babel/core@7.0.0(peer@1.0.0)'` (v9).
 */
function pnpmPackage(key: string): { name: string; version: string } | undefined {
  const bare = key.replace(/^['"]|['"]$/g, '').replace(/^\//, '');
  const match = /^(@[^/@]+\/[^/@]+|[^/@]+)[/@]([^(_]+)/.exec(bare);
  return match?.[1] && match[2] ? { name: match[1], version: match[2] } : undefined;
}

/**
 * The key of a YAML mapping line (`  name:` or `  name: value`) and its indentation. The spaces after the
 * colon are taken whole (`(?=(\s+))\3`): `\s+(.*)$` gave them back one by one when `$` failed.
 */
function yamlKey(line: string): { indent: number; key: string; value: string } | undefined {
  const match = /^( *)((?:'[^']*'|"[^"]*"|[^\s:#'"][^:#]*?)):(?:(?=(\s+))\3(.*))?$/.exec(line);
  if (!match) return undefined;
  return { indent: match[1]?.length ?? 0, key: match[2] ?? '', value: match[4]?.trim() ?? '' };
}

/**
 * pnpm-lock.yaml: `importers` (workspaces) and the top-level dependency sections of single-project
 * lockfiles list what the project's own declarations install (a lockfile entry, as npm's top level is:
 * the declaration itself is the manifest's); `packages` lists every installed one.
 */
export function scanPnpmLock(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  let section = '';
  // Indentation of dependency names in the current section, once a dependency section opened.
  let dependencyIndent = -1;
  let dependency: Declaration | undefined;
  // The folder of the importer whose dependencies are being read, relative to the lockfile's.
  let importer = '';
  text.split(/\r?\n/).forEach((line, index) => {
    const key = yamlKey(line);
    if (!key) return;
    if (key.indent === 0) {
      section = key.key;
      importer = '';
      dependencyIndent = DEPENDENCY_SECTIONS.includes(section) ? 2 : -1;
      return;
    }
    if (section === 'importers' && key.indent === 2) {
      importer = key.key.replace(/^['"]|['"]$/g, '').replace(/^\.(?:\/|$)/, '');
      return;
    }
    if (section === 'packages' && key.indent === 2) {
      const parsed = pnpmPackage(key.key);
      if (parsed) declarations.push({ ecosystem: 'npm', ...parsed, line: index + 1, direct: false });
      return;
    }
    if (section === 'importers' && key.indent === 4) {
      dependencyIndent = DEPENDENCY_SECTIONS.includes(key.key) ? 6 : -1;
      return;
    }
    if (key.indent === dependencyIndent) {
      // v5 writes `name: version`; v6 and later a `specifier` and a `version` below the name.
      const name = key.key.replace(/^['"]|['"]$/g, '');
      dependency = { ecosystem: 'npm', name, line: index + 1, direct: false, installsFor: [importer] };
      declarations.push(dependency);
    }
    if (
      dependency &&
      (key.indent === dependencyIndent || (key.indent === dependencyIndent + 2 && key.key === 'version'))
    ) {
      // v5 writes peers after `_` (`17.0.2_react@17.0.2`), later versions in parentheses.
      const version = /^\d[^(\s_]*/.exec(key.value)?.[0];
      if (version) dependency.version = version;
    }
  });
  return declarations;
}
