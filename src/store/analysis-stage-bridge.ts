import type { AnalysisConnection } from '../worker/analysis-client';
import type { TechniqueId } from '../worker/analysis-protocol';
import { traceIdentity } from './analysis-bridge';
import type { ExplorerState, ExplorerStore } from './create-store';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the technique stage needs recorded: the run, its cores, costs, load and the techniques shown. */
function wish(s: ExplorerState): { key: string; techniques: TechniqueId[] } | null {
  if (!s.run || !s.stageTechnique) return null;
  const techniques = [s.stageTechnique, ...(s.compareTechnique ? [s.compareTechnique] : [])];
  return { key: JSON.stringify([traceIdentity(s.run.scenario), s.run.scenario.cores, s.costOverrides, s.offeredMpps]), techniques };
}

/**
 * Keeps the technique stage's recordings in step with the store: an analysis worker of its own
 * (started when a technique stage is first shown) gets the run's trace and records each technique
 * shown, so the recording never runs on the main thread nor waits behind the charts' sweep.
 */
export function bridgeStoreToStage(store: ExplorerStore, connect: (onFailure: (message: string) => void) => AnalysisConnection): () => void {
  let connection: AnalysisConnection | null = null;
  let loadedKey = '';
  let gen = 0;
  const asked = new Set<TechniqueId>();

  const refresh = async () => {
    const s = store.getState();
    const w = wish(s);
    const actions = s.engineActions;
    if (!w || !actions || !s.run) return;
    connection ??= connect((message) => store.getState().setStageError(message));
    const conn = connection;
    try {
      if (w.key !== loadedKey) {
        const mine = ++gen;
        loadedKey = w.key;
        asked.clear();
        store.getState().clearStageRuns();
        const trace = await actions.traceColumns();
        if (mine !== gen) return;
        await conn.setRun(mine, trace.programId, trace.columns);
        if (mine !== gen) return;
      }
      const mine = gen;
      for (const technique of w.techniques) {
        if (asked.has(technique)) continue;
        asked.add(technique);
        const now = store.getState();
        const view = await conn.api.stage({ costs: now.costOverrides, technique, cores: now.run?.scenario.cores ?? 1, offeredMpps: now.offeredMpps });
        if (mine !== gen) return;
        store.getState().setStageRun(view);
      }
      store.getState().setStageError(null);
    } catch (error) {
      store.getState().setStageError(`The technique stage could not record this run: ${messageOf(error)}`);
    }
  };

  const unsubscribe = store.subscribe((s, p) => {
    if (s.stageTechnique !== p.stageTechnique || s.compareTechnique !== p.compareTechnique || s.run !== p.run || s.costOverrides !== p.costOverrides || s.offeredMpps !== p.offeredMpps) {
      void refresh();
    }
  });
  void refresh();
  return () => {
    unsubscribe();
    gen++;
    connection?.terminate();
    connection = null;
  };
}
