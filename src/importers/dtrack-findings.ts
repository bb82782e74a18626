import { z } from 'zod';
import { type ImportFormat, validate } from './importer.js';
import { dtFindingSchema, looksLikeDtFinding, mapDtFinding } from './dtrack-finding.js';

export const dtrackFindings: ImportFormat = {
  name: 'dtrack-findings',
  scanner: 'dependency-track',
  origin:
    'Dependency-Track findings API: the JSON array of `GET /api/v1/finding/project/{uuid}` (every page)',
  matches: (doc) => Array.isArray(doc) && doc.length > 0 && doc.every(looksLikeDtFinding),
  read(doc, file) {
    const findings = validate(z.array(dtFindingSchema), doc, file, 'dtrack-findings');
    return {
      scanner: 'dependency-track',
      findings: findings.map((finding) => mapDtFinding(finding)),
      violations: [],
      context: { file },
    };
  },
};
