import { useEffect } from 'react';
import type { ExplorerStore } from '../../store/create-store';
import { bridgeStoreToEngine } from '../../store/engine-bridge';
import { connectEngine } from '../../worker/engine-client';

/** Connects this explorer's store to its own engine worker for as long as the explorer is shown. */
export function useEngine(store: ExplorerStore): void {
  useEffect(() => bridgeStoreToEngine(store, connectEngine), [store]);
}
