import { componentFromPurl } from '../findings/component.js';
import type { Location } from '../findings/model.js';
import { itemsOf, member, parseJson, stringOf, type JsonNode } from './json.js';
import { anyKeyOf, keyOfRef, normaliseName, refOfComponent, type PackageRef } from './names.js';

interface Entry {
  line: number;
  version?: string;
}

/** A package's entries: the first one, and the first line of each version (one lookup a finding). */
interface Entries {
  first: Entry;
  byVersion: Map<string, number>;
}

/** The components of a CycloneDX JSON SBOM, keyed like the repository index, at their `purl` line. */
export class Sbom {
  /** The SBOM's path relative to the working directory. */
  readonly uri: string;
  private readonly entries = new Map<string, Entries>();

  constructor(uri: string, text: string) {
    this.uri = uri;
    this.components(member(parseJson(text), 'components')?.value);
  }

  private components(list: JsonNode | undefined): void {
    for (const node of itemsOf(list)) {
      const purl = member(node, 'purl');
      const name = member(node, 'name');
      const nameText = stringOf(name?.value);
      const line = purl?.line ?? name?.line;
      if (line && nameText) {
        const group = stringOf(member(node, 'group')?.value);
        const version = stringOf(member(node, 'version')?.value);
        const component = componentFromPurl(stringOf(purl?.value), {
          name: nameText,
          ...(group ? { group } : {}),
          ...(version ? { version } : {}),
        });
        const ref = refOfComponent(component);
        const entry = { line, ...(ref.version ? { version: ref.version } : {}) };
        this.add(keyOfRef(ref), entry);
        if (ref.ecosystem) this.add(anyKeyOf(normaliseName(ref.ecosystem, ref.name)), entry);
      }
      // CycloneDX nests the parts of a component inside it.
      this.components(member(node, 'components')?.value);
    }
  }

  private add(key: string, entry: Entry): void {
    let entries = this.entries.get(key);
    if (!entries) {
      entries = { first: entry, byVersion: new Map() };
      this.entries.set(key, entries);
    }
    if (entry.version !== undefined && !entries.byVersion.has(entry.version))
      entries.byVersion.set(entry.version, entry.line);
  }

  /** Number of component entries read. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The package's entry, the one of its version when there are several; `sameVersion` (as a manifest's or
   * lockfile's line has it) unless the entry names another version than the finding's.
   */
  locationOf(ref: PackageRef): Location | undefined {
    const entries = this.entries.get(keyOfRef(ref)) ?? this.entries.get(anyKeyOf(ref.name));
    if (!entries) return undefined;
    const own = ref.version === undefined ? undefined : entries.byVersion.get(ref.version);
    const { first } = entries;
    const sameVersion = own !== undefined || ref.version === undefined || first.version === undefined;
    return {
      uri: this.uri,
      startLine: own ?? first.line,
      rule: 'sbom',
      ...(sameVersion ? { sameVersion } : {}),
    };
  }
}
