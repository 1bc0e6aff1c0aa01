import { line, scaleLinear } from 'd3';
import { useState } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import type { TechniqueId } from '../../worker/analysis-protocol';
import { Axis, plotBox, Tooltip } from './axes';
import { ChartCard } from './ChartCard';
import { fileStem } from './export-image';
import { formatMpps } from './format';
import { Legend } from './Legend';
import { Marker } from './Marker';
import { TECHNIQUE_STYLE } from './technique-style';
import { closedFormLine, linearLine, throughputCsvTable, throughputLines, throughputSummary, throughputTable, type LinePoint, type TechniqueLine } from './throughput-data';
import { useChartContext } from './use-chart-context';

export interface ThroughputFigureProps {
  width: number;
  height: number;
  lines: TechniqueLine[];
  closedForm: LinePoint[];
  linear: LinePoint[] | null;
  cores: number;
  maxCores: number;
}

const MARGIN = { top: 14, right: 22, bottom: 52, left: 70 };

export function ThroughputFigure({ width, height, lines, closedForm, linear, cores, maxCores }: ThroughputFigureProps) {
  const [hover, setHover] = useState<number | null>(null);
  const box = plotBox({ x: 0, y: 0, width, height }, MARGIN);
  const all = [...lines.flatMap((l) => l.points), ...closedForm, ...(linear ?? [])].map((p) => p.mpps);
  const x = scaleLinear().domain([1, Math.max(2, maxCores)]).range([box.x, box.x + box.width]);
  const y = scaleLinear().domain([0, Math.max(1, ...all) * 1.05]).range([box.y + box.height, box.y]).nice();
  const path = line<LinePoint>().x((p) => x(p.cores)).y((p) => y(p.mpps));
  const tipLines = hover === null ? [] : [
    `${hover} core${hover === 1 ? '' : 's'}`,
    ...lines.flatMap((l) => {
      const p = l.points.find((q) => q.cores === hover);
      return p ? [`${TECHNIQUE_STYLE[l.technique].label}: ${formatMpps(p.mpps)}${p.cell.bottleneck === 'link' ? ' (link-bound)' : ''}`] : [];
    }),
    ...(closedForm.find((p) => p.cores === hover) ? [`closed form: ${formatMpps((closedForm.find((p) => p.cores === hover) as LinePoint).mpps)}`] : []),
  ];
  const lastClosed = closedForm.at(-1);
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="chart-svg">
      <Axis orient="bottom" scale={x} box={box} label="cores" ticks={Math.min(maxCores, 8)} format={(v) => String(v)} />
      <Axis orient="left" scale={y} box={box} label="throughput (Mpps)" />
      {cores >= 1 && cores <= maxCores && (
        <g className="chart-current">
          <line x1={x(cores)} x2={x(cores)} y1={box.y} y2={box.y + box.height} />
          <text x={x(cores) + (x(cores) > box.x + box.width - 90 ? -6 : 6)} y={box.y + 14} textAnchor={x(cores) > box.x + box.width - 90 ? 'end' : 'start'}>{`stage: ${cores}`}</text>
        </g>
      )}
      {linear && linear.length > 1 && <path className="chart-reference" d={path(linear) ?? ''} strokeDasharray="2 4" />}
      {closedForm.length > 1 && (
        <g className="chart-closed-form">
          <path d={path(closedForm) ?? ''} strokeDasharray="5 4" style={{ stroke: TECHNIQUE_STYLE.scr.colour }} />
          {lastClosed && <text x={x(lastClosed.cores) - 4} y={y(lastClosed.mpps) - 8} textAnchor="end">closed form T(N)</text>}
        </g>
      )}
      {lines.map((l) => (
        <TechniqueSeries key={l.technique} technique={l.technique} points={l.points} d={path(l.points) ?? ''} x={x} y={y} />
      ))}
      {hover !== null && <line className="chart-hover" x1={x(hover)} x2={x(hover)} y1={box.y} y2={box.y + box.height} />}
      <rect
        className="chart-overlay" x={box.x} y={box.y} width={box.width} height={box.height}
        onPointerMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const at = Math.round(x.invert(box.x + (e.clientX - r.left)));
          setHover(Math.max(1, Math.min(maxCores, at)));
        }}
        onPointerLeave={() => setHover(null)}
      />
      {hover !== null && tipLines.length > 1 && <Tooltip x={x(hover)} y={box.y + box.height / 3} lines={tipLines} bounds={box} />}
    </svg>
  );
}

