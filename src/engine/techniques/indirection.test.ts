import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INDIRECTION_TABLE_SIZE, coreLoads, defaultIndirectionTable, rebalanceTable } from './indirection';
import { imbalanceOf } from './simulate';

describe('RSS indirection table', () => {
  it('spreads the 128 buckets over the cores in turn', () => {
    const t = defaultIndirectionTable(3);
    expect(t).toHaveLength(INDIRECTION_TABLE_SIZE);
    expect(Array.from(t.subarray(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
    expect(() => defaultIndirectionTable(0)).toThrow(RangeError);
  });

  it('RSS++ evens out many uneven buckets', () => {
    // Bucket b carries b+1 units: the default table gives core 3 of 4 far more than core 0.
    const load = Float64Array.from({ length: INDIRECTION_TABLE_SIZE }, (_, b) => (b % 4 === 3 ? 10 : 1));
    const table = defaultIndirectionTable(4);
    const before = imbalanceOf(coreLoads(table, load, 4)).maxOverMean;
    const moved = rebalanceTable(table, load, 4, { maxMoves: 128 });
    const after = imbalanceOf(coreLoads(table, load, 4)).maxOverMean;
    expect(before).toBeGreaterThan(2);
    expect(moved).toBeGreaterThan(0);
    expect(after).toBeLessThan(1.1);
  });

  it('cannot split one elephant bucket: its core stays the busiest', () => {
    const load = new Float64Array(INDIRECTION_TABLE_SIZE).fill(1);
    load[5] = 1000;
    const table = defaultIndirectionTable(8);
    rebalanceTable(table, load, 8, { maxMoves: 128 });
    const loads = coreLoads(table, load, 8);
    expect(Math.max(...loads)).toBeGreaterThanOrEqual(1000);
    // Everything else moved off the elephant's core.
    expect(loads[table[5]!]).toBe(1000);
  });

  it('never loses load, never raises the maximum, and is deterministic', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.array(fc.nat(1000), { minLength: INDIRECTION_TABLE_SIZE, maxLength: INDIRECTION_TABLE_SIZE }), (cores, raw) => {
        const load = Float64Array.from(raw);
        const a = defaultIndirectionTable(cores);
        const before = coreLoads(a, load, cores);
        const b = a.slice();
        const moved = rebalanceTable(a, load, cores);
        rebalanceTable(b, load, cores);
        expect(Array.from(a)).toEqual(Array.from(b));
        const after = coreLoads(a, load, cores);
        expect(after.reduce((x, y) => x + y, 0)).toBeCloseTo(before.reduce((x, y) => x + y, 0), 6);
        expect(Math.max(...after)).toBeLessThanOrEqual(Math.max(...before));
        expect(moved).toBeLessThanOrEqual(32);
        for (const c of a) expect(c).toBeLessThan(cores);
      }),
    );
  });
});
