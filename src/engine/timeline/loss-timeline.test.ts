import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ETHERTYPE_IPV4, PROTO_TCP } from '../packet';
import { PROGRAMS } from '../programs/registry';
import { portKnocking } from '../programs/port-knocking';
import { FATE_LOST_LINK, noLoss, type LossSetup } from '../scr/loss';
import { ScrMachine, extractRecords } from '../scr/scr-machine';
import { arbitraryLossPattern, arbitraryTrace } from '../testing/arbitraries';
import { traceFromPackets, type PacketInit, type Trace } from '../trace/trace';
import { describeEvent } from './describe-event';
import type { TimelineEvent } from './events';
import { Timeline } from './timeline';

const A = 0x0a000001;
const B = 0x0a000002;
const tcp = (srcIp: number, dstPort: number): PacketInit => ({ ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp, dstPort });

function linkLoss(count: number, lost: readonly number[], patch: Partial<LossSetup> = {}): LossSetup {
  const loss = { ...noLoss(count), ...patch };
  for (const s of lost) loss.fate[s] = FATE_LOST_LINK;
  return loss;
}

function events(t: Timeline): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (let p = 1; p <= t.eventCount; p++) out.push(t.seek(p).event!);
  return out;
}

const sentences = (t: Timeline) => events(t).map((e) => describeEvent(e, t.program, t.records, t.lostRecords));

