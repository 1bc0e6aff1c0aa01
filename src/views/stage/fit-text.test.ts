import { describe, expect, it } from 'vitest';
import { fits, pickLabel, textWidth, wrapText } from './fit-text';

describe('text that fits', () => {
  it('measures wider for more, larger or bolder glyphs', () => {
    expect(textWidth('#12', 15)).toBeGreaterThan(textWidth('#1', 15));
    expect(textWidth('#12', 20)).toBeGreaterThan(textWidth('#12', 15));
    expect(textWidth('OPEN', 15, true)).toBeGreaterThan(textWidth('OPEN', 15));
    // Errs long: DejaVu Sans digits are 0.636 em.
    expect(textWidth('10.66.0.66', 15)).toBeGreaterThanOrEqual(8 * 0.636 * 15);
  });

  it('picks the longest label that fits, else the shortest', () => {
    expect(pickLabel(['applied up to #7', 'up to #7', '#7'], 300, 14)).toBe('applied up to #7');
    expect(pickLabel(['applied up to #7', 'up to #7', '#7'], 70, 14)).toBe('up to #7');
    expect(pickLabel(['applied up to #7', 'up to #7', '#7'], 5, 14)).toBe('#7');
  });

  it('wraps at spaces into lines that fit, never cutting a word', () => {
    const lines = wrapText('carries #1996–#1998', 110, 14);
    expect(lines).toEqual(['carries', '#1996–#1998']);
    expect(wrapText('carries #5–#7', 110, 14)).toEqual(['carries #5–#7']);
    for (const line of wrapText('Core 6 fast-forwards history record #4 of 6', 120, 14)) expect(fits(line, 120, 14) || !line.includes(' ')).toBe(true);
  });
});
