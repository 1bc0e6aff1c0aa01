import type { StateCreator } from 'zustand';
import type { FrameView, RunInfo } from '../worker/protocol';
import type { ExplorerState } from './create-store';

/**
 * Speeds offered, as multiples of 1x; 1x shows about one and a half events per second. Up to 64x
 * each press of + doubles the rate, so none jumps past what the eye can follow.
 */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 256, 1024] as const;
export const DEFAULT_SPEED_INDEX = 2;
export const EVENTS_PER_SECOND_AT_1X = 1.6;

export function speedLabel(index: number): string {
  const s = SPEEDS[index] ?? 1;
  return `${s}x`;
}

export interface PlaybackSlice {
  /** The run being shown (null until the worker has built one). */
  run: RunInfo | null;
  /** The playhead: number of events that have happened. */
  position: number;
  /** The latest frame received for (or on the way to) `position`. */
  frame: FrameView | null;
  playing: boolean;
  speedIndex: number;
  building: boolean;
  setRun(run: RunInfo, position: number): void;
  setFrame(frame: FrameView): void;
  setBuilding(building: boolean): void;
  /** Moves the playhead (clamped to the run); stops at the end. */
  seek(position: number): void;
  play(): void;
  pause(): void;
  togglePlay(): void;
  setSpeedIndex(index: number): void;
}

export const createPlaybackSlice: StateCreator<ExplorerState, [], [], PlaybackSlice> = (set, get) => ({
  run: null,
  position: 0,
  frame: null,
  playing: false,
  speedIndex: DEFAULT_SPEED_INDEX,
  building: false,
  setRun: (run, position) => set({ run, position: Math.max(0, Math.min(position, run.eventCount)) }),
  setFrame: (frame) => set({ frame }),
  setBuilding: (building) => set({ building }),
  seek: (position) => {
    const end = get().run?.eventCount ?? 0;
    const p = Math.max(0, Math.min(Math.round(Number.isFinite(position) ? position : 0), end));
    set({ position: p, playing: get().playing && p < end });
  },
  play: () => {
    const { run, position } = get();
    if (!run || run.eventCount === 0) return;
    // Playing from the end starts again from the beginning.
    set({ playing: true, position: position >= run.eventCount ? 0 : position });
  },
  pause: () => set({ playing: false }),
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  setSpeedIndex: (index) => set({ speedIndex: Math.max(0, Math.min(SPEEDS.length - 1, Math.round(index))) }),
});
