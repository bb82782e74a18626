import { itemsOf, member, membersOf, parseJson, stringOf } from '../json.js';
import type { Declaration } from './declaration.js';

/** composer.json `require` and `require-dev`; `php`, `ext-*` and other platform names have no vendor. */
export function scanComposerJson(text: string): Declaration[] {
  const root = parseJson(text);
  const declarations: Declaration[] = [];
  const own = member(root, 'name');
  const name = stringOf(own?.value);
  if (own && name)
    declarations.push({ ecosystem: 'composer', name, line: own.line, direct: true, self: true });
  for (const section of ['require', 'require-dev']) {
    for (const entry of membersOf(member(root, section)?.value)) {
      if (!entry.key.includes('/')) continue;
      const version = stringOf(entry.value);
      declarations.push({
        ecosystem: 'composer',
        name: entry.key,
        ...(version ? { version } : {}),
        line: entry.line,
        direct: true,
      });
    }
  }
  return declarations;
}

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
