import type { StateCreator } from 'zustand';
import type { ExplorerState } from './create-store';

export type Selection =
  | { kind: 'packet'; seq: number }
  | { kind: 'core'; core: number }
  | null;

export interface SelectionSlice {
  selection: Selection;
  /** A state key (source, flow) highlighted everywhere and always shown in the replica tables. */
  watchKey: string | null;
  select(selection: Selection): void;
  setWatchKey(key: string | null): void;
}

export const createSelectionSlice: StateCreator<ExplorerState, [], [], SelectionSlice> = (set) => ({
  selection: null,
  watchKey: null,
  select: (selection) => set({ selection }),
  setWatchKey: (watchKey) => set({ watchKey }),
});
