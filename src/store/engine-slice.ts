import type { StateCreator } from 'zustand';
import type { EditRequest, Pong, ReplicaView, RunTrace } from '../worker/protocol';
import type { ExplorerState } from './create-store';

export type EngineStatus =
  | { status: 'starting' }
  | { status: 'ready'; pong: Pong }
  | { status: 'failed'; message: string };

/** What the store can ask of the engine beyond following the playhead (set by the engine bridge). */
export interface EngineActions {
  /** Moves the playhead by whole packets (+1: to the end of the next packet; -1: back to the previous start). */
  stepPacket(direction: 1 | -1): void;
  /** Applies an edit at the playhead; the future forks. Rejects with a message fit to show. */
  edit(request: EditRequest): Promise<void>;
  /** Core `core`'s whole replica at the playhead (its first `limit` entries). */
  replica(core: number, limit: number): Promise<ReplicaView>;
  /** Starts a new worker with the same scenario at the same playhead. */
  restart(): void;
  /** A copy of the current run's trace as transferable columns, with its program (for the charts' worker). */
  traceColumns(): Promise<RunTrace>;
}

export interface EngineSlice {
  engine: EngineStatus;
  engineActions: EngineActions | null;
  engineReady(pong: Pong): void;
  engineFailed(message: string): void;
  engineRestarting(): void;
  setEngineActions(actions: EngineActions | null): void;
}

export const createEngineSlice: StateCreator<ExplorerState, [], [], EngineSlice> = (set) => ({
  engine: { status: 'starting' },
  engineActions: null,
  engineReady: (pong) => set({ engine: { status: 'ready', pong } }),
  engineFailed: (message) => set({ engine: { status: 'failed', message }, playing: false }),
  engineRestarting: () => set({ engine: { status: 'starting' } }),
  setEngineActions: (engineActions) => set({ engineActions }),
});
