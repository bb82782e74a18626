import type { Log, Run } from 'sarif';
import { SARIF_LOG_HEAD, type SarifRunInput, sarifRunJson } from '../../src/report/sarif.js';

/** A run as the writer's pieces put it on disk. */
export function sarifRun(input: SarifRunInput): Run {
  return JSON.parse([...sarifRunJson(input)].join('')) as Run;
}

/** A log of runs, as the SARIF file holds it. */
export function sarifLog(runs: readonly Run[]): Log {
  return JSON.parse(`${SARIF_LOG_HEAD}${runs.map((r) => JSON.stringify(r)).join(',')}]}`) as Log;
}
