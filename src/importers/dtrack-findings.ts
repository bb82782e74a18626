import { z } from 'zod';
import type { SourceResult } from '../findings/model.js';
import { bulkFormat, type ImportFormat, mapEach, type ReadOptions, validate } from './importer.js';
import { dtFindingSchema, dtProjectUrl, looksLikeDtFinding, mapDtFinding } from './dtrack-finding.js';

function readFindings(
  envelope: unknown,
  items: Iterable<unknown>,
  _count: number,
  file: string,
  options: ReadOptions = {},
): SourceResult {
  validate(z.array(z.unknown()), envelope, file, 'dtrack-findings');
  const projects = new Set<string | undefined>();
  const findings = mapEach(items, dtFindingSchema, { file, format: 'dtrack-findings', key: '' }, (f) => {
    projects.add(f.component.project);
    return mapDtFinding(f, options.uiUrl);
  });
  // The rows' project, when they agree on one: exports of several projects are told apart by it.
  const [projectUuid] = projects.size === 1 ? projects : [];
  return {
    scanner: 'dependency-track',
    findings,
    violations: [],
    context: {
      file,
      ...(projectUuid ? { projectUuid } : {}),
      ...(projectUuid && options.uiUrl ? { reportUrl: dtProjectUrl(options.uiUrl, projectUuid) } : {}),
    },
  };
}

export const dtrackFindings: ImportFormat = bulkFormat({
  name: 'dtrack-findings',
  scanner: 'dependency-track',
  origin:
    'Dependency-Track findings API: the JSON array of `GET /api/v1/finding/project/{uuid}` (every page)',
  matches: (doc) => Array.isArray(doc) && doc.length > 0 && doc.every(looksLikeDtFinding),
  bulk: { key: '', read: readFindings },
});
