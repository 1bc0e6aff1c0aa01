import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAnalysisSlice, type AnalysisSlice } from './analysis-slice';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createLossSlice, type LossSlice } from './loss-slice';
import { createPlaybackSlice, type PlaybackSlice } from './playback-slice';
import { createRecordSlice, type RecordSlice } from './record-slice';
import { createScenarioSlice, type ScenarioSlice } from './scenario-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createTalkSlice, type TalkSlice } from './talk-slice';
import { createTechniqueStageSlice, type TechniqueStageSlice } from './technique-stage-slice';
import { createViewSlice, type ViewSlice } from './view-slice';

export type ExplorerState = EngineSlice & ScenarioSlice & PlaybackSlice & SelectionSlice & ViewSlice & AnalysisSlice & LossSlice & TalkSlice & RecordSlice & TechniqueStageSlice;
export type ExplorerStore = StoreApi<ExplorerState>;

/**
 * One store per explorer, made by a factory and passed by context (never a module singleton),
 * so two explorers can live side by side, e.g. to compare techniques.
 */
export function createExplorerStore(initial: Partial<ExplorerState> = {}): ExplorerStore {
  return createStore<ExplorerState>()((...a) => ({
    ...createEngineSlice(...a),
    ...createScenarioSlice(...a),
    ...createPlaybackSlice(...a),
    ...createSelectionSlice(...a),
    ...createViewSlice(...a),
    ...createAnalysisSlice(...a),
    ...createLossSlice(...a),
    ...createTalkSlice(...a),
    ...createRecordSlice(...a),
    ...createTechniqueStageSlice(...a),
    ...initial,
  }));
}
