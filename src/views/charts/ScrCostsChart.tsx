import { line, scaleBand, scaleLinear } from 'd3';
import { useState } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import type { ComputeCurve, ScrCostView, SweepCellView } from '../../worker/analysis-protocol';
import { Axis, plotBox, spreadLabels, Tooltip, type PlotBox } from './axes';
import { ChartCard } from './ChartCard';
import { fileStem } from './export-image';
import { formatMpps } from './format';
import { Marker } from './Marker';
import { chosenCurve, linkLoad, lossText, scrCostsSummary, scrCostsTable } from './scr-costs-data';
import { TECHNIQUE_STYLE } from './technique-style';
import { useChartContext } from './use-chart-context';

const SCR = TECHNIQUE_STYLE.scr;
const MARGIN = { top: 30, right: 14, bottom: 50, left: 64 };

function HistoryPanel({ box, costs, cores }: { box: PlotBox; costs: ScrCostView; cores: number }) {
  const inner = plotBox(box, MARGIN);
  const x = scaleBand<number>().domain(costs.cores).range([inner.x, inner.x + inner.width]).padding(0.2);
  const y = scaleLinear().domain([0, Math.max(1, ...costs.historyBytes)]).range([inner.y + inner.height, inner.y]).nice();
  const every = Math.ceil(costs.cores.length / 8);
  return (
    <g>
      <text className="chart-panel-title" x={box.x + 8} y={box.y + 16}>History bytes per packet</text>
      <Axis orient="left" scale={y} box={inner} label="bytes" ticks={4} />
      {costs.cores.map((n, i) => (
        <rect key={n} className={`history-bar${n === cores ? ' current' : ''}`} x={x(n)} width={x.bandwidth()} y={y(costs.historyBytes[i] ?? 0)}
          height={Math.max(0, inner.y + inner.height - y(costs.historyBytes[i] ?? 0))} style={{ fill: SCR.colour }}>
          <title>{`${n} cores: ${costs.historyBytes[i]} bytes`}</title>
        </rect>
      ))}
      <g className="chart-axis" aria-hidden="true">
        <line x1={inner.x} x2={inner.x + inner.width} y1={inner.y + inner.height} y2={inner.y + inner.height} />
        {costs.cores.filter((n) => (n - 1) % every === 0).map((n) => (
          <text key={n} className="chart-tick" x={(x(n) ?? 0) + x.bandwidth() / 2} y={inner.y + inner.height + 20} textAnchor="middle">{n}</text>
        ))}
        <text className="chart-axis-label" x={inner.x + inner.width / 2} y={inner.y + inner.height + 40} textAnchor="middle">cores</text>
      </g>
    </g>
  );
}

function LinkPanel({ box, costs, cells }: { box: PlotBox; costs: ScrCostView; cells: readonly SweepCellView[] }) {
  const inner = plotBox(box, MARGIN);
  const points = linkLoad(cells);
  const maxCores = costs.cores.length;
  const x = scaleLinear().domain([1, maxCores]).range([inner.x, inner.x + inner.width]);
  const y = scaleLinear().domain([0, Math.max(costs.nicGbps, ...points.map((p) => p.gbps), 1) * 1.08]).range([inner.y + inner.height, inner.y]).nice();
  const path = line<{ cores: number; gbps: number }>().x((p) => x(p.cores)).y((p) => y(p.gbps));
  return (
    <g>
      <text className="chart-panel-title" x={box.x + 8} y={box.y + 16}>NIC/PCIe load at SCR&apos;s throughput</text>
      <Axis orient="bottom" scale={x} box={inner} label="cores" ticks={4} format={String} />
      <Axis orient="left" scale={y} box={inner} label="Gbit/s" ticks={4} />
      {costs.nicGbps > 0 && (
        <g className="chart-capacity">
          <line x1={inner.x} x2={inner.x + inner.width} y1={y(costs.nicGbps)} y2={y(costs.nicGbps)} strokeDasharray="6 4" />
          <text x={inner.x + 4} y={y(costs.nicGbps) - 6}>{`link ${costs.nicGbps} Gbit/s`}</text>
        </g>
      )}
      <path className="chart-series-path" d={path(points) ?? ''} style={{ stroke: SCR.colour }} />
      {points.map((p) => (
        <Marker key={p.cores} shape={p.bottleneck === 'link' ? 'square' : 'circle'} x={x(p.cores)} y={y(p.gbps)} size={p.bottleneck === 'link' ? 10 : 8}
          className={p.bottleneck === 'link' ? 'marker link-bound' : 'marker'} style={{ fill: SCR.colour }} />
      ))}
    </g>
  );
}

