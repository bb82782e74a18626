/** At most `size` tasks at a time; the rest wait in order. A freed slot passes straight to the next waiter. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`Limiter size must be ≥ 1, got ${size}`);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** Thrown by a task that stopped because a sibling task failed; the sibling's error is the one to report. */
export class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

/**
 * Waits for every promise, then throws the first real failure in the given order (not in time order, and
 * never a `Cancelled` when there is a cause): callers get a stable error, and nothing is still running
 * when they clean up.
 */
export async function settleAll<T extends readonly unknown[]>(
  promises: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failures = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => r.reason as unknown);
  if (failures.length) throw failures.find((e) => !(e instanceof Cancelled)) ?? failures[0];
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
