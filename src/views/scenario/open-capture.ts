import type { ExplorerStore } from '../../store/create-store';

/**
 * Runs the current program on a capture file the user opened or dropped. The store keeps the File
 * (a reference: the browser reads it from disk when asked), so a restarted worker can stream it
 * again; a bad file is reported by the worker in the scenario's error line, and the run shown
 * before stays.
 */
export function openCaptureFile(store: ExplorerStore, file: File): void {
  const s = store.getState();
  s.setCapture({ name: file.name, file });
  const { edits: _edits, ...rest } = s.scenario;
  s.setScenario({ ...rest, trace: { kind: 'capture', name: file.name } });
}
