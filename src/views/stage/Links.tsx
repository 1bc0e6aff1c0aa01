import { coreDoorY, leftMid, rightMid, type StageLayout } from './layout';

/**
 * The wires: traffic down to the sequencer, sequencer to every core's title line, every core to
 * the sinks. The wire to the core handling the packet is drawn strong (with two columns of cores a
 * packet waits in the lane beside the first column, so its wire says which core it is for).
 */
export function Links({ layout, active }: { layout: StageLayout; active: number | null }) {
  const s = rightMid(layout.sequencer);
  const x = layout.source.x + layout.source.w / 2;
  const passIn = leftMid(layout.pass);
  const dropIn = leftMid(layout.drop);
  const sinkMid = (passIn.y + dropIn.y) / 2;
  return (
    <g className="links" aria-hidden="true" data-stage="links">
      <path d={`M${x} ${layout.source.y + layout.source.h} L${x} ${layout.sequencer.y}`} />
      {layout.cores.map((box, c) => {
        const inY = coreDoorY(box);
        const midX = (s.x + box.x) / 2;
        const outX = box.x + box.w;
        return (
          <g key={c}>
            <path className={c === active ? 'active' : undefined} d={`M${s.x} ${s.y} C${midX} ${s.y}, ${midX} ${inY}, ${box.x} ${inY}`} />
            <path className="faint" d={`M${outX} ${inY} C${outX + 30} ${inY}, ${passIn.x - 30} ${sinkMid}, ${passIn.x} ${sinkMid}`} />
          </g>
        );
      })}
    </g>
  );
}