describe('loss on the timeline', () => {
  it('a single loss: the core detects the gap, reads the missing records from a peer, and agrees', () => {
    // Alice knocks 100, 101, 102 on 2 cores; her second knock (#2, for core 0) is lost on its link.
    const trace = traceFromPackets([tcp(A, 100), tcp(B, 7), tcp(A, 101), tcp(B, 7), tcp(A, 102), tcp(B, 7), tcp(A, 22)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 2, loss: linkLoss(trace.count, [2]) });
    const log = sentences(t);
    expect(log).toContain('The sequencer sends packet #2 to core 0, but it is lost on the link: core 0 misses record #2 and the history it carried.');
    expect(log).toContain(
      "Core 0 expected record #1, but packet #4 carries history only from #3: 2 records missing (records #1 … #2). It moves its progress marker to #2 so no peer waits on it, then looks each one up in its peers' logs.",
    );
    expect(log).toContain("Core 0 reads record #1 from core 1's log and applies it (1 of 2): 10.0.0.2 → :7; 10.0.0.2 new → CLOSED_0.");
    expect(log).toContain("Core 0 reads record #2 from core 1's log and applies it (2 of 2): 10.0.0.1 → :101; 10.0.0.1 CLOSED_1 → CLOSED_2.");
    expect(log).toContain("Core 0 has caught up to #2 (read 2 records from peers' logs); it carries on with the history packet #4 carries.");
    expect(t.agreement.agree).toBe(true);
    expect(t.verdictOf(6)).toBe('PASS'); // Alice's SSH passes: the lost knock was recovered
  });

  it('several losses close together: a core waits for a peer that has not reached the record, packets queue, and every core still agrees', () => {
    // 3 cores; packets #2, #3 and #4 are lost: record #2 reached no core at all.
    const trace = traceFromPackets(Array.from({ length: 12 }, (_, i) => tcp(i % 2 ? A : B, 100 + (i % 3))));
    const t = new Timeline({ program: portKnocking, trace, cores: 3, loss: linkLoss(trace.count, [2, 3, 4]) });
    const log = sentences(t);
    expect(log).toContain('Core 2 waits for core 0: its progress marker is at #0, it has not reached #1 yet.');
    expect(log).toContain('Core 0 waits for core 1: its progress marker is at #1, it has not reached #2 yet.');
    expect(log).toContain('No core holds record #2: every core lost it, so no replica applied it and core 1 owes no state change for it.');
    expect(log).toContain("Core 0 reads record #3 from core 2's log (core 1 lost it too) and applies it (3 of 3): 10.0.0.1 → :100; 10.0.0.1 CLOSED_0 → CLOSED_1.");
    // Core 2 waited on core 0 while core 0 itself was about to catch up: the waits resolved in turn.
    expect(log.findIndex((s) => s.startsWith('Core 2 waits'))).toBeLessThan(log.findIndex((s) => s.startsWith('Core 0 waits')));
    expect(t.agreement.agree).toBe(true);
    expect(t.agreement.recovery).toMatchObject({ lostLink: 3, recordsLostEverywhere: 1, divergences: [] });
    expect(t.agreement.recovery!.waits).toBeGreaterThanOrEqual(2);
  });

  it('congestion: two losses in a row on one link make a gap of N+1 or more; the core gives up and diverges, and says so', () => {
    // 2 cores: Alice's knocks #2 and #4 (both core 0's) are lost; core 1 opens her, core 0 never does.
    const trace = traceFromPackets([tcp(A, 100), tcp(B, 5), tcp(A, 101), tcp(B, 5), tcp(A, 102), tcp(B, 5), tcp(A, 22)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 2, loss: linkLoss(trace.count, [2, 4]) });
    const log = sentences(t);
    expect(log).toContain(
      "Core 0 expected record #1, but packet #6 carries history only from #5: 4 records missing (records #1 … #4). A gap of N+1 = 3 or more means congestion: it gives up on them, so its replica may now differ from a single core's.",
    );
    expect(t.agreement.agree).toBe(false);
    expect(t.agreement.recovery!.divergences).toEqual([expect.objectContaining({ core: 0, seq: 6, reason: 'congestion', from: 1, to: 4 })]);
    expect(t.agreement.unexplained).toBe(0);
    expect(t.agreement.disagreements[0]).toMatchObject({ seq: 6, core: 0, what: 'verdict', expected: 'PASS', got: 'DROP', explained: true });
  });

  it('a log too small to reach back: the record is reported as possibly lost for good', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(B, 5), tcp(A, 101), tcp(B, 5), tcp(A, 102), tcp(B, 5)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 2, loss: linkLoss(trace.count, [2], { logSize: 1 }) });
    expect(sentences(t)).toContain("Core 0 cannot find record #1: a peer's log has already overwritten it (the log is too small). Its replica may now differ from a single core's.");
    expect(t.agreement.recovery!.divergences[0]).toMatchObject({ core: 0, reason: 'overwritten' });
  });

  it('copy mode: the core takes the state of a peer that is further along', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(B, 7), tcp(A, 101), tcp(B, 7), tcp(A, 102), tcp(B, 7), tcp(A, 22)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 2, loss: linkLoss(trace.count, [2], { recovery: 'copy' }) });
    const log = sentences(t);
    expect(log).toContain('Core 0 copies the whole state of core 1 (2 entries, every record up to #3 applied).');
    expect(log).toContain("Core 0 has caught up to #3 (copied core 1's state); it carries on with the history packet #4 carries.");
    expect(t.agreement.agree).toBe(true);
  });

  it('one core: a lost packet reached no one, so nothing is owed', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(A, 101), tcp(A, 102)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 1, loss: linkLoss(trace.count, [1]) });
    expect(sentences(t)).toContain('No core holds record #1: every core lost it, so no replica applied it and core 0 owes no state change for it.');
    expect(t.verdictOf(2)).toBe('DROP');
    expect(t.agreement.agree).toBe(true);
  });

  it('drops by hand fork the timeline and show the loss at once', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(B, 7), tcp(A, 101), tcp(B, 7), tcp(A, 102), tcp(B, 7), tcp(A, 22)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 2 });
    const inFlight = t.positionBeforePacket(2) + 2; // packet #2 on its way to core 0
    const { timeline, position } = t.fork({ kind: 'drop', seq: 2, where: 'link' }, inFlight);
    expect(timeline.seek(position).event).toMatchObject({ kind: 'lost-link', seq: 2, core: 0 });
    expect(timeline.agreement.agree).toBe(true);
    // Before the sequencer: the packet disappears from the numbering; the later packets move up.
    const before = t.fork({ kind: 'drop', seq: 2, where: 'before' }, t.positionBeforePacket(2) + 1);
    expect(before.timeline.trace.count).toBe(6);
    expect(before.timeline.seek(before.position).event).toMatchObject({ kind: 'lost-before', seq: 2 });
    expect(before.timeline.verdictOf(5)).toBe('DROP'); // without her second knock, Alice never opens
    // After processing: the verdict stands, nothing else changes.
    const after = t.fork({ kind: 'drop', seq: 6, where: 'after' }, t.eventCount);
    expect(after.timeline.seek(after.position).event).toMatchObject({ kind: 'lost-after', seq: 6, verdict: 'PASS' });
    // A drop in the future leaves the playhead where it is.
    expect(t.fork({ kind: 'drop', seq: 6, where: 'link' }, 3).position).toBe(3);
    expect(() => t.fork({ kind: 'drop', seq: 7, where: 'link' }, 0)).toThrow(/no packet #7/);
  });

  /** Replays from scratch with a fresh machine: what seek(position) must reproduce. */
  function stepFresh(t: Timeline, trace: Trace, position: number) {
    const m = new ScrMachine({ program: t.program, records: extractRecords(t.program, trace), configs: t.configs, cores: t.cores, historySize: t.historySize, ...(t.loss ? { loss: t.loss } : {}) });
    while (m.eventsDone < position) m.advance();
    return m;
  }

  for (const program of PROGRAMS) {
    it(`${program.id}: with losses, seek anywhere in any order equals stepping from the start`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 9 }),
          arbitraryTrace({ minPackets: 10, maxPackets: 50 }),
          arbitraryLossPattern(50, 0.5),
          fc.integer({ min: 1, max: 7 }),
          fc.constantFrom<'logs' | 'copy'>('logs', 'copy'),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
          (cores, trace, pattern, snapshotEvery, recovery, where) => {
            const loss = linkLoss(trace.count, pattern.flatMap((l, s) => (l && s < trace.count ? [s] : [])), { recovery });
            const t = new Timeline({ program, trace, cores, snapshotEvery, loss });
            for (const w of where) {
              const position = Math.round(w * t.eventCount);
              const frame = t.seek(position);
              const fresh = stepFresh(t, trace, position);
              expect(frame.position).toBe(position);
              expect(frame.nextKind).toBe(fresh.nextKind);
              frame.replicas.forEach((r, c) => {
                const expected = fresh.replicas[c]!;
                expect(r.lastApplied).toBe(expected.lastApplied);
                expect(r.marker).toBe(expected.marker);
                expect(r.queue).toEqual(expected.queue);
                expect(program.stateEquals(r.state, expected.state)).toBe(true);
              });
            }
          },
        ),
        { numRuns: 25 },
      );
    });
  }
});
