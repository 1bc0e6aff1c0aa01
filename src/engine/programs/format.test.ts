import { describe, expect, it } from 'vitest';
import { formatCount, formatNs } from './format';

describe('format', () => {
  it('formats counts with thousands separators', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('1,000');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(-45000)).toBe('-45,000');
  });

  it('formats nanoseconds in the largest unit that keeps them above 1', () => {
    expect(formatNs(999)).toBe('999 ns');
    expect(formatNs(1536)).toBe('1.536 µs');
    expect(formatNs(2_500_000)).toBe('2.5 ms');
    expect(formatNs(120_000_000_000)).toBe('120 s');
  });
});
