/**
 * A JSON parser that keeps the line of every key and value: manifests, lockfiles and SBOMs are JSON, and
 * a location needs the line that declares a package, which `JSON.parse` forgets.
 */
export type JsonNode =
  | { type: 'object'; line: number; members: JsonMember[] }
  | { type: 'array'; line: number; items: JsonNode[] }
  | { type: 'string'; line: number; value: string }
  | { type: 'other'; line: number };

export interface JsonMember {
  key: string;
  line: number;
  value: JsonNode;
}

class Parser {
  private at = 0;
  private line = 1;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  document(): JsonNode {
    const node = this.value();
    this.space();
    if (this.at < this.text.length) throw new SyntaxError(`text after the document at line ${this.line}`);
    return node;
  }

  private space(): void {
    const text = this.text;
    for (;;) {
      const c = text.charCodeAt(this.at);
      if (c === 10) this.line++;
      else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) return;
      this.at++;
    }
  }

  private value(): JsonNode {
    this.space();
    const line = this.line;
    const c = this.text[this.at];
    if (c === '{') return this.object(line);
    if (c === '[') return this.array(line);
    if (c === '"') return { type: 'string', line, value: this.string() };
    const start = this.at;
    while (this.at < this.text.length && !',}] \t\r\n'.includes(this.text[this.at] ?? '')) this.at++;
    if (this.at === start)
      throw new SyntaxError(`unexpected ${c === undefined ? 'end' : JSON.stringify(c)} at line ${line}`);
    return { type: 'other', line };
  }

  private object(line: number): JsonNode {
    const members: JsonMember[] = [];
    this.at++;
    this.space();
    if (this.text[this.at] === '}') {
      this.at++;
      return { type: 'object', line, members };
    }
    for (;;) {
      this.space();
      const keyLine = this.line;
      if (this.text[this.at] !== '"') throw new SyntaxError(`expected a key at line ${keyLine}`);
      const key = this.string();
      this.space();
      if (this.text[this.at++] !== ':') throw new SyntaxError(`expected ':' at line ${this.line}`);
      members.push({ key, line: keyLine, value: this.value() });
      if (this.close('}')) return { type: 'object', line, members };
    }
  }

  private array(line: number): JsonNode {
    const items: JsonNode[] = [];
    this.at++;
    this.space();
    if (this.text[this.at] === ']') {
      this.at++;
      return { type: 'array', line, items };
    }
    for (;;) {
      items.push(this.value());
      if (this.close(']')) return { type: 'array', line, items };
    }
  }

  /** After a member or item: true at the closing bracket, false at a comma. */
  private close(bracket: string): boolean {
    this.space();
    const c = this.text[this.at++];
    if (c === bracket) return true;
    if (c === ',') return false;
    throw new SyntaxError(`expected ',' or '${bracket}' at line ${this.line}`);
  }

  private string(): string {
    const start = this.at;
    let end = start + 1;
    let escaped = false;
    for (;;) {
      end = this.text.indexOf('"', end);
      if (end < 0) throw new SyntaxError(`unterminated string at line ${this.line}`);
      let backslashes = 0;
      while (this.text[end - 1 - backslashes] === '\\') backslashes++;
      if (backslashes % 2 === 0) break;
      escaped = true;
      end++;
    }
    this.at = end + 1;
    if (!escaped) return this.text.slice(start + 1, end);
    try {
      return JSON.parse(this.text.slice(start, end + 1)) as string;
    } catch (error) {
      throw new SyntaxError(`a string with a bad escape at line ${this.line}`, { cause: error });
    }
  }
}

/**
 * The document's tree. A text that is not JSON throws, saying where: the repository index names the file in a
 * warning rather than placing its findings elsewhere without a word.
 */
export function parseJson(text: string): JsonNode {
  try {
    return new Parser(text).document();
  } catch (error) {
    // The parser recurses: a document nested deeper than the stack is JSON, only too deep to read.
    const why =
      error instanceof RangeError
        ? 'nested too deeply to read'
        : `not valid JSON: ${String(error instanceof Error ? error.message : error)}`;
    throw new SyntaxError(why, { cause: error });
  }
}

export function membersOf(node: JsonNode | undefined): JsonMember[] {
  return node?.type === 'object' ? node.members : [];
}

export function itemsOf(node: JsonNode | undefined): JsonNode[] {
  return node?.type === 'array' ? node.items : [];
}

export function member(node: JsonNode | undefined, key: string): JsonMember | undefined {
  return membersOf(node).find((m) => m.key === key);
}

export function stringOf(node: JsonNode | undefined): string | undefined {
  return node?.type === 'string' ? node.value : undefined;
}
