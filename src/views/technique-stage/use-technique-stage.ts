import { useEffect } from 'react';
import { bridgeStoreToStage } from '../../store/analysis-stage-bridge';
import type { ExplorerStore } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import { connectAnalysis } from '../../worker/analysis-client';

/** Records the techniques the stage shows in an analysis worker; true while a technique stage is shown. */
export function useTechniqueStage(store: ExplorerStore): boolean {
  useEffect(() => bridgeStoreToStage(store, connectAnalysis), [store]);
  return useExplorer((s) => s.stageTechnique !== null);
}
