import { z } from 'zod';
import type { SourceResult } from '../findings/model.js';
import { bulkFormat, type ImportFormat, mapEach, type ReadOptions, validate } from './importer.js';
import { isRecord, isWebBase, optString } from '../schema.js';
import { dtFindingSchema, dtProjectUrl, mapDtFinding } from './dtrack-finding.js';

const envelopeSchema = z.object({
  version: optString,
  meta: z.object({ baseUrl: optString, version: optString }).nullish(),
  project: z.object({ uuid: optString, name: optString, version: optString }).nullish(),
  findings: z.array(z.unknown()),
});

function readFpf(
  envelope: unknown,
  items: Iterable<unknown>,
  _count: number,
  file: string,
  options: ReadOptions = {},
): SourceResult {
  const fpf = validate(envelopeSchema, envelope, file, 'dtrack-fpf');
  const baseUrl = fpf.meta?.baseUrl;
  // DT writes its configured base URL, which an administrator may have left as any text: no links then.
  const badBase = !options.uiUrl && baseUrl !== undefined && !isWebBase(baseUrl);
  const uiBase = options.uiUrl ?? (badBase ? undefined : baseUrl);
  const projectUrl = uiBase && fpf.project?.uuid ? dtProjectUrl(uiBase, fpf.project.uuid) : undefined;
  const findings = mapEach(items, dtFindingSchema, { file, format: 'dtrack-fpf', key: 'findings' }, (f) =>
    mapDtFinding(f, uiBase),
  );
  return {
    scanner: 'dependency-track',
    findings,
    violations: [],
    context: {
      file,
      ...(fpf.project?.name ? { project: fpf.project.name } : {}),
      ...(fpf.project?.uuid ? { projectUuid: fpf.project.uuid } : {}),
      ...(fpf.project?.version ? { projectVersion: fpf.project.version } : {}),
      ...(fpf.meta?.version ? { scannerVersion: fpf.meta.version } : {}),
      ...(projectUrl ? { reportUrl: projectUrl } : {}),
    },
    ...(badBase
      ? {
          notes: [
            `meta.baseUrl ${JSON.stringify(baseUrl)} is no http(s) URL without a query, so findings link to no Dependency-Track page; give ui-url (Dependency-Track's web address) for links.`,
          ],
        }
      : {}),
  };
}

export const dtrackFpf: ImportFormat = bulkFormat({
  name: 'dtrack-fpf',
  scanner: 'dependency-track',
  origin:
    "Dependency-Track Finding Packaging Format 1.0–1.4 (`GET /api/v1/finding/project/{uuid}/export`, or the project's Audit Vulnerabilities → Export)",
  matches: (doc) => isRecord(doc) && Array.isArray(doc.findings) && ('meta' in doc || 'project' in doc),
  bulk: { key: 'findings', read: readFpf },
});
