import { describe, expect, it } from 'vitest';
import { ScannerError } from '../../../src/errors.js';
import {
  type ArtifactClient,
  artifactFileName,
  forbiddenInArtifactName,
  uniqueName,
  uploadUnique,
} from '../../../src/publish/artifact.js';
import { MemoryLogger } from '../../helpers/memory-logger.js';

/** A stand-in for GitHub's artifact service: names already in the run, and names another job takes meanwhile. */
function fakeClient(
  existing: string[],
  takenDuringUpload: string[] = [],
): ArtifactClient & { uploaded: string[] } {
  const names = new Set(existing);
  const uploaded: string[] = [];
  return {
    uploaded,
    listArtifacts: async () => ({ artifacts: [...names].map((name) => ({ name })) }),
    uploadArtifact: async (name) => {
      if (names.has(name) || takenDuringUpload.includes(name)) {
        throw new Error(
          `Failed to CreateArtifact: Received non-retryable error: (409) Conflict: an artifact with this name already exists on the workflow run`,
        );
      }
      names.add(name);
      uploaded.push(name);
      return { id: 1, size: 10 };
    },
  };
}

describe('artifact names unique in the run', () => {
  it('keeps a free name and numbers a taken one', () => {
    expect(uniqueName('sca-bridge-xray', new Set())).toBe('sca-bridge-xray');
    expect(uniqueName('sca-bridge-xray', new Set(['sca-bridge-xray', 'sca-bridge-xray-2']))).toBe(
      'sca-bridge-xray-3',
    );
  });

  it('takes the next free name when earlier steps or matrix jobs used it', async () => {
    const client = fakeClient(['sca-bridge-xray', 'sca-bridge-xray-2']);
    expect(await uploadUnique(client, 'sca-bridge-xray', ['/tmp/a'], '/tmp', new MemoryLogger())).toBe(
      'sca-bridge-xray-3',
    );
    expect(client.uploaded).toEqual(['sca-bridge-xray-3']);
  });

  it('moves on when another job takes the name between listing and uploading', async () => {
    const client = fakeClient([], ['sca-bridge-dependency-track']);
    const logger = new MemoryLogger();
    expect(await uploadUnique(client, 'sca-bridge-dependency-track', ['/tmp/a'], '/tmp', logger)).toBe(
      'sca-bridge-dependency-track-2',
    );
    expect(logger.of('info')).toEqual(['Uploaded artifact sca-bridge-dependency-track-2 (1 files).']);
  });

  it('passes on any other failure', async () => {
    const client: ArtifactClient = {
      listArtifacts: async () => ({ artifacts: [] }),
      uploadArtifact: async () => {
        throw new Error('GHESNotSupportedError: @actions/artifact v2.0.0+ is not supported on GHES');
      },
    };
    await expect(uploadUnique(client, 'x', [], '/tmp', new MemoryLogger())).rejects.toThrow(
      'not supported on GHES',
    );
  });

  it('gives up after 5 names taken meanwhile: a remote condition (exit 3)', async () => {
    const client: ArtifactClient = {
      listArtifacts: async () => ({ artifacts: [] }),
      uploadArtifact: async () => {
        throw new Error('Conflict: an artifact with this name already exists on the workflow run');
      },
    };
    const error = await uploadUnique(client, 'x', [], '/tmp', new MemoryLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScannerError);
    expect((error as Error).message).toBe(
      'could not find a free artifact name after 5 tries, starting from x',
    );
  });
});

describe("@actions/artifact's forbidden characters", () => {
  it('names each one a name holds, and none in a name it takes', () => {
    expect(forbiddenInArtifactName('a"b:c<d>e|f*g?h\ri\nj\\k/l')).toEqual([
      'double quote "',
      'colon :',
      'less than <',
      'greater than >',
      'vertical bar |',
      'asterisk *',
      'question mark ?',
      'carriage return',
      'line feed',
      'backslash \\',
      'forward slash /',
    ]);
    expect(forbiddenInArtifactName('sca-bridge dependency-track_1.0')).toEqual([]);
  });

  it("turns each into _ in a file's name (an export named report:2024.json)", () => {
    expect(artifactFileName('raw-1-report:2024?.json')).toBe('raw-1-report_2024_.json');
    expect(forbiddenInArtifactName(artifactFileName('a"b:c<d>e|f*g?h\\i/j'))).toEqual([]);
  });
});
