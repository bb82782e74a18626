import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Finding, Location, LocationRule } from '../findings/model.js';
import type { Locator, LocatorOptions } from './locator.js';

export type { Locator, LocatorOptions } from './locator.js';

/** Manifests looked for at the root when nothing closer declares a component. */
const ROOT_MANIFESTS = [
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

function toUri(root: string, file: string): string | undefined {
  const relative = path.relative(root, path.resolve(root, file));
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

class FileCache {
  private readonly lines = new Map<string, string[] | null>();
  constructor(private readonly root: string) {}

  /** The file's lines, or null when it is not a readable regular file. */
  read(uri: string): string[] | null {
    let cached = this.lines.get(uri);
    if (cached === undefined) {
      const absolute = path.join(this.root, uri);
      try {
        cached =
          existsSync(absolute) && statSync(absolute).isFile()
            ? readFileSync(absolute, 'utf8').split(/\r?\n/)
            : null;
      } catch {
        cached = null;
      }
      this.lines.set(uri, cached);
    }
    return cached;
  }
}

/** The first line that names the package (quoted or as a word), else line 1. */
function lineOf(lines: readonly string[], name: string): number {
  const quoted = lines.findIndex((line) => line.includes(`"${name}"`) || line.includes(`'${name}'`));
  if (quoted >= 0) return quoted + 1;
  const word = new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w.-]|$)`, 'i');
  const plain = lines.findIndex((line) => word.test(line));
  return plain >= 0 ? plain + 1 : 1;
}

/**
 * The fallback file when no manifest is found: an imported export inside the repository, the running
 * GitHub workflow file, `.gitlab-ci.yml`, a README, and last the SARIF file's own name.
 */
function fallbackUri(options: LocatorOptions, files: FileCache): string {
  const candidates = [
    ...options.importFiles,
    options.env.GITHUB_WORKFLOW_REF
      ? /^[^/]+\/[^/]+\/([^@]+)@/.exec(options.env.GITHUB_WORKFLOW_REF)?.[1]
      : undefined,
    '.gitlab-ci.yml',
    'README.md',
  ];
  for (const candidate of candidates) {
    const uri = candidate ? toUri(options.workingDirectory, candidate) : undefined;
    if (uri && files.read(uri)) return uri;
  }
  return 'sca-bridge.sarif';
}

export async function createLocator(options: LocatorOptions): Promise<Locator> {
  const files = new FileCache(options.workingDirectory);
  const rootManifest = ROOT_MANIFESTS.find((name) => files.read(name));
  const fallback = fallbackUri(options, files);

  const at = (uri: string, name: string, rule: LocationRule): Location => ({
    uri,
    startLine: lineOf(files.read(uri) ?? [], name),
    rule,
  });

  return {
    locate(finding: Finding): Location {
      const name = finding.component.name;
      // A manifest the scanner itself named (jf's `components[].location.file`).
      for (const candidate of finding.componentPaths) {
        const uri = toUri(options.workingDirectory, candidate);
        if (uri && files.read(uri)) return at(uri, name, 'manifest');
      }
      if (rootManifest) return at(rootManifest, name, 'root-manifest');
      return { uri: fallback, startLine: 1, rule: 'fallback' };
    },
    lineCount: (uri) => files.read(uri)?.length ?? 1,
  };
}
