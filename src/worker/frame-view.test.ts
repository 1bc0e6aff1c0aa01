import { describe, expect, it } from 'vitest';
import { ETHERTYPE_IPV4, PROTO_TCP } from '../engine/packet';
import { portKnocking } from '../engine/programs/port-knocking';
import { Timeline } from '../engine/timeline/timeline';
import { traceFromPackets, type PacketInit } from '../engine/trace/trace';
import { buildFrameView, historyOf, processedPackets } from './frame-view';
import { VerdictTotals } from './verdict-totals';

const tcp = (srcIp: number, dstPort: number): PacketInit => ({ ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp, dstPort, dstIp: 0x0a00000a });
const A = 0x0a000001;
const B = 0x0a000002;

function viewAt(t: Timeline, position: number) {
  return buildFrameView({ timeline: t, frame: t.seek(position), log: [], totals: new VerdictTotals(t.verdicts), watch: null, rows: 6 });
}

describe('frame view helpers', () => {
  it('historyOf: the records before a packet, at most the ring size', () => {
    expect(historyOf(0, 3)).toEqual([]);
    expect(historyOf(2, 3)).toEqual([0, 1]);
    expect(historyOf(7, 3)).toEqual([4, 5, 6]);
    expect(historyOf(7, 0)).toEqual([]);
  });

  it('the history seen in the dispatch event is historyOf', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(B, 100), tcp(A, 101), tcp(B, 7), tcp(A, 102), tcp(A, 22), tcp(B, 1)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 3, historySize: 4 });
    for (let p = 1; p <= t.eventCount; p++) {
      const frame = t.seek(p);
      const e = frame.event!;
      if (e.kind === 'dispatch') expect(e.history.filter((x) => x >= 0)).toEqual(historyOf(e.seq, 4));
      expect(processedPackets(frame)).toBe(e.kind === 'process' ? e.seq + 1 : e.seq);
    }
  });
});

describe('buildFrameView', () => {
  // 2 cores, a ring of 3: packet 4 (core 0) carries 1, 2, 3; core 0 already has 2 (its own): 1 and 2 are skipped
  const trace = traceFromPackets([tcp(A, 100), tcp(B, 100), tcp(A, 101), tcp(B, 101), tcp(A, 102), tcp(A, 22)]);
  const t = new Timeline({ program: portKnocking, trace, cores: 2, historySize: 3 });

  it('marks the history records a core had already applied as skipped', () => {
    const dispatched = t.positionBeforePacket(4) + 2;
    const view = viewAt(t, dispatched);
    expect(view.event?.kind).toBe('dispatch');
    expect(view.chips.map((c) => [c.seq, c.skipped, c.applied])).toEqual([[1, true, false], [2, true, false], [3, false, false]]);
    const applied = viewAt(t, dispatched + 1);
    expect(applied.event?.kind).toBe('apply');
    expect(applied.chips.map((c) => c.applied)).toEqual([false, false, true]);
  });

  it('shows the packet in flight without a verdict, then with it', () => {
    const before = viewAt(t, t.positionBeforePacket(5) - 1);
    expect(before.packet).toMatchObject({ seq: 4, keyText: '10.0.0.1', record: '10.0.0.1 → :102' });
    expect(before.packet?.verdict).toBeUndefined();
    const after = viewAt(t, t.positionBeforePacket(5));
    expect(after.packet).toMatchObject({ seq: 4, verdict: 'PASS', core: 0, text: '10.0.0.1:0 → 10.0.0.10:102 TCP -', wireLen: 64 });
    expect(after.totals).toEqual({ PASS: 1, DROP: 4, TX: 0 });
    expect(before.totals).toEqual({ PASS: 0, DROP: 4, TX: 0 });
  });

  it('the ring view labels and colours each slot', () => {
    const view = viewAt(t, t.positionBeforePacket(2));
    expect(view.ring.slots).toEqual([0, 1, -1]);
    expect(view.ring.labels).toEqual(['10.0.0.1 → :100', '10.0.0.2 → :100', '']);
    expect(view.ring.colours[2]).toBe(-1);
    expect(view.ring.colours[0]).toBe(view.cores[0]!.rows.find((r) => r.keyText === '10.0.0.1')!.colour);
  });
});
