import type { StateCreator } from 'zustand';
import type { ExplorerState } from './create-store';

export type ThemeChoice = 'system' | 'light' | 'dark';
const THEME_ORDER: ThemeChoice[] = ['system', 'light', 'dark'];

export interface ViewSlice {
  theme: ThemeChoice;
  helpOpen: boolean;
  setHelpOpen(open: boolean): void;
  toggleHelp(): void;
  cycleTheme(): void;
}

export const createViewSlice: StateCreator<ExplorerState, [], [], ViewSlice> = (set) => ({
  theme: 'system',
  helpOpen: false,
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  toggleHelp: () => set((s) => ({ helpOpen: !s.helpOpen })),
  cycleTheme: () => set((s) => ({ theme: THEME_ORDER[(THEME_ORDER.indexOf(s.theme) + 1) % THEME_ORDER.length] as ThemeChoice })),
});
