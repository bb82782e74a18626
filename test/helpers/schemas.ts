import { Ajv, type ValidateFunction } from 'ajv';
import { expect, onTestFinished, type TestContext } from 'vitest';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSharedJson, REPO_ROOT, SHARED_DIR, sharedAvailable } from './shared.js';

// Both are CommonJS modules whose default export is the class or plugin itself.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

const cache = new Map<string, ValidateFunction>();

/**
 * Compiles a schema: one of ../shared/schemas by its name (draft-04 for the OASIS SARIF schema, draft-07
 * otherwise), or the repository's own by its path (`schemas/run-summary.schema.json`), always at hand.
 */
export function schemaValidator(file: string): ValidateFunction {
  const cached = cache.get(file);
  if (cached) return cached;
  const schema = (
    file.includes('/')
      ? JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'))
      : readSharedJson(`schemas/${file}`)
  ) as { $schema?: string };
  const draft04 = schema.$schema?.includes('draft-04');
  const ajv = draft04
    ? new AjvDraft04({ allErrors: true, strict: false })
    : new Ajv({ allErrors: true, strict: false });
  addFormats(ajv as Ajv);
  const validate = ajv.compile(schema);
  cache.set(file, validate);
  return validate;
}

export function schemaErrors(file: string, document: unknown): string[] {
  const validate = schemaValidator(file);
  return validate(document)
    ? []
    : (validate.errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/**
 * Asserts that `document` is valid against a schema: the repository's own (a path, always at hand), or one of
 * ../shared/schemas. Without ../shared a check against one of those is not made, and is never counted as a
 * pass: in CI (which always has ../shared) `sharedAvailable` throws; elsewhere the test, once it has passed
 * everything else, is reported skipped with the reason. Give `test` (the test's context) in concurrent tests,
 * where a global hook cannot tell which test it belongs to.
 */
export function expectSchemaValid(file: string, document: unknown, test?: TestContext): void {
  if (file.includes('/') || sharedAvailable()) {
    expect(schemaErrors(file, document), `errors against ${file}`).toEqual([]);
    return;
  }
  const reason = `not validated against ${file}: ${SHARED_DIR} does not exist`;
  (test?.onTestFinished ?? onTestFinished)(({ task, skip }) => {
    if (task.result?.state === 'pass') skip(reason);
  });
}

/** The run summary a CLI printed with `--json`, checked against the repository's schema of it. */
export function runSummaryOf<T>(stdout: string): T {
  const summary: unknown = JSON.parse(stdout);
  expect(schemaErrors('schemas/run-summary.schema.json', summary)).toEqual([]);
  return summary as T;
}
