import { describe, expect, it } from 'vitest';
import { EMPTY_SLOT, Sequencer } from './sequencer';

describe('sequencer', () => {
  it('sprays round-robin and carries the last N-1 packets, oldest first', () => {
    const seq = new Sequencer(4);
    const history = new Int32Array(3);
    const seen: [number, number, number[]][] = [];
    for (let i = 0; i < 7; i++) {
      const s = seq.dispatch(history);
      seen.push([s, seq.coreOf(s), [...history]]);
    }
    const E = EMPTY_SLOT;
    expect(seen).toEqual([
      [0, 0, [E, E, E]],
      [1, 1, [E, E, 0]],
      [2, 2, [E, 0, 1]],
      [3, 3, [0, 1, 2]],
      [4, 0, [1, 2, 3]],
      [5, 1, [2, 3, 4]],
      [6, 2, [3, 4, 5]],
    ]);
  });

  it('the ring index names the slot of the oldest record', () => {
    const seq = new Sequencer(3);
    const history = new Int32Array(2);
    for (let i = 0; i < 5; i++) seq.dispatch(history);
    expect(seq.ringIndex).toBe(1);
    const slots = seq.ringSlots();
    expect(slots[seq.ringIndex]).toBe(3); // oldest of the last two (3, 4)
  });

  it('restore() rebuilds the ring from the sequence number alone', () => {
    const a = new Sequencer(5);
    const h = new Int32Array(4);
    for (let i = 0; i < 11; i++) a.dispatch(h);
    const b = new Sequencer(5);
    b.restore(11);
    expect([...b.ringSlots()]).toEqual([...a.ringSlots()]);
    expect(b.ringIndex).toBe(a.ringIndex);
  });

  it('one core needs no history', () => {
    const seq = new Sequencer(1);
    const h = new Int32Array(0);
    expect([seq.dispatch(h), seq.dispatch(h)]).toEqual([0, 1]);
  });

  it('rejects impossible sizes', () => {
    expect(() => new Sequencer(0)).toThrow(RangeError);
    expect(() => new Sequencer(3, -1)).toThrow(RangeError);
  });
});