function TechniqueSeries({ technique, points, d, x, y }: { technique: TechniqueId; points: LinePoint[]; d: string; x: (v: number) => number; y: (v: number) => number }) {
  const s = TECHNIQUE_STYLE[technique];
  return (
    <g className="chart-series" data-technique={technique}>
      <path d={d} strokeDasharray={s.dash} style={{ stroke: s.colour }} />
      {points.map((p) => <Marker key={p.cores} shape={s.marker} x={x(p.cores)} y={y(p.mpps)} size={9} className="marker" style={{ fill: s.colour }} />)}
    </g>
  );
}

const selectSweep = (s: ExplorerState) => s.sweep;
const selectTechniques = (s: ExplorerState) => s.chartTechniques;
const selectScrCosts = (s: ExplorerState) => s.scrCosts;
const selectLinear = (s: ExplorerState) => s.linearReference;
const selectRunInfo = (s: ExplorerState) => s.analysisRun;
const selectSetLinear = (s: ExplorerState) => s.setLinearReference;

/** What the figure draws, from the store (also used by the comparison image). */
export function throughputFigureData(s: Pick<ExplorerState, 'sweep' | 'chartTechniques' | 'scrCosts' | 'linearReference'>, cores: number) {
  const coreList = [...new Set(s.sweep.cells.map((c) => c.cores))].sort((a, b) => a - b);
  const maxCores = Math.max(16, cores, ...coreList);
  const allCores = Array.from({ length: maxCores }, (_, i) => i + 1);
  const lines = throughputLines(s.sweep.cells, s.chartTechniques);
  const closedForm = s.chartTechniques.includes('scr') ? closedFormLine(s.scrCosts, allCores) : [];
  const linear = s.linearReference ? linearLine(s.sweep.cells, allCores) : null;
  return { lines, closedForm, linear, cores, maxCores };
}

export function ThroughputChart() {
  const sweep = useExplorer(selectSweep);
  const techniques = useExplorer(selectTechniques);
  const scrCosts = useExplorer(selectScrCosts);
  const linearReference = useExplorer(selectLinear);
  const setLinear = useExplorer(selectSetLinear);
  const info = useExplorer(selectRunInfo);
  const { cores, stem } = useChartContext();
  const data = throughputFigureData({ sweep, chartTechniques: techniques, scrCosts, linearReference }, cores);
  const status = sweep.status === 'running' ? `computing: ${sweep.cells.length} of ${sweep.total}` : sweep.status === 'error' ? 'sweep failed' : null;
  return (
    <ChartCard
      id="throughput"
      title="Throughput vs cores"
      status={status}
      summary={throughputSummary(sweep.cells, techniques, sweep.total, cores, info ?? undefined)}
      table={throughputTable(sweep.cells, techniques, data.closedForm)}
      csv={sweep.cells.length ? throughputCsvTable(sweep.cells, techniques) : null}
      fileStem={fileStem('throughput', stem)}
      height={300}
      controls={
        <label className="chart-control">
          <input type="checkbox" checked={linearReference} onChange={(e) => setLinear(e.target.checked)} /> Linear scaling reference (one core × N)
        </label>
      }
      legend={<Legend techniques={techniques} extra={[...(data.closedForm.length ? [{ label: 'SCR closed form', dash: '5 4' }] : []), ...(data.linear ? [{ label: 'linear', dash: '2 4' }] : [])]} />}
    >
      {({ width, height }) => (sweep.cells.length ? <ThroughputFigure width={width} height={height} {...data} /> : null)}
    </ChartCard>
  );
}
