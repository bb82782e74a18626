import { member, membersOf, parseJson, stringOf } from '../json.js';
import { blankXmlComments, lineLocator, tagMatches } from '../text.js';
import type { Declaration } from './declaration.js';

const ITEM = /<(?:PackageReference|PackageVersion|GlobalPackageReference|package)\b[^>]*>/iy;
/**
 * After an item's opening tag: its `<Version>` child element, else what ends the item (its closing tag, or, when
 * it is never closed, the next item or the end of its item group).
 */
const CHILD_VERSION =
  /<Version\s*>([^<]*)<\/Version\s*>|<\/?(?:PackageReference|PackageVersion|GlobalPackageReference|package)\b|<\/(?:ItemGroup|packages|Project)\b/gi;

/** The version of an item written as a child element: `<PackageReference Include="X"><Version>1.0</Version>`. */
function childVersion(source: string, item: RegExpExecArray): string | undefined {
  if (item[0].endsWith('/>')) return undefined;
  CHILD_VERSION.lastIndex = item.index + item[0].length;
  return CHILD_VERSION.exec(source)?.[1]?.trim() || undefined;
}

/**
 * MSBuild files (`*.csproj`, `Directory.Packages.props`, …): `PackageReference`, `PackageVersion` and
 * `GlobalPackageReference` items, at the line of their `Include`/`Update` attribute, with the version of their
 * `Version` attribute or child element; and the legacy packages.config `<package id=…>`.
 */
export function scanMsbuild(text: string): Declaration[] {
  const source = blankXmlComments(text);
  const lineAt = lineLocator(source);
  const declarations: Declaration[] = [];
  for (const item of tagMatches(source, ITEM)) {
    const name = /\s(?:Include|Update|id)\s*=\s*"([^"]+)"/di.exec(item[0]);
    if (!name?.[1] || !name.indices?.[1]) continue;
    const version = /\sVersion\s*=\s*"([^"]+)"/i.exec(item[0])?.[1] ?? childVersion(source, item);
    declarations.push({
      ecosystem: 'nuget',
      name: name[1],
      ...(version ? { version } : {}),
      line: lineAt(item.index + name.indices[1][0]),
      direct: true,
    });
  }
  return declarations;
}

/** packages.lock.json: per target framework, every package with `type` `Direct`, `Transitive`, …. */
export function scanNugetLock(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  for (const framework of membersOf(member(parseJson(text), 'dependencies')?.value)) {
    for (const entry of membersOf(framework.value)) {
      const type = stringOf(member(entry.value, 'type')?.value);
      // `Project` entries are other projects of the solution, not packages.
      if (type === 'Project') continue;
      const version = stringOf(member(entry.value, 'resolved')?.value);
      declarations.push({
        ecosystem: 'nuget',
        name: entry.key,
        ...(version ? { version } : {}),
        line: entry.line,
        direct: type === 'Direct',
      });
    }
  }
  return declarations;
}
