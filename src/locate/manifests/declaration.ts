/** One package named at one line of a manifest or lockfile. */
export interface Declaration {
  /** purl type. */
  ecosystem: string;
  /** As the file writes it; the index normalises it. */
  name: string;
  version?: string;
  /** 1-based. */
  line: number;
  /** A dependency the project itself asks for, not one pulled in by another package. */
  direct: boolean;
  /**
   * A lockfile's copy that a project's own declaration of the package installs (npm's top-level
   * `node_modules/<name>`, a workspace's `packages/a/node_modules/<name>` or the top-level copy it uses, pnpm's
   * importers): the folders of those projects, relative to the lockfile's (`''` its own). Its version is the
   * one their direct declaration stands for.
   */
  installsFor?: string[];
  /**
   * The project the file defines (`package.json` `name`, a pom's own coordinates), not a dependency: an
   * impact path that starts at it tells which directory of a monorepo a finding belongs to.
   */
  self?: boolean;
}

/** Reads the declarations of one file; `path` is relative to the working directory, with `/`. */
export type Scanner = (text: string, path: string) => Declaration[];

export type FileKind = 'manifest' | 'lockfile';

export interface FileType {
  kind: FileKind;
  scan: Scanner;
  /**
   * Other files this one pulls in (pip's `-r base.txt`, `-c constraints.txt`), as it writes them: relative to
   * its own folder. The index reads them as files of this type, whatever their names.
   */
  includes?: (text: string) => string[];
}
