import * as core from '@actions/core';
import { commandsStopped, type Logger, Redactor } from '../logger.js';
import type { AnnotationLevel } from '../report/annotations.js';

const LEVELS: readonly AnnotationLevel[] = ['error', 'warning', 'notice'];

/** A line of standard output that makes an annotation: `::warning::…`, `::error file=…::…`. */
const ANNOTATION = /^::(error|warning|notice)[ :]/gm;

/** Adds the annotations a chunk written to standard output makes to `seen`. */
function countAnnotations(chunk: string | Uint8Array, seen: Record<AnnotationLevel, number>): void {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  for (const [, level] of text.matchAll(ANNOTATION)) seen[level as AnnotationLevel] += 1;
}

/**
 * The Action's logger: GitHub's workflow commands, which also mask registered secrets. It counts the
 * warnings and errors it prints, since each is an annotation within the step's caps.
 */
export class ActionLogger implements Logger {
  readonly printed: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  private readonly redactor = new Redactor();

  debug(message: string): void {
    core.debug(message);
  }
  info(message: string): void {
    // A server's text (an error body, a version, a team name) can hold what the runner would take for a
    // workflow command (`::error …`, `::add-mask::…`). Warnings, errors and debug lines are safe: @actions/core
    // writes them as one command whose text the runner reads as data.
    for (const line of commandsStopped(message)) core.info(line);
  }
  warn(message: string): void {
    this.printed.warning += 1;
    core.warning(message);
  }
  error(message: string): void {
    this.printed.error += 1;
    core.error(message);
  }
  secret(value: string): void {
    // The runner masks the log; what leaves another way (the webhook) is masked here.
    this.redactor.add(value);
    core.setSecret(value);
  }
  redact(text: string): string {
    return this.redactor.redact(text);
  }
  /** `redact` for a file's bytes, for what the workflow artifact uploads. */
  redactBytes(bytes: Buffer): Buffer {
    return this.redactor.redactBytes(bytes);
  }

  /**
   * Runs work that prints through @actions/core on its own (@actions/artifact warns when an upload fails, on
   * GitHub Enterprise Server, on a file it cannot zip): what it prints is counted from standard output, since
   * every warning or error there is an annotation within the step's caps. Its own messages (printed by this
   * logger while the work runs) are in what is seen, so the count replaces theirs rather than adding to it.
   */
  async counting<T>(work: () => Promise<T>): Promise<T> {
    const before = { ...this.printed };
    const seen: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
    const stdout = process.stdout;
    const write = stdout.write;
    stdout.write = function (this: typeof stdout, chunk: string | Uint8Array, ...rest: unknown[]): boolean {
      countAnnotations(chunk, seen);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as typeof write;
    try {
      return await work();
    } finally {
      stdout.write = write;
      for (const level of LEVELS) this.printed[level] = before[level] + seen[level];
    }
  }
}
