import { describe, expect, it } from 'vitest';
import { fitText } from './fit-text';

describe('fitText', () => {
  it('keeps text that fits and shortens text that does not, with an ellipsis', () => {
    expect(fitText('CLOSED_1', 200, 15)).toBe('CLOSED_1');
    expect(fitText('17 of 100 allowed packets', 80, 15)).toBe('17 of 10…');
    expect(fitText('17 of 100 allowed packets', 80, 15).length).toBeLessThanOrEqual(Math.floor(80 / (15 * 0.56)));
    expect(fitText('anything', 5, 15)).toBe('');
  });
});
