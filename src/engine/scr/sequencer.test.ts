import { describe, expect, it } from 'vitest';
import { EMPTY_SLOT, Sequencer } from './sequencer';

/** Sends `count` packets whose record is `r<seq>`; returns, per packet, its core, carried seqs (oldest first) and records. */
function send(seq: Sequencer, count: number) {
  const out: { s: number; core: number; seqs: number[]; records: unknown[]; ringIndex: number }[] = [];
  for (let i = 0; i < count; i++) {
    const s = seq.nextSeq;
    const wire = seq.dispatch(`r${s}`);
    const records: unknown[] = [];
    for (let j = 0; j < wire.length; j++) records.push(wire.recordAt(j));
    out.push({ s, core: seq.coreOf(s), seqs: wire.seqList(), records, ringIndex: wire.ringIndex });
  }
  return out;
}

describe('sequencer', () => {
  it('sprays round-robin and carries the last N-1 packets, oldest first from the ring index', () => {
    const E = EMPTY_SLOT;
    const seen = send(new Sequencer(4), 7).map(({ s, core, seqs }) => [s, core, seqs]);
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

  it('carries each record itself, not just its number', () => {
    const last = send(new Sequencer(3), 6).at(-1)!;
    expect(last.seqs).toEqual([3, 4]);
    expect(last.records).toEqual(['r3', 'r4']);
  });

  it('a detached copy keeps what was carried after later packets overwrite the ring', () => {
    const seq = new Sequencer(3);
    send(seq, 4);
    const kept = seq.dispatch('r4').detach();
    send(seq, 3);
    expect(kept.seqList()).toEqual([2, 3]);
    expect([kept.recordAt(0), kept.recordAt(1)]).toEqual(['r2', 'r3']);
  });

  it('the ring index names the slot of the oldest record', () => {
    const seq = new Sequencer(3);
    send(seq, 5);
    expect(seq.ringIndex).toBe(1);
    const slots = seq.ringSlots();
    expect(slots[seq.ringIndex]).toBe(3); // oldest of the last two (3, 4)
  });

  it('restore() rebuilds the ring from the sequence number and the records', () => {
    const a = new Sequencer(5);
    send(a, 11);
    const b = new Sequencer(5);
    b.restore(11, Array.from({ length: 11 }, (_, s) => `r${s}`));
    expect([...b.ringSlots()]).toEqual([...a.ringSlots()]);
    expect(b.ringIndex).toBe(a.ringIndex);
    expect(send(b, 1)[0]).toEqual(send(a, 1)[0]);
  });

  it('one core needs no history', () => {
    const seq = new Sequencer(1);
    expect(send(seq, 2).map(({ s, seqs }) => [s, seqs])).toEqual([[0, []], [1, []]]);
  });

  it('faults for the tests that prove the check: a short ring, a wrong ring index, garbage, a skipped core', () => {
    expect(send(new Sequencer(4, 3, { ringSize: 2 }), 6).at(-1)!.seqs).toEqual([3, 4]);
    expect(send(new Sequencer(4, 3, { ringIndexOffset: 1 }), 6).at(-1)!.seqs).toEqual([3, 4, 2]);
    expect(send(new Sequencer(3, 2, { garble: (r, s) => (s === 3 ? 'junk' : r) }), 5).at(-1)!.records).toEqual(['r2', 'junk']);
    expect(send(new Sequencer(3, 2, { skipCore: 1 }), 6).map((p) => p.core)).toEqual([0, 2, 2, 0, 2, 2]);
  });

  it('rejects impossible sizes', () => {
    expect(() => new Sequencer(0)).toThrow(RangeError);
    expect(() => new Sequencer(3, -1)).toThrow(RangeError);
  });
});
