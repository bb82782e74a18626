import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Vitest global setup: every temporary folder of the run (tests', and the CLI's and Action's they start) goes
 * under one folder, removed when the run ends, so runs do not fill the machine's /tmp.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), 'sca-bridge-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
