import type { Declaration } from './declaration.js';

/**
 * go.mod: `require` lines, single or in a block; `// indirect` marks a module only another one needs.
 * The `module` line names the project.
 */
export function scanGoMod(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  let inRequireBlock = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const module = /^module\s+"?([^\s"/][^\s"]*)"?/.exec(line)?.[1];
    if (module) {
      declarations.push({ ecosystem: 'golang', name: module, line: index + 1, direct: true, self: true });
      return;
    }
    if (inRequireBlock && line.startsWith(')')) {
      inRequireBlock = false;
      return;
    }
    if (/^require\s*\($/.test(line)) {
      inRequireBlock = true;
      return;
    }
    const requirement = inRequireBlock ? line : /^require\s+(.*)$/.exec(line)?.[1];
    const match = requirement && /^"?([^\s"/][^\s"]*)"?\s+(v[^\s/]+)/.exec(requirement);
    if (!match?.[1]) return;
    declarations.push({
      ecosystem: 'golang',
      name: match[1],
      ...(match[2] ? { version: match[2] } : {}),
      line: index + 1,
      direct: !/\/\/.*\bindirect\b/.test(line),
    });
  });
  return declarations;
}
