/**
 * The typed surface of the engine worker, called through Comlink. The main thread only ever sees
 * these plain, structured-cloneable values; the engine itself stays inside the worker.
 */
export interface ProgramInfo {
  id: string;
  title: string;
  summary: string;
  recordBytes: number;
}

export interface Pong {
  engine: 'scr-engine';
  /** Programs the engine knows, in menu order. */
  programs: ProgramInfo[];
  /** A real run the worker made to prove the path page -> worker -> engine -> page works. */
  selfCheck: { program: string; packets: number; cores: number; agree: boolean; passed: number };
  /** Milliseconds the worker spent answering. */
  tookMs: number;
}

export interface EngineApi {
  ping(): Promise<Pong>;
}
