/**
 * A large export's rows are read again from the file after slicing, so its whole text need not stay in memory
 * (src/importers/read.ts, `Input.elementText`): seen here through node:fs, whose positional reads are watched.
 */
import * as fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { readImports } from '../../../src/importers/read.js';
import { tempDir } from '../../helpers/cli.js';
import { recordingLogger, userErrorMessage } from './helpers.js';

/** What to do before each read of the file at a position past its start (a read again); none by default. */
let beforeReadAgain: (() => void) | undefined;

vi.mock('node:fs', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs')>();
  // read.ts reads again with (fd, buffer, offset, length, position).
  const readSync = (
    fd: number,
    buffer: NodeJS.ArrayBufferView,
    offset: number,
    length: number,
    position: number,
  ) => {
    if (position > 0) beforeReadAgain?.();
    return original.readSync(fd, buffer, offset, length, position);
  };
  return { ...original, default: { ...original, readSync }, readSync };
});

const rows = Array.from({ length: 2000 }, (_, i) => ({
  issue_id: `XRAY-${i}`,
  severity: 'High',
  vulnerable_component: `npm://p${i}:1.0.0`,
  summary: `advisory ${i} `.repeat(200),
}));
const report = JSON.stringify({ total_rows: rows.length, rows });

function written(): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, 'report.json');
  fs.writeFileSync(file, report);
  return { dir, file };
}

describe('rows read again from the file', () => {
  beforeEach(() => {
    beforeReadAgain = undefined;
  });

  it('reads the rows from the file once they are sliced, every one in order', () => {
    const { dir } = written();
    let readsAgain = 0;
    beforeReadAgain = () => readsAgain++;
    const [result] = readImports(['report.json'], 'auto', dir, recordingLogger());
    expect(result?.findings.map((f) => f.id)).toEqual(rows.map((r) => r.issue_id));
    // About 5 MB, in one window of what the file holds after the first row: the rows come from the file read
    // again, in one read, not from the text sliced.
    expect(readsAgain).toBe(1);
  });

  it('refuses a file that changes between the slicing and the read again, rather than read other rows', () => {
    const { dir, file } = written();
    beforeReadAgain = () => {
      // Another job writing the export again, as long as before: only its time and content tell.
      fs.writeFileSync(file, report.replace('XRAY-0"', 'XRAY-9"'));
      fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    };
    expect(userErrorMessage(() => readImports(['report.json'], 'auto', dir, recordingLogger()))).toBe(
      'report.json: the file changed while sca-bridge read it (is something still writing it?); import it once it is written.',
    );
  });
});
