import type { StateCreator } from 'zustand';
import type { ExplorerState } from './create-store';

/** The recording dialog (views/record): whether it is open. The recording itself lives in the dialog. */
export interface RecordSlice {
  recordOpen: boolean;
  setRecordOpen(open: boolean): void;
}

export const createRecordSlice: StateCreator<ExplorerState, [], [], RecordSlice> = (set) => ({
  recordOpen: false,
  setRecordOpen: (recordOpen) => set({ recordOpen }),
});
