import { member, membersOf, parseJson, stringOf } from '../json.js';
import type { Declaration } from './declaration.js';

/**
 * A JSON manifest (package.json, composer.json): the project's own `name`, and the entries of its dependency
 * `sections`, each a `"name": "version"` member; `keep` passes over names that are no packages.
 */
export function scanJsonManifest(
  ecosystem: string,
  sections: readonly string[],
  keep: (name: string) => boolean = () => true,
): (text: string) => Declaration[] {
  return (text) => {
    const root = parseJson(text);
    const declarations: Declaration[] = [];
    const own = member(root, 'name');
    const name = stringOf(own?.value);
    if (own && name) declarations.push({ ecosystem, name, line: own.line, direct: true, self: true });
    for (const section of sections) {
      for (const entry of membersOf(member(root, section)?.value)) {
        if (!keep(entry.key)) continue;
        const version = stringOf(entry.value);
        declarations.push({
          ecosystem,
          name: entry.key,
          ...(version ? { version } : {}),
          line: entry.line,
          direct: true,
        });
      }
    }
    return declarations;
  };
}
