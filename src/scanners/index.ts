import { UserError } from '../errors.js';
import type { ScannerName } from '../findings/model.js';
import type { ScannerAdapter } from './scanner.js';

/** Loads a scanner's code only when a run needs it, so `import` and `--version` start fast. */
export async function scannerAdapter(name: ScannerName | undefined): Promise<ScannerAdapter> {
  switch (name) {
    case 'dependency-track':
      return (await import('./dependency-track/adapter.js')).dependencyTrack;
    case 'xray':
      return (await import('./xray/adapter.js')).xray;
    default:
      throw new UserError('Input scanner: set dependency-track or xray.');
  }
}
