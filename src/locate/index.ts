import { readFileSync } from 'node:fs';
import path from 'node:path';
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
  const uri = options.sbom ? toUri(options.workingDirectory, options.sbom) : undefined;
  if (!uri) return undefined;
  let sbom: Sbom | undefined;
  try {
    sbom = new Sbom(uri, readFileSync(path.join(options.workingDirectory, uri), 'utf8'));
  } catch {
    sbom = undefined;
  }
  if (!sbom?.size) {
    options.note?.(
      `sbom: ${uri} gives no component lines to place findings at (sca-bridge reads the components of a CycloneDX JSON SBOM); findings are placed without it.`,
    );
  }
  return sbom?.size ? sbom : undefined;
}

/** Indexes the working directory's manifests and lockfiles once; `locate` then costs a few look-ups. */
export async function createLocator(options: LocatorOptions): Promise<Locator> {
  const root = options.workingDirectory;
  const repository = new Repository(root, await listFiles(root));
  return new Placer(root, repository, readSbom(options), fallbackUri(options, repository));
}
