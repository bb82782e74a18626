/** Letters, digits, `_`, `.` and `-`: what `[\w.-]` matches (also with the `i` flag, no other character). */
const WORD_CHAR = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-')
  WORD_CHAR[c.charCodeAt(0)] = 1;
const WORD = /[\w.-]+/g;

function isWordChar(code: number): boolean {
  return code < 128 && WORD_CHAR[code] === 1;
}

/** FNV-1a of a run's characters, lower case: runs that differ only in case hash alike. */
function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ (code >= 65 && code <= 90 ? code | 32 : code), 16777619);
}
const HASH_START = 0x811c9dc5 | 0;

function hashOf(run: string): number {
  let hash = HASH_START;
  for (let at = 0; at < run.length; at++) hash = hashStep(hash, run.charCodeAt(at));
  return hash;
}

/** Whether a line names `name` as a word: no letter, digit, `_`, `.` or `-` on either side; any case. */
function wordPattern(name: string): RegExp {
  return new RegExp(`(^|[^\\w.-])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\w.-]|$)`, 'i');
}

function* numbers(from: number, to: number): Generator<number> {
  for (let at = from; at <= to; at++) yield at;
}

/**
 * The lines holding each run of `[\w.-]` of a file, by the run's hash: a table of chains in typed arrays
 * (a Map of the runs' texts took three times as long to fill and twice the memory for a large lockfile).
 * Runs of one hash share a chain, so a run's lines are a superset, which the caller checks line by line.
 */
class RunIndex {
  private readonly heads: Int32Array;
  private readonly mask: number;
  /** Per entry: its line, its run's hash, and the entry before it in its chain (0 for none), 1-based. */
  private lines = new Int32Array(4096);
  private hashes = new Int32Array(4096);
  private previous = new Int32Array(4096);
  private size = 0;

  constructor(lines: readonly string[]) {
    let characters = 0;
    for (const text of lines) characters += text.length;
    let slots = 1024;
    while (slots < characters / 8 && slots < 1 << 22) slots *= 2;
    this.heads = new Int32Array(slots);
    this.mask = slots - 1;
    lines.forEach((text, at) => this.addLine(text, at + 1));
  }

  private addLine(text: string, line: number): void {
    for (let at = 0; at < text.length; at++) {
      let code = text.charCodeAt(at);
      if (!isWordChar(code)) continue;
      let hash = HASH_START;
      do {
        hash = hashStep(hash, code);
        code = text.charCodeAt(++at);
      } while (isWordChar(code));
      this.add(hash, line);
    }
  }

  private add(hash: number, line: number): void {
    const slot = hash & this.mask;
    const head = this.heads[slot] ?? 0;
    // The same run again on its line.
    if (head && this.hashes[head - 1] === hash && this.lines[head - 1] === line) return;
    if (this.size === this.lines.length) {
      const grow = (array: Int32Array) => {
        const grown = new Int32Array(array.length * 2);
        grown.set(array);
        return grown;
      };
      [this.lines, this.hashes, this.previous] = [grow(this.lines), grow(this.hashes), grow(this.previous)];
    }
    this.lines[this.size] = line;
    this.hashes[this.size] = hash;
    this.previous[this.size] = head;
    this.heads[slot] = ++this.size;
  }

  /** The lines (in order, each once) that may hold `run`; undefined when there are more than `most`. */
  linesOf(run: string, most: number): number[] | undefined {
    const hash = hashOf(run);
    const found: number[] = [];
    for (let entry = this.heads[hash & this.mask] ?? 0; entry; entry = this.previous[entry - 1] ?? 0) {
      if (this.hashes[entry - 1] !== hash) continue;
      const line = this.lines[entry - 1] ?? 0;
      if (found.at(-1) === line) continue;
      if (found.length === most) return undefined;
      found.push(line);
    }
    return found.reverse();
  }
}

/**
 * Finds the first line of a file naming a package: quoted (`"name"` or `'name'`), else as a word, else line
 * 1. Looking at every line with a regex per finding took over a minute for 200 findings named in a 66 MB
 * lockfile; the file's words are now indexed once, on its first search, and every answer is kept.
 *
 * Either way, each run of letters, digits, `_`, `.` and `-` in the name is a whole run of the line: quotes
 * are not such characters, nor are those the word pattern wants beside the name, and the name's other
 * characters stand between its runs. So only the lines holding the name's least common run are tried. A
 * name without any run (none of these characters) is looked for in every line.
 */
export class LineSearch {
  private readonly lines: readonly string[];
  private index?: RunIndex;
  /** Name → its first quoted line, or 0. */
  private readonly quotedLines = new Map<string, number>();
  /** Name → its first line as a word, or 0. */
  private readonly wordLines = new Map<string, number>();

  constructor(lines: readonly string[]) {
    this.lines = lines;
  }

  /** The first line naming one of `names` quoted, else as a word (in the order of `names` each time), else 1. */
  lineOf(names: readonly string[]): number {
    for (const name of names) {
      const quoted = () => (text: string) => text.includes(`"${name}"`) || text.includes(`'${name}'`);
      const line = this.first(this.quotedLines, name, quoted);
      if (line) return line;
    }
    for (const name of names) {
      const word = () => {
        const pattern = wordPattern(name);
        return (text: string) => pattern.test(text);
      };
      const line = this.first(this.wordLines, name, word);
      if (line) return line;
    }
    return 1;
  }

  /**
   * The first line (1-based) of the name's candidates that the test `namer` makes finds naming it, else 0; kept
   * in `found`, so the test is made only for a name not looked up before.
   */
  private first(found: Map<string, number>, name: string, namer: () => (text: string) => boolean): number {
    let line = found.get(name);
    if (line === undefined) {
      line = 0;
      const names = namer();
      for (const candidate of this.candidates(name)) {
        if (names(this.lines[candidate - 1] ?? '')) {
          line = candidate;
          break;
        }
      }
      found.set(name, line);
    }
    return line;
  }

  /** The lines that may name `name`: those of its least common run, else all. */
  private candidates(name: string): Iterable<number> {
    const runs = name.match(WORD);
    if (!runs) return numbers(1, this.lines.length);
    this.index ??= new RunIndex(this.lines);
    let fewest: number[] | undefined;
    for (const run of runs) {
      fewest = this.index.linesOf(run, fewest ? fewest.length - 1 : Infinity) ?? fewest;
      if (fewest?.length === 0) break;
    }
    return fewest ?? [];
  }
}
