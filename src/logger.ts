import { randomUUID } from 'node:crypto';

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

const MASK = '***';
const MASK_BYTES = Buffer.from(MASK);

/**
 * `value` with `redact` applied to every string in it, however deep; objects and arrays are copied only where
 * something changed, so data without a secret comes back as it is.
 */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  // No array or entry list made for what has nothing to mask: this walks every finding of a run, 100,000 at scale.
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const masked = redactDeep(item, redact);
      if (masked !== item) (out ??= value.slice())[i] = masked;
    }
    return (out ?? value) as T;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const masked = redactDeep(record[key], redact);
      if (masked !== record[key]) (out ??= { ...record })[key] = masked;
    }
    return (out ?? value) as T;
  }
  return value;
}

/** Replaces every registered secret in a text; shared by every logger and by error messages. */
export class Redactor {
  private readonly secrets = new Set<string>();
  /** `secrets` longest first, made again only after `add`: `redact` runs for every string of a scan. */
  private sorted: string[] | undefined;

  constructor(secrets: readonly string[] = []) {
    for (const secret of secrets) this.add(secret);
  }

  add(value: string): void {
    // Very short values would mask ordinary words; tokens are never that short.
    if (value.length >= 4) {
      this.secrets.add(value);
      this.sorted = undefined;
    }
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.longestFirst()) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  }

  /**
   * `redact` for a file's bytes (UTF-8): a large export or page is never made one string, which V8 caps at
   * about 512 MiB. A file that holds no secret, nearly every one, comes back as it is.
   */
  redactBytes(bytes: Buffer): Buffer {
    let out = bytes;
    for (const secret of this.longestFirst()) {
      const needle = Buffer.from(secret, 'utf8');
      const parts: Buffer[] = [];
      let start = 0;
      for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, start)) {
        parts.push(out.subarray(start, at), MASK_BYTES);
        start = at + needle.length;
      }
      if (parts.length) out = Buffer.concat([...parts, out.subarray(start)]);
    }
    return out;
  }

  /** Longest first, so `Bearer <token>` goes as a whole rather than leaving `Bearer ***`. */
  private longestFirst(): string[] {
    this.sorted ??= [...this.secrets].sort((a, b) => b.length - a.length);
    return this.sorted;
  }
}

/**
 * Text GitHub's runner could take for a workflow command: `::` (the runner acts on it at a line's start after
 * .NET's whitespace, a wider set than JavaScript's `\s`: U+0085 among others), or the older `##[…]` form,
 * which it finds anywhere in a line. Any `::` at all is matched, so no whitespace rule has to agree with .NET's.
 */
const COMMAND_TEXT = /::|##\[/;

/**
 * The lines that print a message so GitHub's runner acts on no workflow command in it: a message that could
 * hold one (a server's text: an error body, a version, a team name may carry `::add-mask::…` or `::error …`)
 * goes between `::stop-commands::` markers with a token no server can guess, as GitHub advises.
 */
export function commandsStopped(message: string): string[] {
  if (!COMMAND_TEXT.test(message)) return [message];
  const token = randomUUID();
  return [`::stop-commands::${token}`, message, `::${token}::`];
}

/** `text` as the lines to write, each ending in a line feed: with workflow commands stopped in GitHub Actions. */
export function printable(text: string, inGitHubActions: boolean): string {
  const lines = inGitHubActions ? commandsStopped(text) : [text];
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * Writes to a stream (stderr for the CLI, so stdout stays free for `--json`). `inGitHubActions`: the runner
 * reads a `run:` step's output for workflow commands too, so a message that could hold one is printed with
 * them stopped (`commandsStopped`, as the Action's logger does).
 */
export class StreamLogger implements Logger {
  private readonly redactor = new Redactor();

  constructor(
    private readonly write: (line: string) => void,
    private readonly verbose = false,
    private readonly inGitHubActions = false,
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
    // One write, so the markers and the message reach the stream together.
    this.write(printable(level ? `${level}: ${text}` : text, this.inGitHubActions));
  }
}
