import { z } from 'zod';
import { type ImportFormat, isRecord, optString, validate } from './importer.js';
import { dtFindingSchema, mapDtFinding } from './dtrack-finding.js';

const documentSchema = z.object({
  version: optString,
  meta: z.object({ baseUrl: optString, version: optString }).nullish(),
  project: z.object({ uuid: optString, name: optString, version: optString }).nullish(),
  findings: z.array(dtFindingSchema),
});

export const dtrackFpf: ImportFormat = {
  name: 'dtrack-fpf',
  scanner: 'dependency-track',
  origin:
    "Dependency-Track Finding Packaging Format 1.0–1.4 (`GET /api/v1/finding/project/{uuid}/export`, or the project's Audit Vulnerabilities → Export)",
  matches: (doc) => isRecord(doc) && Array.isArray(doc.findings) && ('meta' in doc || 'project' in doc),
  read(doc, file) {
    const fpf = validate(documentSchema, doc, file, 'dtrack-fpf');
    const uiBase = fpf.meta?.baseUrl;
    const projectUrl =
      uiBase && fpf.project?.uuid ? `${uiBase.replace(/\/+$/, '')}/projects/${fpf.project.uuid}` : undefined;
    return {
      scanner: 'dependency-track',
      findings: fpf.findings.map((finding) => mapDtFinding(finding, uiBase)),
      violations: [],
      context: {
        file,
        ...(fpf.project?.name ? { project: fpf.project.name } : {}),
        ...(fpf.project?.version ? { projectVersion: fpf.project.version } : {}),
        ...(fpf.meta?.version ? { scannerVersion: fpf.meta.version } : {}),
        ...(projectUrl ? { reportUrl: projectUrl } : {}),
      },
    };
  },
};
