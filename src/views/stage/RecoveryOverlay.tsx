import type { TimelineEvent } from '../../engine/timeline/events';
import type { FrameView } from '../../worker/protocol';
import { rightMid, type Box, type StageLayout } from './layout';
import { linkMidpoint } from './packet-path';

/** Where a core's log line sits (bottom of its box) and where arrows leave it. */
export function logAnchor(box: Box): { x: number; y: number } {
  return { x: box.x + box.w, y: box.y + box.h - 12 };
}

const CUT = 11;

/** A cut across a wire where a packet was lost, with the word, so colour is not the only cue. */
function Cut({ x, y, label }: { x: number; y: number; label: string }) {
  return (
    <g className="cut" data-testid="cut">
      <path d={`M${x - CUT} ${y - CUT} L${x + CUT} ${y + CUT} M${x + CUT} ${y - CUT} L${x - CUT} ${y + CUT}`} />
      <text x={x} y={y - CUT - 8} className="cut-label">{label}</text>
    </g>
  );
}

/**
 * An arrow from a peer's log to the core catching up, bulging to the right of the cores so it
 * never crosses their tables; labelled with what travels along it.
 */
function PeerArrow({ from, to, label, waiting }: { from: Box; to: Box; label: string; waiting: boolean }) {
  const a = logAnchor(from);
  const b = rightMid(to);
  const bulge = Math.max(a.x, b.x) + 46 + Math.min(60, Math.abs(a.y - b.y) / 4);
  const midY = (a.y + b.y) / 2;
  return (
    <g className={`peer-arrow${waiting ? ' waiting' : ''}`} data-testid="peer-arrow">
      <path d={`M${a.x} ${a.y} C${bulge} ${a.y}, ${bulge} ${b.y}, ${b.x + 8} ${b.y}`} markerEnd="url(#peer-arrow-head)" />
      <text x={bulge - 4} y={midY + 5} className="peer-label">{label}</text>
    </g>
  );
}

const box = (layout: StageLayout, core: number): Box | undefined => layout.cores[core];

/** What the last event did that the wires and boxes alone cannot show: a loss, a gap, a read from a peer's log. */
export function RecoveryOverlay({ layout, frame }: { layout: StageLayout; frame: FrameView | null }) {
  const e: TimelineEvent | null | undefined = frame?.event;
  const waits = frame?.cores.filter((c) => c.waiting) ?? [];
  return (
    <g className="recovery-overlay" aria-hidden="true">
      <defs>
        <marker id="peer-arrow-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0 L10 5 L0 10 z" className="arrow-head" />
        </marker>
      </defs>
      {e?.kind === 'lost-link' && box(layout, e.core) && <Cut {...linkMidpoint(layout, e.core)} label="lost" />}
      {e?.kind === 'lost-before' && (
        <Cut x={(rightMid(layout.source).x + layout.sequencer.x) / 2} y={rightMid(layout.source).y} label="lost" />
      )}
      {e?.kind === 'lost-after' && box(layout, e.core) && (() => {
        const b = box(layout, e.core) as Box;
        return <Cut x={b.x + b.w + 40} y={b.y + Math.min(b.h / 2, 40)} label="lost" />;
      })()}
      {e && (e.kind === 'read' || e.kind === 'copy') && box(layout, e.peer) && box(layout, e.core) && (
        <PeerArrow
          from={box(layout, e.peer) as Box}
          to={box(layout, e.core) as Box}
          label={e.kind === 'read' ? `#${e.record} from core ${e.peer}'s log` : `state of core ${e.peer}`}
          waiting={false}
        />
      )}
      {e?.kind !== 'read' && e?.kind !== 'copy' && waits.map((w) => (
        box(layout, w.waiting!.peer) && box(layout, w.core) ? (
          <PeerArrow key={w.core} from={box(layout, w.waiting!.peer) as Box} to={box(layout, w.core) as Box} label={`waits for #${w.waiting!.record}`} waiting />
        ) : null
      ))}
      {e?.kind === 'gap' && box(layout, e.core) && (() => {
        const b = box(layout, e.core) as Box;
        const text = e.congestion ? `gap #${e.from}…#${e.to}: gives up` : `gap: missing #${e.from}${e.to > e.from ? `…#${e.to}` : ''}`;
        return (
          <g className={`gap-note${e.congestion ? ' congestion' : ''}`} data-testid="gap-note">
            <rect x={b.x + 6} y={b.y - 26} width={Math.min(b.w - 12, text.length * 8.6 + 16)} height={24} rx={6} />
            <text x={b.x + 14} y={b.y - 9}>{text}</text>
          </g>
        );
      })()}
    </g>
  );
}
