import { useEffect } from 'react';
import { bridgeStoreToAnalysis } from '../../store/analysis-bridge';
import type { ExplorerStore } from '../../store/create-store';
import { connectAnalysis } from '../../worker/analysis-client';

/** Connects this explorer's store to its own analysis worker (started when the charts are first opened). */
export function useAnalysis(store: ExplorerStore): void {
  useEffect(() => bridgeStoreToAnalysis(store, connectAnalysis), [store]);
}
