import { useCallback, useEffect, useState } from 'react';
import type { ExplorerStore } from '../../store/create-store';
import { connectEngine } from '../../worker/engine-client';

/** Starts the engine worker for this explorer and pings it; `restart` starts a new one after a failure. */
export function useEngine(store: ExplorerStore): { restart: () => void } {
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let alive = true;
    const { engineReady, engineFailed, engineRestarting } = store.getState();
    engineRestarting();
    const connection = connectEngine((message) => alive && engineFailed(message));
    connection.api
      .ping()
      .then((pong) => alive && engineReady(pong))
      .catch((error: unknown) => alive && engineFailed(`The simulation engine did not answer: ${String(error)}`));
    return () => {
      alive = false;
      connection.terminate();
    };
  }, [store, generation]);
  return { restart: useCallback(() => setGeneration((g) => g + 1), []) };
}
