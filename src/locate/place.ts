import type { Component, Finding, Location } from '../findings/model.js';
import { rootManifestOf, toUri } from './fallback.js';
import { LineSearch } from './line-search.js';
import type { Locator } from './locator.js';
import { keyOfRef, OS_ECOSYSTEMS, refOfComponent, refOfPathElement, type PackageRef } from './names.js';
import { best, distance, versionFit, type Candidate } from './rank.js';
import { type DeclarationGroup, depthOf, type Repository } from './repository.js';
import type { Sbom } from './sbom.js';

/** What a finding's `componentPaths` and impact paths tell about where it belongs. */
interface Hints {
  /** Repository files the scanner named (jf's `components[].location.file`): the strongest hint. */
  files: string[];
  /** Folders the finding belongs to, for choosing among the manifests of a monorepo. */
  folders: string[];
  /**
   * Impact path elements that may be the direct dependency, with their index in the path; without impact paths,
   * the direct dependencies the scanner names (`Finding.directDependencies`).
   */
  path: { ref: PackageRef; position: number }[];
  /**
   * Every impact path reaches the component through another dependency a manifest declares: the
   * component's own direct declaration (a different copy) is not the one to fix.
   */
  transitive: boolean;
  /** An impact path reaches the component before any other package a manifest declares. */
  direct: boolean;
}

/**
 * A direct declaration whose folder's lockfile installs a version other than the finding's: the finding is
 * about another copy (`uuid@8.3.2` nested under a dependency, while the project asks for `uuid@^11`), which
 * the lockfile's own entry of that version places better.
 */
function installsAnotherVersion(
  installed: ReadonlySet<string> | undefined,
  version: string | undefined,
): boolean {
  return version !== undefined && installed !== undefined && !installed.has(version);
}

/**
 * Folders with a lockfile holding the package: there a pin of another version may be resolved to the finding's
 * (Gradle, NuGet), and stays the line to fix.
 */
function lockedFolders(groups: readonly DeclarationGroup[]): Set<string> {
  return new Set(groups.filter(({ first }) => first.kind === 'lockfile').map(({ first }) => first.folder));
}

function parentOf(folder: string): string {
  return folder.slice(0, Math.max(0, folder.lastIndexOf('/')));
}

interface RootManifest {
  uri: string;
  folder: string;
  depth: number;
  order: number;
  ecosystems: readonly string[];
}

/** Root manifests shallowest first, then in the order of `rootManifestOf`; and the preferred one of each folder. */
interface RootManifests {
  list: RootManifest[];
  byFolder: Map<string, RootManifest>;
  /** The nearest by `distance` to folders with none in or above them, by the folders: each costs a pass. */
  nearestTo: Map<string, RootManifest | undefined>;
}

/**
 * The candidates of a finding's own package, shared by its findings of one version that reach it alike when it is
 * declared in many places: a monorepo of 16,000 projects each declaring lodash took a minute, every finding going
 * over every project's declaration. With them, by folder and by file, as `nearest` and `declared` look them up.
 */
interface CandidateList {
  all: Candidate[];
  byFolder?: Map<string, Candidate[]>;
  byUri?: Map<string, Candidate[]>;
  /** The best of them for a finding that names no folder, once found. */
  unhinted?: { winner: Candidate | undefined };
}

/** From this many declarations of a package on, its candidates are shared and looked up by folder. */
const MANY_DECLARATIONS = 32;

function groupedBy(
  candidates: readonly Candidate[],
  keyOf: (c: Candidate) => string,
): Map<string, Candidate[]> {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = keyOf(candidate);
    const group = groups.get(key);
    if (group) group.push(candidate);
    else groups.set(key, [candidate]);
  }
  return groups;
}

/**
 * What `byFolder` holds in the folders or the nearest folders above them, walking up from each: all of it at the
 * least distance, in the folders' order. Nearer than anything in no folder above (`distance`).
 */
