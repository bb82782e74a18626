import { closeSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from '../encoding.js';
import { leavesFolder, openRegularFile } from '../paths.js';
import { fileTypeOf, type FileKind, type FileType } from './manifests/index.js';
import {
  keyOf,
  keyOfRef,
  normaliseVersion,
  pinsOneVersion,
  SCANNED_ECOSYSTEMS,
  type PackageRef,
} from './names.js';
import { countLines, splitLines } from './text.js';

/** A declaration as the index keeps it: where it is, and what the locator ranks it by. */
export interface Placed {
  uri: string;
  /** The file's folder, `''` at the root. */
  folder: string;
  depth: number;
  kind: FileKind;
  line: number;
  /** Normalised (`normaliseVersion`). */
  version?: string;
  direct: boolean;
  /** Folders of the repository whose direct declaration of the package this lockfile copy installs. */
  installsFor?: readonly string[];
  /** A manifest's version names one release (`pinsOneVersion`); a lockfile's always does. */
  pinned?: true;
}

/** Whether a declaration stands for one version only: a manifest's pin (`Placed.pinned`) or a lockfile's copy. */
export function pinsVersion(placed: Placed): boolean {
  return placed.version !== undefined && (placed.pinned === true || placed.kind === 'lockfile');
}

const LF = 0x0a;

/**
 * Declarations of one package in one file that rank alike for every finding: all direct or all not, all
 * pinning a version (`Placed.pinned`, a lockfile's) or none. For a finding, the best of them is the first line
 * declaring its version, else the first line (or, when the folder's lockfile installs its version for a
 * direct declaration, the first line, every one standing for it).
 */
export interface DeclarationGroup {
  /** The group's first line. */
  first: Placed;
  /** The first line declaring each version. */
  byVersion: ReadonlyMap<string, Placed>;
}

/**
 * One warning for every file that could not be read: in the Action each warning is an annotation, and a dozen
 * template `package.json` files would use up the step's share before any finding's.
 */
function problemsMessage(problems: readonly string[]): string | undefined {
  const [first, ...more] = problems;
  if (!first) return undefined;
  if (!more.length) return `${first}; findings are placed without it.`;
  const shown = problems.slice(0, 5).join('; ');
  const rest = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
  return `${problems.length} manifests and lockfiles could not be read, and findings are placed without them: ${shown}${rest}.`;
}

function byKind(a: Placed, b: Placed): number {
  return Number(a.kind === 'lockfile') - Number(b.kind === 'lockfile');
}

function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash < 0 ? '' : uri.slice(0, slash);
}

export function depthOf(folder: string): number {
  if (!folder) return 0;
  let depth = 1;
  for (let at = folder.indexOf('/'); at >= 0; at = folder.indexOf('/', at + 1)) depth++;
  return depth;
}

/** The keys a package may be declared under: its ecosystem's, or every scanned one's when it is not known. */
function keysOf(ref: PackageRef): string[] {
  return ref.ecosystem
    ? [keyOf(ref.ecosystem, ref.name)]
    : SCANNED_ECOSYSTEMS.map((ecosystem) => keyOf(ecosystem, ref.name));
}

/**
 * Every declaration of the repository's manifests and lockfiles, read once and keyed by ecosystem and
 * normalised name, so that placing a finding costs a few map look-ups whatever the repository's size.
 */
export class Repository {
  readonly files: ReadonlySet<string>;
  /** Every folder holding a file, for reading `componentPaths` that name a folder. */
  readonly folders = new Set<string>(['']);
  /** Images the final stage of each Dockerfile is built on. */
  readonly shippedImages: Placed[] = [];
  private readonly declarations = new Map<string, Placed[]>();
  private readonly projects = new Map<string, string[]>();
  private readonly kinds = new Map<string, FileKind>();
  private readonly lineCounts = new Map<string, number>();
  /** `lookup`'s answers for names of no known ecosystem. */
  private readonly anyEcosystem = new Map<string, readonly Placed[]>();
  /** `groups`' answers, by `keyOfRef`. */
  private readonly grouped = new Map<string, DeclarationGroup[]>();
  /** The package (its key) each line of a file declares, gathered when `keyAt` is first asked. */
  private declaredLines: Map<string, Map<number, string>> | undefined;
  /** `installedVersions`' answers, by `keyOfRef`. */
  private readonly installed = new Map<string, Map<string, Set<string>>>();
  private readonly lines = new Map<string, readonly string[] | null>();
  private readonly counted = new Map<string, number | null>();
  private readonly root: string;
  /** Files that the files read so far include, with how to read them (`indexIncluded`). */
  private readonly included: [string, FileType][] = [];
  /** Files whose declarations could not be read, and why: said in one warning once all are indexed. */
  private readonly problems: string[] = [];

