import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../worker/protocol';
import { createExplorerStore } from './create-store';
import { SPEEDS } from './playback-slice';
import { DEFAULT_SCENARIO } from './scenario-slice';

const run = (eventCount: number) => ({ eventCount, scenario: DEFAULT_SCENARIO }) as unknown as RunInfo;

describe('explorer store', () => {
  it('each factory call makes an independent store', () => {
    const a = createExplorerStore();
    const b = createExplorerStore();
    a.getState().setScenario({ ...DEFAULT_SCENARIO, cores: 8 });
    expect(a.getState().scenario.cores).toBe(8);
    expect(b.getState().scenario.cores).toBe(4);
  });

  it('clamps absurd core counts', () => {
    const s = createExplorerStore();
    s.getState().setScenario({ ...DEFAULT_SCENARIO, cores: -3 });
    expect(s.getState().scenario.cores).toBe(1);
    s.getState().setScenario({ ...DEFAULT_SCENARIO, cores: 1e9 });
    expect(s.getState().scenario.cores).toBe(64);
    s.getState().setScenario({ ...DEFAULT_SCENARIO, cores: Number.NaN });
    expect(s.getState().scenario.cores).toBe(4);
  });

  it('keeps the playhead inside the run and stops playing at the end', () => {
    const s = createExplorerStore();
    s.getState().setRun(run(10), 50);
    expect(s.getState().position).toBe(10);
    s.getState().seek(-4);
    expect(s.getState().position).toBe(0);
    s.getState().play();
    s.getState().seek(3.6);
    expect(s.getState()).toMatchObject({ position: 4, playing: true });
    s.getState().seek(10);
    expect(s.getState()).toMatchObject({ position: 10, playing: false });
    s.getState().play(); // from the end: starts again
    expect(s.getState()).toMatchObject({ position: 0, playing: true });
    s.getState().seek(Number.NaN);
    expect(s.getState().position).toBe(0);
  });

  it('does not play an empty run', () => {
    const s = createExplorerStore();
    s.getState().play();
    expect(s.getState().playing).toBe(false);
  });

  it('keeps the speed within the offered speeds', () => {
    const s = createExplorerStore();
    s.getState().setSpeedIndex(99);
    expect(s.getState().speedIndex).toBe(SPEEDS.length - 1);
    s.getState().setSpeedIndex(-1);
    expect(s.getState().speedIndex).toBe(0);
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