function nearestAbove<T>(folders: readonly string[], byFolder: ReadonlyMap<string, T>): T[] {
  let nearestUp = Infinity;
  let found: T[] = [];
  for (const hint of folders) {
    for (let folder = hint, up = 0; up <= nearestUp; folder = parentOf(folder), up++) {
      const here = byFolder.get(folder);
      if (here !== undefined) {
        found = up < nearestUp ? [here] : [...found, here];
        nearestUp = up;
      }
      if (here !== undefined || !folder) break;
    }
  }
  return found;
}

function rootManifestsOf(list: RootManifest[]): RootManifests {
  const byFolder = new Map<string, RootManifest>();
  for (const manifest of list) if (!byFolder.has(manifest.folder)) byFolder.set(manifest.folder, manifest);
  return { list, byFolder, nearestTo: new Map() };
}

/**
 * Places findings in the order of SPEC §7:
 * 1. a file the scanner named in `componentPaths` (jf names the manifest of the direct dependency): its
 *    declaration of the component or of the dependency pulling it in, else its line naming the
 *    component, else its first line;
 * 2. the best declaration in the repository (`rank.ts`). Monorepos: nearest to the finding's folders
 *    first — folders `componentPaths` name, and those of this repository's projects its impact paths
 *    start from — that is the folder itself, then the nearest folder above; without such folders the
 *    shallowest file wins. Then the component's direct declaration (or, when every impact path shows it
 *    transitive, the manifest line of the dependency pulling it in), then its lockfile entries (of its
 *    version first), then for OS packages the image a Dockerfile ships;
 * 3. the component's entry in the uploaded SBOM;
 * 4. the root manifest nearest the finding's folders, else the shallowest one, at line 1: of the finding's
 *    ecosystem when the repository has one (a Maven finding goes to a pom.xml, not to a package.json);
 * 5. the fallback file, at line 1.
 */
export class Placer implements Locator {
  private readonly rootManifests: RootManifests;
  /** Those of each ecosystem, made when a finding of it first needs one. */
  private readonly rootManifestsByEcosystem = new Map<string, RootManifests>();
  private readonly root: string;
  private readonly repository: Repository;
  private readonly sbom: Sbom | undefined;
  private readonly fallback: string;
  /** Each export's fallback file: itself when it lies in the working directory. */
  private readonly exportFallbacks = new Map<string, string>();
  /** Impact path elements repeat across findings; reading one builds a purl. */
  private readonly pathRefs = new Map<string | undefined, Map<string, PackageRef | undefined>>();
  /** Component paths repeat across findings too; each costs a path resolution. */
  private readonly componentPathHints = new Map<string, { file?: string; folder?: string } | undefined>();
  /** Files the scanner named that declare a finding's package in no way read here: searched for its name. */
  private readonly lineSearches = new Map<string, LineSearch>();
  /** Candidates of packages declared in many places (`CandidateList`). */
  private readonly candidateLists = new Map<string, CandidateList>();

  constructor(root: string, repository: Repository, sbom: Sbom | undefined, fallback: string) {
    this.root = root;
    this.repository = repository;
    this.sbom = sbom;
    this.fallback = fallback;
    const list = [...repository.files]
      .flatMap((uri) => {
        const slash = uri.lastIndexOf('/');
        const kind = rootManifestOf(uri.slice(slash + 1));
        if (!kind) return [];
        const folder = slash < 0 ? '' : uri.slice(0, slash);
        return [{ uri, folder, depth: depthOf(folder), ...kind }];
      })
      .filter((manifest) => repository.readable(manifest.uri))
      .sort((a, b) => a.depth - b.depth || a.order - b.order || (a.uri < b.uri ? -1 : 1));
    this.rootManifests = rootManifestsOf(list);
  }

