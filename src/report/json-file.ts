import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';

/**
 * Writes a JSON document whose bulk is one level of arrays (a report's findings) element by element, so a
 * report of 100,000 findings never exists as one string in memory.
 */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const writeArray = async (items: readonly unknown[]) => {
    await write('[');
    for (const [i, item] of items.entries()) await write(`${i ? ',\n' : '\n'}${JSON.stringify(item)}`);
    await write(items.length ? '\n]' : ']');
  };
  if (Array.isArray(value)) {
    await writeArray(value);
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    await write('{');
    for (const [i, [key, item]] of entries.entries()) {
      await write(`${i ? ',\n' : '\n'}${JSON.stringify(key)}: `);
      if (Array.isArray(item)) await writeArray(item);
      else await write(JSON.stringify(item));
    }
    await write('\n}');
  } else {
    await write(JSON.stringify(value));
  }
  out.end('\n');
  await once(out, 'finish');
}
