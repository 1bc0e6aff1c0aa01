import { createStore, type StoreApi } from 'zustand/vanilla';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createScenarioSlice, type ScenarioSlice } from './scenario-slice';
import { createViewSlice, type ViewSlice } from './view-slice';

export type ExplorerState = EngineSlice & ScenarioSlice & ViewSlice;
export type ExplorerStore = StoreApi<ExplorerState>;

/**
 * One store per explorer, made by a factory and passed by context (never a module singleton),
 * so two explorers can live side by side, e.g. to compare techniques.
 */
export function createExplorerStore(initial: Partial<ExplorerState> = {}): ExplorerStore {
  return createStore<ExplorerState>()((...a) => ({
    ...createEngineSlice(...a),
    ...createScenarioSlice(...a),
    ...createViewSlice(...a),
    ...initial,
  }));
}
