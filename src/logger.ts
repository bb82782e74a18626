/** What the core needs to say; each front door supplies its own (GitHub's workflow commands, stderr, …). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Registers a value that must never be printed; implementations mask it in everything they write. */
  secret(value: string): void;
  /** Masks every registered secret in a text that leaves by another way (a JSON summary, a webhook body). */
  redact(text: string): string;
}

/** Replaces every registered secret in a text; shared by every logger and by error messages. */
export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: readonly string[] = []) {
    for (const secret of secrets) this.add(secret);
  }

  add(value: string): void {
    // Very short values would mask ordinary words; tokens are never that short.
    if (value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so `Bearer <token>` goes as a whole rather than leaving `Bearer ***`.
    const longestFirst = [...this.secrets].sort((a, b) => b.length - a.length);
    for (const secret of longestFirst) out = out.split(secret).join('***');
    return out;
  }
}

/** Writes to a stream (stderr for the CLI, so stdout stays free for `--json`). */
export class StreamLogger implements Logger {
  private readonly redactor = new Redactor();

  constructor(
    private readonly write: (line: string) => void,
    private readonly verbose = false,
  ) {}

  debug(message: string): void {
    if (this.verbose) this.emit('debug', message);
  }
  info(message: string): void {
    this.emit('', message);
  }
  warn(message: string): void {
    this.emit('warning', message);
  }
  error(message: string): void {
    this.emit('error', message);
  }
  secret(value: string): void {
    this.redactor.add(value);
  }
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  private emit(level: string, message: string): void {
    const text = this.redactor.redact(message);
    this.write(level ? `${level}: ${text}\n` : `${text}\n`);
  }
}
