import { Ajv, type ValidateFunction } from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { readSharedJson } from './shared.js';

// Both are CommonJS modules whose default export is the class or plugin itself.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

const cache = new Map<string, ValidateFunction>();

/** Compiles a schema from ../shared/schemas (draft-04 for the OASIS SARIF schema, draft-07 otherwise). */
export function schemaValidator(file: string): ValidateFunction {
  const cached = cache.get(file);
  if (cached) return cached;
  const schema = readSharedJson(`schemas/${file}`) as { $schema?: string };
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
