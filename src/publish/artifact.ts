import { ScannerError } from '../errors.js';
import type { Logger } from '../logger.js';

/** The part of @actions/artifact's client sca-bridge uses, so the naming logic is testable without GitHub. */
export interface ArtifactClient {
  listArtifacts(): Promise<{ artifacts: { name: string }[] }>;
  uploadArtifact(
    name: string,
    files: string[],
    rootDirectory: string,
  ): Promise<{ id?: number; size?: number }>;
}

/**
 * What @actions/artifact refuses in an artifact's name (`validateArtifactName`: NTFS cannot store them), named
 * as it names them; its file names take the same but for the slashes.
 */
const FORBIDDEN_IN_NAMES: readonly [char: string, name: string][] = [
  ['"', 'double quote "'],
  [':', 'colon :'],
  ['<', 'less than <'],
  ['>', 'greater than >'],
  ['|', 'vertical bar |'],
  ['*', 'asterisk *'],
  ['?', 'question mark ?'],
  ['\r', 'carriage return'],
  ['\n', 'line feed'],
  ['\\', 'backslash \\'],
  ['/', 'forward slash /'],
];

/** The characters of a name @actions/artifact would refuse, by their names; empty when it takes the name. */
export function forbiddenInArtifactName(name: string): string[] {
  return FORBIDDEN_IN_NAMES.filter(([char]) => name.includes(char)).map(([, what]) => what);
}

/** A file's name as an artifact takes it: each character @actions/artifact refuses becomes `_`. */
export function artifactFileName(name: string): string {
  return FORBIDDEN_IN_NAMES.reduce((out, [char]) => out.split(char).join('_'), name);
}

/** `name`, or `name-2`, `name-3`… : artifact names must be unique in a run (matrix jobs, repeated steps). */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n++) if (!taken.has(`${name}-${n}`)) return `${name}-${n}`;
}

const CONFLICT = /already exists|conflict|409/i;

/**
 * Uploads the files under a name no other step of the run has taken. Two jobs may race for the same name:
 * a conflict moves on to the next suffix, a few times.
 */
export async function uploadUnique(
  client: ArtifactClient,
  name: string,
  files: string[],
  rootDirectory: string,
  logger: Logger,
): Promise<string> {
  const taken = new Set((await client.listArtifacts()).artifacts.map((a) => a.name));
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = uniqueName(name, taken);
    try {
      await client.uploadArtifact(candidate, files, rootDirectory);
      logger.info(`Uploaded artifact ${candidate} (${files.length} files).`);
      return candidate;
    } catch (error) {
      if (!CONFLICT.test((error as Error).message)) throw error;
      taken.add(candidate);
    }
  }
  // Names are taken on GitHub's side (parallel jobs racing for them): a remote condition, not a bug.
  throw new ScannerError(`could not find a free artifact name after 5 tries, starting from ${name}`);
}
