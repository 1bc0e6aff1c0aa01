import type { StateCreator } from 'zustand';
import type { TechniqueId } from '../engine/techniques/options';
import type { ExplorerState } from './create-store';

/** A stretch of the timeline the playhead loops over while playing (for a live demo). */
export interface LoopRange {
  from: number;
  to: number;
}

/**
 * How the explorer is being shown (teaching and talk mode): presenter or embedded, the tour scene,
 * the spotlight, the live-demo options, and what a link asked for that could not be used.
 */
export interface TalkSlice {
  /** Large type, high contrast, full screen when the browser allows it. */
  presenter: boolean;
  /** Full screen was asked for and refused: presenter mode fills the window instead. */
  fullscreenRefused: boolean;
  /** Minimal chrome for an iframe in slides (`?embed=1`). */
  embed: boolean;
  /** The stage is covered (clicker "blank" key); playback is paused while it is. */
  blanked: boolean;
  /** Scenes and links never start playing by themselves. */
  startPaused: boolean;
  /** The marks on the timeline; the loop runs only while `looping`. */
  loop: LoopRange | null;
  looping: boolean;
  /** The technique the charts compare against (SCR unless a scene or link says otherwise). */
  technique: TechniqueId;
  /** The tour scene shown, if any. */
  sceneId: string | null;
  /** Named stage and page elements ringed by the spotlight (see views/tour/spotlight). */
  spotlight: readonly string[];
  /** What a link asked for that was ignored or changed, in plain words. */
  linkNotices: readonly string[];
  shareOpen: boolean;
  setPresenter(presenter: boolean, fullscreenRefused?: boolean): void;
  setBlanked(blanked: boolean): void;
  setStartPaused(startPaused: boolean): void;
  /** Sets one end of the loop at `position`, keeping from <= to. */
  markLoop(end: 'from' | 'to', position: number): void;
  setLoop(loop: LoopRange | null, looping?: boolean): void;
  setLooping(looping: boolean): void;
  setTechnique(technique: TechniqueId): void;
  setSpotlight(spotlight: readonly string[]): void;
  setLinkNotices(notices: readonly string[]): void;
  setShareOpen(open: boolean): void;
}

export const createTalkSlice: StateCreator<ExplorerState, [], [], TalkSlice> = (set, get) => ({
  presenter: false,
  fullscreenRefused: false,
  embed: false,
  blanked: false,
  startPaused: false,
  loop: null,
  looping: false,
  technique: 'scr',
  sceneId: null,
  spotlight: [],
  linkNotices: [],
  shareOpen: false,
  setPresenter: (presenter, fullscreenRefused = false) => set({ presenter, fullscreenRefused: presenter && fullscreenRefused }),
  setBlanked: (blanked) => set(blanked ? { blanked, playing: false } : { blanked }),
  setStartPaused: (startPaused) => set({ startPaused }),
  markLoop: (end, position) => {
    const p = Math.max(0, Math.round(position));
    const current = get().loop ?? { from: 0, to: get().run?.eventCount ?? p };
    const next = end === 'from' ? { from: p, to: Math.max(p, current.to) } : { from: Math.min(p, current.from), to: p };
    set({ loop: next });
  },
  setLoop: (loop, looping) => set({ loop, looping: loop ? (looping ?? get().looping) : false }),
  setLooping: (looping) => set({ looping: looping && get().loop !== null && get().loop!.to > get().loop!.from }),
  setTechnique: (technique) => set({ technique }),
  setSpotlight: (spotlight) => set({ spotlight }),
  setLinkNotices: (linkNotices) => set({ linkNotices }),
  setShareOpen: (shareOpen) => set({ shareOpen }),
});
