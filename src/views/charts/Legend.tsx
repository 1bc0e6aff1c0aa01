import type { TechniqueId } from '../../worker/analysis-protocol';
import { Marker } from './Marker';
import { TECHNIQUE_STYLE } from './technique-style';

/** A line sample with the technique's dash and marker, for legends and tables. */
export function TechniqueSwatch({ technique }: { technique: TechniqueId }) {
  const s = TECHNIQUE_STYLE[technique];
  return (
    <svg className="swatch-line" width={44} height={16} viewBox="0 0 44 16" aria-hidden="true">
      <line x1={2} y1={8} x2={42} y2={8} strokeDasharray={s.dash} strokeLinecap="round" style={{ stroke: s.colour }} />
      <Marker shape={s.marker} x={22} y={8} size={10} style={{ fill: s.colour }} className="marker" />
    </svg>
  );
}

/** The techniques drawn, each with its colour, dash and marker. */
export function Legend({ techniques, extra }: { techniques: readonly TechniqueId[]; extra?: { label: string; dash: string }[] }) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {techniques.map((t) => (
        <li key={t}>
          <TechniqueSwatch technique={t} />
          {TECHNIQUE_STYLE[t].label}
        </li>
      ))}
      {extra?.map((e) => (
        <li key={e.label}>
          <svg className="swatch-line" width={44} height={16} viewBox="0 0 44 16" aria-hidden="true">
            <line x1={2} y1={8} x2={42} y2={8} strokeDasharray={e.dash} className="reference" />
          </svg>
          {e.label}
        </li>
      ))}
    </ul>
  );
}
