import type { Verdict } from '../../engine/programs/program';
import { centre, type StageLayout } from './layout';

/** PASS (and TX) and DROP, with how many packets reached each so far. */
export function SinkNodes({ layout, totals }: { layout: StageLayout; totals: Record<Verdict, number> | null }) {
  const pass = (totals?.PASS ?? 0) + (totals?.TX ?? 0);
  const sinks = [
    { box: layout.pass, label: totals && totals.TX > 0 ? 'PASS / TX' : 'PASS', count: pass, cls: 'pass' },
    { box: layout.drop, label: 'DROP', count: totals?.DROP ?? 0, cls: 'drop' },
  ];
  return (
    <>
      {sinks.map(({ box, label, count, cls }) => (
        <g key={cls} className={`node sink ${cls}`} data-testid={`sink-${cls}`} data-stage={`sink-${cls}`}>
          <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
          <text x={centre(box).x} y={centre(box).y - 6} className="title">{label}</text>
          <text x={centre(box).x} y={centre(box).y + 20} className="sub">{`${count.toLocaleString('en-US')} packet${count === 1 ? '' : 's'}`}</text>
        </g>
      ))}
    </>
  );
}
