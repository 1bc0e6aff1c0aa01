import type { EngineConnection } from '../worker/engine-client';
import type { EditRequest, RunInfo, Scenario } from '../worker/protocol';
import type { ExplorerStore } from './create-store';

/** A frame that takes longer than this means the worker is gone (it never takes more than a few ms). */
const FRAME_DEADLINE_MS = 15_000;

function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} got no answer in ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Keeps the engine worker in step with the store: builds the run when the scenario changes,
 * fetches a frame whenever the playhead (or the watched key) moves, and after a worker failure
 * restarts a new one with the same scenario at the same playhead. Frame requests are coalesced:
 * at most one is in flight, and only the latest wanted position is fetched next, so a fast
 * playhead never queues up work.
 */
export function bridgeStoreToEngine(store: ExplorerStore, connect: (onFailure: (message: string) => void) => EngineConnection): () => void {
  let connection: EngineConnection | null = null;
  let generation = 0;
  let inFlight = false;
  let wanted: { position: number; watchKey: string | null } | null = null;

  const fail = (gen: number, message: string) => {
    if (gen === generation) store.getState().engineFailed(message);
  };
  const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

  const requestFrame = () => {
    const s = store.getState();
    wanted = { position: s.position, watchKey: s.watchKey };
    if (!inFlight) void pumpFrames();
  };

  const pumpFrames = async () => {
    const gen = generation;
    while (wanted && connection && gen === generation && store.getState().run) {
      const ask = wanted;
      wanted = null;
      inFlight = true;
      try {
        const frame = await withDeadline(connection.api.frame(ask.position, { watchKey: ask.watchKey }), FRAME_DEADLINE_MS, 'the frame request');
        if (gen === generation) store.getState().setFrame(frame);
      } catch (error) {
        fail(gen, `The simulation engine failed while drawing position ${ask.position}: ${messageOf(error)}`);
      } finally {
        inFlight = false;
      }
    }
  };

  const build = async (scenario: Scenario, position: number) => {
    const gen = generation;
    const api = connection?.api;
    if (!api) return;
    const s = store.getState();
    s.setBuilding(true);
    try {
      const capture = s.capture;
      let run: RunInfo;
      if (scenario.trace.kind === 'capture' && capture) {
        const { trace: _trace, ...rest } = scenario;
        run = await api.loadCapture(capture.name, capture.file, rest);
      } else {
        run = await api.configure(scenario);
      }
      if (gen !== generation) return;
      store.getState().setScenarioError(null);
      store.getState().setRun(run, position);
      requestFrame();
    } catch (error) {
      if (gen === generation) store.getState().setScenarioError(messageOf(error));
    } finally {
      if (gen === generation) store.getState().setBuilding(false);
    }
  };

  const start = () => {
    generation++;
    const gen = generation;
    connection?.terminate();
    const s = store.getState();
    s.engineRestarting();
    connection = connect((message) => fail(gen, message));
    inFlight = false;
    connection.api
      .ping()
      .then((pong) => {
        if (gen !== generation) return;
        store.getState().engineReady(pong);
        const now = store.getState();
        return build(now.scenario, now.position);
      })
      .catch((error: unknown) => fail(gen, `The simulation engine did not start: ${messageOf(error)}`));
  };

  const actions = {
    stepPacket(direction: 1 | -1) {
      const { frame, position, seek, pause } = store.getState();
      if (!frame || !connection) return;
      pause();
      if (direction < 0) {
        seek(position > frame.packetStart ? frame.packetStart : frame.previousPacketStart);
        return;
      }
      if (position < frame.packetEnd) {
        seek(frame.packetEnd);
        return;
      }
      const next = (frame.packet?.seq ?? -1) + 2;
      void connection.api.positionOfPacket(next).then((p) => store.getState().seek(p), (e: unknown) => fail(generation, messageOf(e)));
    },
    async edit(request: EditRequest) {
      if (!connection) throw new Error('The simulation engine is not running.');
      const { run, position } = await connection.api.edit(request, store.getState().position);
      const s = store.getState();
      s.setRun(run, position); // first, so the scenario change below is known to be built already
      s.setScenario(run.scenario);
      requestFrame();
    },
    async replica(core: number, limit: number) {
      if (!connection) throw new Error('The simulation engine is not running.');
      return connection.api.replica(store.getState().position, core, limit);
    },
    restart: start,
    async traceColumns() {
      if (!connection) throw new Error('The simulation engine is not running.');
      return connection.api.traceColumns();
    },
  };
  store.getState().setEngineActions(actions);

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.scenario !== previous.scenario && state.run?.scenario !== state.scenario) {
      void build(state.scenario, state.position);
    } else if (state.position !== previous.position || state.watchKey !== previous.watchKey || state.run !== previous.run) {
      requestFrame();
    }
  });

  start();
  return () => {
    unsubscribe();
    generation++;
    connection?.terminate();
    connection = null;
    store.getState().setEngineActions(null);
  };
}
