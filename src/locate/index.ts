import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeText } from '../encoding.js';
import { fallbackUri, toUri } from './fallback.js';
import { listFiles } from './files.js';
import type { Locator, LocatorOptions } from './locator.js';
import { Placer } from './place.js';
import { Repository } from './repository.js';
import { Sbom } from './sbom.js';

export type { Locator, LocatorOptions } from './locator.js';
export { separateSharedLines } from './separate.js';

/** The uploaded SBOM, when it lies inside the working directory (a location must) and can be read. */
function readSbom(options: LocatorOptions): Sbom | undefined {
  if (!options.sbom) return undefined;
  const uri = toUri(options.workingDirectory, options.sbom);
  const unused = (why: string) => {
    options.note?.(`sbom: ${why}; findings are placed without it.`);
    return undefined;
  };
  // A location must lie in the working directory.
  if (!uri)
    return unused(`${options.sbom} is outside the working directory, so none of its lines is a location`);
  let text: string;
  try {
    // UTF-16 with its mark too, as PowerShell 5's `>` saves a generated SBOM, and as import files are read.
    text = decodeText(readFileSync(path.join(options.workingDirectory, uri)));
  } catch (error) {
    return unused(`cannot read ${uri} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const noLines = (why: string) =>
    unused(
      `${uri} gives no component lines to place findings at (${why}sca-bridge reads the components of a CycloneDX JSON SBOM)`,
    );
  try {
    const sbom = new Sbom(uri, text);
    return sbom.size ? sbom : noLines('');
  } catch (error) {
    return noLines(`${error instanceof Error ? error.message : String(error)}; `);
  }
}

/** Indexes the working directory's manifests and lockfiles once; `locate` then costs a few look-ups. */
export async function createLocator(options: LocatorOptions): Promise<Locator> {
  const root = options.workingDirectory;
  const warn = options.warn ?? options.note;
  const repository = new Repository(root, await listFiles(root, warn), warn);
  return new Placer(root, repository, readSbom(options), fallbackUri(options, repository));
}
