import { useState, type FormEvent } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { MAX_CORES } from '../../store/scenario-slice';
import { useExplorer, useExplorerStore } from '../../store/store-context';
import { openCaptureFile } from './open-capture';
import type { Scenario } from '../../worker/protocol';

const selectScenario = (s: ExplorerState) => s.scenario;
const selectError = (s: ExplorerState) => s.scenarioError;
const selectEngine = (s: ExplorerState) => s.engine;
const selectSetScenario = (s: ExplorerState) => s.setScenario;

/** Generator parameters offered in the bar (when the chosen generator reads them), with their labels. */
const TRACE_FIELDS = [
  ['packets', 'Packets'],
  ['flows', 'Flows'],
  ['skew', 'Zipf skew'],
  ['elephantShare', 'Elephant share'],
  ['concurrency', 'Connections'],
  ['seed', 'Seed'],
] as const;
type TraceField = (typeof TRACE_FIELDS)[number][0];

/** Open at first on tall screens; on a short projector screen the stage gets the room. */
const startOpen = typeof window === 'undefined' || window.innerHeight >= 820;

interface Draft {
  programId: string;
  cores: string;
  trace: string;
  params: Record<TraceField, string>;
  knock: string;
  history: string;
  /** Loss rate in percent, where, recovery mode, log size. */
  lossPercent: string;
  lossWhere: string;
  recovery: string;
  logSize: string;
}

const LOSS_PLACE_NAMES = [['link', 'on the links'], ['before', 'before the sequencer'], ['after', 'after processing']] as const;

const DEFAULT_PARAMS: Record<TraceField, string> = { packets: '2000', flows: '1000', skew: '1.1', elephantShare: '0.8', concurrency: '32', seed: '1' };

function draftOf(s: Scenario): Draft {
  const params = s.trace.kind === 'generator' ? s.trace.params : {};
  const knock = (s.config as { knock?: number[] } | null)?.knock ?? (params.knock as number[] | undefined) ?? [100, 101, 102];
  return {
    programId: s.programId,
    cores: String(s.cores),
    trace: s.trace.kind === 'generator' ? s.trace.id : 'capture',
    params: Object.fromEntries(TRACE_FIELDS.map(([name]) => [name, params[name] === undefined ? DEFAULT_PARAMS[name] : String(params[name])])) as Record<TraceField, string>,
    knock: knock.join(', '),
    history: s.historySize === undefined ? '' : String(s.historySize),
    lossPercent: String(+((s.loss?.rate ?? 0) * 100).toFixed(4)),
    lossWhere: s.loss?.where ?? 'link',
    recovery: s.loss?.recovery ?? 'logs',
    logSize: String(s.loss?.logSize ?? 1024),
  };
}

/** The loss settings of a draft; absent when they are all the defaults (nothing lost at random). */
function lossOf(d: Draft): Scenario['loss'] {
  const rate = Number(d.lossPercent) / 100;
  const loss = {
    rate: d.lossPercent.trim() === '' ? 0 : rate,
    where: d.lossWhere as NonNullable<Scenario['loss']>['where'],
    recovery: d.recovery as NonNullable<Scenario['loss']>['recovery'],
    logSize: d.logSize.trim() === '' ? 1024 : Number(d.logSize),
  };
  const isDefault = loss.rate === 0 && loss.where === 'link' && loss.recovery === 'logs' && loss.logSize === 1024;
  return isDefault ? undefined : loss;
}

