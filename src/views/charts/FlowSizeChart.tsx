import { line, scaleLog } from 'd3';
import { useState } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import type { FlowSizeView } from '../../worker/analysis-protocol';
import { Axis, logTicks, plotBox, Tooltip } from './axes';
import { ChartCard } from './ChartCard';
import { fileStem } from './export-image';
import { flowSummary, flowTable } from './flow-data';
import { formatCount, formatPercent } from './format';
import { NEUTRAL_COLOUR } from './technique-style';
import { useChartContext } from './use-chart-context';

const MARGIN = { top: 14, right: 24, bottom: 52, left: 76 };
const compact = (v: number) => (v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : String(v));

export function FlowSizeFigure({ width, height, flows }: { width: number; height: number; flows: FlowSizeView }) {
  const [hover, setHover] = useState<number | null>(null);
  const box = plotBox({ x: 0, y: 0, width, height }, MARGIN);
  const maxRank = Math.max(10, flows.flows);
  const maxSize = Math.max(10, flows.points[0]?.packets ?? 1);
  const x = scaleLog().domain([1, maxRank]).range([box.x, box.x + box.width]);
  const y = scaleLog().domain([1, maxSize]).range([box.y + box.height, box.y]);
  const path = line<{ rank: number; packets: number }>().x((p) => x(p.rank)).y((p) => y(Math.max(1, p.packets)));
  const first = flows.points[0];
  const hovered = hover === null ? null : flows.points[hover];
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="chart-svg">
      <Axis orient="bottom" scale={x} box={box} label="flow rank (1 = largest), log scale" tickValues={logTicks(1, maxRank, Math.max(3, Math.floor(box.width / 70)))} format={compact} />
      <Axis orient="left" scale={y} box={box} label="packets in the flow (log)" tickValues={logTicks(1, maxSize, 6)} format={compact} />
      <path className="chart-flow-line" d={path(flows.points) ?? ''} style={{ stroke: NEUTRAL_COLOUR }} />
      {flows.points.map((p, i) => (
        <circle key={p.rank} className="chart-flow-point" cx={x(p.rank)} cy={y(Math.max(1, p.packets))} r={i === hover ? 6 : 3.5} style={{ fill: NEUTRAL_COLOUR }} />
      ))}
      {first && (
        <text className="chart-direct-label" x={x(first.rank) + 10} y={y(first.packets) + 4} dy="0.35em">
          {`largest flow: ${formatPercent(flows.largestShare, 1)} of packets`}
        </text>
      )}
      <rect
        className="chart-overlay" x={box.x} y={box.y} width={box.width} height={box.height}
        onPointerMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const px = box.x + (e.clientX - r.left);
          let best = 0;
          flows.points.forEach((p, i) => { if (Math.abs(x(p.rank) - px) < Math.abs(x((flows.points[best] as { rank: number }).rank) - px)) best = i; });
          setHover(flows.points.length ? best : null);
        }}
        onPointerLeave={() => setHover(null)}
      />
      {hovered && (
        <Tooltip x={x(hovered.rank)} y={y(Math.max(1, hovered.packets))} bounds={box}
          lines={[`flow #${formatCount(hovered.rank)}`, `${formatCount(hovered.packets)} packets`, `${formatPercent(hovered.packets / Math.max(1, flows.packets), 2)} of all`]} />
      )}
    </svg>
  );
}

const selectFlows = (s: ExplorerState) => s.flows;

export function FlowSizeChart() {
  const flows = useExplorer(selectFlows);
  const { stem } = useChartContext();
  return (
    <ChartCard
      id="flow-sizes"
      title="Flow sizes in this trace"
      summary={flows ? flowSummary(flows) : 'Counting the flows of this trace…'}
      table={flows ? flowTable(flows) : null}
      csv={flows ? flowTable(flows) : null}
      fileStem={fileStem('flow-sizes', stem)}
      height={270}
    >
      {({ width, height }) => (flows && flows.flows > 0 ? <FlowSizeFigure width={width} height={height} flows={flows} /> : null)}
    </ChartCard>
  );
}