  /** `warn` hears of the files whose declarations could not be read (the run goes on without them). */
  constructor(root: string, files: readonly string[], warn: (message: string) => void = () => {}) {
    this.root = root;
    this.files = new Set(files);
    for (const file of files) {
      for (let folder = folderOf(file); folder && !this.folders.has(folder); folder = folderOf(folder)) {
        this.folders.add(folder);
      }
      this.index(file);
    }
    this.indexIncluded();
    // Manifests first: the locator looks only at manifests for the packages of an impact path.
    for (const list of this.declarations.values()) {
      if (list.some((placed) => placed.kind === 'lockfile')) list.sort(byKind);
    }
    const message = problemsMessage(this.problems);
    if (message) warn(message);
  }

  /**
   * Files that others include (pip's `-r base.txt`) and whose names tell nothing, read as their includer's type:
   * each once, however many include it or in whatever cycle; only files of the repository.
   */
  private indexIncluded(): void {
    const done = new Set<string>();
    for (let next = this.included.pop(); next; next = this.included.pop()) {
      const [uri, type] = next;
      if (done.has(uri) || !this.files.has(uri) || fileTypeOf(uri)) continue;
      done.add(uri);
      this.index(uri, type);
    }
  }

  private index(uri: string, type = fileTypeOf(uri)): void {
    if (!type) return;
    const text = this.read(uri, true);
    if (text === undefined) return;
    this.kinds.set(uri, type.kind);
    this.lineCounts.set(uri, countLines(text));
    const folder = folderOf(uri);
    const depth = depthOf(folder);
    let declarations;
    try {
      for (const include of type.includes?.(text) ?? []) {
        // Relative to the including file; one outside the repository (`../x`, `/etc/x`) is not read.
        const joined = path.posix.join(folder, include);
        if (!path.posix.isAbsolute(include) && !leavesFolder(joined, '/')) this.included.push([joined, type]);
      }
      declarations = type.scan(text, uri);
    } catch (error) {
      // A scanner's bug on one odd file must not fail the run (exit 4): its findings go elsewhere.
      this.problems.push(
        `${uri}: could not read its declarations (${error instanceof Error ? error.message : String(error)})`,
      );
      return;
    }
    // Folders of the repository; the lockfile's own, the common case, is one array for all of its copies.
    let own: readonly string[] | undefined;
    const installsFor = (relative: readonly string[]) =>
      relative.length === 1 && relative[0] === ''
        ? (own ??= [folder])
        : relative.map((sub) => {
            const joined = path.posix.join(folder, sub);
            return joined === '.' ? '' : joined;
          });
    for (const declaration of declarations) {
      const key = keyOf(declaration.ecosystem, declaration.name);
      if (declaration.self) {
        this.push(this.projects, key, folder);
        continue;
      }
      const placed: Placed = {
        uri,
        folder,
        depth,
        kind: type.kind,
        line: declaration.line,
        version: declaration.version && normaliseVersion(declaration.version),
        direct: declaration.direct,
        ...(declaration.installsFor ? { installsFor: installsFor(declaration.installsFor) } : {}),
        ...(type.kind === 'manifest' &&
        declaration.version !== undefined &&
        pinsOneVersion(declaration.ecosystem, declaration.version)
          ? { pinned: true }
          : {}),
      };
      this.push(this.declarations, key, placed);
      if (declaration.ecosystem === 'docker' && declaration.direct) this.shippedImages.push(placed);
    }
  }

  private push<T>(map: Map<string, T[]>, key: string, value: T): void {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  }

