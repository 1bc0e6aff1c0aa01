import type { StateCreator } from 'zustand';
import { indexRecording, nextEventTime, previousEventTime, type StageIndex } from '../engine/techniques/stage-replay';
import type { StageRecordingView, TechniqueId } from '../worker/analysis-protocol';
import type { ExplorerState } from './create-store';

/** At 1x, one microsecond of the NIC's time takes one second on screen. */
export const NS_PER_SECOND_AT_1X = 1000;

export interface StageRun {
  view: StageRecordingView;
  index: StageIndex;
}

export interface TechniqueStageSlice {
  /** The technique the stage shows (null: the SCR machine, event by event). */
  stageTechnique: TechniqueId | null;
  /** Compare mode: a second technique beside it, on the same trace, load and clock. */
  compareTechnique: TechniqueId | null;
  /** Simulated time on the technique stage (ns). */
  stageTimeNs: number;
  stagePlaying: boolean;
  stageRuns: Partial<Record<TechniqueId, StageRun>>;
  stageError: string | null;
  setStageTechnique(technique: TechniqueId | null, compare?: TechniqueId | null): void;
  setStageRun(view: StageRecordingView): void;
  clearStageRuns(): void;
  setStageError(message: string | null): void;
  stageSeek(ns: number): void;
  stageStep(direction: 1 | -1): void;
  stagePlay(): void;
  stagePause(): void;
}

/** The longest run among the techniques shown (ns): the end of the stage's time line. */
export function stageEndNs(s: Pick<ExplorerState, 'stageTechnique' | 'compareTechnique' | 'stageRuns'>): number {
  let end = 0;
  for (const t of [s.stageTechnique, s.compareTechnique]) if (t) end = Math.max(end, s.stageRuns[t]?.view.recording.durationNs ?? 0);
  return end;
}

function shownRuns(s: ExplorerState): StageRun[] {
  return [s.stageTechnique, s.compareTechnique].flatMap((t) => (t && s.stageRuns[t] ? [s.stageRuns[t]] : []));
}

export const createTechniqueStageSlice: StateCreator<ExplorerState, [], [], TechniqueStageSlice> = (set, get) => ({
  stageTechnique: null,
  compareTechnique: null,
  stageTimeNs: 0,
  stagePlaying: false,
  stageRuns: {},
  stageError: null,
  setStageTechnique: (stageTechnique, compare = null) =>
    set({ stageTechnique, compareTechnique: stageTechnique && compare !== stageTechnique ? compare : null, stageTimeNs: 0, stagePlaying: false }),
  setStageRun: (view) => set((s) => ({ stageRuns: { ...s.stageRuns, [view.technique]: { view, index: indexRecording(view.recording) } } })),
  clearStageRuns: () => set({ stageRuns: {}, stageTimeNs: 0, stagePlaying: false }),
  setStageError: (stageError) => set({ stageError }),
  stageSeek: (ns) => {
    const end = stageEndNs(get());
    const t = Math.max(0, Math.min(Number.isFinite(ns) ? ns : 0, end));
    set({ stageTimeNs: t, stagePlaying: get().stagePlaying && t < end });
  },
  // One step: to the nearest arrival or completion of any technique shown.
  stageStep: (direction) => {
    const s = get();
    const runs = shownRuns(s);
    if (runs.length === 0) return;
    const t = s.stageTimeNs;
    const times = runs.map((r) => (direction > 0 ? nextEventTime(r.index, t) : previousEventTime(r.index, t)));
    set({ stagePlaying: false });
    get().stageSeek(direction > 0 ? Math.min(...times.filter((x) => x > t), stageEndNs(s)) : Math.max(...times));
  },
  stagePlay: () => {
    const s = get();
    const end = stageEndNs(s);
    if (end <= 0) return;
    set({ stagePlaying: true, stageTimeNs: s.stageTimeNs >= end ? 0 : s.stageTimeNs });
  },
  stagePause: () => set({ stagePlaying: false }),
});
