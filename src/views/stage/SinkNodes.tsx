import type { Verdict } from '../../engine/programs/program';
import type { StageLayout } from './layout';

/** PASS (and TX) and DROP, with how many packets reached each so far; packets land below the count. */
export function SinkNodes({ layout, totals }: { layout: StageLayout; totals: Record<Verdict, number> | null }) {
  const pass = (totals?.PASS ?? 0) + (totals?.TX ?? 0);
  const sinks = [
    { box: layout.pass, label: totals && totals.TX > 0 ? 'PASS/TX' : 'PASS', count: pass, cls: 'pass' },
    { box: layout.drop, label: 'DROP', count: totals?.DROP ?? 0, cls: 'drop' },
  ];
  return (
    <>
      {sinks.map(({ box, label, count, cls }) => {
        const x = box.x + box.w / 2;
        return (
          <g key={cls} className={`node sink ${cls}`} data-testid={`sink-${cls}`} data-stage={`sink-${cls}`}>
            <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
            <text x={x} y={box.y + 26} className="title">{label}</text>
            <text x={x} y={box.y + 50} className="sub count" aria-label={`${count} packet${count === 1 ? '' : 's'}`}>
              <tspan className="count-number">{count.toLocaleString('en-US')}</tspan>
              <tspan x={x} dy={19}>{` packet${count === 1 ? '' : 's'}`}</tspan>
            </text>
          </g>
        );
      })}
    </>
  );
}