  /** `manifest`: a failure to read it is named in a warning, as its findings are placed without it. */
  private read(uri: string, manifest = false): string | undefined {
    const file = this.open(uri, manifest);
    if (!file) return undefined;
    try {
      // Of the size `fstat` gave (as `readFileSync` reads a file), without asking it again.
      const buffer = Buffer.allocUnsafe(file.size);
      let length = 0;
      for (let read = 1; read > 0 && length < file.size; length += read)
        read = readSync(file.fd, buffer, length, file.size - length, null);
      // UTF-16 with its mark too, as Windows PowerShell 5's `pip freeze >` saves a requirements file.
      return decodeText(buffer.subarray(0, length));
    } catch (error) {
      if (manifest) this.unreadable(uri, error);
      return undefined;
    } finally {
      closeSync(file.fd);
    }
  }

  /**
   * A descriptor of the file, or undefined when it is not a regular file: deleted since git listed it, a
   * submodule, unreadable, a FIFO or device whose reading never ends, or, for a file of the repository, a
   * symbolic link (to a file outside it, `/dev/zero`, …). Other files (an export the job made) may be links.
   */
  private open(uri: string, manifest = false): { fd: number; size: number } | undefined {
    try {
      // A file of the repository is not opened through a symbolic link the working tree put in its place.
      const opened = openRegularFile(path.join(this.root, uri), this.files.has(uri));
      return 'fd' in opened ? opened : undefined;
    } catch (error) {
      // Deleted since git listed it, or a symbolic link (`O_NOFOLLOW`): skipped as the README says, unwarned.
      const code = (error as NodeJS.ErrnoException).code;
      if (manifest && code !== 'ENOENT' && code !== 'ELOOP') this.unreadable(uri, error);
      return undefined;
    }
  }

