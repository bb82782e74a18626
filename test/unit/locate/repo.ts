import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildFinding, type FindingInput } from '../../../src/findings/build.js';
import { componentFromPurl, componentFromXrayId } from '../../../src/findings/component.js';
import type { Finding } from '../../../src/findings/model.js';
import { createLocator, type Locator, type LocatorOptions } from '../../../src/locate/index.js';

const made: string[] = [];

/** Files of a test repository: text, bytes, or lines joined with `\n` (and a final newline). */
export type Files = Record<string, string | Buffer | readonly string[]>;

/** Writes a repository into a new temporary folder; `git: true` also runs `git init` and `git add`. */
export function makeRepo(files: Files, options: { git?: boolean; untracked?: Files } = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sca-bridge-locate-'));
  made.push(root);
  const write = (set: Files) => {
    for (const [file, content] of Object.entries(set)) {
      const absolute = path.join(root, file);
      mkdirSync(path.dirname(absolute), { recursive: true });
      writeFileSync(
        absolute,
        typeof content === 'string' || Buffer.isBuffer(content) ? content : `${content.join('\n')}\n`,
      );
    }
  };
  write(files);
  if (options.git) {
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
  }
  if (options.untracked) write(options.untracked);
  return root;
}

export function removeRepos(): void {
  for (const root of made.splice(0)) rmSync(root, { recursive: true, force: true });
}

export function locatorFor(root: string, options: Partial<LocatorOptions> = {}): Promise<Locator> {
  return createLocator({ workingDirectory: root, importFiles: [], ...options });
}

type Extra = Partial<Omit<FindingInput, 'component'>>;

function build(component: FindingInput['component'], extra: Extra): Finding {
  return buildFinding({ scanner: 'xray', ids: ['CVE-2024-0001'], severity: 'high', component, ...extra });
}

/** A finding on the component a purl names (the Dependency-Track shape). */
export function findingOf(purl: string, extra: Extra = {}): Finding {
  return build(componentFromPurl(purl, { name: '' }), extra);
}

/** A finding on the component an Xray id names (`npm://lodash:4.17.20`). */
export function xrayFindingOf(id: string, extra: Extra = {}): Finding {
  return build(componentFromXrayId(id), extra);
}

/** Where the locator places the finding, as `uri:line (rule)` for exact, readable assertions. */
export async function placeIn(
  root: string,
  finding: Finding,
  options: Partial<LocatorOptions> = {},
): Promise<string> {
  const location = (await locatorFor(root, options)).locate(finding);
  return `${location.uri}:${location.startLine} (${location.rule})`;
}
