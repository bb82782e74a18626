import { finished } from 'node:stream/promises';
import { createGzip, type Gzip } from 'node:zlib';
import type { LocatedFinding } from '../findings/model.js';
import { SEVERITIES, type Severity } from '../findings/severity.js';

/** GitHub code scanning rejects a file above these (SPEC §7). */
export const GITHUB_LIMITS = {
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  // GitHub says "10 MB": read as decimal megabytes, the smaller of the two readings.
  gzipBytes: 10_000_000,
  runsPerFile: 20,
};

/**
 * The gzipped size the SARIF writer fits a log to: GitHub's limit less 6%. The bound below is Node's zlib at its
 * fastest level; GNU gzip, which GitHub's REST instructions pipe the file through, writes up to 5% more than
 * that on text that hardly compresses (hex digests).
 */
export const SARIF_GZIP_BUDGET = GITHUB_LIMITS.gzipBytes - 600_000;

export interface RunTruncation {
  /** Results left out of the SARIF (they stay in `--json` counts and the artifact). */
  resultsDropped: number;
  /** Rule help shortened to fit the size limit. */
  helpTrimmed: boolean;
  /** The results left out, by severity (severities with none left out are absent). */
  droppedBySeverity: Partial<Record<Severity, number>>;
  /** Of the results left out, those of suppressed findings (they go before any open one). */
  suppressedDropped: number;
  /** The findings left out, in the run's order. */
  left: readonly LocatedFinding[];
}

/** What `findings` lose when only `left` of them are left out. */
export function truncationOf(left: readonly LocatedFinding[], helpTrimmed: boolean): RunTruncation {
  const counts = new Map<Severity, number>();
  let suppressedDropped = 0;
  for (const finding of left) {
    counts.set(finding.severity, (counts.get(finding.severity) ?? 0) + 1);
    if (finding.suppressed) suppressedDropped++;
  }
  // Most severe first, whatever the order of `left`.
  const droppedBySeverity: Partial<Record<Severity, number>> = {};
  for (const severity of SEVERITIES) {
    const n = counts.get(severity);
    if (n) droppedBySeverity[severity] = n;
  }
  return { resultsDropped: left.length, helpTrimmed, droppedBySeverity, suppressedDropped, left };
}

/**
 * The positions in `findings` (most severe first) the run's result and rule caps keep: open findings before
 * any suppressed one, each in their order; the positions come back in that order of keeping.
 */
export function withinCounts(findings: readonly LocatedFinding[], limit: number): number[] {
  const kept: number[] = [];
  const rules = new Set<string>();
  const consider = (finding: LocatedFinding, index: number) => {
    if (kept.length >= limit) return;
    if (!rules.has(finding.id) && rules.size >= GITHUB_LIMITS.rulesPerRun) return;
    rules.add(finding.id);
    kept.push(index);
  };
  findings.forEach((f, i) => !f.suppressed && consider(f, i));
  findings.forEach((f, i) => f.suppressed && consider(f, i));
  return kept;
}

/** Chunks whose compression may run on the thread pool before the writer waits for the oldest. */
const IN_FLIGHT = 4;

/** What gzip's header and trailer add to a deflate stream. */
const GZIP_FRAME = 18;

/** deflate's worst case on text that does not compress: stored blocks, 5 bytes in 16 KB, and a margin. */
function storedBound(raw: number, chunks: number): number {
  return Math.ceil(raw * 1.01) + 1024 * chunks + GZIP_FRAME;
}

/**
 * A bound above the gzipped size of text written in chunks, that depends on the text alone. While the text
 * stays well under the budget it is only held; past that, it is compressed at gzip's fastest level, which
 * compresses less than any upload will, on libuv's thread pool, alongside the writer building the next chunks.
 *
 * How far the thread pool is when the writer looks depends on timing, so the size is read only where it
 * does not: in the callback of a chunk's write, which zlib calls once that chunk is compressed and its output
 * handed on, before it takes the next one. `over` is decided from the size at the chunk `IN_FLIGHT` behind
 * the last one written, awaited in turn, so an attempt is given up at the same piece every time.
 */
export class GzipBound {
  private held: Buffer[] | undefined = [];
  private rawBytes = 0;
  private chunks = 0;
  private gzip: Gzip | undefined;
  private gzipBytes = 0;
  /** Each chunk's write: the gzipped size once it is compressed. */
  private readonly written: Promise<number>[] = [];
  /** The pieces written before each chunk. */
  private readonly piecesAt: number[] = [];
  /** Chunks whose writes were awaited; the size and pieces at the last of them. */
  private settled = 0;
  private settledBytes = 0;
  private settledPieces = 0;
  /** The part settled is over the budget: the attempt can be given up. */
  over = false;

  constructor(private readonly budget: number) {}

  /** Takes a copy of `chunk` (its writer reuses it); `pieces` is how many pieces were written before it. */
  async add(chunk: Buffer, pieces: number): Promise<void> {
    const copy = Buffer.from(chunk);
    this.rawBytes += copy.length;
    this.chunks++;
    this.piecesAt.push(pieces);
    if (this.held && storedBound(this.rawBytes, this.chunks) <= this.budget) {
      this.held.push(copy);
      return;
    }
    this.start();
    this.write(copy);
    while (this.settled <= this.chunks - 1 - IN_FLIGHT) await this.settle();
    // The trailer is not out yet.
    this.over = this.settledBytes + GZIP_FRAME > this.budget;
  }

  /** Starts compressing, with the text held so far. */
  private start(): void {
    if (this.gzip) return;
    const gzip = createGzip({ level: 1, chunkSize: 1 << 18 });
    gzip.on('data', (out: Buffer) => (this.gzipBytes += out.length));
    this.gzip = gzip;
    for (const held of this.held ?? []) this.write(held);
    this.held = undefined;
  }

  private write(chunk: Buffer): void {
    const gzip = this.gzip as Gzip;
    this.written.push(
      new Promise((resolve, reject) =>
        gzip.write(chunk, (error) => (error ? reject(error) : resolve(this.gzipBytes))),
      ),
    );
  }

  private async settle(): Promise<void> {
    this.settledBytes = await (this.written[this.settled] as Promise<number>);
    this.settledPieces = this.piecesAt[this.settled] ?? 0;
    // The size is read: the promise can go.
    delete this.written[this.settled];
    this.settled++;
  }

  /** An estimate of the size of `pieces` pieces, from the part settled (an attempt given up). */
  estimate(pieces: number): number {
    return Math.ceil((this.settledBytes * pieces) / Math.max(1, this.settledPieces));
  }

  /**
   * The bound of everything added. Text still held is only compressed when `exact`; otherwise its bound is its
   * size and deflate's worst case, enough to tell that it fits.
   */
  async total(exact: boolean): Promise<number> {
    if (this.held && !exact) return storedBound(this.rawBytes, this.chunks);
    if (!this.chunks) return 0;
    this.start();
    const gzip = this.gzip as Gzip;
    gzip.end();
    await finished(gzip);
    for (const write of this.written.slice(this.settled)) await write;
    return this.gzipBytes;
  }

  /** Stops compressing: the text was given up. */
  discard(): void {
    for (const write of this.written.slice(this.settled)) write?.catch(() => undefined);
    this.gzip?.destroy();
    this.held = undefined;
  }
}
