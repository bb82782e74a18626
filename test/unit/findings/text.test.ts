import { describe, expect, it } from 'vitest';
import { shorten } from '../../../src/findings/text.js';

describe('shorten', () => {
  it('cuts to the limit with an ellipsis, never inside an emoji', () => {
    expect(shorten('short', 10)).toBe('short');
    expect(shorten('abcdefghij', 5)).toBe('abcd…');
    // '🔥' is two UTF-16 units; a cut after its first half would leave a lone surrogate.
    const cut = shorten(`abc🔥${'x'.repeat(20)}`, 5);
    expect(cut).toBe('abc…');
    expect(cut.isWellFormed()).toBe(true);
    expect(shorten(`ab🔥${'x'.repeat(20)}`, 5, '...')).toBe('ab...');
  });
});
