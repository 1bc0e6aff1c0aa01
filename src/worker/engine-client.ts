import * as Comlink from 'comlink';
import type { EngineApi } from './protocol';

export interface EngineConnection {
  api: Comlink.Remote<EngineApi>;
  terminate(): void;
}

/**
 * Starts the engine worker. `onFailure` hears of a worker that failed to load or threw outside a
 * call, with a message fit to show a person.
 */
export function connectEngine(onFailure: (message: string) => void): EngineConnection {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'scr-engine' });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onFailure(event.message ? `The simulation engine stopped: ${event.message}` : 'The simulation engine could not start.');
  });
  worker.addEventListener('messageerror', () => onFailure('The simulation engine sent a message the page could not read.'));
  return {
    api: Comlink.wrap<EngineApi>(worker),
    terminate: () => worker.terminate(),
  };
}
