import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UserError } from '../errors.js';
import type { SourceResult } from '../findings/model.js';
import type { Logger } from '../logger.js';
import { detectFormat } from './detect.js';
import type { ImportFormatName } from './importer.js';
import { formatNamed } from './index.js';

/** Expands `import-file` entries: globs must match something, plain paths must exist. */
export async function expandImportFiles(patterns: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const pattern of patterns) {
    if (isDynamicPattern(pattern)) {
      const matched = (await glob(pattern, { cwd, absolute: false, onlyFiles: true })).sort();
      if (!matched.length)
        throw new UserError(`Input import-file: the pattern "${pattern}" matches no file in ${cwd}.`);
      files.push(...matched);
    } else {
      files.push(pattern);
    }
  }
  return [...new Set(files)];
}

async function readJson(file: string, cwd: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(error);
    throw new UserError(`Input import-file: cannot read ${file}: ${why}.`);
  }
  if (!text.trim()) throw new UserError(`${file}: the file is empty; export the scanner's findings as JSON.`);
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UserError(
      `${file}: not valid JSON (${(error as Error).message}). The file may be truncated or not a JSON export; export it again as JSON.`,
    );
  }
}

/** Reads every import file into findings; each file is detected on its own, so both scanners may be mixed. */
export async function readImports(
  patterns: readonly string[],
  format: 'auto' | ImportFormatName,
  cwd: string,
  logger: Logger,
): Promise<SourceResult[]> {
  const files = await expandImportFiles(patterns, cwd);
  const results: SourceResult[] = [];
  for (const file of files) {
    const document = await readJson(file, cwd);
    const importer = format === 'auto' ? detectFormat(document, file) : formatNamed(format);
    const result = importer.read(document, file);
    logger.info(
      `${file}: ${importer.name}, ${result.findings.length} findings${result.violations.length ? `, ${result.violations.length} policy violations` : ''}`,
    );
    results.push(result);
  }
  return results;
}
