import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import { fileStem } from './export-image';

const selectCores = (s: ExplorerState) => s.run?.scenario.cores ?? s.scenario.cores;
const selectStem = (s: ExplorerState) => {
  const sc = s.run?.scenario ?? s.scenario;
  return fileStem(sc.programId, sc.trace.kind === 'generator' ? sc.trace.id : sc.trace.name, `${sc.cores}-cores`);
};

/** What every chart needs to know about the run: the stage's core count and a file-name stem. */
export function useChartContext(): { cores: number; stem: string } {
  return { cores: useExplorer(selectCores), stem: useExplorer(selectStem) };
}
