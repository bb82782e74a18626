import { LINE_END } from '../text.js';
import type { Declaration } from './declaration.js';

/**
 * A `// … indirect` comment, as `/\/\/.*\bindirect\b/` finds it; that regex went to the end of the line
 * and back from every `//`, quadratic in a line of many.
 */
function indirect(line: string): boolean {
  const comment = line.indexOf('//');
  if (comment < 0) return false;
  for (const part of line.slice(comment).split(LINE_END)) {
    const at = part.indexOf('//');
    if (at >= 0 && /\bindirect\b/.test(part.slice(at + 2))) return true;
  }
  return false;
}

/**
 * go.mod: `require` lines, single or in a block; `// indirect` marks a module only another one needs. A
 * `replace` line pins the module it replaces with (a local path pins none). The `module` line names the project.
 */
export function scanGoMod(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  let block: 'require' | 'replace' | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const module = /^module\s+"?([^\s"/][^\s"]*)"?/.exec(line)?.[1];
    if (module) {
      declarations.push({ ecosystem: 'golang', name: module, line: index + 1, direct: true, self: true });
      return;
    }
    if (block && line.startsWith(')')) {
      block = undefined;
      return;
    }
    // A comment may follow the parenthesis (`require ( // direct`).
    const opens = /^(require|replace)\s*\(\s*(\/\/.*)?$/.exec(line)?.[1];
    if (opens) {
      block = opens as 'require' | 'replace';
      return;
    }
    // The spaces are taken whole (`(?=(\s+))\1`): `\s+(.*)$` gave them back one by one when `$` failed.
    const [, directive, , rest] = /^(require|replace)(?=(\s+))\2(.*)$/.exec(line) ?? [];
    const kind = block ?? directive;
    const stated = block ? line : rest;
    // A replacement pins the module after `=>` (`old v1 => new v2`): that line is where it is changed.
    const requirement = kind === 'replace' ? /=>\s*(.*)$/.exec(stated ?? '')?.[1] : stated;
    const match = requirement && /^"?([^\s"/][^\s"]*)"?\s+(v[^\s/]+)/.exec(requirement);
    if (!match?.[1]) return;
    declarations.push({
      ecosystem: 'golang',
      name: match[1],
      ...(match[2] ? { version: match[2] } : {}),
      line: index + 1,
      direct: !indirect(line),
    });
  });
  return declarations;
}
