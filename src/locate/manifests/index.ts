import { scanCargoToml } from './cargo.js';
import { scanComposerJson, scanComposerLock } from './composer.js';
import type { FileType, Scanner } from './declaration.js';
import { scanDockerfile } from './docker.js';
import { scanGoMod } from './golang.js';
import { scanGradle, scanGradleLockfile } from './gradle.js';
import { scanPom } from './maven.js';
import { scanMsbuild, scanNugetLock } from './nuget.js';
import { scanPackageJson, scanPackageLock, scanPnpmLock, scanYarnLock } from './npm.js';
import { scanPackageTables } from './package-tables.js';
import {
  requirementIncludes,
  scanPipfile,
  scanPipfileLock,
  scanPyproject,
  scanRequirements,
} from './python.js';
import { scanGemfile, scanGemfileLock } from './ruby.js';

export type { Declaration, FileKind, FileType } from './declaration.js';

const manifest = (scan: Scanner): FileType => ({ kind: 'manifest', scan });
const lockfile = (scan: Scanner): FileType => ({ kind: 'lockfile', scan });

/** pip requirements files; also the files they include (`-r base.txt`), whatever their names. */
export const REQUIREMENTS: FileType = {
  kind: 'manifest',
  scan: scanRequirements,
  includes: requirementIncludes,
};

const BY_NAME = new Map<string, FileType>([
  ['package.json', manifest(scanPackageJson)],
  ['package-lock.json', lockfile(scanPackageLock)],
  ['npm-shrinkwrap.json', lockfile(scanPackageLock)],
  ['yarn.lock', lockfile(scanYarnLock)],
  ['pnpm-lock.yaml', lockfile(scanPnpmLock)],
  ['pom.xml', manifest(scanPom)],
  ['build.gradle', manifest(scanGradle)],
  ['build.gradle.kts', manifest(scanGradle)],
  // Its version catalogs (`dependencyResolutionManagement { versionCatalogs { … } }`).
  ['settings.gradle', manifest(scanGradle)],
  ['settings.gradle.kts', manifest(scanGradle)],
  ['pyproject.toml', manifest(scanPyproject)],
  ['pipfile', manifest(scanPipfile)],
  ['pipfile.lock', lockfile(scanPipfileLock)],
  ['poetry.lock', lockfile((text) => scanPackageTables('pypi', text))],
  ['uv.lock', lockfile((text) => scanPackageTables('pypi', text))],
  ['go.mod', manifest(scanGoMod)],
  ['directory.packages.props', manifest(scanMsbuild)],
  ['directory.build.props', manifest(scanMsbuild)],
  ['packages.config', manifest(scanMsbuild)],
  ['packages.lock.json', lockfile(scanNugetLock)],
  ['cargo.toml', manifest(scanCargoToml)],
  ['cargo.lock', lockfile((text) => scanPackageTables('cargo', text))],
  ['composer.json', manifest(scanComposerJson)],
  ['composer.lock', lockfile(scanComposerLock)],
  ['gemfile', manifest(scanGemfile)],
  ['gems.rb', manifest(scanGemfile)],
  ['gemfile.lock', lockfile(scanGemfileLock)],
  ['gems.locked', lockfile(scanGemfileLock)],
  ['dockerfile', manifest(scanDockerfile)],
  ['containerfile', manifest(scanDockerfile)],
]);

/** Names that vary: tested in order, on the lower-case file name (and its folder for `requirements/`). */
const BY_PATTERN: [RegExp, FileType][] = [
  [/(?:^|\/)requirements[^/]*\.(?:txt|in)$|(?:^|\/)requirements\/[^/]+\.(?:txt|in)$/, REQUIREMENTS],
  [/\.(?:cs|fs|vb)proj$/, manifest(scanMsbuild)],
  [/\.versions\.toml$/, manifest(scanGradle)],
  [/(?:^|[/-])gradle\.lockfile$|\/dependency-locks\/[^/]+\.lockfile$/, lockfile(scanGradleLockfile)],
  [/\.gemspec$/, manifest(scanGemfile)],
  [
    /(?:^|\/)(?:[^/]+\.)?(?:docker|container)file$|(?:^|\/)(?:docker|container)file\.[^/]+$/,
    manifest(scanDockerfile),
  ],
];

/** How to read a file of the repository, by its path; undefined for files that declare no packages. */
export function fileTypeOf(path: string): FileType | undefined {
  const lower = path.toLowerCase();
  const byName = BY_NAME.get(lower.slice(lower.lastIndexOf('/') + 1));
  return byName ?? BY_PATTERN.find(([pattern]) => pattern.test(lower))?.[1];
}
