import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createGzip, type Gzip, gzipSync } from 'node:zlib';
import type { LocatedFinding } from '../findings/model.js';
import type { Severity } from '../findings/severity.js';

/** GitHub code scanning rejects a file above these (SPEC §7). */
export const GITHUB_LIMITS = {
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  gzipBytes: 10 * 1024 * 1024,
  runsPerFile: 20,
};

export interface RunTruncation {
  /** Results left out of the SARIF (they stay in `--json` counts and the artifact). */
  resultsDropped: number;
  /** Rule help shortened to fit the size limit. */
  helpTrimmed: boolean;
  /** The results left out, by severity (severities with none left out are absent). */
  droppedBySeverity: Partial<Record<Severity, number>>;
}

/** How many of `findings` are not among `kept`, by severity. */
export function droppedBySeverity(
  findings: readonly LocatedFinding[],
  kept: readonly LocatedFinding[],
): Partial<Record<Severity, number>> {
  const keep = new Set(kept);
  const dropped: Partial<Record<Severity, number>> = {};
  for (const finding of findings)
    if (!keep.has(finding)) dropped[finding.severity] = (dropped[finding.severity] ?? 0) + 1;
  return dropped;
}

/** The most severe findings within the result and rule caps; findings must come most severe first. */
export function withinCounts(findings: readonly LocatedFinding[], limit: number): LocatedFinding[] {
  const kept: LocatedFinding[] = [];
  const rules = new Set<string>();
  for (const finding of findings) {
    if (kept.length >= limit) break;
    if (!rules.has(finding.id) && rules.size >= GITHUB_LIMITS.rulesPerRun) continue;
    rules.add(finding.id);
    kept.push(finding);
  }
  return kept;
}

/** Bytes the zlib thread may have queued before the writer waits for it. */
const GZIP_QUEUE = 8 << 20;

/**
 * A bound above the gzipped size of text written in chunks. gzip never grows text by more than a little,
 * so while the text stays well under the budget it is only held; past that, it is compressed at gzip's
 * fastest level, which compresses less than any upload will, so its size is a safe bound. The compression
 * runs on libuv's thread pool, alongside the writer building the next chunk.
 */
export class GzipBound {
  private held: Buffer[] = [];
  private rawBytes = 0;
  private gzip: Gzip | undefined;
  private gzipBytes = 0;

  constructor(private readonly budget: number) {}

  /** The bound so far: exact once compressing, the raw size before. */
  get bytes(): number {
    return this.gzip ? this.gzipBytes : this.rawBytes;
  }

  /** Takes a copy of `chunk`: its writer reuses it. */
  async add(written: Buffer): Promise<void> {
    const chunk = Buffer.from(written);
    this.rawBytes += chunk.length;
    if (!this.gzip && this.rawBytes * 1.01 + 1024 <= this.budget) {
      this.held.push(chunk);
      return;
    }
    if (!this.gzip) {
      // `highWaterMark` reaches the stream, though zlib's option type leaves it out.
      const options = { level: 1, chunkSize: 1 << 20, highWaterMark: GZIP_QUEUE };
      this.gzip = createGzip(options);
      this.gzip.on('data', (out: Buffer) => (this.gzipBytes += out.length));
      for (const held of this.held) this.gzip.write(held);
      this.held = [];
    }
    if (!this.gzip.write(chunk)) await once(this.gzip, 'drain');
    // Lets the thread pool's finished chunks in, so compression keeps pace with writing.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** The bound of everything added: what a small log leaves of the budget counts for the next run. */
  async total(): Promise<number> {
    if (!this.gzip) return this.held.length ? gzipSync(Buffer.concat(this.held), { level: 1 }).length : 0;
    this.gzip.end();
    await finished(this.gzip);
    return this.gzipBytes;
  }

  /** Stops compressing: the text was given up. */
  discard(): void {
    this.gzip?.destroy();
  }
}
