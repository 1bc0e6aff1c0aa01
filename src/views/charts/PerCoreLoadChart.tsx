import { scaleBand, scaleLinear } from 'd3';
import { useState } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import type { LiveView } from '../../worker/analysis-protocol';
import { Tooltip } from './axes';
import { ChartCard } from './ChartCard';
import { fileStem } from './export-image';
import { formatCount, formatDuration, formatPercent } from './format';
import { Marker } from './Marker';
import { perCoreSummary, perCoreTable, type LoadMetric } from './per-core-data';
import { TECHNIQUE_STYLE } from './technique-style';
import { useChartContext } from './use-chart-context';

const MARGIN = { top: 8, right: 132, bottom: 44, left: 120 };

export function PerCoreLoadFigure({ width, height, live, metric }: { width: number; height: number; live: LiveView; metric: LoadMetric }) {
  const [hover, setHover] = useState<{ t: number; c: number } | null>(null);
  const rows = live.techniques;
  const maxCores = Math.max(1, ...rows.map((t) => t.cores));
  const plot = { x: MARGIN.left, y: MARGIN.top, width: Math.max(40, width - MARGIN.left - MARGIN.right), height: Math.max(40, height - MARGIN.top - MARGIN.bottom) };
  const rowHeight = plot.height / Math.max(1, rows.length);
  const x = scaleBand<number>().domain(Array.from({ length: maxCores }, (_, i) => i)).range([plot.x, plot.x + plot.width]).paddingInner(0.18).paddingOuter(0.1);
  const maxPackets = Math.max(1, ...rows.flatMap((t) => t.packets));
  const value = (t: number, c: number) => {
    const row = rows[t];
    if (!row) return 0;
    return metric === 'busy' ? (row.busyFraction[c] ?? 0) : (row.packets[c] ?? 0) / maxPackets;
  };
  const labelEvery = maxCores <= 16 ? 1 : Math.ceil(maxCores / 16);
  const tip = hover && rows[hover.t] ? (() => {
    const r = rows[hover.t];
    if (!r) return [];
    return [
      `${TECHNIQUE_STYLE[r.technique].label}, core ${hover.c}`,
      `${formatCount(r.packets[hover.c] ?? 0)} packets`,
      `${formatPercent(r.busyFraction[hover.c] ?? 0, 1)} busy`,
      ...(r.takesLocks ? [`lock wait ${formatDuration(r.lockWaitNs[hover.c] ?? 0)}`, `${formatCount(r.cacheLineTransfers[hover.c] ?? 0)} cache-line transfers`] : []),
    ];
  })() : [];
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="chart-svg" data-packets={live.packets} data-took-ms={live.tookMs.toFixed(1)}>
      {rows.map((r, t) => {
        const s = TECHNIQUE_STYLE[r.technique];
        const top = plot.y + t * rowHeight;
        const base = top + rowHeight - 4;
        const barSpace = rowHeight - 12;
        const y = scaleLinear().domain([0, 1]).range([base, base - barSpace]);
        return (
          <g key={r.technique} className="load-row" data-technique={r.technique} data-imbalance={r.imbalance.toFixed(3)}>
            <Marker shape={s.marker} x={10} y={top + rowHeight / 2} size={10} className="marker" style={{ fill: s.colour }} />
            <text className="chart-row-label" x={22} y={top + rowHeight / 2} dy="0.35em">{s.label}</text>
            <line className="chart-grid" x1={plot.x} x2={plot.x + plot.width} y1={y(1)} y2={y(1)} />
            <line className="chart-baseline" x1={plot.x} x2={plot.x + plot.width} y1={base} y2={base} />
            {Array.from({ length: r.cores }, (_, c) => {
              const v = value(t, c);
              const bx = x(c) ?? 0;
              return (
                <rect
                  key={c} className={`load-bar${hover?.t === t && hover.c === c ? ' hovered' : ''}`}
                  x={bx} width={x.bandwidth()} y={y(v)} height={Math.max(0, base - y(v))}
                  style={{ fill: s.colour }}
                  onPointerEnter={() => setHover({ t, c })} onPointerLeave={() => setHover(null)}
                />
              );
            })}
            <text className="chart-row-note" x={plot.x + plot.width + 10} y={top + rowHeight / 2 - 8} dy="0.35em">{`max/mean ${r.imbalance.toFixed(2)}`}</text>
            <text className="chart-row-note muted" x={plot.x + plot.width + 10} y={top + rowHeight / 2 + 10} dy="0.35em">{`lost ${formatPercent(r.loss)}`}</text>
          </g>
        );
      })}
      <g className="chart-axis" aria-hidden="true">
        {Array.from({ length: maxCores }, (_, c) => c).filter((c) => c % labelEvery === 0).map((c) => (
          <text key={c} className="chart-tick" x={(x(c) ?? 0) + x.bandwidth() / 2} y={plot.y + plot.height + 18} textAnchor="middle">{c}</text>
        ))}
        <text className="chart-axis-label" x={plot.x + plot.width / 2} y={plot.y + plot.height + 38} textAnchor="middle">
          {metric === 'busy' ? 'core (bar: busy time, top line = 100 %)' : `core (bar: packets, top line = ${formatCount(maxPackets)})`}
        </text>
      </g>
      {hover && tip.length > 0 && <Tooltip x={(x(hover.c) ?? 0) + x.bandwidth()} y={plot.y + (hover.t + 0.5) * rowHeight} lines={tip} bounds={{ x: 0, y: 0, width, height }} />}
    </svg>
  );
}

const selectLive = (s: ExplorerState) => s.live;

export function PerCoreLoadChart() {
  const live = useExplorer(selectLive);
  const [metric, setMetric] = useState<LoadMetric>('busy');
  const { stem } = useChartContext();
  const height = 56 + 58 * (live?.techniques.length ?? 5);
  return (
    <ChartCard
      id="per-core-load"
      title="Per-core load"
      summary={live ? perCoreSummary(live) : 'Waiting for the first live run.'}
      table={live ? perCoreTable(live) : null}
      csv={live ? perCoreTable(live) : null}
      fileStem={fileStem('per-core-load', stem)}
      height={height}
      controls={
        <fieldset className="chart-control segmented">
          <legend className="visually-hidden">Bar height</legend>
          <label><input type="radio" name="load-metric" checked={metric === 'busy'} onChange={() => setMetric('busy')} /> busy time</label>
          <label><input type="radio" name="load-metric" checked={metric === 'packets'} onChange={() => setMetric('packets')} /> packets</label>
        </fieldset>
      }
    >
      {({ width, height: h }) => (live ? <PerCoreLoadFigure width={width} height={h} live={live} metric={metric} /> : null)}
    </ChartCard>
  );
}
