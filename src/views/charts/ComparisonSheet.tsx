import type { ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { ExplorerState } from '../../store/create-store';
import type { TechniqueId } from '../../worker/analysis-protocol';
import { ContentionFigure } from './ContentionChart';
import { download, fileStem, standaloneSvg, svgText, svgToPng } from './export-image';
import { FlowSizeFigure } from './FlowSizeChart';
import { flowSummary } from './flow-data';
import { Marker } from './Marker';
import { PerCoreLoadFigure } from './PerCoreLoadChart';
import { liveScopeText } from './per-core-data';
import { chosenCurve, scrCostsSummary } from './scr-costs-data';
import { ScrCostsFigure } from './ScrCostsChart';
import { TECHNIQUE_STYLE } from './technique-style';
import { throughputSummary } from './throughput-data';
import { throughputFigureData, ThroughputFigure } from './ThroughputChart';

/** The slide: 16:9 at 1920 × 1080. */
export const SHEET = { width: 1920, height: 1080 } as const;
const HEADER = 96;
const GAP = 24;
const COLS = 3;
const CELL_W = (SHEET.width - GAP * (COLS + 1)) / COLS;
const CELL_H = (SHEET.height - HEADER - GAP * 3) / 2;
const CELL_TITLE = 34;

/** Splits text into lines of at most `chars` characters, at spaces. */
export function wrapText(text: string, chars: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current && current.length + 1 + word.length > chars) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

function Cell({ i, title, children }: { i: number; title: string; children: ReactNode }) {
  const x = GAP + (i % COLS) * (CELL_W + GAP);
  const y = HEADER + GAP + Math.floor(i / COLS) * (CELL_H + GAP);
  return (
    <g transform={`translate(${x},${y})`}>
      <rect className="sheet-cell" width={CELL_W} height={CELL_H} rx={10} />
      <text className="sheet-cell-title" x={14} y={26}>{title}</text>
      <g transform={`translate(6,${CELL_TITLE})`}>{children}</g>
    </g>
  );
}

/** The whole comparison on one slide: the five charts, a legend and the key sentences. */
export function ComparisonSheet({ state, title }: { state: ExplorerState; title: string }) {
  const cores = state.run?.scenario.cores ?? state.scenario.cores;
  const w = CELL_W - 12;
  const h = CELL_H - CELL_TITLE - 8;
  const techniques: TechniqueId[] = state.chartTechniques;
  const tp = throughputFigureData(state, cores);
  const costs = state.scrCosts;
  const curve = costs ? chosenCurve(costs, state.computeIndex) : undefined;
  // Legend entries: a 48 px sample, the label at about 11 px a character, and a gap.
  const legendOffsets = techniques.reduce<number[]>((acc, t) => [...acc, (acc.at(-1) ?? 0) + 80 + TECHNIQUE_STYLE[t].label.length * 11], [0]);
  const notes = [
    throughputSummary(state.sweep.cells, techniques, state.sweep.total, cores),
    ...(state.flows ? [flowSummary(state.flows)] : []),
    ...(costs ? [scrCostsSummary(costs, state.sweep.cells, curve)] : []),
  ];
  return (
    <svg className="comparison-sheet chart-svg" width={SHEET.width} height={SHEET.height} viewBox={`0 0 ${SHEET.width} ${SHEET.height}`}>
      <text className="sheet-title" x={GAP} y={46}>{title}</text>
      <text className="sheet-subtitle" x={GAP} y={78}>
        {state.live ? `Live charts over ${liveScopeText(state.live)} at ${state.live.offeredMpps.toFixed(1)} Mpps offered · throughput is the MLFFR (≤ 4 % loss)` : 'Throughput is the MLFFR (≤ 4 % loss)'}
      </text>
      <g transform={`translate(${SHEET.width - GAP - legendOffsets.at(-1)!},30)`}>
        {techniques.map((t, i) => {
          const s = TECHNIQUE_STYLE[t];
          return (
            <g key={t} transform={`translate(${legendOffsets[i]},0)`} className="chart-series">
              <path d="M0,20H48" strokeDasharray={s.dash} style={{ stroke: s.colour }} />
              <Marker shape={s.marker} x={24} y={20} size={11} className="marker" style={{ fill: s.colour }} />
              <text className="sheet-legend" x={56} y={20} dy="0.35em">{s.label}</text>
            </g>
          );
        })}
      </g>
      <Cell i={0} title="Throughput vs cores">{tp.lines.some((l) => l.points.length) ? <ThroughputFigure width={w} height={h} {...tp} /> : null}</Cell>
      <Cell i={1} title="Per-core load">{state.live ? <PerCoreLoadFigure width={w} height={h} live={state.live} metric="busy" /> : null}</Cell>
      <Cell i={2} title="Contention on shared state">{state.live ? <ContentionFigure width={w} height={h} live={state.live} /> : null}</Cell>
      <Cell i={3} title="Flow sizes in this trace">{state.flows && state.flows.flows > 0 ? <FlowSizeFigure width={w} height={h} flows={state.flows} /> : null}</Cell>
      <Cell i={4} title="SCR's costs">{costs ? <ScrCostsFigure width={w} height={h} costs={costs} cells={state.sweep.cells} cores={cores} curve={curve} /> : null}</Cell>
      <Cell i={5} title="In words">
        {notes.flatMap((n) => [...wrapText(n, 62), '']).map((line, k) => (
          <text key={k} className="sheet-note" x={10} y={24 + k * 22}>{line}</text>
        ))}
      </Cell>
    </svg>
  );
}

/** Draws the comparison off screen (so the page's styles and theme apply), then saves it as a 1920 × 1080 PNG. */
export async function exportComparison(state: ExplorerState): Promise<void> {
  const scenario = state.run?.scenario ?? state.scenario;
  const program = state.run?.program.title ?? scenario.programId;
  const trace = scenario.trace.kind === 'generator' ? `${scenario.trace.id} trace` : scenario.trace.name;
  const title = `${program} · ${trace} · stage at ${scenario.cores} cores`;
  const host = document.createElement('div');
  host.className = 'offscreen-sheet';
  document.body.append(host);
  const root = createRoot(host);
  try {
    flushSync(() => root.render(<ComparisonSheet state={state} title={title} />));
    const svg = host.querySelector('svg');
    if (!svg) throw new Error('the comparison could not be drawn');
    const text = svgText(standaloneSvg(svg, SHEET.width, SHEET.height));
    const png = await svgToPng(text, SHEET.width, SHEET.height, 1);
    download(png, `${fileStem('comparison', scenario.programId, scenario.trace.kind === 'generator' ? scenario.trace.id : scenario.trace.name, `${scenario.cores}-cores`)}.png`);
  } finally {
    root.unmount();
    host.remove();
  }
}
