import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntTable } from './int-table';

describe('IntTable', () => {
  it('behaves like a Map<number, number> without deletes, in insertion order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.nat(40), fc.constantFrom(0, 0xffffffff, 0x80000000)), fc.nat(1000)), { maxLength: 400 }), (ops) => {
        const table = new IntTable();
        const map = new Map<number, number>();
        for (const [k, v] of ops) {
          table.set(k, v);
          map.set(k, v);
          expect(table.get(k)).toBe(v);
        }
        expect(table.size).toBe(map.size);
        expect([...table.entries()]).toEqual([...map.entries()]);
        for (let k = 0; k < 45; k++) expect(table.get(k)).toBe(map.get(k));
        expect(table.has(12345)).toBe(map.has(12345));
      }),
    );
  });

  it('clones deeply and compares by content', () => {
    const a = new IntTable();
    for (let k = 0; k < 1000; k++) a.set(k * 7919, k);
    const b = a.clone();
    expect(b.equals(a)).toBe(true);
    b.set(7919, 99);
    expect(a.get(7919)).toBe(1);
    expect(b.equals(a)).toBe(false);
    const c = new IntTable();
    for (let k = 999; k >= 0; k--) c.set(k * 7919, k);
    expect(c.equals(a)).toBe(true); // order does not matter
    c.set(1, 1);
    expect(c.equals(a)).toBe(false);
  });
});
