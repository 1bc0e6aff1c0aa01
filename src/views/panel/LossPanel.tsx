import { dropPacket } from '../../commands/drop-packet';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer, useExplorerStore } from '../../store/store-context';

const selectLoss = (s: ExplorerState) => s.run?.loss;
const selectNotice = (s: ExplorerState) => s.lossNotice;
const selectHasRun = (s: ExplorerState) => (s.run?.eventCount ?? 0) > 0;

const n = (x: number) => x.toLocaleString('en-US');
const plural = (k: number, one: string, many = `${one}s`) => `${n(k)} ${k === 1 ? one : many}`;

/** Dropping packets by hand (keyboard and screen-reader friendly), and what the run lost and recovered. */
export function LossPanel() {
  const store = useExplorerStore();
  const loss = useExplorer(selectLoss);
  const notice = useExplorer(selectNotice);
  const hasRun = useExplorer(selectHasRun);
  const lostAny = loss && loss.lost.before + loss.lost.link + loss.lost.after > 0;
  return (
    <section className="loss-panel" aria-label="Packet loss">
      <h2>Packet loss</h2>
      <div className="loss-buttons">
        <button type="button" disabled={!hasRun} onClick={() => void dropPacket(store, 'link')} aria-keyshortcuts="x">
          Drop the next packet on its link <kbd>x</kbd>
        </button>
        <button type="button" disabled={!hasRun} onClick={() => void dropPacket(store, 'before')}>Lose one before the sequencer</button>
      </div>
      <p className="muted">Or click ✂ beside a packet in flight.</p>
      {notice && <p role={notice.error ? 'alert' : 'status'} className={notice.error ? 'notice error' : 'notice'}>{notice.text}</p>}
      {lostAny && (
        <p data-testid="loss-summary">
          {`Lost: ${n(loss.lost.link)} on links, ${n(loss.lost.before)} before the sequencer, ${n(loss.lost.after)} after processing. `}
          {`Cores caught up ${plural(loss.gapsRecovered, 'time')} (${plural(loss.recordsRead, 'record')} read from peers' logs`}
          {loss.copies > 0 ? `, ${plural(loss.copies, 'state')} copied` : ''}
          {loss.recordsLostEverywhere > 0 ? `, ${n(loss.recordsLostEverywhere)} lost at every core` : ''}
          {`)${loss.unrecoverable > 0 ? `; ${plural(loss.unrecoverable, 'gap')} could not be recovered` : ''}.`}
        </p>
      )}
    </section>
  );
}
