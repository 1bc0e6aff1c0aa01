import { leftMid, rightMid, type StageLayout } from './layout';

/** The wires: source to sequencer, sequencer to every core, every core to the sinks. */
export function Links({ layout }: { layout: StageLayout }) {
  const s = rightMid(layout.sequencer);
  const src = rightMid(layout.source);
  const seqIn = leftMid(layout.sequencer);
  const passIn = leftMid(layout.pass);
  const dropIn = leftMid(layout.drop);
  return (
    <g className="links" aria-hidden="true" data-stage="links">
      <path d={`M${src.x} ${src.y} L${seqIn.x} ${seqIn.y}`} />
      {layout.cores.map((box, c) => {
        const inY = box.y + Math.min(box.h / 2, 40);
        const midX = (s.x + box.x) / 2;
        const outX = box.x + box.w;
        const sinkMid = (passIn.y + dropIn.y) / 2;
        return (
          <g key={c}>
            <path d={`M${s.x} ${s.y} C${midX} ${s.y}, ${midX} ${inY}, ${box.x} ${inY}`} />
            <path className="faint" d={`M${outX} ${inY} C${outX + 30} ${inY}, ${passIn.x - 30} ${sinkMid}, ${passIn.x} ${sinkMid}`} />
          </g>
        );
      })}
    </g>
  );
}
