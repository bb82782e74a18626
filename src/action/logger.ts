import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import { type Logger, Redactor } from '../logger.js';
import type { AnnotationLevel } from '../report/annotations.js';

/**
 * Text the runner reads as a workflow command: `::` after a line's leading blanks, or the older `##[…]` form
 * anywhere in a line.
 */
const COMMAND_LINE = /(^|[\r\n])[^\S\r\n]*::|##\[/;

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
    // A server's text (an error body, a version) can hold a line the runner would take for a workflow command
    // (`::error …`, `::add-mask::…`): such a message is printed with commands stopped, as GitHub advises.
    if (!COMMAND_LINE.test(message)) return core.info(message);
    const token = randomUUID();
    core.info(`::stop-commands::${token}`);
    core.info(message);
    core.info(`::${token}::`);
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
}