  /** The root manifests of the finding's ecosystem when the repository has any, else all of them. */
  private rootManifestsFor(ecosystem: string | undefined): RootManifests {
    if (!ecosystem) return this.rootManifests;
    let own = this.rootManifestsByEcosystem.get(ecosystem);
    if (!own) {
      own = rootManifestsOf(this.rootManifests.list.filter((m) => m.ecosystems.includes(ecosystem)));
      this.rootManifestsByEcosystem.set(ecosystem, own);
    }
    return own.list.length ? own : this.rootManifests;
  }

  lineCount(uri: string): number {
    return this.repository.lineCount(uri);
  }

  declaresOther(uri: string, line: number, component: Component): boolean {
    return this.repository.declaresOther(uri, line, refOfComponent(component));
  }

  locate(finding: Finding, importFile?: string): Location {
    const target = refOfComponent(finding.component);
    const hints = this.hints(finding, target);
    const declared = this.declared(finding, target, hints);
    if (declared) return declared;
    const inSbom = this.sbom?.locationOf(target);
    if (inSbom) return inSbom;
    const manifest = this.rootManifest(hints.folders, this.rootManifestsFor(target.ecosystem));
    if (manifest) return { uri: manifest.uri, startLine: 1, rule: 'root-manifest' };
    return { uri: this.fallbackFor(importFile), startLine: 1, rule: 'fallback' };
  }

  private fallbackFor(importFile: string | undefined): string {
    if (importFile === undefined) return this.fallback;
    let uri = this.exportFallbacks.get(importFile);
    if (uri === undefined) {
      const own = toUri(this.root, importFile);
      uri = own && this.repository.isFile(own) ? own : this.fallback;
      this.exportFallbacks.set(importFile, uri);
    }
    return uri;
  }

  private hints(finding: Finding, target: PackageRef): Hints {
    const hints: Hints = { files: [], folders: [], path: [], transitive: false, direct: false };
    const folders = new Set<string>();
    for (const componentPath of finding.componentPaths) {
      const hint = this.componentPathHint(componentPath);
      if (hint?.file) hints.files.push(hint.file);
      else if (hint?.folder) folders.add(hint.folder);
    }
    // An export read outside a checkout: its impact paths could only name packages the repository declares.
    if (this.repository.declaresNothing) {
      hints.folders = [...folders];
      return hints;
    }
    const targetKey = keyOfRef(target);
    const seen = new Set([targetKey]);
    let transitivePaths = 0;
    // Without impact paths, the direct dependencies the scanner names: each a path of its first hop.
    const impactPaths = finding.impactPaths.length
      ? finding.impactPaths
      : (finding.directDependencies?.map((dependency) => [dependency]) ?? []);
    for (const impactPath of impactPaths) {
      // The first package on the path that a manifest declares is the direct dependency.
      let direct: string | undefined;
      for (const [position, element] of impactPath.entries()) {
        const ref = this.pathRef(element, target.ecosystem);
        if (!ref) continue;
        const key = keyOfRef(ref);
        if (key === targetKey) {
          direct ??= key;
          continue;
        }
        // A project of this repository (the root of the path) is no dependency; its folder is a hint.
        const projects = this.repository.projectFolders(ref);
        if (projects.length) {
          for (const folder of projects) folders.add(folder);
          continue;
        }
        if (this.repository.lookup(ref)[0]?.kind === 'manifest') direct ??= key;
        if (!seen.has(key)) hints.path.push({ ref, position });
        seen.add(key);
      }
      if (direct !== undefined && direct !== targetKey) transitivePaths++;
      if (direct === targetKey) hints.direct = true;
    }
    hints.transitive = transitivePaths > 0 && transitivePaths === impactPaths.length;
    hints.folders = [...folders];
    return hints;
  }

