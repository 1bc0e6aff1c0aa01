import type { StateCreator } from 'zustand';
import type { ExplorerState } from './create-store';

/** The outcome of the last drop by hand, in a sentence (an error is worded for the person). */
export interface LossNotice {
  text: string;
  error: boolean;
}

export interface LossSlice {
  lossNotice: LossNotice | null;
  setLossNotice(notice: LossNotice | null): void;
}

export const createLossSlice: StateCreator<ExplorerState, [], [], LossSlice> = (set) => ({
  lossNotice: null,
  setLossNotice: (lossNotice) => set({ lossNotice }),
});
