import type { ScannerAdapter } from '../scanner.js';
import { type FlowOptions, scan, testConnection } from './flow.js';

/** The Dependency-Track adapter; tests pass options for faster retries. */
export function createDependencyTrack(options: FlowOptions = {}): ScannerAdapter {
  return {
    testConnection: (ctx) => testConnection(ctx, options),
    scan: (ctx) => scan(ctx, options),
  };
}

export const dependencyTrack: ScannerAdapter = createDependencyTrack();
