import { describe, expect, it } from 'vitest';
import type { RunInfo } from '../worker/protocol';
import { createExplorerStore } from './create-store';
import { DEFAULT_SCENARIO } from './scenario-slice';

const run = (eventCount: number) => ({ eventCount, scenario: DEFAULT_SCENARIO }) as unknown as RunInfo;

describe('talk mode state', () => {
  it('marks a loop in either order and keeps from <= to', () => {
    const s = createExplorerStore();
    s.getState().setRun(run(500), 0);
    s.getState().markLoop('to', 300);
    expect(s.getState().loop).toEqual({ from: 0, to: 300 });
    s.getState().markLoop('from', 120);
    expect(s.getState().loop).toEqual({ from: 120, to: 300 });
    s.getState().markLoop('from', 400); // past the end mark: the end follows
    expect(s.getState().loop).toEqual({ from: 400, to: 400 });
    s.getState().setLooping(true); // an empty range cannot loop
    expect(s.getState().looping).toBe(false);
    s.getState().markLoop('to', 450);
    s.getState().setLooping(true);
    expect(s.getState().looping).toBe(true);
    s.getState().setLoop(null);
    expect(s.getState()).toMatchObject({ loop: null, looping: false });
  });

  it('blanking pauses; showing again does not start playing', () => {
    const s = createExplorerStore();
    s.getState().setRun(run(50), 0);
    s.getState().play();
    s.getState().setBlanked(true);
    expect(s.getState()).toMatchObject({ blanked: true, playing: false });
    s.getState().setBlanked(false);
    expect(s.getState()).toMatchObject({ blanked: false, playing: false });
  });

  it('a refused full screen is remembered only while presenting', () => {
    const s = createExplorerStore();
    s.getState().setPresenter(true, true);
    expect(s.getState()).toMatchObject({ presenter: true, fullscreenRefused: true });
    s.getState().setPresenter(false, true);
    expect(s.getState()).toMatchObject({ presenter: false, fullscreenRefused: false });
  });
});
