import { describe, expect, it } from 'vitest';
import { KEY_COLOURS, keyColour } from './key-colour';

describe('keyColour', () => {
  it('is -1 for no key', () => {
    expect(keyColour(null)).toBe(-1);
    expect(keyColour(undefined)).toBe(-1);
  });

  it('is a stable integer 0..7 for a key', () => {
    for (const key of [0, 1, 0x0a010007, 4294967295, 'a', '10.0.0.7:5000 → 10.0.0.9:80 TCP', '']) {
      const c = keyColour(key);
      expect(Number.isInteger(c)).toBe(true);
      expect(c).toBeGreaterThanOrEqual(0);
      expect(c).toBeLessThan(KEY_COLOURS);
      expect(keyColour(key)).toBe(c);
    }
  });

  it('spreads neighbouring addresses over every colour', () => {
    const counts = new Array<number>(KEY_COLOURS).fill(0);
    for (let host = 1; host <= 800; host++) counts[keyColour(0x0a010000 + host)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(60); // 100 each on average
  });
});
