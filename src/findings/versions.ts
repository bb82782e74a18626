/**
 * Which fixed versions to advise. Scanners list fixes in their own order (Xray's is often textual, `6.10.3`
 * before `6.2.4`) and for every release line, so a plain list can name a downgrade first and cut off the nearest
 * upgrade. Versions are compared only by their leading numbers (`4.1.9`, `v1.2`, `2.0.0-RC1`): that order holds in
 * every ecosystem sca-bridge reads; anything else (an epoch `2:1.6.4`, a range) keeps the scanner's order.
 */

const NUMBERED = /^v?(\d+(?:\.\d+)*)(?:[-+~_.a-zA-Z][^:]*)?$/i;

function numbersOf(version: string): number[] | undefined {
  const match = NUMBERED.exec(version.trim());
  return match?.[1]?.split('.').map(Number);
}

/** Negative, zero or positive as `x` is below, level with or above `y`. */
function compareNumbers(x: readonly number[], y: readonly number[]): number {
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The versions lowest first, or `versions` itself when some cannot be compared. Each is read once. */
export function lowestFirst(versions: readonly string[]): readonly string[] {
  // One version needs no order (the usual case, asked for each of a finding's messages).
  if (versions.length < 2) return versions;
  const read = versions.map((version) => ({ version, numbers: numbersOf(version) }));
  if (!read.every((r) => r.numbers)) return versions;
  return read
    .sort(
      (a, b) =>
        compareNumbers(a.numbers!, b.numbers!) ||
        (a.version < b.version ? -1 : a.version > b.version ? 1 : 0),
    )
    .map((r) => r.version);
}

/**
 * The fixed versions to upgrade to, nearest first: those above one of the `installed` versions (a fix below all of
 * them is another release line's), all of them when none is, in the scanner's order when some cannot be compared.
 */
export function upgradeTargets(
  fixed: readonly string[],
  installed: readonly (string | undefined)[],
): string[] {
  const sorted = lowestFirst(fixed);
  if (sorted === fixed) return [...fixed];
  const installs = installed.map((version) => ({ version, numbers: version && numbersOf(version) }));
  // Level numbers with other text (`2.0.0` and `2.0.0-RC1`) cannot be told apart, so they stay.
  const above = sorted.filter((v) => {
    const numbers = numbersOf(v)!;
    return installs.some((i) => {
      if (!i.numbers) return true;
      const order = compareNumbers(numbers, i.numbers);
      return order > 0 || (order === 0 && v !== i.version);
    });
  });
  return above.length ? above : [...sorted];
}
