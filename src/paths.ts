import { type BigIntStats, closeSync, constants, fstatSync, openSync, type Stats, statSync } from 'node:fs';
import path from 'node:path';

/** Where the SARIF is written when `sarif-file` names no path. */
export const DEFAULT_SARIF_FILE = 'sca-bridge.sarif';

/** Whether a relative path leaves the folder it is relative to: `..` or `../x` does, a folder named `..x` not. */
export function leavesFolder(relative: string, separator = path.sep): boolean {
  return relative === '..' || relative.startsWith(`..${separator}`);
}

/** `to` as seen from `from`, with `/` on every system: how SARIF and the reports write a path. */
export function relativeUri(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/**
 * Whether two `stat`s are of one file: device and inode, taken as big integers (`{ bigint: true }`), since NTFS
 * file ids pass 2^53, where two numbers could round to one.
 */
export function sameNode(a: BigIntStats, b: BigIntStats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** The same file, by path or, for files that exist, by device and inode (links, `./a` and `a`). */
export function sameFile(a: string, b: string): boolean {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [x, y] = [statSync(a, { bigint: true }), statSync(b, { bigint: true })];
    return x.isFile() && sameNode(x, y);
  } catch {
    return false;
  }
}

/**
 * Opening a FIFO for reading waits for a writer; non-blocking it returns at once, and `fstat` then tells it
 * from a file. `O_NOFOLLOW` refuses a symbolic link. Windows has neither flag.
 */
const READ_FLAGS = constants.O_RDONLY | ((constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0);
const NO_LINK = (constants as { O_NOFOLLOW?: number }).O_NOFOLLOW ?? 0;

/**
 * Opens `file` for reading only when it is a regular file, whose reading ends: a device such as /dev/zero never
 * does, and a named pipe waits for a writer. Otherwise closes it again and says what is there. `noFollow`: not
 * through a symbolic link. Throws what opening throws (no such file, no permission).
 */
export function openRegularFile(
  file: string,
  noFollow = false,
): { fd: number; size: number } | { notFile: Stats } {
  const fd = openSync(file, READ_FLAGS | (noFollow ? NO_LINK : 0));
  let stats: Stats;
  try {
    stats = fstatSync(fd);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  if (stats.isFile()) return { fd, size: stats.size };
  closeSync(fd);
  return { notFile: stats };
}
