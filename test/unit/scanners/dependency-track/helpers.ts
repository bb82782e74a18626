import { parseConfig, type Config, type Mode, type RawInputs } from '../../../../src/config.js';
import { createDependencyTrack } from '../../../../src/scanners/dependency-track/adapter.js';

/** A distinctive key: any message, log line or output that holds it is a leak. */
export const API_KEY = 'odt_SIMKEY42_s3cr3t-K3y-that-must-never-show-up';

export { MemoryLogger } from '../../../helpers/memory-logger.js';

/** The configuration the front doors would build from these inputs. */
export function dtConfig(mode: Mode, inputs: RawInputs): Config {
  return parseConfig(
    mode,
    { scanner: 'dependency-track', token: API_KEY, 'poll-interval': '0.01', ...inputs },
    { env: {}, cwd: process.cwd() },
  );
}

/** The adapter with retries fast enough for tests. */
export const fastAdapter = createDependencyTrack({ http: { baseDelayMs: 5 }, progressEveryMs: 0 });
