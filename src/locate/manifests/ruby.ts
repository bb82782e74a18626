import type { Declaration } from './declaration.js';

function gem(name: string, version: string | undefined, line: number, direct: boolean): Declaration {
  return { ecosystem: 'gem', name, ...(version ? { version } : {}), line, direct };
}

/** Gemfile / gems.rb `gem 'name'`, and a gemspec's `add_dependency 'name'` (runtime and development). */
export function scanGemfile(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*#/.test(line)) return;
    // `\s*(?:\(\s*)?`, not `\s*\(?\s*`: two `\s*` in a row share a run of spaces in every way, quadratic.
    const match =
      /^\s*gem\s*(?:\(\s*)?(["'])([^"']+)\1/.exec(line) ??
      /\.add_(?:runtime_|development_)?dependency\s*(?:\(\s*)?(["'])([^"']+)\1/.exec(line);
    if (match?.[2]) declarations.push(gem(match[2], undefined, index + 1, true));
  });
  return declarations;
}

/**
 * Gemfile.lock: the `specs:` of the GEM, GIT and PATH sections list every gem at four spaces
 * (`    rails (7.0.4)`); their own dependencies follow at six.
 */
export function scanGemfileLock(text: string): Declaration[] {
  const declarations: Declaration[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^\s*#/.test(line)) return;
    const match = /^ {4}([^\s(]+)(?: \(([^)]+)\))?\s*$/.exec(line);
    if (match?.[1]) declarations.push(gem(match[1], match[2], index + 1, false));
  });
  return declarations;
}
