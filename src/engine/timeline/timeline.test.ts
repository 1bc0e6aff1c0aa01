import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ETHERTYPE_IPV4, PROTO_TCP, PROTO_UDP } from '../packet';
import { PROGRAMS } from '../programs/registry';
import { portKnocking } from '../programs/port-knocking';
import { ConfigSchedule } from '../scr/config-schedule';
import { ScrMachine, extractRecords } from '../scr/scr-machine';
import { arbitraryTrace } from '../testing/arbitraries';
import { traceFromPackets, type PacketInit, type Trace } from '../trace/trace';
import { describeEvent } from './describe-event';
import { Timeline } from './timeline';

const A = 0x0a000001;
const B = 0x0a000002;
const tcp = (srcIp: number, dstPort: number): PacketInit => ({ ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp, dstPort });

describe('timeline', () => {
  it('tells port knocking on 2 cores event by event', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(B, 100), tcp(A, 101), tcp(A, 102), tcp(A, 22)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 2 });
    // packet 0: arrive, dispatch, process; packets 1..4: arrive, dispatch, apply 1 record, process
    expect(t.eventCount).toBe(3 + 4 * 4);
    const log: string[] = [];
    for (let p = 1; p <= t.eventCount; p++) {
      const frame = t.seek(p);
      log.push(describeEvent(frame.event!, portKnocking, t.records));
    }
    expect(log).toEqual([
      'Packet #0 (10.0.0.1 → :100) arrives at the sequencer.',
      'The sequencer sends packet #0 to core 0 with no history yet, 1 empty slot (ring index 0).',
      'Core 0 processes its own packet #0: 10.0.0.1 new → CLOSED_1; verdict DROP.',
      'Packet #1 (10.0.0.2 → :100) arrives at the sequencer.',
      'The sequencer sends packet #1 to core 1 with history #0 (ring index 0).',
      'Core 1 fast-forwards history record #0 (1 of 1): 10.0.0.1 → :100; 10.0.0.1 new → CLOSED_1.',
      'Core 1 processes its own packet #1: 10.0.0.2 new → CLOSED_1; verdict DROP.',
      'Packet #2 (10.0.0.1 → :101) arrives at the sequencer.',
      'The sequencer sends packet #2 to core 0 with history #1 (ring index 0).',
      'Core 0 fast-forwards history record #1 (1 of 1): 10.0.0.2 → :100; 10.0.0.2 new → CLOSED_1.',
      'Core 0 processes its own packet #2: 10.0.0.1 CLOSED_1 → CLOSED_2; verdict DROP.',
      'Packet #3 (10.0.0.1 → :102) arrives at the sequencer.',
      'The sequencer sends packet #3 to core 1 with history #2 (ring index 0).',
      'Core 1 fast-forwards history record #2 (1 of 1): 10.0.0.1 → :101; 10.0.0.1 CLOSED_1 → CLOSED_2.',
      'Core 1 processes its own packet #3: 10.0.0.1 CLOSED_2 → OPEN; verdict PASS.',
      'Packet #4 (10.0.0.1 → :22) arrives at the sequencer.',
      'The sequencer sends packet #4 to core 0 with history #3 (ring index 0).',
      'Core 0 fast-forwards history record #3 (1 of 1): 10.0.0.1 → :102; 10.0.0.1 CLOSED_2 → OPEN.',
      'Core 0 processes its own packet #4: 10.0.0.1 stays OPEN; verdict PASS.',
    ]);
    expect(t.agreement.agree).toBe(true);
    expect([...t.verdicts].map((_, s) => t.verdictOf(s))).toEqual(["DROP", "DROP", "DROP", "PASS", "PASS"]);
  });

  it('step and stepBack walk one event at a time and stop at both ends', () => {
    const t = new Timeline({ program: portKnocking, trace: traceFromPackets([tcp(A, 100), tcp(B, 100), tcp(A, 101)]), cores: 2 });
    const forward = [];
    for (let k = 0; k < t.eventCount; k++) forward.push(t.step().event);
    expect(t.step().position).toBe(t.eventCount);
    const back = [];
    for (let k = 0; k < t.eventCount; k++) back.push(t.stepBack().event);
    expect(t.position).toBe(0);
    expect(t.stepBack().event).toBeNull();
    // stepping back to position p shows the same event as stepping forward to p
    expect(back.slice(0, -1).reverse()).toEqual(forward.slice(0, -1));
  });

  it('says when a record changes nothing', () => {
    const udp: PacketInit = { ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_UDP, srcIp: A, dstPort: 53 };
    const t = new Timeline({ program: portKnocking, trace: traceFromPackets([udp, tcp(A, 100)]), cores: 2 });
    const event = t.seek(t.eventCount - 1).event!;
    expect(describeEvent(event, portKnocking, t.records)).toBe(
      'Core 1 fast-forwards history record #0 (1 of 1): 10.0.0.1 UDP (not TCP); no state change.',
    );
  });

  it('has 3 + min(s, N-1) events for packet s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), arbitraryTrace({ maxPackets: 60 }), (cores, trace) => {
        const t = new Timeline({ program: portKnocking, trace, cores });
        let expected = 0;
        for (let s = 0; s < trace.count; s++) {
          expect(t.eventStart[s]).toBe(expected);
          expected += 3 + Math.min(s, cores - 1);
        }
        expect(t.eventCount).toBe(expected);
      }),
      { numRuns: 50 },
    );
  });

  /** Replays from scratch with a fresh machine: what seek(position) must reproduce. */
  function stepFresh(t: Timeline, trace: Trace, position: number) {
    const m = new ScrMachine({ program: t.program, records: extractRecords(t.program, trace), configs: t.configs, cores: t.cores, historySize: t.historySize });
    while (m.eventsDone < position) m.advance();
    return m;
  }

  for (const program of PROGRAMS) {
    it(`${program.id}: seek anywhere, in any order, equals stepping from the start`, () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 9 }),
          arbitraryTrace({ maxPackets: 50 }),
          fc.integer({ min: 1, max: 7 }),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
          (cores, trace, snapshotEvery, where) => {
            const t = new Timeline({ program, trace, cores, snapshotEvery });
            for (const w of where) {
              const position = Math.round(w * t.eventCount);
              const frame = t.seek(position);
              const fresh = stepFresh(t, trace, position);
              expect(frame.position).toBe(position);
              expect(frame.nextKind).toBe(fresh.nextKind);
              expect([...frame.ringSlots]).toEqual([...fresh.sequencer.ringSlots()]);
              frame.replicas.forEach((r, c) => {
                const expected = fresh.replicas[c]!;
                expect(r.lastApplied).toBe(expected.lastApplied);
                expect(program.stateEquals(r.state, expected.state)).toBe(true);
              });
            }
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  it('a config change forks the future and keeps the past', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(A, 101), tcp(A, 102), tcp(A, 7), tcp(A, 8), tcp(A, 9), tcp(B, 7), tcp(B, 8)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 3 });
    const at = t.positionBeforePacket(6);
    const { timeline: forked, position } = t.fork({ kind: 'config', config: { knock: [7, 8] } }, at);
    expect(position).toBe(at);
    for (let p = 1; p <= at; p++) expect(forked.seek(p).event).toEqual(t.seek(p).event);
    expect(forked.verdictOf(7)).toBe('PASS'); // B knocks 7, 8 under the new sequence
    expect(t.verdictOf(7)).toBe('DROP');
    expect(forked.agreement.agree).toBe(true);
  });

  it('editing a past packet rewinds to just before it and recomputes', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(A, 101), tcp(A, 102), tcp(A, 22)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 2 });
    const { timeline, position } = t.fork({ kind: 'packet', seq: 1, patch: { dstPort: 999 } }, t.eventCount);
    expect(position).toBe(t.positionBeforePacket(1));
    expect([...timeline.verdicts]).toEqual([0, 0, 0, 0]);
    expect(() => t.fork({ kind: 'packet', seq: 9, patch: {} }, 0)).toThrow(/no packet #9/);
    expect(() => t.fork({ kind: 'config', config: { knock: [] } }, 0)).toThrow(/1 to 8 ports/);
  });

  it('inserting a packet at the playhead keeps the past and the playhead', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(B, 100), tcp(A, 101), tcp(B, 7)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 3 });
    const at = t.positionBeforePacket(3);
    const { timeline, position } = t.fork({ kind: 'insert', seq: 3, packet: tcp(A, 102) }, at);
    expect(position).toBe(at);
    expect(timeline.trace.count).toBe(5);
    for (let p = 1; p <= at; p++) expect(timeline.seek(p).event).toEqual(t.seek(p).event);
    expect(timeline.verdictOf(3)).toBe('PASS'); // A's third knock opens it
    expect(timeline.trace.dstPort[4]).toBe(7); // B's packet moved one place on
    expect(timeline.verdictOf(4)).toBe('DROP');
    expect(timeline.agreement.agree).toBe(true);
    expect(timeline.eventCount).toBe(t.eventCount + 3 + 2);
  });

  it('inserting a packet into the past rewinds to just before it arrives', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(A, 101), tcp(A, 102), tcp(A, 22)]);
    const t = new Timeline({ program: portKnocking, trace, cores: 2 });
    const { timeline, position } = t.fork({ kind: 'insert', seq: 1, packet: tcp(A, 5) }, t.eventCount);
    expect(position).toBe(timeline.positionBeforePacket(1));
    expect([...timeline.verdicts].map((_, s) => timeline.verdictOf(s))).toEqual(['DROP', 'DROP', 'DROP', 'DROP', 'DROP']);
    // at the end is allowed (a packet after the last), beyond it is not
    expect(t.fork({ kind: 'insert', seq: 4, packet: tcp(A, 22) }, 0).timeline.verdictOf(4)).toBe('PASS');
    expect(() => t.fork({ kind: 'insert', seq: 5, packet: tcp(A, 22) }, 0)).toThrow(/#0 to #4, not at #5/);
    expect(() => t.fork({ kind: 'insert', seq: -1, packet: tcp(A, 22) }, 0)).toThrow(RangeError);
  });

  it('an insert moves later config changes with their packets', () => {
    const trace = traceFromPackets([tcp(A, 100), tcp(A, 101), tcp(B, 7), tcp(B, 8), tcp(B, 22)]);
    const t0 = new Timeline({ program: portKnocking, trace, cores: 2 });
    // from packet 2 on, the knock is 7, 8: B opens at packet 3
    const { timeline: t } = t0.fork({ kind: 'config', config: { knock: [7, 8] } }, t0.positionBeforePacket(2));
    expect(t.verdictOf(3)).toBe('PASS');
    const { timeline } = t.fork({ kind: 'insert', seq: 1, packet: tcp(A, 100) }, 0);
    expect(timeline.configs.list.map((c) => c.fromSeq)).toEqual([0, 3]);
    expect(timeline.verdictOf(4)).toBe('PASS');
    expect(timeline.agreement.agree).toBe(true);
    // an insert at the change itself takes the new configuration
    const same = t.fork({ kind: 'insert', seq: 2, packet: tcp(A, 100) }, 0).timeline;
    expect(same.configs.list.map((c) => c.fromSeq)).toEqual([0, 2]);
  });

  it('firstUnarrivedAt: the first packet not yet at the sequencer', () => {
    const t = new Timeline({ program: portKnocking, trace: traceFromPackets([tcp(A, 100), tcp(B, 100), tcp(A, 101)]), cores: 2 });
    expect(t.firstUnarrivedAt(0)).toBe(0);
    expect(t.firstUnarrivedAt(1)).toBe(1); // packet 0 has arrived
    expect(t.firstUnarrivedAt(t.positionBeforePacket(2))).toBe(2);
    expect(t.firstUnarrivedAt(t.positionBeforePacket(2) + 1)).toBe(3);
    expect(t.firstUnarrivedAt(t.eventCount + 10)).toBe(3);
  });

  it('an empty trace has one position and no events', () => {
    const t = new Timeline({ program: portKnocking, trace: traceFromPackets([]), cores: 4 });
    expect(t.eventCount).toBe(0);
    expect(t.seek(5).event).toBeNull();
  });

  it('config schedule: a change at 0 replaces the initial config', () => {
    const s = new ConfigSchedule<unknown>({ knock: [1] }).withChange(0, { knock: [2] });
    expect(s.at(0)).toEqual({ knock: [2] });
    expect(s.list).toHaveLength(1);
  });
});
