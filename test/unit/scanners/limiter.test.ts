import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Cancelled, Limiter, settleAll } from '../../../src/scanners/limiter.js';

describe('Limiter', () => {
  it('never runs more than its size at once, and runs everything', async () => {
    const limiter = new Limiter(3);
    let active = 0;
    let most = 0;
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          active++;
          most = Math.max(most, active);
          await sleep(i % 3);
          active--;
          done.push(i);
        }),
      ),
    );
    expect(most).toBe(3);
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('frees the slot of a failed task', async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.run(() => Promise.resolve(5))).resolves.toBe(5);
    expect(() => new Limiter(0)).toThrow(RangeError);
  });

  it('settleAll waits for all, and throws the first real failure in order', async () => {
    let slowDone = false;
    const slow = sleep(20).then(() => {
      slowDone = true;
      return 1;
    });
    await expect(settleAll([Promise.reject(new Error('first')), slow])).rejects.toThrow('first');
    expect(slowDone).toBe(true);
    await expect(
      settleAll([Promise.reject(new Cancelled('stopped')), Promise.reject(new Error('cause'))]),
    ).rejects.toThrow('cause');
    await expect(settleAll([Promise.resolve(1), Promise.resolve('a')])).resolves.toEqual([1, 'a']);
  });
});
