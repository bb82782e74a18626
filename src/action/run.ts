import * as core from '@actions/core';
import { readCiContext } from '../ci.js';
import { type Mode, parseConfig, type RawInputs } from '../config.js';
import { describeError, exitCodeOf, UserError } from '../errors.js';
import { runScan } from '../run.js';
import { ActionLogger } from './logger.js';

/** Every input action.yml declares, read by its public name. */
const INPUTS = [
  'mode',
  'scanner',
  'api-url',
  'token',
  'ui-url',
  'insecure',
  'ca-file',
  'timeout',
  'poll-interval',
  'import-file',
  'import-format',
  'project',
  'project-name',
  'project-version',
  'parent-project',
  'is-latest',
  'sbom',
  'auto-create',
  'repo-key',
  'project-key',
  'watches',
  'keep-report',
  'branch',
  'include-path-patterns',
  'exclude-path-patterns',
  'environment',
  'scan-tag',
  'metadata',
  'min-severity',
  'fail-on',
  'fail-on-policy-violation',
  'include-suppressed',
  'working-directory',
  'sarif-file',
  'category',
  'annotations',
  'job-summary',
  'upload-sarif',
  'github-token',
  'upload-artifact',
  'artifact-name',
  'webhook-url',
  'webhook-secret',
] as const;

function readInputs(): RawInputs {
  return Object.fromEntries(INPUTS.map((name) => [name, core.getInput(name)]));
}

/** `mode` when empty: import if `import-file` is set, else scan (SPEC §2). */
function modeOf(inputs: RawInputs): Mode {
  const mode = (inputs.mode as string | undefined)?.trim();
  if (!mode) return inputs['import-file'] ? 'import' : 'scan';
  if (mode === 'import') return mode;
  throw new UserError(`Input mode: "${mode}" is not available in this version; use import.`);
}

export async function run(): Promise<void> {
  const logger = new ActionLogger();
  try {
    const inputs = readInputs();
    for (const secret of ['token', 'webhook-secret', 'github-token']) {
      const value = inputs[secret] as string | undefined;
      if (value) logger.secret(value);
    }
    const config = parseConfig(modeOf(inputs), inputs, { env: process.env, cwd: process.cwd() });
    const outcome = await runScan(config, readCiContext(process.env), logger);
    const { summary } = outcome;
    core.setOutput('sarif-file', summary.sarifFile ?? '');
    for (const [key, value] of Object.entries(summary.counts)) core.setOutput(key, String(value));
    core.setOutput('policy-violations', String(summary.policyViolations));
    core.setOutput('gate-result', summary.gate.result);
    core.setOutput('report-url', summary.reportUrl ?? '');
    if (summary.status === 'failed') core.setFailed(`Gate failed: ${summary.gate.reasons.join('; ')}`);
  } catch (error) {
    core.setFailed(describeError(error));
    process.exitCode = exitCodeOf(error);
  }
}