  /** A file of the repository the path names, else the deepest folder on its way; the same for every finding. */
  private componentPathHint(componentPath: string): { file?: string; folder?: string } | undefined {
    if (this.componentPathHints.has(componentPath)) return this.componentPathHints.get(componentPath);
    const uri = toUri(this.root, componentPath);
    let hint: { file?: string; folder?: string } | undefined;
    if (uri && this.repository.files.has(uri) && this.repository.readable(uri)) hint = { file: uri };
    // A folder, a path below one (`services/api/node_modules/x`), or a binary file's path.
    else if (uri) hint = { folder: this.deepestFolder(uri) };
    this.componentPathHints.set(componentPath, hint);
    return hint;
  }

  private pathRef(element: string, ecosystem: string | undefined): PackageRef | undefined {
    let refs = this.pathRefs.get(ecosystem);
    if (!refs) this.pathRefs.set(ecosystem, (refs = new Map()));
    if (!refs.has(element)) refs.set(element, refOfPathElement(element, ecosystem));
    return refs.get(element);
  }

  /** The deepest folder of the repository on the way to a path. */
  private deepestFolder(uri: string): string {
    let folder = uri;
    while (folder && !this.repository.folders.has(folder)) folder = parentOf(folder);
    return folder;
  }

  /** The declarations of the finding's own package, one a file and kind of declaration. */
  private ownCandidates(target: PackageRef, hints: Hints): Candidate[] {
    // Asked only of a direct declaration: most findings have none.
    let installed: ReadonlyMap<string, ReadonlySet<string>> | undefined;
    const groups = this.repository.groups(target);
    const lines = groups.map(({ first, byVersion }) => {
      const installs = first.direct
        ? (installed ??= this.repository.installedVersions(target)).get(first.folder)
        : undefined;
      // Every line of the group stands for the version its lockfile installs, else the line declaring it does.
      const placed =
        target.version === undefined || installs?.has(target.version)
          ? first
          : (byVersion.get(target.version) ?? first);
      return { placed, installs, fit: versionFit(placed, target.version, installs) };
    });
    // A pin of another version that no lockfile of its folder resolves is what that folder installs: when a line
    // elsewhere holds the finding's version, the finding is about that copy (`uuid@9.0.1` in another project's
    // lockfile, not a module's `8.3.2`). With none, the pin stays the line to fix.
    const locked = lines.some(({ fit }) => fit === 0) ? lockedFolders(groups) : undefined;
    return lines.map(({ placed, installs, fit }) => {
      const pinsAnother = locked !== undefined && fit === 2 && !installs && !locked.has(placed.folder);
      // The scanner's word that the project asks for this copy outweighs what the checkout's lockfile says.
      const own =
        placed.direct && (hints.direct || !(pinsAnother || installsAnotherVersion(installs, target.version)));
      return { placed, tier: own ? (hints.transitive ? 2 : 1) : 3, position: 0, fit, own: true };
    });
  }

  /** The manifest lines of what pulls the package in, and for OS packages the images that ship it. */
  private otherCandidates(target: PackageRef, hints: Hints): Candidate[] {
    const candidates: Candidate[] = [];
    for (const { ref, position } of hints.path) {
      for (const { first, byVersion } of this.repository.groups(ref)) {
        if (first.kind !== 'manifest') break;
        const placed = ref.version === undefined ? first : (byVersion.get(ref.version) ?? first);
        const tier = hints.transitive ? 1 : 2;
        candidates.push({ placed, tier, position, fit: versionFit(placed, ref.version), own: false });
      }
    }
    if (target.ecosystem && OS_ECOSYSTEMS.has(target.ecosystem)) {
      for (const placed of this.repository.shippedImages)
        candidates.push({ placed, tier: 4, position: 0, fit: 1, own: false });
    }
    return candidates;
  }

  /**
   * The candidates of the finding's own package: made for it, or shared when the package is declared in many
   * places. Shared by what they depend on only (not the finding's impact path, which differs from finding to
   * finding: a list kept per path held every declaration again for each, gigabytes for 8,000 projects).
   */
  private ownList(target: PackageRef, hints: Hints): CandidateList {
    if (this.repository.groups(target).length < MANY_DECLARATIONS)
      return { all: this.ownCandidates(target, hints) };
    const key = `${keyOfRef(target)}\0${target.version ?? ''}\0${Number(hints.direct)}${Number(hints.transitive)}`;
    let list = this.candidateLists.get(key);
    if (!list) this.candidateLists.set(key, (list = { all: this.ownCandidates(target, hints) }));
    return list;
  }

