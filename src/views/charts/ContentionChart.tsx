import { line, scaleBand, scaleLinear } from 'd3';
import { useState } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import type { LiveTechnique, LiveView } from '../../worker/analysis-protocol';
import { Axis, plotBox, Tooltip, type PlotBox } from './axes';
import { ChartCard } from './ChartCard';
import { contentionCsvTable, contentionLines, contentionSummary, contentionTable, topKeysOwner } from './contention-data';
import { fileStem } from './export-image';
import { formatCount, formatDuration, formatPercent } from './format';
import { Legend } from './Legend';
import { TECHNIQUE_STYLE } from './technique-style';
import { useChartContext } from './use-chart-context';

const MARGIN = { top: 10, right: 20, bottom: 48, left: 70 };

function OverTime({ box, live, lines, pick, label, format, hoverPoint, onHover }: {
  box: PlotBox; live: LiveView; lines: LiveTechnique[]; pick: (t: LiveTechnique) => number[]; label: string;
  format: (v: number) => string; hoverPoint: number | null; onHover: (k: number | null) => void;
}) {
  const inner = plotBox(box, MARGIN);
  const x = scaleLinear().domain([0, live.spanUs]).range([inner.x, inner.x + inner.width]);
  const max = Math.max(...lines.flatMap((t) => pick(t)), 0);
  const y = scaleLinear().domain([0, max > 0 ? max * 1.1 : 1]).range([inner.y + inner.height, inner.y]).nice();
  const path = line<number>().x((_, k) => x((k + 0.5) * live.bucketUs)).y((v) => y(v));
  const playhead = live.wholeTrace ? null : Math.min(live.spanUs, (live.packets / live.totalPackets) * live.spanUs);
  return (
    <g>
      <Axis orient="bottom" scale={x} box={inner} label="simulated time (µs)" ticks={5} />
      <Axis orient="left" scale={y} box={inner} label={label} ticks={4} format={format} />
      {playhead !== null && <line className="chart-current" x1={x(playhead)} x2={x(playhead)} y1={inner.y} y2={inner.y + inner.height} />}
      {lines.map((t) => {
        const s = TECHNIQUE_STYLE[t.technique];
        const values = pick(t);
        const last = values.length - 1;
        return (
          <g key={t.technique} className="chart-series" data-technique={t.technique}>
            <path d={path(values) ?? ''} strokeDasharray={s.dash} style={{ stroke: s.colour }} />
            {!t.takesLocks && last >= 0 && (
              <text className="chart-direct-label" x={Math.min(x((last + 0.5) * live.bucketUs) + 6, inner.x + inner.width - 4)} y={y(0) - 6} textAnchor={x((last + 0.5) * live.bucketUs) > inner.x + inner.width - 120 ? 'end' : 'start'}>
                {`${s.label}: 0, no locks`}
              </text>
            )}
          </g>
        );
      })}
      {hoverPoint !== null && <line className="chart-hover" x1={x((hoverPoint + 0.5) * live.bucketUs)} x2={x((hoverPoint + 0.5) * live.bucketUs)} y1={inner.y} y2={inner.y + inner.height} />}
      <rect
        className="chart-overlay" x={inner.x} y={inner.y} width={inner.width} height={inner.height}
        onPointerMove={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          const us = x.invert(inner.x + (e.clientX - r.left));
          const k = Math.floor(us / live.bucketUs);
          const points = Math.max(0, ...lines.map((t) => pick(t).length));
          onHover(k >= 0 && k < points ? k : null);
        }}
        onPointerLeave={() => onHover(null)}
      />
    </g>
  );
}

