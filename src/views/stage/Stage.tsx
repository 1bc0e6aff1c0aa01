import { useMemo, useRef } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { EVENTS_PER_SECOND_AT_1X, SPEEDS } from '../../store/playback-slice';
import { useExplorer } from '../../store/store-context';
import type { FrameView } from '../../worker/protocol';
import { CoreNode } from './CoreNode';
import { FlyingPacket } from './FlyingPacket';
import { bigChipX, layoutStage, stageZoom } from './layout';
import { StageLegend } from './StageLegend';
import { tableColumns } from './core-table';
import { useCoreTables } from './use-core-tables';
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
  // Presenter mode lays the stage out on a smaller canvas and scales it up, text and all.
  const presenter = useExplorer(selectPresenter);
  const zoom = stageZoom(width, height, cores, presenter);
  const layout = useMemo(() => layoutStage(width / zoom, height / zoom, cores, historySize, 16, packets), [width, height, zoom, cores, historySize, packets]);
  const dropPacket = useDropPacket();

  const eventMs = playing ? 1000 / (EVENTS_PER_SECOND_AT_1X * (SPEEDS[speedIndex] ?? 1)) : STEP_ANIMATION_MS;
  const svg = useRef<SVGSVGElement>(null);
  useSpotlightPulse(svg);

  const coreViews = frame?.cores ?? [];
  const table = useCoreTables(layout, frame);
  return (
    <div ref={container} className="stage-canvas">
      <svg
        ref={svg}
        data-zoom={zoom}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group" aria-label={`Stage: ${programTitle} on ${cores} core${cores === 1 ? '' : 's'}`}
      >
        <Links layout={layout} active={frame?.event && frame.event.kind !== 'arrive' && frame.event.core >= 0 ? Math.min(frame.event.core, layout.cores.length - 1) : null} />
        <g className="node source" data-stage="source">
          <rect x={layout.source.x} y={layout.source.y} width={layout.source.w} height={layout.source.h} rx={12} />
          <text x={layout.source.x + layout.source.w / 2} y={layout.source.y + 24} className="title">Traffic</text>
          <text x={layout.source.x + layout.source.w / 2} y={layout.source.y + 46} className="sub">
            {`${frame?.event ? frame.event.seq + 1 : 0} of ${packets.toLocaleString('en-US')}`}
          </text>
        </g>
        <SequencerNode
          box={layout.sequencer} ring={frame?.ring ?? null} caption={sequencerCaption(frame)}
          perRow={layout.ringCellsPerRow} pitch={layout.ringPitch} seq={frame?.packet?.seq ?? -1}
        />
        {layout.legend && table.legend.length > 0 && <StageLegend box={layout.legend} lines={table.legend} />}
        {layout.cores.map((box, c) => (
          <CoreNode
            key={c}
            box={box}
            core={c}
            view={coreViews[c]}
            rows={layout.rowsPerCore}
            header={layout.coreHeader}
            bigX={(w) => bigChipX(layout, box, w)}
            columns={table.columns[c] ?? tableColumns(box.x, box.w, [])}
            short={table.short}
            event={frame?.event ?? null}
            hiddenCount={c === layout.cores.length - 1 && layout.hiddenCores > 0 ? layout.hiddenCores : null}
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
