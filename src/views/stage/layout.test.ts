import { describe, expect, it } from 'vitest';
import { layoutStage, type Box } from './layout';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (b: Box, w: number, h: number) => b.x >= 0 && b.y >= 0 && b.x + b.w <= w && b.y + b.h <= h;

describe('stage layout', () => {
  for (const [w, h] of [[1100, 700], [1920, 900], [800, 500]] as const) {
    for (const cores of [1, 2, 4, 8, 12, 16, 64]) {
      it(`${cores} cores in ${w}x${h}: nothing overlaps, everything fits`, () => {
        const l = layoutStage(w, h, cores);
        const boxes = [l.source, l.sequencer, ...l.cores, l.pass, l.drop];
        boxes.forEach((b) => expect(inside(b, l.width, l.height)).toBe(true));
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
        expect(l.cores).toHaveLength(Math.min(cores, 16));
        expect(l.hiddenCores).toBe(Math.max(0, cores - 16));
        expect(l.rowsPerCore).toBeGreaterThanOrEqual(cores <= 8 ? 2 : 0);
      });
    }
  }
});
