import { describe, expect, it } from 'vitest';
import { FONT, bigChipX, flowChips, layoutStage, stageZoom, type Box } from './layout';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (b: Box, w: number, h: number) => b.x >= 0 && b.y >= 0 && b.x + b.w <= w && b.y + b.h <= h;

describe('stage layout', () => {
  for (const [w, h] of [[1100, 700], [1920, 900], [800, 500], [860, 485], [700, 420]] as const) {
    for (const cores of [1, 2, 4, 8, 12, 16, 64]) {
      it(`${cores} cores in ${w}x${h}: nothing overlaps, everything fits`, () => {
        const l = layoutStage(w, h, cores, cores - 1, 16, 2000);
        const boxes = [l.source, l.sequencer, ...l.cores, l.pass, l.drop];
        boxes.forEach((b) => expect(inside(b, l.width, l.height)).toBe(true));
        for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
        // The lane where packets wait crosses no box: a waiting packet covers no title.
        boxes.forEach((b) => expect(overlaps(l.lane, b)).toBe(false));
        if (l.legend) boxes.forEach((b) => expect(overlaps(l.legend!, b)).toBe(false));
        expect(l.cores).toHaveLength(Math.min(cores, 16));
        expect(l.hiddenCores).toBe(Math.max(0, cores - 16));
        expect(l.rowsPerCore).toBeGreaterThanOrEqual(cores <= 8 ? 2 : 0);
        // The chip being applied sits beside its core's box, over no other box.
        for (const box of l.cores) {
          const big = { x: bigChipX(l, box, l.bigChip.w), y: box.y, w: l.bigChip.w, h: l.bigChip.h };
          boxes.forEach((b) => expect(overlaps(big, b)).toBe(false));
        }
      });
    }
  }
});

describe('presenter zoom', () => {
  it('reaches 20 px state text up to 4 cores and 16 px up to 8 on a 1280x720 presenter stage', () => {
    expect(FONT.row * stageZoom(950, 584, 4, true)).toBeGreaterThanOrEqual(20);
    expect(FONT.row * stageZoom(950, 584, 8, true)).toBeGreaterThanOrEqual(16);
    expect(FONT.chip * stageZoom(950, 584, 4, true)).toBeGreaterThanOrEqual(20);
  });
  it('is 1 in the normal view, and never shrinks the canvas below what the layout needs', () => {
    expect(stageZoom(950, 584, 4, false)).toBe(1);
    expect(stageZoom(600, 300, 4, true)).toBe(1);
    const z = stageZoom(800, 500, 2, true);
    expect(800 / z).toBeGreaterThanOrEqual(640);
    expect(500 / z).toBeGreaterThanOrEqual(400);
  });
});

describe('history chips in rows', () => {
  it('fills a row left to right, then starts the next', () => {
    expect(flowChips([40, 40, 40], 90, 3, 25)).toEqual([{ x: 0, y: 0 }, { x: 43, y: 0 }, { x: 0, y: 25 }]);
    // A chip wider than the row still gets a row of its own.
    expect(flowChips([120, 40], 90, 3, 25)).toEqual([{ x: 0, y: 0 }, { x: 0, y: 25 }]);
  });
});
