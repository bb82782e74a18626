import { statSync } from 'node:fs';
import path from 'node:path';

/** The same file, by path or, for files that exist, by device and inode (links, `./a` and `a`). */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.isFile() && x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