export function ContentionFigure({ width, height, live }: { width: number; height: number; live: LiveView }) {
  const [hover, setHover] = useState<number | null>(null);
  const lines = contentionLines(live);
  const owner = topKeysOwner(live);
  const keys = owner?.topKeys ?? [];
  const keysHeight = 34 + 26 * Math.max(1, keys.length);
  const panel = (height - keysHeight) / 2;
  const top: PlotBox = { x: 0, y: 0, width, height: panel };
  const mid: PlotBox = { x: 0, y: panel, width, height: panel };
  const keysBox = { x: 150, y: 2 * panel + 30, width: Math.max(60, width - 150 - 170), height: keysHeight - 34 };
  const band = scaleBand<number>().domain(keys.map((_, i) => i)).range([keysBox.y, keysBox.y + keysBox.height]).padding(0.25);
  const maxWait = Math.max(1, ...keys.map((k) => k.lockWaitNs));
  const kx = scaleLinear().domain([0, maxWait]).range([keysBox.x, keysBox.x + keysBox.width]);
  const tip = hover === null ? [] : [
    `${((hover + 0.5) * live.bucketUs).toFixed(1)} µs`,
    ...lines.map((t) => `${TECHNIQUE_STYLE[t.technique].label}: ${formatPercent(t.lockWaitSeries[hover] ?? 0, 1)} waiting, ${(t.transferSeries[hover] ?? 0).toFixed(2)} lines/µs`),
  ];
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="chart-svg">
      <OverTime box={top} live={live} lines={lines} pick={(t) => t.lockWaitSeries} label="waiting for locks" format={(v) => formatPercent(v)} hoverPoint={hover} onHover={setHover} />
      <OverTime box={mid} live={live} lines={lines} pick={(t) => t.transferSeries} label="cache lines / µs" format={(v) => String(Number(v.toPrecision(3)))} hoverPoint={hover} onHover={setHover} />
      <text className="chart-panel-title" x={8} y={2 * panel + 18}>
        {owner ? `Hottest keys (${TECHNIQUE_STYLE[owner.technique].label}): lock wait and cache-line transfers` : 'No technique shown takes locks: no key is contended.'}
      </text>
      {keys.map((k, i) => (
        <g key={k.key} className="key-bar" data-key={k.key}>
          <text className="chart-tick" x={keysBox.x - 8} y={(band(i) ?? 0) + band.bandwidth() / 2} dy="0.35em" textAnchor="end">{k.key.length > 18 ? `${k.key.slice(0, 17)}…` : k.key}</text>
          <rect x={keysBox.x} y={band(i) ?? 0} height={band.bandwidth()} width={Math.max(1, kx(k.lockWaitNs) - keysBox.x)} style={{ fill: owner ? TECHNIQUE_STYLE[owner.technique].colour : undefined }} />
          <text className="chart-row-note" x={kx(k.lockWaitNs) + 6} y={(band(i) ?? 0) + band.bandwidth() / 2} dy="0.35em">{`${formatDuration(k.lockWaitNs)}, ${formatCount(k.cacheLineTransfers)} line${k.cacheLineTransfers === 1 ? '' : 's'}`}</text>
        </g>
      ))}
      {hover !== null && tip.length > 1 && <Tooltip x={width / 2} y={panel / 2} lines={tip} bounds={{ x: 0, y: 0, width, height: 2 * panel }} />}
    </svg>
  );
}

const selectLive = (s: ExplorerState) => s.live;

export function ContentionChart() {
  const live = useExplorer(selectLive);
  const { stem } = useChartContext();
  const shown = live ? contentionLines(live).map((t) => t.technique) : [];
  const keys = live ? (topKeysOwner(live)?.topKeys.length ?? 0) : 0;
  return (
    <ChartCard
      id="contention"
      title="Contention on shared state"
      summary={live ? contentionSummary(live) : 'Waiting for the first live run.'}
      table={live ? contentionTable(live) : null}
      csv={live ? contentionCsvTable(live) : null}
      fileStem={fileStem('contention', stem)}
      height={380 + 26 * Math.max(1, keys)}
      legend={<Legend techniques={shown} />}
    >
      {({ width, height }) => (live ? <ContentionFigure width={width} height={height} live={live} /> : null)}
    </ChartCard>
  );
}
