import { describe, expect, it } from 'vitest';
import { SPOTLIGHT_PERIOD_MS, spotlightOpacity } from './use-spotlight-pulse';

describe('spotlightOpacity', () => {
  it('breathes from full to faint and back once a period', () => {
    expect(spotlightOpacity(0)).toBeCloseTo(1, 9);
    expect(spotlightOpacity(SPOTLIGHT_PERIOD_MS / 2)).toBeCloseTo(0.55, 9);
    expect(spotlightOpacity(SPOTLIGHT_PERIOD_MS)).toBeCloseTo(1, 9);
    for (let t = 0; t < SPOTLIGHT_PERIOD_MS; t += 97) {
      expect(spotlightOpacity(t)).toBeGreaterThanOrEqual(0.55 - 1e-12);
      expect(spotlightOpacity(t)).toBeLessThanOrEqual(1 + 1e-12);
    }
  });
});
