import type { TimelineEvent } from '../../engine/timeline/events';
import type { FrameView } from '../../worker/protocol';
import { textWidth } from './fit-text';
import { FONT, coreDoorY, rightMid, type Box, type StageLayout } from './layout';
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
 * An arrow from a peer's log to the core catching up, curving through the gap between the cores
 * and the sinks so it never crosses a table; its label sits in a pill over the cores' margin.
 */
function PeerArrow({ from, to, label, waiting, limitX }: { from: Box; to: Box; label: string; waiting: boolean; limitX: number }) {
  const a = logAnchor(from);
  const b = rightMid(to);
  const right = Math.max(a.x, b.x);
  const bulge = right + Math.max(14, Math.min(34, (limitX - right) * 0.85));
  const midY = (a.y + b.y) / 2;
  const width = textWidth(label, FONT.sub, true) + 16;
  return (
    <g className={`peer-arrow${waiting ? ' waiting' : ''}`} data-testid="peer-arrow">
      <path d={`M${a.x} ${a.y} C${bulge} ${a.y}, ${bulge} ${b.y}, ${b.x + 8} ${b.y}`} markerEnd="url(#peer-arrow-head)" />
      <rect className="peer-pill" x={bulge - 8 - width} y={midY - 13} width={width} height={24} rx={12} />
      <text x={bulge - 15} y={midY + 4} className="peer-label">{label}</text>
    </g>
  );
}

/** A note in the core's top-right corner (over its progress line, which it replaces for a moment). */
function GapNote({ box, event }: { box: Box; event: Extract<TimelineEvent, { kind: 'gap' }> }) {
  const missing = `#${event.from}${event.to > event.from ? `…#${event.to}` : ''}`;
  const text = event.congestion ? `gap ${missing}: gives up` : `gap: missing ${missing}`;
  const width = textWidth(text, FONT.sub, true) + 16;
  return (
    <g className={`gap-note${event.congestion ? ' congestion' : ''}`} data-testid="gap-note">
      <rect x={box.x + box.w - width - 6} y={box.y + 5} width={width} height={24} rx={6} />
      <text x={box.x + box.w - 14} y={box.y + 22}>{text}</text>
    </g>
  );
}

/** What the last event did that the wires and boxes alone cannot show: a loss, a gap, a read from a peer's log. */
export function RecoveryOverlay({ layout, frame }: { layout: StageLayout; frame: FrameView | null }) {
  const e: TimelineEvent | null | undefined = frame?.event;
  const box = (core: number): Box | undefined => layout.cores[core];
  const waits = e?.kind === 'read' || e?.kind === 'copy' ? [] : (frame?.cores.filter((c) => c.waiting) ?? []);
  const source = rightMid(layout.source);
  return (
    <g className="recovery-overlay" aria-hidden="true">
      <defs>
        <marker id="peer-arrow-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0 0 L10 5 L0 10 z" className="arrow-head" />
        </marker>
      </defs>
      {e?.kind === 'lost-link' && box(e.core) && <Cut {...linkMidpoint(layout, e.core)} label="lost" />}
      {e?.kind === 'lost-before' && <Cut x={(source.x + layout.sequencer.x) / 2} y={source.y} label="lost" />}
      {e?.kind === 'lost-after' && box(e.core) && (() => {
        const b = box(e.core) as Box;
        // Between the cores and the sinks, on the core's wire out.
        return <Cut x={(b.x + b.w + layout.pass.x) / 2} y={coreDoorY(b)} label="lost" />;
      })()}
      {e && (e.kind === 'read' || e.kind === 'copy') && box(e.peer) && box(e.core) && (
        <PeerArrow
          from={box(e.peer) as Box}
          to={box(e.core) as Box}
          label={e.kind === 'read' ? `#${e.record} from core ${e.peer}'s log` : `state of core ${e.peer}`}
          waiting={false}
          limitX={layout.pass.x}
        />
      )}
      {waits.map((w) => {
        const from = w.waiting ? box(w.waiting.peer) : undefined;
        const to = box(w.core);
        return from && to && w.waiting ? (
          <PeerArrow key={w.core} from={from} to={to} label={`core ${w.core} waits for #${w.waiting.record}`} waiting limitX={layout.pass.x} />
        ) : null;
      })}
      {e?.kind === 'gap' && box(e.core) && <GapNote box={box(e.core) as Box} event={e} />}
    </g>
  );
}
