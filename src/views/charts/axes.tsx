/**
 * Axes and plot geometry shared by the charts: d3 computes scales and tick values, React draws
 * them. Tick labels are 14 px and axis labels name their units, for a projector.
 */
export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface PlotBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The plot area inside a box, after the margins (never negative). */
export function plotBox(box: PlotBox, m: Margin): PlotBox {
  return { x: box.x + m.left, y: box.y + m.top, width: Math.max(10, box.width - m.left - m.right), height: Math.max(10, box.height - m.top - m.bottom) };
}

/** What an axis needs from a d3 scale. */
export interface AxisScale {
  (value: number): number;
  ticks(count?: number): number[];
  range(): number[];
}

/** Log-scale ticks a person can read: 1, 10, 100... and 2, 5 between them when there is room. */
export function logTicks(min: number, max: number, maxTicks: number): number[] {
  if (!(min > 0) || !(max >= min)) return [];
  const out: number[] = [];
  const steps = [[1], [1, 3], [1, 2, 5]];
  for (let s = steps.length - 1; s >= 0; s--) {
    out.length = 0;
    for (let p = Math.floor(Math.log10(min)); p <= Math.ceil(Math.log10(max)); p++) {
      for (const m of steps[s] as number[]) {
        const v = m * 10 ** p;
        if (v >= min * 0.999 && v <= max * 1.001) out.push(v);
      }
    }
    if (out.length <= maxTicks) return [...out];
  }
  // Even powers of ten are too many: keep every k-th.
  const k = Math.ceil(out.length / maxTicks);
  return out.filter((_, i) => i % k === 0);
}

interface AxisProps {
  orient: 'bottom' | 'left';
  scale: AxisScale;
  box: PlotBox;
  label: string;
  format?: (value: number) => string;
  ticks?: number;
  tickValues?: number[];
  /** Draw grid lines across the plot. */
  grid?: boolean;
}

const defaultFormat = (v: number) => (Math.abs(v) >= 1e4 ? v.toExponential(0) : String(Number(v.toPrecision(4))));

export function Axis({ orient, scale, box, label, format = defaultFormat, ticks = 5, tickValues, grid = true }: AxisProps) {
  const values = tickValues ?? scale.ticks(ticks);
  if (orient === 'bottom') {
    const y = box.y + box.height;
    return (
      <g className="chart-axis" aria-hidden="true">
        {values.map((v) => {
          const x = scale(v);
          return (
            <g key={v}>
              {grid && <line className="chart-grid" x1={x} x2={x} y1={box.y} y2={y} />}
              <line x1={x} x2={x} y1={y} y2={y + 5} />
              <text className="chart-tick" x={x} y={y + 20} textAnchor="middle">{format(v)}</text>
            </g>
          );
        })}
        <line x1={box.x} x2={box.x + box.width} y1={y} y2={y} />
        <text className="chart-axis-label" x={box.x + box.width / 2} y={y + 40} textAnchor="middle">{label}</text>
      </g>
    );
  }
  return (
    <g className="chart-axis" aria-hidden="true">
      {values.map((v) => {
        const y = scale(v);
        return (
          <g key={v}>
            {grid && <line className="chart-grid" x1={box.x} x2={box.x + box.width} y1={y} y2={y} />}
            <line x1={box.x - 5} x2={box.x} y1={y} y2={y} />
            <text className="chart-tick" x={box.x - 8} y={y} dy="0.35em" textAnchor="end">{format(v)}</text>
          </g>
        );
      })}
      <line x1={box.x} x2={box.x} y1={box.y} y2={box.y + box.height} />
      <text className="chart-axis-label" transform={`translate(${box.x - 52},${box.y + box.height / 2}) rotate(-90)`} textAnchor="middle">{label}</text>
    </g>
  );
}

/** A box of text lines near (x, y), kept inside `bounds`: the hover read-out. */
export function Tooltip({ x, y, lines, bounds }: { x: number; y: number; lines: string[]; bounds: PlotBox }) {
  const lineHeight = 19;
  const width = Math.min(bounds.width, Math.max(...lines.map((l) => l.length)) * 8.2 + 16);
  const height = lines.length * lineHeight + 10;
  const left = Math.max(bounds.x, Math.min(x + 12, bounds.x + bounds.width - width));
  const top = Math.max(bounds.y, Math.min(y - height / 2, bounds.y + bounds.height - height));
  return (
    <g className="chart-tooltip" pointerEvents="none">
      <rect x={left} y={top} width={width} height={height} rx={6} />
      {lines.map((line, i) => (
        <text key={i} x={left + 8} y={top + 20 + i * lineHeight} className={i === 0 ? 'first' : undefined}>{line}</text>
      ))}
    </g>
  );
}
