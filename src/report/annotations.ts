import { declaringLine, type LocatedFinding } from '../findings/model.js';
import { componentLabel, findingMessage } from './advisory.js';
import { visible } from './markdown.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  title: string;
  message: string;
  file: string;
  startLine: number;
}

/** GitHub shows at most 10 annotations of each kind per step, and 50 in all per job. */
export const ANNOTATIONS_PER_KIND = 10;
export const ANNOTATIONS_PER_JOB = 50;

function annotationLevel(finding: LocatedFinding): AnnotationLevel {
  if (finding.severity === 'critical' || finding.severity === 'high') return 'error';
  return finding.severity === 'medium' ? 'warning' : 'notice';
}

interface AnnotationPlan {
  annotations: Annotation[];
  /** Findings that had no room left under the caps. */
  omitted: number;
}

/**
 * The most severe findings as annotations, within what the step has left of each kind and the job in all:
 * `used` counts the annotations the step prints anyway (its warnings, the gate's failure message),
 * `usedInJob` those earlier steps of the job printed.
 */
export function planAnnotations(
  findings: readonly LocatedFinding[],
  used: Record<AnnotationLevel, number>,
  usedInJob = 0,
): AnnotationPlan {
  const left: Record<AnnotationLevel, number> = {
    error: Math.max(0, ANNOTATIONS_PER_KIND - used.error),
    warning: Math.max(0, ANNOTATIONS_PER_KIND - used.warning),
    notice: Math.max(0, ANNOTATIONS_PER_KIND - used.notice),
  };
  let leftInJob = ANNOTATIONS_PER_JOB - usedInJob - used.error - used.warning - used.notice;
  const annotations: Annotation[] = [];
  for (const finding of findings) {
    if (leftInJob <= 0) break;
    if (finding.suppressed) continue;
    const level = annotationLevel(finding);
    if (left[level] === 0) continue;
    left[level] -= 1;
    leftInJob -= 1;
    annotations.push({
      level,
      title: visible(`${finding.id} in ${componentLabel(finding)} (${finding.severity})`),
      message: visible(`${findingMessage(finding)}${finding.title ? `\n${finding.title}` : ''}`),
      file: finding.location.uri,
      startLine: declaringLine(finding.location),
    });
  }
  const candidates = findings.filter((f) => !f.suppressed).length;
  return { annotations, omitted: candidates - annotations.length };
}
