import type { ExplorerStore } from '../../store/create-store';

/**
 * Reads a capture file the user opened or dropped and runs the current program on it. The bytes
 * stay in the store so a restarted worker can read them again; a bad file is reported by the
 * worker in the scenario's error line, and the run shown before stays.
 */
export async function openCaptureFile(store: ExplorerStore, file: File): Promise<void> {
  const s = store.getState();
  try {
    const bytes = await file.arrayBuffer();
    s.setCapture({ name: file.name, bytes });
    const { edits: _edits, ...rest } = store.getState().scenario;
    s.setScenario({ ...rest, trace: { kind: 'capture', name: file.name } });
  } catch (e) {
    s.setScenarioError(`Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
