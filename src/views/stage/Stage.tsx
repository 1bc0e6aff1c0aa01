import { useMemo, useRef } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { EVENTS_PER_SECOND_AT_1X, SPEEDS } from '../../store/playback-slice';
import { useExplorer } from '../../store/store-context';
import type { FrameView } from '../../worker/protocol';
import { CoreNode } from './CoreNode';
import { FlyingPacket } from './FlyingPacket';
import { layoutStage } from './layout';
import { Links } from './Links';
import { RecoveryOverlay } from './RecoveryOverlay';
import { useDropPacket } from './use-drop-packet';
import { SequencerNode } from './SequencerNode';
import { SinkNodes } from './SinkNodes';
import { useElementSize } from './use-element-size';
import { useSpotlightPulse } from './use-spotlight-pulse';

const selectFrame = (s: ExplorerState) => s.frame;
const selectCores = (s: ExplorerState) => s.run?.scenario.cores ?? s.scenario.cores;
const selectHistory = (s: ExplorerState) => s.run?.historySize;
const selectPlaying = (s: ExplorerState) => s.playing;
const selectSpeed = (s: ExplorerState) => s.speedIndex;
const selectSelection = (s: ExplorerState) => s.selection;
const selectWatchKey = (s: ExplorerState) => s.watchKey;
const selectSelect = (s: ExplorerState) => s.select;
const selectSetWatchKey = (s: ExplorerState) => s.setWatchKey;
const selectProgramTitle = (s: ExplorerState) => s.run?.program.title ?? '';
const selectPackets = (s: ExplorerState) => s.run?.packets ?? 0;
const selectPresenter = (s: ExplorerState) => s.presenter;

/**
 * Presenter mode draws the stage up to this much larger (the layout gets a smaller canvas, scaled
 * up to fill the stage), when the stage is wide enough for the layout to stay readable.
 */
const PRESENTER_ZOOM = 1.3;
const PRESENTER_ZOOM_FROM_WIDTH = 960;

/** When stepping by hand, each step animates for this long. */
const STEP_ANIMATION_MS = 450;

function sequencerCaption(frame: FrameView | null): string {
  const e = frame?.event;
  if (!e) return 'waiting for packet #0';
  if (e.kind === 'arrive') return `packet #${e.seq} arrived`;
  if (e.kind === 'dispatch') return `sent #${e.seq} → core ${e.core}`;
  if (e.kind === 'lost-link') return `sent #${e.seq} → core ${e.core}: lost`;
  if (e.kind === 'lost-before') return `waiting for packet #${e.seq}`;
  return `waiting for packet #${e.seq + 1}`;
}

/** The stage: traffic -> sequencer -> cores -> PASS/DROP, drawn at the stage's pixel size. */
export function Stage() {
  const container = useRef<HTMLDivElement>(null);
  const { width, height } = useElementSize(container);
  const frame = useExplorer(selectFrame);
  const cores = useExplorer(selectCores);
  const historySize = useExplorer(selectHistory) ?? cores - 1;
  const playing = useExplorer(selectPlaying);
  const speedIndex = useExplorer(selectSpeed);
  const selection = useExplorer(selectSelection);
  const watchKey = useExplorer(selectWatchKey);
  const select = useExplorer(selectSelect);
  const setWatchKey = useExplorer(selectSetWatchKey);
  const programTitle = useExplorer(selectProgramTitle);
  const packets = useExplorer(selectPackets);
  const zoom = useExplorer(selectPresenter) ? Math.min(PRESENTER_ZOOM, Math.max(1, width / PRESENTER_ZOOM_FROM_WIDTH)) : 1;
  const layout = useMemo(() => layoutStage(width / zoom, height / zoom, cores, historySize), [width, height, zoom, cores, historySize]);
  const dropPacket = useDropPacket();

  const eventMs = playing ? 1000 / (EVENTS_PER_SECOND_AT_1X * (SPEEDS[speedIndex] ?? 1)) : STEP_ANIMATION_MS;
  const svg = useRef<SVGSVGElement>(null);
  useSpotlightPulse(svg);

  const coreViews = frame?.cores ?? [];
  return (
    <div ref={container} className="stage-canvas">
      <svg
        ref={svg}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group" aria-label={`Stage: ${programTitle} on ${cores} cores`}
      >
        <Links layout={layout} />
        <g className="node source" data-stage="source">
          <rect x={layout.source.x} y={layout.source.y} width={layout.source.w} height={layout.source.h} rx={12} />
          <text x={layout.source.x + layout.source.w / 2} y={layout.source.y + 44} className="title">Traffic</text>
          <text x={layout.source.x + layout.source.w / 2} y={layout.source.y + 70} className="sub">
            {`${frame?.event ? frame.event.seq + 1 : 0} of ${packets.toLocaleString('en-US')}`}
          </text>
        </g>
        <SequencerNode box={layout.sequencer} ring={frame?.ring ?? null} caption={sequencerCaption(frame)} perRow={layout.ringCellsPerRow} />
        {layout.cores.map((box, c) => (
          <CoreNode
            key={c}
            box={box}
            view={coreViews[c]}
            rows={layout.rowsPerCore}
            compact={layout.compactCores}
            header={layout.coreHeader}
            event={frame?.event ?? null}
            hiddenNote={c === layout.cores.length - 1 && layout.hiddenCores > 0 ? `+ ${layout.hiddenCores} more cores not drawn` : null}
            selected={selection?.kind === 'core' && selection.core === c}
            watchKey={watchKey}
            onSelect={(core) => select({ kind: 'core', core })}
            onWatch={(key) => setWatchKey(watchKey === key ? null : key)}
          />
        ))}
        <SinkNodes layout={layout} totals={frame?.totals ?? null} />
        <RecoveryOverlay layout={layout} frame={frame} />
        {frame && (
          <FlyingPacket
            frame={frame}
            layout={layout}
            durationMs={Math.min(eventMs, 900)}
            selected={selection?.kind === 'packet' && selection.seq === frame.packet?.seq}
            watchText={frame.cores[0]?.rows.find((r) => r.key === watchKey)?.keyText ?? null}
            onSelect={(seq) => select({ kind: 'packet', seq })}
            onDrop={dropPacket}
          />
        )}
      </svg>
    </div>
  );
}
