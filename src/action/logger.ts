import * as core from '@actions/core';
import type { Logger } from '../logger.js';

/** The Action's logger: GitHub's workflow commands, which also mask registered secrets. */
export class ActionLogger implements Logger {
  debug(message: string): void {
    core.debug(message);
  }
  info(message: string): void {
    core.info(message);
  }
  warn(message: string): void {
    core.warning(message);
  }
  error(message: string): void {
    core.error(message);
  }
  secret(value: string): void {
    core.setSecret(value);
  }
}