  private unreadable(uri: string, error: unknown): void {
    const why =
      (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    this.problems.push(`${uri}: could not be read (${why})`);
  }

  /**
   * Declarations of a package, those of manifests first; of that name in any ecosystem when its
   * ecosystem is unknown.
   */
  lookup(ref: PackageRef): readonly Placed[] {
    if (ref.ecosystem) return this.find(this.declarations, ref);
    // Kept, so a name is gathered from every ecosystem once.
    let found = this.anyEcosystem.get(ref.name);
    if (!found)
      this.anyEcosystem.set(ref.name, (found = [...this.find(this.declarations, ref)].sort(byKind)));
    return found;
  }

  /**
   * A package's declarations in `DeclarationGroup`s, manifests first: placing a finding looks at one
   * declaration per group, since going over all of them for each finding took 37 s for 20,000 findings of a
   * package a lockfile holds 50,000 copies of.
   */
  groups(ref: PackageRef): readonly DeclarationGroup[] {
    const key = keyOfRef(ref);
    let groups = this.grouped.get(key);
    if (!groups) {
      const byKey = new Map<string, { first: Placed; byVersion: Map<string, Placed> }>();
      for (const placed of this.lookup(ref)) {
        const groupKey = `${Number(placed.direct)}${Number(pinsVersion(placed))}${placed.uri}`;
        let group = byKey.get(groupKey);
        if (!group) byKey.set(groupKey, (group = { first: placed, byVersion: new Map() }));
        else if (placed.line < group.first.line) group.first = placed;
        if (placed.version === undefined) continue;
        const declared = group.byVersion.get(placed.version);
        if (!declared || placed.line < declared.line) group.byVersion.set(placed.version, placed);
      }
      this.grouped.set(key, (groups = [...byKey.values()]));
    }
    return groups;
  }

  /**
   * Per folder, the versions its lockfiles install of a package the folder's own manifest declares; gathered
   * once per package, since going over all its declarations for each finding took seconds per finding in a
   * monorepo of thousands of projects declaring one package.
   */
  installedVersions(ref: PackageRef): ReadonlyMap<string, ReadonlySet<string>> {
    const key = keyOfRef(ref);
    let byFolder = this.installed.get(key);
    if (!byFolder) {
      byFolder = new Map();
      for (const placed of this.lookup(ref)) {
        if (!placed.installsFor || placed.version === undefined) continue;
        for (const folder of placed.installsFor) {
          const versions = byFolder.get(folder);
          if (versions) versions.add(placed.version);
          else byFolder.set(folder, new Set([placed.version]));
        }
      }
      this.installed.set(key, byFolder);
    }
    return byFolder;
  }

  /** Whether a line of a file declares a package, and another than `ref` (not the file's own project). */
  declaresOther(uri: string, line: number, ref: PackageRef): boolean {
    const key = this.keyAt(uri, line);
    return key !== undefined && !keysOf(ref).includes(key);
  }

  /** The key (`keyOf`) of the package a line of a file declares, if any. */
  private keyAt(uri: string, line: number): string | undefined {
    if (!this.declaredLines) {
      // Asked only when a result moves off its line: then in one pass over every declaration, not kept by `index`.
      this.declaredLines = new Map();
      for (const [key, list] of this.declarations)
        for (const { uri: file, line: at } of list) {
          const lines = this.declaredLines.get(file);
          if (!lines) this.declaredLines.set(file, new Map([[at, key]]));
          else if (!lines.has(at)) lines.set(at, key);
        }
    }
    return this.declaredLines.get(uri)?.get(line);
  }

  /** Folders of the manifests that define a project of this name (`package.json` `name`, …). */
  projectFolders(ref: PackageRef): readonly string[] {
    return this.find(this.projects, ref);
  }

  private find<T>(map: ReadonlyMap<string, T[]>, ref: PackageRef): readonly T[] {
    // One key, without a list made for it: asked for every finding.
    if (ref.ecosystem) return map.get(keyOf(ref.ecosystem, ref.name)) ?? [];
    return keysOf(ref).flatMap((key) => map.get(key) ?? []);
  }

  /** Nothing declared and no project defined: no impact path element can be found here. */
  get declaresNothing(): boolean {
    return this.declarations.size === 0 && this.projects.size === 0;
  }

  kindOf(uri: string): FileKind | undefined {
    return this.kinds.get(uri);
  }

  /**
   * A file's lines, or null when it is missing, unreadable or binary. Any file under the root may be
   * read: the fallback file (an imported export, the SBOM) is often made by the job and not tracked.
   */
  linesOf(uri: string): readonly string[] | null {
    let lines = this.lines.get(uri);
    if (lines === undefined) {
      const text = this.read(uri);
      lines = text === undefined || text.includes('\0') ? null : splitLines(text);
      this.lines.set(uri, lines);
    }
    return lines;
  }

  /**
   * A file's number of lines as `splitLines` counts them, or null when it is missing, unreadable or binary.
   * Read in chunks and never kept: the fallback file may be a 200 MB export.
   */
  countLines(uri: string): number | null {
    if (!this.counted.has(uri)) this.counted.set(uri, this.readLineCount(uri));
    return this.counted.get(uri) ?? null;
  }

  private readLineCount(uri: string): number | null {
    const fd = this.open(uri)?.fd;
    if (fd === undefined) return null;
    try {
      const buffer = Buffer.alloc(1 << 20);
      let count = 0;
      let last = -1;
      for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
        const chunk = buffer.subarray(0, read);
        if (chunk.includes(0)) return null;
        for (let at = chunk.indexOf(LF); at >= 0; at = chunk.indexOf(LF, at + 1)) count++;
        last = chunk[read - 1] ?? -1;
      }
      return last === LF ? count : count + 1;
    } catch {
      return null;
    } finally {
      closeSync(fd);
    }
  }

  /** A file that exists, without reading it (the fallback file may be a 200 MB export). */
  isFile(uri: string): boolean {
    try {
      return statSync(path.join(this.root, uri)).isFile();
    } catch {
      return false;
    }
  }

  /** A text file that can be read: git may list one that has since been deleted. */
  readable(uri: string): boolean {
    return this.lineCounts.has(uri) || this.countLines(uri) !== null;
  }

  /** A file that is not in the repository has no lines to run out of: GitHub shows no preview of it anyway. */
  lineCount(uri: string): number {
    const count = this.lineCounts.get(uri) ?? this.countLines(uri);
    return count === null ? Number.POSITIVE_INFINITY : Math.max(1, count);
  }
}
