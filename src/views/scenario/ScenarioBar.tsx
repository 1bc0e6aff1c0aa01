import { useState, type FormEvent } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { MAX_CORES } from '../../store/scenario-slice';
import { useExplorer } from '../../store/store-context';
import type { Scenario } from '../../worker/protocol';

const selectScenario = (s: ExplorerState) => s.scenario;
const selectError = (s: ExplorerState) => s.scenarioError;
const selectEngine = (s: ExplorerState) => s.engine;
const selectSetScenario = (s: ExplorerState) => s.setScenario;
const selectSetCapture = (s: ExplorerState) => s.setCapture;
const selectSetError = (s: ExplorerState) => s.setScenarioError;

interface Draft {
  programId: string;
  cores: string;
  trace: string;
  packets: string;
  seed: string;
  knock: string;
  history: string;
}

function draftOf(s: Scenario): Draft {
  const params = s.trace.kind === 'generator' ? s.trace.params : {};
  const knock = (s.config as { knock?: number[] } | null)?.knock ?? (params.knock as number[] | undefined) ?? [100, 101, 102];
  return {
    programId: s.programId,
    cores: String(s.cores),
    trace: s.trace.kind === 'generator' ? s.trace.id : 'capture',
    packets: String(params.packets ?? 2000),
    seed: String(params.seed ?? 1),
    knock: knock.join(', '),
    history: s.historySize === undefined ? '' : String(s.historySize),
  };
}

/** What to run: program, cores, trace and its parameters. Nothing typed is lost when it fails to build. */
export function ScenarioBar() {
  const scenario = useExplorer(selectScenario);
  const error = useExplorer(selectError);
  const engine = useExplorer(selectEngine);
  const setScenario = useExplorer(selectSetScenario);
  const setCapture = useExplorer(selectSetCapture);
  const setError = useExplorer(selectSetError);
  const [draft, setDraft] = useState<Draft>(() => draftOf(scenario));
  const [captureName, setCaptureName] = useState<string | null>(scenario.trace.kind === 'capture' ? scenario.trace.name : null);
  const programs = engine.status === 'ready' ? engine.pong.programs : [];
  const generators = engine.status === 'ready' ? engine.pong.generators : [];
  const field = (name: keyof Draft) => ({
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });

  const build = (d: Draft, capture: string | null): Scenario => {
    const knock = d.knock.split(/[\s,]+/).filter(Boolean).map(Number);
    const trace: Scenario['trace'] = d.trace === 'capture' && capture
      ? { kind: 'capture', name: capture }
      : { kind: 'generator', id: d.trace === 'capture' ? 'portknock' : d.trace, params: { packets: Number(d.packets), seed: Number(d.seed), knock } };
    const next: Scenario = {
      programId: d.programId,
      config: d.programId === 'portknock' ? { knock } : {},
      trace,
      cores: Number(d.cores),
    };
    if (d.history.trim() !== '') next.historySize = Number(d.history);
    return next;
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setScenario(build(draft, captureName));
  };

  const openCapture = async (file: File | undefined) => {
    if (!file) return;
    try {
      const bytes = await file.arrayBuffer();
      setCapture({ name: file.name, bytes });
      setCaptureName(file.name);
      const next = { ...draft, trace: 'capture' };
      setDraft(next);
      setScenario(build(next, file.name));
    } catch (e) {
      setError(`Could not read ${file.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <form className="scenario-bar" aria-label="Scenario" onSubmit={apply}>
      <label>Program
        <select {...field('programId')}>
          {programs.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
        </select>
      </label>
      <label>Cores
        <input type="number" min={1} max={MAX_CORES} {...field('cores')} />
      </label>
      <label>Trace
        <select {...field('trace')}>
          {generators.map((g) => <option key={g.id} value={g.id}>{g.title}</option>)}
          {captureName && <option value="capture">{`File: ${captureName}`}</option>}
        </select>
      </label>
      <label className="file">Open a capture…
        <input type="file" accept=".pcap,.pcapng,.cap" onChange={(e) => void openCapture(e.target.files?.[0])} />
      </label>
      {draft.trace !== 'capture' && (
        <>
          <label>Packets<input type="number" min={1} {...field('packets')} /></label>
          <label>Seed<input type="number" {...field('seed')} /></label>
        </>
      )}
      {(draft.programId === 'portknock' || draft.trace === 'portknock') && (
        <label>Knock sequence<input type="text" inputMode="numeric" {...field('knock')} /></label>
      )}
      <label>History<input type="number" min={0} placeholder="auto" {...field('history')} /></label>
      <button type="submit">Apply</button>
      {error && <p role="alert" className="notice error scenario-error">{error}</p>}
    </form>
  );
}
