import type { CSSProperties } from 'react';
import type { MarkerShape } from './technique-style';

/** A marker shape centred at (x, y), about `size` px across. */
export function Marker({ shape, x, y, size = 9, style, className }: { shape: MarkerShape; x: number; y: number; size?: number; style?: CSSProperties; className?: string }) {
  const r = size / 2;
  switch (shape) {
    case 'circle':
      return <circle className={className} cx={x} cy={y} r={r} style={style} />;
    case 'square':
      return <rect className={className} x={x - r * 0.9} y={y - r * 0.9} width={r * 1.8} height={r * 1.8} style={style} />;
    case 'diamond':
      return <path className={className} d={`M${x},${y - r * 1.25}L${x + r * 1.1},${y}L${x},${y + r * 1.25}L${x - r * 1.1},${y}Z`} style={style} />;
    case 'triangle':
      return <path className={className} d={`M${x},${y - r * 1.2}L${x + r * 1.15},${y + r * 0.85}L${x - r * 1.15},${y + r * 0.85}Z`} style={style} />;
    case 'triangle-down':
      return <path className={className} d={`M${x},${y + r * 1.2}L${x + r * 1.15},${y - r * 0.85}L${x - r * 1.15},${y - r * 0.85}Z`} style={style} />;
  }
}