function ComputePanel({ box, costs, curve }: { box: PlotBox; costs: ScrCostView; curve: ComputeCurve | undefined }) {
  const [hover, setHover] = useState<number | null>(null);
  const inner = plotBox(box, { ...MARGIN, right: 96 });
  const n = costs.cores.length;
  const x = scaleLinear().domain([1, n]).range([inner.x, inner.x + inner.width]);
  const y = scaleLinear().domain([0, n]).range([inner.y + inner.height, inner.y]).nice();
  const path = line<number>().defined(Number.isFinite).x((_, i) => x(i + 1)).y((v) => y(v));
  const ideal = costs.cores.map((c) => c);
  const ratios = costs.compute.curves.slice(0, -1);
  const labelled = ratios.filter((c) => Number.isFinite(c.speedup[n - 1]));
  const labelY = spreadLabels(labelled.map((c) => y(c.speedup[n - 1] as number)), 15, inner.y, inner.y + inner.height);
  const ratioText = (c: ComputeCurve) => {
    const r = c.c1 / costs.compute.d;
    return `c1 = ${r >= 1 ? r : `1/${Math.round(1 / r)}`}·d`;
  };
  return (
    <g>
      <text className="chart-panel-title" x={box.x + 8} y={box.y + 16}>Compute vs dispatch: speedup</text>
      <Axis orient="bottom" scale={x} box={inner} label="cores" ticks={8} format={String} />
      <Axis orient="left" scale={y} box={inner} label="× one core" ticks={4} />
      <path className="chart-reference" d={path(ideal) ?? ''} strokeDasharray="2 4" />
      <text className="chart-direct-label muted" x={x(n) + 6} y={y(n)} dy="0.35em">ideal</text>
      {ratios.map((c) => (
        <g key={c.c1} className="compute-curve faint">
          <path d={path(c.speedup) ?? ''} style={{ stroke: SCR.colour }} />
        </g>
      ))}
      {labelled.map((c, i) => <text key={c.c1} className="chart-curve-label" x={x(n) + 6} y={labelY[i]} dy="0.35em">{ratioText(c)}</text>)}
      {curve && (
        <g className="compute-curve chosen">
          <path d={path(curve.speedup) ?? ''} style={{ stroke: SCR.colour }} />
          {curve.speedup.map((v, i) => (Number.isFinite(v) ? <Marker key={i} shape="circle" x={x(i + 1)} y={y(v)} size={7} className="marker" style={{ fill: SCR.colour }} /> : null))}
        </g>
      )}
      <rect className="chart-overlay" x={inner.x} y={inner.y} width={inner.width} height={inner.height}
        onPointerMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setHover(Math.max(1, Math.min(n, Math.round(x.invert(inner.x + (e.clientX - r.left))))));
        }}
        onPointerLeave={() => setHover(null)} />
      {hover !== null && curve && Number.isFinite(curve.speedup[hover - 1]) && (
        <Tooltip x={x(hover)} y={y(curve.speedup[hover - 1] as number)} bounds={inner}
          lines={[`${hover} cores`, `${(curve.speedup[hover - 1] as number).toFixed(2)}× one core`, formatMpps((1000 * hover) / (costs.compute.d + curve.c1 + (hover - 1) * curve.c2))]} />
      )}
    </g>
  );
}

/** The cost of recovery at the stage's core count: SCR's throughput with 0, 0.5, 1 and 1.5 % of the packets lost on their link. */
function LossPanel({ box, costs, cores }: { box: PlotBox; costs: ScrCostView; cores: number }) {
  const inner = plotBox(box, { ...MARGIN, right: 20 });
  const at = Math.max(1, Math.min(costs.cores.length, cores));
  const values = costs.loss.map((l) => l.mpps[at - 1] ?? 0);
  const clean = values[0] ?? 0;
  const x = scaleBand<number>().domain(costs.loss.map((l) => l.rate)).range([inner.x, inner.x + inner.width]).padding(0.25);
  const y = scaleLinear().domain([0, Math.max(1, ...values) * 1.15]).range([inner.y + inner.height, inner.y]).nice();
  return (
    <g className="loss-panel-chart">
      <text className="chart-panel-title" x={box.x + 8} y={box.y + 16}>{`Lost on the links, ${at} cores`}</text>
      <Axis orient="left" scale={y} box={inner} label="SCR (Mpps)" ticks={4} />
      {costs.loss.map((l, k) => {
        const v = values[k] ?? 0;
        const less = clean > 0 && k > 0 ? ` (−${(100 * (1 - v / clean)).toFixed(1)} %)` : '';
        return (
          <g key={l.rate}>
            <rect className="history-bar" x={x(l.rate)} width={x.bandwidth()} y={y(v)} height={Math.max(0, inner.y + inner.height - y(v))}
              style={{ fill: SCR.colour, fillOpacity: 1 - 0.18 * k }}>
              <title>{`${lossText(l.rate)} lost: ${formatMpps(v)}${less}`}</title>
            </rect>
            <text className="chart-tick" x={(x(l.rate) ?? 0) + x.bandwidth() / 2} y={y(v) - 6} textAnchor="middle">{v.toFixed(1)}</text>
          </g>
        );
      })}
      <g className="chart-axis" aria-hidden="true">
        <line x1={inner.x} x2={inner.x + inner.width} y1={inner.y + inner.height} y2={inner.y + inner.height} />
        {costs.loss.map((l) => (
          <text key={l.rate} className="chart-tick" x={(x(l.rate) ?? 0) + x.bandwidth() / 2} y={inner.y + inner.height + 20} textAnchor="middle">{lossText(l.rate)}</text>
        ))}
        <text className="chart-axis-label" x={inner.x + inner.width / 2} y={inner.y + inner.height + 40} textAnchor="middle">share of packets lost</text>
      </g>
    </g>
  );
}

