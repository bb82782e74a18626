import path from 'node:path';
import { DEFAULT_SARIF_FILE, leavesFolder, relativeUri } from '../paths.js';
import type { LocatorOptions } from './locator.js';
import type { Repository } from './repository.js';

/**
 * Manifests that stand for a whole project when nothing declares a component, in this order of preference, and
 * the ecosystems each stands for: a finding goes to one of its own ecosystem when the repository has one. A
 * name, or a pattern for names that vary (a .NET project file is named after its project).
 */
const ROOT_MANIFEST_TABLE: readonly (readonly [string | RegExp, readonly string[]])[] = [
  ['package.json', ['npm']],
  ['pom.xml', ['maven']],
  ['build.gradle', ['maven']],
  ['build.gradle.kts', ['maven']],
  ['go.mod', ['golang']],
  ['requirements.txt', ['pypi']],
  ['pyproject.toml', ['pypi']],
  ['Pipfile', ['pypi']],
  ['composer.json', ['composer']],
  ['Gemfile', ['gem']],
  ['Cargo.toml', ['cargo']],
  ['Directory.Packages.props', ['nuget']],
  [/\.(?:cs|fs|vb)proj$/i, ['nuget']],
  ['packages.config', ['nuget']],
  ['Dockerfile', ['deb', 'apk', 'rpm', 'docker']],
];

const ROOT_MANIFEST_NAMES = new Map(
  ROOT_MANIFEST_TABLE.flatMap(([name, ecosystems], order) =>
    typeof name === 'string' ? [[name, { order, ecosystems }] as const] : [],
  ),
);

const ROOT_MANIFEST_PATTERNS = ROOT_MANIFEST_TABLE.flatMap(([name, ecosystems], order) =>
  typeof name === 'string' ? [] : [{ pattern: name, order, ecosystems }],
);

/** A file name's place in the order of root manifests and the ecosystems it stands for; undefined for others. */
export function rootManifestOf(name: string): { order: number; ecosystems: readonly string[] } | undefined {
  return ROOT_MANIFEST_NAMES.get(name) ?? ROOT_MANIFEST_PATTERNS.find(({ pattern }) => pattern.test(name));
}

/** A path as a location URI: relative to the working directory, with `/`; undefined outside it. */
export function toUri(root: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(root, file));
  if (!relative || leavesFolder(relative) || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/**
 * The fallback file when no manifest is found: an imported export inside the working directory, the running
 * GitHub workflow file, `.gitlab-ci.yml`, a README, and last the SARIF file's own name. The workflow file,
 * `.gitlab-ci.yml` and the README are the repository's: looked up at its root, so a `working-directory` below
 * it still finds them (as `../…` from the working directory, which the run turns into a path from the root).
 */
export function fallbackUri(options: LocatorOptions, repository: Repository): string {
  for (const file of options.importFiles) {
    const uri = toUri(options.workingDirectory, file);
    if (uri && repository.isFile(uri)) return uri;
  }
  const root = options.repositoryRoot ?? options.workingDirectory;
  const workflow = options.workflowRef ? /^[^/]+\/[^/]+\/([^@]+)@/.exec(options.workflowRef)?.[1] : undefined;
  for (const candidate of [workflow, '.gitlab-ci.yml', 'README.md']) {
    if (!candidate) continue;
    const uri = relativeUri(options.workingDirectory, path.join(root, candidate));
    if (repository.isFile(uri)) return uri;
  }
  // The SARIF file where it is written when that is in the repository, else its name at the root.
  const sarif = path.resolve(options.workingDirectory, options.sarifFile ?? DEFAULT_SARIF_FILE);
  const file = toUri(root, sarif) ? sarif : path.join(root, path.basename(sarif));
  return relativeUri(options.workingDirectory, file);
}
