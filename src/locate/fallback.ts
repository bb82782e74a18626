import path from 'node:path';
import type { LocatorOptions } from './locator.js';
import type { Repository } from './repository.js';

/** Manifests that stand for a whole project when nothing declares a component, in this order of preference. */
export const ROOT_MANIFESTS = [
  'package.json',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'go.mod',
  'requirements.txt',
  'pyproject.toml',
  'Pipfile',
  'composer.json',
  'Gemfile',
  'Cargo.toml',
  'Directory.Packages.props',
  'Dockerfile',
];

/** A path as a location URI: relative to the working directory, with `/`; undefined outside it. */
export function toUri(root: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(root, file));
  // `..` or `../x` is outside; a folder named `..x` is not.
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`);
  if (!relative || outside || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/**
 * The fallback file when no manifest is found: an imported export inside the repository, the running
 * GitHub workflow file, `.gitlab-ci.yml`, a README, and last the SARIF file's own name.
 */
export function fallbackUri(options: LocatorOptions, repository: Repository): string {
  const candidates = [
    ...options.importFiles,
    options.workflowRef ? /^[^/]+\/[^/]+\/([^@]+)@/.exec(options.workflowRef)?.[1] : undefined,
    '.gitlab-ci.yml',
    'README.md',
  ];
  for (const candidate of candidates) {
    const uri = candidate ? toUri(options.workingDirectory, candidate) : undefined;
    if (uri && repository.isFile(uri)) return uri;
  }
  const sarif = options.sarifFile ?? 'sca-bridge.sarif';
  return toUri(options.workingDirectory, sarif) ?? path.basename(sarif);
}
