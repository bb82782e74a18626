import type { Component, Finding, Location } from '../findings/model.js';

/** Places findings at a file and line of the working directory (SPEC §7). Built once per run. */
export interface Locator {
  /**
   * `importFile`: the export the finding was read from; when nothing else places the finding, it is the
   * fallback if it lies in the working directory, rather than the run's first export (of another project,
   * or of the other scanner).
   */
  locate(finding: Finding, importFile?: string): Location;
  /** Lines of a located file, for keeping two results of one rule off the same line (unbounded when absent). */
  lineCount(uri: string): number;
  /**
   * Whether a line of a file declares a package other than the component: a result moved off its line does not go
   * there, where it would read as that package's.
   */
  declaresOther(uri: string, line: number, component: Component): boolean;
}

export interface LocatorOptions {
  workingDirectory: string;
  /** The SBOM uploaded in this run, if any (its component entries are a fallback location). */
  sbom?: string;
  /** Imported export files; one inside the working directory is a last-resort location. */
  importFiles: readonly string[];
  /** The SARIF file being written: the last-resort location when nothing else exists. */
  sarifFile?: string;
  /** Says what the locator could not use (an SBOM with no readable components). */
  note?: (message: string) => void;
  /** Warns of a manifest the locator failed to read (a bug of its scanner); `note` when not given. */
  warn?: (message: string) => void;
  /** The repository's root (default: the working directory), where the workflow file and README are. */
  repositoryRoot?: string;
  /** `GITHUB_WORKFLOW_REF` (`owner/repo/path@ref`): the running workflow file is a fallback location. */
  workflowRef?: string;
}
