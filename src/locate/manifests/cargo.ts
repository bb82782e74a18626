import { tomlEvents } from '../toml.js';
import type { Declaration } from './declaration.js';

/** `dependencies`, `dev-dependencies`, `build-dependencies`, also under `target.<cfg>` and `workspace`. */
function dependencyTable(table: readonly string[]): number {
  const at = table.findIndex((part) => /^(?:dev-|build-)?dependencies$/.test(part));
  if (at < 0) return -1;
  const prefix = table.slice(0, at);
  const scoped =
    prefix.length === 0 ||
    (prefix[0] === 'target' && prefix.length === 2) ||
    prefix.join('.') === 'workspace';
  return scoped ? at : -1;
}

/**
 * Cargo.toml: keys of dependency tables (`serde = "1"`, `serde.workspace = true`), tables named after a
 * crate (`[dependencies.serde]`), and `package = "real-name"` renames. `[package] name` is the project.
 */
export function scanCargoToml(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const event of tomlEvents(text)) {
    if (event.type === 'table') {
      const at = dependencyTable(event.path);
      const crate = event.path[at + 1];
      if (at >= 0 && crate && event.path.length === at + 2) {
        declarations.push({ ecosystem: 'cargo', name: crate, line: event.line, direct: true });
      }
      continue;
    }
    const [key = ''] = event.key;
    if (event.table.join('.') === 'package' && key === 'name' && event.strings[0]) {
      declarations.push({
        ecosystem: 'cargo',
        name: event.strings[0].value,
        line: event.line,
        direct: true,
        self: true,
      });
      continue;
    }
    const at = dependencyTable(event.table);
    if (at < 0 || at !== event.table.length - 1) continue;
    const renamed = /\bpackage\s*=\s*"([^"]+)"/.exec(event.value)?.[1];
    const version =
      /^"([^"]+)"$/.exec(event.value)?.[1] ?? /\bversion\s*=\s*"([^"]+)"/.exec(event.value)?.[1];
    declarations.push({
      ecosystem: 'cargo',
      name: renamed ?? key,
      ...(version ? { version } : {}),
      line: event.line,
      direct: true,
    });
  }
  return declarations;
}
