import { itemsOf, member, parseJson, stringOf } from '../json.js';
import type { Declaration } from './declaration.js';
import { scanJsonManifest } from './json-manifest.js';

/** composer.json `require` and `require-dev`; `php`, `ext-*` and other platform names have no vendor. */
export const scanComposerJson = scanJsonManifest('composer', ['require', 'require-dev'], (name) =>
  name.includes('/'),
);

/** composer.lock: `packages` and `packages-dev`, at the line of each package's `name`. */
export function scanComposerLock(text: string): Declaration[] {
  const root = parseJson(text);
  const declarations: Declaration[] = [];
  for (const section of ['packages', 'packages-dev']) {
    for (const item of itemsOf(member(root, section)?.value)) {
      const name = member(item, 'name');
      const value = stringOf(name?.value);
      if (!name || !value) continue;
      const version = stringOf(member(item, 'version')?.value);
      declarations.push({
        ecosystem: 'composer',
        name: value,
        ...(version ? { version } : {}),
        line: name.line,
        direct: false,
      });
    }
  }
  return declarations;
}
