import {
  closeSync,
  fstatSync,
  ftruncateSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A lone UTF-16 surrogate as `JSON.stringify` escapes it (a character a scanner's text was cut in; a whole pair
 * it writes as the character): after an even run of backslashes, which are escaped backslashes.
 */
const LONE_SURROGATE = /(?<!\\)((?:\\\\)*)\\ud[89a-f][0-9a-f]{2}/g;

/**
 * The JSON text with each lone surrogate as U+FFFD, as the text's UTF-8 would have it: readers that decode the
 * escape into UTF-8 (GitLab's, Python's) fail on it, and with it on the whole report.
 */
export function withoutLoneSurrogates(json: string): string {
  return json.includes('\\ud') ? json.replace(LONE_SURROGATE, '$1\\ufffd') : json;
}

/** Text is written in batches of about this many bytes: few system calls, little held in memory. */
const BATCH_BYTES = 1 << 20;

/**
 * Writes JSON text to a file in batches at a movable position, so a large report is never one string in
 * memory and a part already written can be written again (a SARIF run that must shrink to fit GitHub).
 */
export class JsonSink {
  /** Where the next batch goes. */
  position = 0;
  /** Sees every batch as it is written (the SARIF writer's gzip counter); the batch is reused after. */
  tap: ((chunk: Buffer) => Promise<void>) | undefined;
  /** Bytes encoded into `buffer` and not yet written. */
  private used = 0;
  private readonly buffer = Buffer.allocUnsafe(4 * BATCH_BYTES);

  constructor(private readonly fd: number) {}

  /**
   * Encodes each piece straight into one reused buffer: joining pieces into a batch string first would copy
   * every byte once more, and a new buffer per batch is twice as slow.
   */
  async write(json: string): Promise<void> {
    const text = withoutLoneSurrogates(json);
    // A UTF-16 unit takes at most 3 bytes of UTF-8.
    if (this.used + text.length * 3 > this.buffer.length) {
      await this.flush();
      if (text.length * 3 > this.buffer.length) return this.writeChunk(Buffer.from(text));
    }
    this.used += this.buffer.write(text, this.used);
    if (this.used >= BATCH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.used) return;
    const chunk = this.buffer.subarray(0, this.used);
    this.used = 0;
    await this.writeChunk(chunk);
  }

  private async writeChunk(chunk: Buffer): Promise<void> {
    for (let done = 0; done < chunk.length;)
      done += writeSync(this.fd, chunk, done, chunk.length - done, this.position + done);
    this.position += chunk.length;
    await this.tap?.(chunk);
  }

  /** Forgets what was written from `position` on; the next batch overwrites it. */
  rewind(position: number): void {
    this.used = 0;
    this.position = position;
  }
}

/** Copies a finished file, in order, to a device or pipe that cannot be written at positions. */
function copyInOrder(from: string, fd: number): void {
  const source = openSync(from, 'r');
  try {
    const chunk = Buffer.allocUnsafe(BATCH_BYTES);
    for (let read = readSync(source, chunk); read > 0; read = readSync(source, chunk))
      for (let done = 0; done < read;) done += writeSync(fd, chunk, done, read - done);
  } finally {
    closeSync(source);
  }
}

/**
 * Opens `file` for a sink, runs `write`, and ends the file where the sink ended. A write that fails part way
 * (a full disk) removes the file: a partial report must not pass for a complete one. A device or pipe
 * (`/dev/stdout`) gets the finished text from a temporary file, and is never removed.
 */
export async function withJsonSink(file: string, write: (sink: JsonSink) => Promise<void>): Promise<void> {
  const fd = openSync(file, 'w');
  const regular = fstatSync(fd).isFile();
  const scratch = regular
    ? undefined
    : path.join(mkdtempSync(path.join(tmpdir(), 'sca-bridge-')), 'out.json');
  const sinkFd = scratch ? openSync(scratch, 'w+') : fd;
  try {
    const sink = new JsonSink(sinkFd);
    await write(sink);
    await sink.flush();
    ftruncateSync(sinkFd, sink.position);
    if (scratch) copyInOrder(scratch, fd);
  } catch (error) {
    if (regular) rmSync(file, { force: true });
    throw error;
  } finally {
    if (scratch) {
      closeSync(sinkFd);
      rmSync(path.dirname(scratch), { recursive: true, force: true });
    }
    closeSync(fd);
  }
}

/**
 * An element already written as JSON text: the file writer copies it as it is. Anything else that serialises
 * it (`JSON.stringify`) gets the value it stands for.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** The JSON string of `before`, the text `middleJson` already holds as a JSON string, and `after`. */
export function joinedJson(before: string, middleJson: string, after: string): string {
  return `${JSON.stringify(before).slice(0, -1)}${middleJson.slice(1, -1)}${JSON.stringify(after).slice(1)}`;
}

function isList(value: unknown): value is Iterable<unknown> {
  return Array.isArray(value) || (typeof value === 'object' && value !== null && Symbol.iterator in value);
}

/**
 * Writes a JSON document whose bulk is one level of lists (a report's findings) element by element; a list
 * may be any iterable, so a report of 100,000 findings is never built, only written.
 */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await withJsonSink(file, async (sink) => {
    const writeList = async (items: Iterable<unknown>) => {
      let first = true;
      await sink.write('[');
      for (const item of items) {
        const json = item instanceof JsonText ? item.text : JSON.stringify(item);
        await sink.write(`${first ? '\n' : ',\n'}${json}`);
        first = false;
      }
      await sink.write(first ? ']' : '\n]');
    };
    if (isList(value)) {
      await writeList(value);
    } else if (value && typeof value === 'object') {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      await sink.write('{');
      for (const [i, [key, item]] of entries.entries()) {
        await sink.write(`${i ? ',\n' : '\n'}${JSON.stringify(key)}: `);
        if (isList(item)) await writeList(item);
        else await sink.write(JSON.stringify(item));
      }
      await sink.write('\n}');
    } else {
      await sink.write(JSON.stringify(value));
    }
    await sink.write('\n');
  });
}
