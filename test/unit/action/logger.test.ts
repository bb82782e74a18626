import * as core from '@actions/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionLogger } from '../../../src/action/logger.js';

describe('ActionLogger.counting', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts the annotations a library prints through @actions/core, its own messages once', async () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const logger = new ActionLogger();
    logger.warn('before');
    const result = await logger.counting(async () => {
      // As @actions/artifact does on GHES, and on a file it cannot zip.
      core.warning('Artifact upload failed with error: GHESNotSupportedError.');
      core.warning('A non-blocking warning has occurred during artifact zip creation: EACCES');
      core.error('an error of its own');
      core.info('Uploading 3 files');
      logger.warn('one of ours, printed and counted once');
      return 'uploaded';
    });
    // Standard output is what it was before.
    expect(process.stdout.write).toBe(write);
    write.mockRestore();
    expect(result).toBe('uploaded');
    expect(logger.printed).toEqual({ error: 1, warning: 4, notice: 0 });
    expect(written.filter((line) => line.startsWith('::warning::'))).toHaveLength(4);
  });

  it('counts what was printed before a failure too, and gives the failure back', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const logger = new ActionLogger();
    await expect(
      logger.counting(async () => {
        core.warning('Listing Artifacts failed with error: GHESNotSupportedError.');
        throw new Error('GHESNotSupportedError');
      }),
    ).rejects.toThrow('GHESNotSupportedError');
    expect(logger.printed.warning).toBe(1);
  });
});
