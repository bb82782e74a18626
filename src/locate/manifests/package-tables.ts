import { tomlEvents } from '../toml.js';
import type { Declaration } from './declaration.js';

/**
 * Lockfiles made of `[[package]]` tables with `name` and `version` keys: poetry.lock, uv.lock, and
 * Cargo.lock for crates.
 */
export function scanPackageTables(ecosystem: string, text: string): Declaration[] {
  const declarations: Declaration[] = [];
  let current: Declaration | undefined;
  for (const event of tomlEvents(text)) {
    if (event.type === 'table') {
      current = undefined;
      continue;
    }
    if (event.table.length !== 1 || event.table[0] !== 'package' || !event.strings[0]) continue;
    if (event.key[0] === 'name') {
      current = { ecosystem, name: event.strings[0].value, line: event.line, direct: false };
      declarations.push(current);
    } else if (event.key[0] === 'version' && current) {
      current.version = event.strings[0].value;
    }
  }
  return declarations;
}
