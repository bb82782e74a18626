import type { Declaration } from './declaration.js';

interface Stage {
  image: string;
  line: number;
  /** Index of the earlier stage this one starts from, when its `FROM` names a stage. */
  base?: number;
}

/** Substitutes `$NAME` and `${NAME}` with the defaults of `ARG`s declared before the first `FROM`. */
function expand(image: string, args: ReadonlyMap<string, string>): string {
  return image.replace(/\$\{?(\w+)\}?/g, (whole, name: string) => args.get(name) ?? whole);
}

/**
 * The image and stage name of a `FROM` line, as `/^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i` read
 * them: the first word after the `--options` (the last one when all are options), and the word after an
 * `AS` that follows it. By words: the regex kept a step per option to go back to, and overflowed its
 * stack on a line of millions.
 */
function fromLine(line: string): { image: string; alias?: string } | undefined {
  const head = /^\s*FROM\s/i.exec(line);
  if (!head) return undefined;
  const words = /\S+/g;
  words.lastIndex = head[0].length;
  let image: string | undefined;
  for (let word = words.exec(line); word; word = words.exec(line)) {
    image = word[0];
    if (!/^--\S/.test(image)) break;
  }
  if (image === undefined) return undefined;
  const alias = /\s+AS\s+(\S+)/iy;
  alias.lastIndex = words.lastIndex;
  // `lastIndex` is 0 when every word was an option: nothing follows the last.
  const name = words.lastIndex ? alias.exec(line)?.[1] : undefined;
  return { image, ...(name ? { alias: name } : {}) };
}

/**
 * Dockerfile: every `FROM` image. The image the final stage is built on (following `FROM <stage>`
 * back to a real image) is direct: its OS packages are the ones that ship.
 */
export function scanDockerfile(text: string): Declaration[] {
  const args = new Map<string, string>();
  const aliases = new Map<string, number>();
  const stages: Stage[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const arg = stages.length === 0 ? /^\s*ARG\s+(\w+)=("?)([^"\s]*)\2/i.exec(line) : null;
    if (arg?.[1]) args.set(arg[1], arg[3] ?? '');
    const from = fromLine(line);
    if (!from) return;
    const image = expand(from.image, args);
    const base = aliases.get(image.toLowerCase());
    stages.push({ image, line: index + 1, ...(base !== undefined ? { base } : {}) });
    if (from.alias) aliases.set(from.alias.toLowerCase(), stages.length - 1);
  });

  let shipped = stages.length - 1;
  while (stages[shipped]?.base !== undefined) shipped = stages[shipped]?.base ?? -1;
  return stages.flatMap((stage, index): Declaration[] => {
    if (stage.base !== undefined || stage.image.toLowerCase() === 'scratch') return [];
    const tag = /^[^@]*?:([^/:@]+)(?:@|$)/.exec(stage.image)?.[1];
    return [
      {
        ecosystem: 'docker',
        name: stage.image,
        ...(tag ? { version: tag } : {}),
        line: stage.line,
        direct: index === shipped,
      },
    ];
  });
}
