import { z } from 'zod';
import type { Finding, SourceResult } from '../findings/model.js';
import { type ImportFormat, readWhole, validate } from './importer.js';
import { dtFindingSchema, looksLikeDtFinding, mapDtFinding } from './dtrack-finding.js';

function readFindings(
  envelope: unknown,
  items: Iterable<unknown>,
  _count: number,
  file: string,
): SourceResult {
  validate(z.array(z.unknown()), envelope, file, 'dtrack-findings');
  const findings: Finding[] = [];
  let index = 0;
  for (const item of items)
    findings.push(mapDtFinding(validate(dtFindingSchema, item, file, 'dtrack-findings', [index++])));
  return { scanner: 'dependency-track', findings, violations: [], context: { file } };
}

const bulk = { key: '', read: readFindings };

export const dtrackFindings: ImportFormat = {
  name: 'dtrack-findings',
  scanner: 'dependency-track',
  origin:
    'Dependency-Track findings API: the JSON array of `GET /api/v1/finding/project/{uuid}` (every page)',
  matches: (doc) => Array.isArray(doc) && doc.length > 0 && doc.every(looksLikeDtFinding),
  read: (doc, file) => readWhole(bulk, doc, file),
  bulk,
};
