import { describe, expect, it } from 'vitest';
import { mapStateTable } from './state-table';

describe('mapStateTable', () => {
  const table = mapStateTable(Number, (count: number, config: { unit: string }, key: number) => `${key}: ${count} ${config.unit}`);
  const state = new Map([[1, 10], [2, 20]]);
  const config = { unit: 'packets' };

  it('describes one entry, converting the key back to the Map key type', () => {
    expect(table.describeEntry(state, '2', config)).toBe('2: 20 packets');
    expect(table.describeEntry(state, 3, config)).toBeUndefined();
  });

  it('lists every entry in Map order, and counts them', () => {
    expect([...table.entries(state, config)]).toEqual([
      [1, '1: 10 packets'],
      [2, '2: 20 packets'],
    ]);
    expect(table.stateSize(state)).toBe(2);
  });
});
