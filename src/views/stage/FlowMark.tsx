import { flowColour } from './colours';

/**
 * Colour is never the only cue: each flow colour also has a shape (square, circle, diamond,
 * triangle; the two colours that share a shape are far apart for every common colour blindness).
 */
export const FLOW_SHAPES = ['square', 'circle', 'diamond', 'triangle'] as const;
export type FlowShape = (typeof FLOW_SHAPES)[number];

export function flowShape(index: number): FlowShape {
  return index < 0 ? 'square' : (FLOW_SHAPES[index % FLOW_SHAPES.length] as FlowShape);
}

interface Props {
  /** Top-left corner of the mark's square. */
  x: number;
  y: number;
  size: number;
  colour: number;
  /** 'fill': the shape in the flow's colour; 'glyph': the shape alone in ink, drawn over a coloured cell. */
  variant?: 'fill' | 'glyph';
}

export function FlowMark({ x, y, size, colour, variant = 'fill' }: Props) {
  const shape = flowShape(colour);
  const props = {
    className: `flow-mark ${variant}`,
    'data-shape': shape,
    style: variant === 'fill' ? { fill: flowColour(colour) } : undefined,
  };
  const cx = x + size / 2;
  const cy = y + size / 2;
  const r = size / 2;
  switch (shape) {
    case 'circle':
      return <circle cx={cx} cy={cy} r={r} {...props} />;
    case 'diamond':
      return <polygon points={`${cx},${y} ${x + size},${cy} ${cx},${y + size} ${x},${cy}`} {...props} />;
    case 'triangle':
      return <polygon points={`${cx},${y} ${x + size},${y + size} ${x},${y + size}`} {...props} />;
    default:
      return <rect x={x} y={y} width={size} height={size} rx={Math.min(3, size / 5)} {...props} />;
  }
}
