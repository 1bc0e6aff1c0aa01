import { describe, expect, it } from 'vitest';
import { logTicks, plotBox } from './axes';

describe('axes', () => {
  it('log ticks: 1-2-5 when there is room, powers of ten otherwise', () => {
    expect(logTicks(1, 100, 8)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks(1, 100000, 6)).toEqual([1, 10, 100, 1000, 10000, 100000]);
    expect(logTicks(1, 1e9, 4).length).toBeLessThanOrEqual(4);
    expect(logTicks(0, 10, 5)).toEqual([]);
  });

  it('plot box never goes negative on a tiny chart', () => {
    expect(plotBox({ x: 0, y: 0, width: 40, height: 30 }, { top: 10, right: 10, bottom: 40, left: 60 })).toEqual({ x: 60, y: 10, width: 10, height: 10 });
  });
});
