import { type Logger, Redactor } from '../../src/logger.js';

export type Level = 'debug' | 'info' | 'warn' | 'error';

/**
 * Keeps every line as the code wrote it, unredacted: a test that finds no token here proves the code never
 * wrote one. `redact` masks like the real loggers, for what leaves by other ways.
 */
export class MemoryLogger implements Logger {
  readonly lines: { level: Level; message: string }[] = [];
  readonly secrets: string[] = [];
  private readonly redactor = new Redactor();

  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  secret(value: string): void {
    this.secrets.push(value);
    this.redactor.add(value);
  }
  redact(text: string): string {
    return this.redactor.redact(text);
  }
  of(level: Level): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
  text(level?: Level): string {
    return this.lines
      .filter((l) => !level || l.level === level)
      .map((l) => l.message)
      .join('\n');
  }
}
