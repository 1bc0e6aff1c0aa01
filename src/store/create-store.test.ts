import { describe, expect, it } from 'vitest';
import { createExplorerStore } from './create-store';

describe('explorer store', () => {
  it('each factory call makes an independent store', () => {
    const a = createExplorerStore();
    const b = createExplorerStore();
    a.getState().setCores(8);
    expect(a.getState().cores).toBe(8);
    expect(b.getState().cores).toBe(4);
  });

  it('clamps absurd core counts', () => {
    const s = createExplorerStore();
    s.getState().setCores(-3);
    expect(s.getState().cores).toBe(1);
    s.getState().setCores(1e9);
    expect(s.getState().cores).toBe(64);
    s.getState().setCores(Number.NaN);
    expect(s.getState().cores).toBe(4);
  });

  it('cycles the theme system -> light -> dark -> system', () => {
    const s = createExplorerStore();
    const seen = [s.getState().theme];
    for (let i = 0; i < 3; i++) {
      s.getState().cycleTheme();
      seen.push(s.getState().theme);
    }
    expect(seen).toEqual(['system', 'light', 'dark', 'system']);
  });
});
