import { useEffect, useState } from 'react';
import type { ExplorerState } from '../../store/create-store';
import type { ReplicaView } from '../../worker/protocol';
import { useExplorer } from '../../store/store-context';
import { flowColour } from '../stage/colours';

const selectSelection = (s: ExplorerState) => s.selection;
const selectFrame = (s: ExplorerState) => s.frame;
const selectRun = (s: ExplorerState) => s.run;
const selectWatchKey = (s: ExplorerState) => s.watchKey;
const selectSetWatchKey = (s: ExplorerState) => s.setWatchKey;
const selectActions = (s: ExplorerState) => s.engineActions;
const selectPosition = (s: ExplorerState) => s.position;

const REPLICA_ROWS = 200;

/** The selected core's whole replica, fetched from the worker whenever the playhead moves. */
function useReplica(core: number | null): ReplicaView | null {
  const actions = useExplorer(selectActions);
  const position = useExplorer(selectPosition);
  const [view, setView] = useState<ReplicaView | null>(null);
  useEffect(() => {
    if (core === null || !actions) return;
    let alive = true;
    actions.replica(core, REPLICA_ROWS).then((v) => alive && setView(v), () => alive && setView(null));
    return () => {
      alive = false;
    };
  }, [actions, core, position]);
  return core === null || view?.core !== core ? null : view;
}

/** Details of what was clicked: a packet's bytes on the wire, or a core's replica. */
export function Inspector() {
  const selection = useExplorer(selectSelection);
  const frame = useExplorer(selectFrame);
  const run = useExplorer(selectRun);
  const watchKey = useExplorer(selectWatchKey);
  const setWatchKey = useExplorer(selectSetWatchKey);
  const replica = useReplica(selection?.kind === 'core' ? selection.core : null);
  if (!run || !frame) return null;

  const watched = watchKey && frame.cores[0]?.rows.find((r) => r.key === watchKey);
  const watching = watched && (
    <p className="watching">
      Highlighting <strong>{watched.keyText}</strong> on every core.{' '}
      <button type="button" onClick={() => setWatchKey(null)}>Stop</button>
    </p>
  );

  if (selection?.kind === 'core') {
    const core = frame.cores[selection.core];
    if (!core) return null;
    const rows = replica?.rows ?? core.rows;
    return (
      <section className="inspector" aria-label="Inspector">
        <h2>Core {core.core}: its whole replica</h2>
        <p>
          {core.lastApplied < 0 ? 'It has applied nothing yet.' : `It has applied every record up to #${core.lastApplied}, in order.`} Its replica
          holds {core.entryCount.toLocaleString('en-US')} entries
          {replica && replica.total > replica.rows.length ? ` (the first ${replica.rows.length} are listed)` : ''}. Click a row to highlight that key everywhere.
        </p>
        <table className="replica">
          <thead><tr><th scope="col">key</th><th scope="col">state</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className={watchKey === r.key ? 'watched' : undefined}>
                <td>
                  <button type="button" className="row-button" aria-pressed={watchKey === r.key} onClick={() => setWatchKey(watchKey === r.key ? null : r.key)}>
                    <span className="swatch" style={{ background: flowColour(r.colour) }} />{r.keyText}
                  </button>
                </td>
                <td>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {watching}
      </section>
    );
  }

  const packet = frame.packet;
  if (!packet) return <section className="inspector" aria-label="Inspector"><h2>Inspector</h2><p className="muted">Click a packet or a core on the stage.</p></section>;
  const overhead = run.wire.overheadBytes;
  const total = overhead + packet.wireLen;
  const segments = [...run.wire.segments.map((s) => ({ name: s.name, bytes: s.bytes, about: s.about, original: false })),
    { name: 'original packet', bytes: packet.wireLen, about: packet.text, original: true }];
  return (
    <section className="inspector" aria-label="Inspector">
      <h2>Packet #{packet.seq} on the wire</h2>
      <p>{packet.text} → core {packet.core}{packet.verdict ? `, verdict ${packet.verdict}` : ''}</p>
      <p>Record the sequencer keeps of it: <strong>{packet.record}</strong> ({run.program.recordBytes} bytes).</p>
      <div className="wire-bar" role="img" aria-label={`Wire layout: ${segments.map((s) => `${s.name} ${s.bytes} bytes`).join(', ')}`}>
        {segments.filter((s) => s.bytes > 0).map((s) => (
          <span key={s.name} className={s.original ? 'original' : 'added'} style={{ flexGrow: Math.max(s.bytes, total / 40) }} title={`${s.name}: ${s.bytes} B. ${s.about}`}>
            {s.bytes} B
          </span>
        ))}
      </div>
      <table className="wire">
        <tbody>
          {segments.map((s) => <tr key={s.name}><td>{s.name}</td><td className="num">{s.bytes} B</td></tr>)}
          <tr className="sum"><td>SCR adds</td><td className="num">{overhead} B ({((100 * overhead) / total).toFixed(1)} % of {total} B)</td></tr>
        </tbody>
      </table>
      {watching}
    </section>
  );
}
