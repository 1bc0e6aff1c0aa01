import type { StateCreator } from 'zustand';
import type { ExplorerState } from './create-store';

export const MIN_CORES = 1;
export const MAX_CORES = 64;

export interface ScenarioSlice {
  programId: string;
  cores: number;
  setProgram(id: string): void;
  /** Sets the core count, clamped to 1..64 (absurd values never reach the engine). */
  setCores(cores: number): void;
}

export function clampCores(cores: number): number {
  if (!Number.isFinite(cores)) return 4;
  return Math.max(MIN_CORES, Math.min(MAX_CORES, Math.round(cores)));
}

export const createScenarioSlice: StateCreator<ExplorerState, [], [], ScenarioSlice> = (set) => ({
  programId: 'portknock',
  cores: 4,
  setProgram: (programId) => set({ programId }),
  setCores: (cores) => set({ cores: clampCores(cores) }),
});