/** What to run: program, cores, trace and its parameters. Nothing typed is lost when it fails to build. */
export function ScenarioBar() {
  const scenario = useExplorer(selectScenario);
  const error = useExplorer(selectError);
  const engine = useExplorer(selectEngine);
  const setScenario = useExplorer(selectSetScenario);
  const store = useExplorerStore();
  const [draft, setDraft] = useState<Draft>(() => draftOf(scenario));
  const captureName = scenario.trace.kind === 'capture' ? scenario.trace.name : null;
  // A file opened here or dropped on the stage switches the trace menu to it (state adjusted
  // while rendering, as React recommends, rather than in an effect).
  // A scenario set from elsewhere (a tour scene, a link's fallback) replaces the draft the same
  // way; one applied from this form keeps what was typed.
  const [seenScenario, setSeenScenario] = useState(scenario);
  const [applied, setApplied] = useState<Scenario | null>(null);
  if (scenario !== seenScenario) {
    setSeenScenario(scenario);
    if (scenario !== applied) setDraft(draftOf(scenario));
  }
  const [seenCapture, setSeenCapture] = useState(captureName);
  if (captureName !== seenCapture) {
    setSeenCapture(captureName);
    if (captureName && draft.trace !== 'capture') setDraft({ ...draft, trace: 'capture' });
  }
  const programs = engine.status === 'ready' ? engine.pong.programs : [];
  const generators = engine.status === 'ready' ? engine.pong.generators : [];
  const field = (name: Exclude<keyof Draft, 'params'>) => ({
    value: draft[name],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [name]: e.target.value }),
  });

  const reads = (name: string) => generators.find((g) => g.id === draft.trace)?.params.includes(name) ?? false;
  /** Only the parameters the generator reads, as numbers (the worker checks their ranges). */
  const traceParams = (d: Draft) => {
    const wanted = generators.find((g) => g.id === d.trace)?.params ?? ['packets', 'seed'];
    return Object.fromEntries(TRACE_FIELDS.filter(([name]) => wanted.includes(name)).map(([name]) => [name, Number(d.params[name])]));
  };

  const build = (d: Draft, capture: string | null): Scenario => {
    const knock = d.knock.split(/[\s,]+/).filter(Boolean).map(Number);
    const trace: Scenario['trace'] = d.trace === 'capture' && capture
      ? { kind: 'capture', name: capture }
      : { kind: 'generator', id: d.trace === 'capture' ? 'portknock' : d.trace, params: { ...traceParams(d), knock } };
    const next: Scenario = {
      programId: d.programId,
      config: d.programId === 'portknock' ? { knock } : {},
      trace,
      cores: Number(d.cores),
    };
    if (d.history.trim() !== '') next.historySize = Number(d.history);
    const loss = lossOf(d);
    if (loss) next.loss = loss;
    // Packets typed in, drops and sequenced config changes still apply when only cores or history change.
    const same = (a: Scenario) => JSON.stringify([a.programId, a.config, a.trace, a.loss ?? null]);
    if (scenario.edits?.length && same(scenario) === same(next)) next.edits = scenario.edits;
    return next;
  };

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const percent = Number(draft.lossPercent);
    if (draft.lossPercent.trim() !== '' && !(percent >= 0 && percent <= 100)) {
      store.getState().setScenarioError(`Loss % must be a number from 0 to 100 (1 loses one packet in a hundred), not "${draft.lossPercent}".`);
      return;
    }
    const next = build(draft, captureName);
    setApplied(next);
    setScenario(next);
  };


  const traceText = scenario.trace.kind === 'capture' ? `file ${scenario.trace.name}` : `${scenario.trace.id} trace`;
  const programTitle = programs.find((p) => p.id === scenario.programId)?.title ?? scenario.programId;
  return (
    <details className="scenario" open={startOpen}>
      <summary>{`Scenario: ${programTitle} · ${scenario.cores} cores · ${traceText} (click to change)`}</summary>
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
          <input type="file" accept=".pcap,.pcapng,.cap" onChange={(e) => e.target.files?.[0] && openCaptureFile(store, e.target.files[0])} />
        </label>
        {draft.trace !== 'capture' &&
          TRACE_FIELDS.filter(([name]) => reads(name)).map(([name, label]) => (
            <label key={name}>{label}
              <input
                type="number" step="any" value={draft.params[name]}
                onChange={(e) => setDraft({ ...draft, params: { ...draft.params, [name]: e.target.value } })}
              />
            </label>
          ))}
        {(draft.programId === 'portknock' || draft.trace === 'portknock') && (
          <label>Knock sequence<input type="text" inputMode="numeric" {...field('knock')} /></label>
        )}
        <label>History<input type="number" min={0} placeholder="auto" {...field('history')} /></label>
        <label>Loss %<input type="number" step="any" {...field('lossPercent')} /></label>
        <label>Lost where
          <select {...field('lossWhere')}>
            {LOSS_PLACE_NAMES.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </label>
        <label>Recovery
          <select {...field('recovery')}>
            <option value="logs">read peers' logs</option>
            <option value="copy">copy a peer's state</option>
          </select>
        </label>
        <label>Log size<input type="number" min={1} {...field('logSize')} /></label>
        <button type="submit">Apply</button>
        {error && <p role="alert" className="notice error scenario-error">{error}</p>}
      </form>
    </details>
  );
}