  /**
   * Of the own candidates, those that can be `best` with these folders: of many, those in the folders or the
   * nearest folders above them, found by walking up from each, which are nearer than any other (`distance`);
   * without folders, the best of them. The others can only lose to these.
   */
  private contenders(list: CandidateList, folders: readonly string[]): readonly Candidate[] {
    if (list.all.length < MANY_DECLARATIONS) return list.all;
    if (!folders.length) {
      const { winner } = (list.unhinted ??= { winner: best(list.all, folders) });
      return winner ? [winner] : [];
    }
    const pool = nearestAbove(
      folders,
      (list.byFolder ??= groupedBy(list.all, (c) => c.placed.folder)),
    ).flat();
    return pool.length ? pool : list.all;
  }

  /** The declaration of the component (or of what pulls it in), preferring the files the scanner named. */
  private declared(finding: Finding, target: PackageRef, hints: Hints): Location | undefined {
    const own = this.ownList(target, hints);
    // Own candidates first, as `best` keeps the first of equals.
    const others = this.otherCandidates(target, hints);
    for (const file of hints.files) {
      const byUri = (own.byUri ??= groupedBy(own.all, (c) => c.placed.uri));
      const onFile = [...(byUri.get(file) ?? []), ...others.filter((c) => c.placed.uri === file)];
      const winner = best(onFile, hints.folders);
      if (winner) return this.at(winner);
    }
    const [file] = hints.files;
    if (file) {
      // The scanner's file declares it in a way no scanner here reads: the line naming it (quoted, else as
      // a word), else the top. Not the bare name of a scoped one: `core` of `@babel/core`, or `v2` of a Go
      // module, would find another package's line.
      // Maven's is the exception: a pom names group and artifact on lines of their own.
      const { packageName, name, ecosystem } = finding.component;
      const names = ecosystem === 'maven' || packageName === name ? [packageName, name] : [packageName];
      const startLine = this.lineSearch(file).lineOf(names);
      return { uri: file, startLine, rule: this.repository.kindOf(file) ?? 'manifest' };
    }
    const winner = best([...this.contenders(own, hints.folders), ...others], hints.folders);
    return winner && this.at(winner);
  }

  private lineSearch(uri: string): LineSearch {
    let search = this.lineSearches.get(uri);
    if (!search) this.lineSearches.set(uri, (search = new LineSearch(this.repository.linesOf(uri) ?? [])));
    return search;
  }

  private at({ placed, fit, own }: Candidate): Location {
    return {
      uri: placed.uri,
      startLine: placed.line,
      rule: placed.kind,
      // The line declares this finding's package at a version that may be its own: it keeps the line.
      ...(own && fit < 2 ? { sameVersion: true } : {}),
    };
  }

  /**
   * The manifest of the project nearest the finding's folders: in the folder or the nearest one above
   * it, else (rarely) the nearest by `distance`; without folders, the shallowest.
   */
  private rootManifest(folders: readonly string[], manifests: RootManifests): RootManifest | undefined {
    if (!folders.length) return manifests.list[0];
    // Of equals, the first folder's.
    const [above] = nearestAbove(folders, manifests.byFolder);
    if (above) return above;
    const key = folders.join('\0');
    if (manifests.nearestTo.has(key)) return manifests.nearestTo.get(key);
    let winner: RootManifest | undefined;
    let winnerDistance = Infinity;
    for (const manifest of manifests.list) {
      const d = distance(manifest.folder, folders);
      if (d < winnerDistance) [winner, winnerDistance] = [manifest, d];
    }
    manifests.nearestTo.set(key, winner);
    return winner;
  }
}
