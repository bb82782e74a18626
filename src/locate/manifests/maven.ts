import { blankXmlComments, lineLocator, tagMatches } from '../text.js';
import type { Declaration } from './declaration.js';

/** Elements of a pom whose `groupId` and `artifactId` name a package the build uses. */
const COORDINATE_BLOCKS = new Set(['dependency', 'parent', 'plugin', 'extension']);

interface Block {
  element: string;
  /** Nesting depth of the block's element: its coordinates are one deeper. */
  depth: number;
  groupId?: string;
  artifactId?: string;
  version?: string;
  line?: number;
}

/** A tag (`<name …>`, `</name>`, `<name/>`) and the text after it, up to the next tag. */
const TAG = /<(\/?)([A-Za-z][\w.-]*)[^>]*?(\/?)>([^<]*)/y;

/** `${name}`: a version or group the pom's `<properties>` (or its own or its parent's coordinates) give. */
const PROPERTY = /^\$\{([^}]+)\}$/;

/**
 * pom.xml: `<dependency>`, `<parent>`, `<plugin>` and `<extension>` blocks, at the line of their
 * `<artifactId>`; the project's own coordinates mark it as a project. Exclusions are skipped. A version or
 * group `${name}` is read from the pom's own `<properties>` (`${project.version}` and `${project.groupId}` from
 * its coordinates, else its parent's), so a module on the vulnerable version is told from one that pins the
 * fixed one, and a sibling module named by `${project.groupId}` is found; else it stays as written.
 */
export function scanPom(text: string): Declaration[] {
  const source = blankXmlComments(text);
  const lineAt = lineLocator(source);
  const declarations: Declaration[] = [];
  const project: Block = { element: 'project', depth: 1 };
  const stack: Block[] = [];
  const properties = new Map<string, string>();
  let inProperties = false;
  let depth = 0;
  let parent: Block | undefined;
  for (const match of tagMatches(source, TAG)) {
    const [, closing, element = '', selfClosing, content = ''] = match;
    if (closing) {
      if (element === 'properties' && depth === 2) inProperties = false;
      depth--;
      const top = stack.at(-1);
      if (top?.element !== element) continue;
      stack.pop();
      if (element === 'parent') parent = top;
      declare(top, declarations);
      continue;
    }
    if (selfClosing) continue;
    depth++;
    if (inProperties && depth === 3) properties.set(element, content.trim());
    if (element === 'properties' && depth === 2) inProperties = true;
    if (COORDINATE_BLOCKS.has(element) || element === 'exclusion') {
      stack.push({ element, depth });
      continue;
    }
    if (element !== 'groupId' && element !== 'artifactId' && element !== 'version') continue;
    // Only a block's own children count: plugin configuration may hold other coordinates.
    const owner = stack.at(-1) ?? project;
    if (depth !== owner.depth + 1) continue;
    owner[element] = content.trim();
    if (element === 'artifactId') owner.line = lineAt(match.index);
  }
  // A module inherits its parent's groupId and version when it names none.
  const groupId = project.groupId ?? parent?.groupId;
  const version = project.version ?? parent?.version;
  declare({ ...project, groupId }, declarations, true);
  for (const [key, value] of [
    ['project.groupId', groupId],
    ['project.version', version],
    ['project.parent.groupId', parent?.groupId],
    ['project.parent.version', parent?.version],
  ] as const) {
    if (value) properties.set(key, value);
  }
  for (const declaration of declarations) {
    const version = resolved(declaration.version, properties);
    if (version) declaration.version = version;
    // A sibling module is often named by `${project.groupId}`.
    const colon = declaration.name.lastIndexOf(':');
    const group = resolved(declaration.name.slice(0, colon), properties);
    if (group) declaration.name = `${group}${declaration.name.slice(colon)}`;
  }
  return declarations;
}

/** A `${name}` the pom's properties give a plain value; undefined for anything else. */
function resolved(text: string | undefined, properties: ReadonlyMap<string, string>): string | undefined {
  const name = text && PROPERTY.exec(text)?.[1];
  const value = name ? properties.get(name) : undefined;
  return value && !value.includes('${') ? value : undefined;
}

function declare(block: Block, into: Declaration[], self = false): void {
  if (block.element === 'exclusion' || !block.artifactId || !block.line) return;
  // Maven's default plugin group.
  const group = block.groupId ?? (block.element === 'plugin' ? 'org.apache.maven.plugins' : undefined);
  if (!group) return;
  into.push({
    ecosystem: 'maven',
    name: `${group}:${block.artifactId}`,
    ...(block.version ? { version: block.version } : {}),
    line: block.line,
    direct: true,
    ...(self ? { self } : {}),
  });
}
