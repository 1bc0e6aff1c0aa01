import { FONT, type Box } from './layout';

const LINE = 19;

/** What the stage's short labels stand for, under the sequencer (the ? dialog has the whole legend). */
export function StageLegend({ box, lines }: { box: Box; lines: string[] }) {
  const shown = lines.slice(0, Math.max(0, Math.floor((box.h - 4) / LINE)));
  return (
    <text x={box.x + 4} y={box.y + FONT.sub} className="sub left stage-legend" data-testid="stage-legend">
      {shown.map((line, i) => <tspan key={line} x={box.x + 4} dy={i === 0 ? 0 : LINE}>{line}</tspan>)}
    </text>
  );
}
