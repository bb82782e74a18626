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
   * A lockfile's copy that the project's own declaration of the package installs (npm's top-level
   * `node_modules/<name>`, pnpm's importers): its version is the one a direct declaration stands for.
   */
  installsDirect?: boolean;
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
}