export function ScrCostsFigure({ width, height, costs, cells, cores, curve }: { width: number; height: number; costs: ScrCostView; cells: readonly SweepCellView[]; cores: number; curve: ComputeCurve | undefined }) {
  const topHeight = Math.round(height * 0.48);
  const half = width / 2;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="chart-svg">
      <HistoryPanel box={{ x: 0, y: 0, width: half, height: topHeight }} costs={costs} cores={cores} />
      <LinkPanel box={{ x: half, y: 0, width: half, height: topHeight }} costs={costs} cells={cells} />
      <ComputePanel box={{ x: 0, y: topHeight, width: costs.loss.length > 0 ? width * 0.58 : width, height: height - topHeight }} costs={costs} curve={curve} />
      {costs.loss.length > 0 && <LossPanel box={{ x: width * 0.58, y: topHeight, width: width * 0.42, height: height - topHeight }} costs={costs} cores={cores} />}
    </svg>
  );
}

const selectCosts = (s: ExplorerState) => s.scrCosts;
const selectCells = (s: ExplorerState) => s.sweep.cells;
const selectIndex = (s: ExplorerState) => s.computeIndex;
const selectSetIndex = (s: ExplorerState) => s.setComputeIndex;

export function ScrCostsChart() {
  const costs = useExplorer(selectCosts);
  const cells = useExplorer(selectCells);
  const index = useExplorer(selectIndex);
  const setIndex = useExplorer(selectSetIndex);
  const { cores, stem } = useChartContext();
  const curve = costs ? chosenCurve(costs, index) : undefined;
  const ratios = costs ? costs.compute.curves.length - 1 : 0;
  const d = costs?.compute.d ?? 0;
  const sliderText = curve && d > 0 ? `c1 = ${Math.round(curve.c1)} ns (${(curve.c1 / d).toFixed(curve.c1 / d >= 1 ? 0 : 2)} × d = ${Math.round(d)} ns), c2 = ${curve.c2.toFixed(1)} ns` : '';
  return (
    <ChartCard
      id="scr-costs"
      title="SCR's costs"
      summary={costs ? scrCostsSummary(costs, cells, curve) : 'Waiting for the costs of this program.'}
      table={costs ? scrCostsTable(costs, cells, curve) : null}
      csv={costs ? scrCostsTable(costs, cells, curve) : null}
      fileStem={fileStem('scr-costs', stem)}
      height={500}
      controls={
        costs && ratios > 0 ? (
          <div className="chart-control compute-control">
            <label>
              Compute vs dispatch
              <input type="range" min={0} max={ratios - 1} step={1} value={index ?? Math.max(0, costs.compute.curves.slice(0, -1).findIndex((c) => c.c1 >= costs.compute.c1))}
                aria-valuetext={sliderText} onChange={(e) => setIndex(Number(e.target.value))} />
            </label>
            <output>{sliderText}</output>
            <button type="button" onClick={() => setIndex(null)} disabled={index === null}>{`Program's own (c1 = ${Math.round(costs.compute.c1)} ns)`}</button>
            <p className="muted chart-note">c2 (one history record) is kept at the program&apos;s c2/c1 ratio: fast-forwarding runs the same update.</p>
          </div>
        ) : null
      }
    >
      {({ width, height }) => (costs ? <ScrCostsFigure width={width} height={height} costs={costs} cells={cells} cores={cores} curve={curve} /> : null)}
    </ChartCard>
  );
}
