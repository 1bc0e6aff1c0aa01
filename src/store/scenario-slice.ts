import type { StateCreator } from 'zustand';
import type { Scenario } from '../worker/protocol';
import type { ExplorerState } from './create-store';

export const MIN_CORES = 1;
export const MAX_CORES = 64;
/** Cores the stage draws one by one; beyond this it summarises. */
export const MAX_DRAWN_CORES = 16;

export const DEFAULT_SCENARIO: Scenario = {
  programId: 'portknock',
  config: { knock: [100, 101, 102] },
  trace: { kind: 'generator', id: 'portknock', params: { packets: 2000, seed: 1, knock: [100, 101, 102] } },
  cores: 4,
};

export interface ScenarioSlice {
  /** What the user asked for (the run shown may be an older one if this one failed to build). */
  scenario: Scenario;
  /** Why the last scenario could not be built, in words; null when it was. */
  scenarioError: string | null;
  /** The capture file the user opened (a reference, not its bytes), kept so a restarted worker can read it again. */
  capture: { name: string; file: Blob } | null;
  setScenario(scenario: Scenario): void;
  setScenarioError(message: string | null): void;
  setCapture(capture: { name: string; file: Blob } | null): void;
}

export function clampCores(cores: number): number {
  if (!Number.isFinite(cores)) return DEFAULT_SCENARIO.cores;
  return Math.max(MIN_CORES, Math.min(MAX_CORES, Math.round(cores)));
}

export const createScenarioSlice: StateCreator<ExplorerState, [], [], ScenarioSlice> = (set) => ({
  scenario: DEFAULT_SCENARIO,
  scenarioError: null,
  capture: null,
  setScenario: (scenario) => set({ scenario: clampCores(scenario.cores) === scenario.cores ? scenario : { ...scenario, cores: clampCores(scenario.cores) } }),
  setScenarioError: (scenarioError) => set({ scenarioError }),
  setCapture: (capture) => set({ capture }),
});
