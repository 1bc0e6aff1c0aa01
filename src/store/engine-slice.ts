import type { StateCreator } from 'zustand';
import type { Pong } from '../worker/protocol';
import type { ExplorerState } from './create-store';

export type EngineStatus =
  | { status: 'starting' }
  | { status: 'ready'; pong: Pong }
  | { status: 'failed'; message: string };

export interface EngineSlice {
  engine: EngineStatus;
  engineReady(pong: Pong): void;
  engineFailed(message: string): void;
  engineRestarting(): void;
}

export const createEngineSlice: StateCreator<ExplorerState, [], [], EngineSlice> = (set) => ({
  engine: { status: 'starting' },
  engineReady: (pong) => set({ engine: { status: 'ready', pong } }),
  engineFailed: (message) => set({ engine: { status: 'failed', message } }),
  engineRestarting: () => set({ engine: { status: 'starting' } }),
});
