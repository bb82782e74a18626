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
    const from = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (!from?.[1]) return;
    const image = expand(from[1], args);
    const base = aliases.get(image.toLowerCase());
    stages.push({ image, line: index + 1, ...(base !== undefined ? { base } : {}) });
    if (from[2]) aliases.set(from[2].toLowerCase(), stages.length - 1);
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
