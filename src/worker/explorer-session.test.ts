import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../engine/programs/program';
import { ExplorerSession, LOG_LENGTH } from './explorer-session';
import type { FrameView, Scenario } from './protocol';

const ALICE = '10.1.0.7';
const ALICE_KEY = String(0x0a010007);
const KNOCK = [100, 101, 102];

/** The port-knocking story: Alice knocks at packets 0, 3, 7 (PASS from 7 on), on 4 cores. */
function story(packets = 40, cores = 4): Scenario {
  return {
    programId: 'portknock',
    config: { knock: KNOCK },
    trace: { kind: 'generator', id: 'portknock', params: { packets, seed: 1, knock: KNOCK } },
    cores,
  };
}

function configured(scenario = story()) {
  const session = new ExplorerSession();
  const run = session.configure(scenario);
  return { session, run };
}

const rowOf = (frame: FrameView, core: number, keyText: string) => frame.cores[core]?.rows.find((r) => r.keyText === keyText)?.value;

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../engine/trace/capture/fixtures/${name}`, import.meta.url)));
}

describe('ExplorerSession: configure', () => {
  it('builds the run and describes it', () => {
    const { run } = configured();
    expect(run).toMatchObject({ packets: 40, historySize: 3, config: { knock: KNOCK }, program: { id: 'portknock', recordBytes: 9 } });
    expect(run.agreement).toMatchObject({ agree: true, verdictsCompared: 40, disagreements: [] });
    expect(run.verdictTotals.PASS + run.verdictTotals.DROP + run.verdictTotals.TX).toBe(40);
    expect(run.wire.overheadBytes).toBe(run.wire.segments.reduce((n, s) => n + s.bytes, 0));
    expect(run.scenario.trace).toEqual(story().trace);
    expect(structuredClone(run)).toEqual(run);
  });

  it('rejects a bad scenario with a message a person understands', () => {
    const session = new ExplorerSession();
    expect(() => session.configure({ ...story(), programId: 'fw' })).toThrow(/^There is no program "fw"\. Choose one of: portknock/);
    expect(() => session.configure({ ...story(), config: { knock: [100, 0] } })).toThrow(
      'Port-knocking firewall: knock port 2 must be a whole number from 1 to 65535, not "0".',
    );
    expect(() => session.configure({ ...story(), cores: 0 })).toThrow('The number of cores must be a whole number from 1 to 64, not 0.');
    expect(() => session.configure({ ...story(), cores: 100 })).toThrow(/from 1 to 64, not 100/);
    expect(() => session.configure({ ...story(), historySize: 1 })).toThrow(/^A history of 1 record is too short for 4 cores/);
    expect(() => session.configure({ ...story(), trace: { kind: 'generator', id: 'nope', params: {} } })).toThrow(/^There is no trace generator "nope"/);
    expect(() => session.configure({ ...story(), trace: { kind: 'generator', id: 'zipf', params: { skew: 9 } } })).toThrow(
      'Trace parameters: skew must be from 0 to 3, not 9.',
    );
    expect(() => session.configure({ ...story(), trace: { kind: 'capture', name: 'lab.pcap' } })).toThrow(
      'The capture file "lab.pcap" is no longer loaded: open the file again.',
    );
    expect(session.current).toBeNull();
    expect(() => session.frame(0)).toThrow(/No scenario has been built yet/);
  });

  it('a failed configure leaves the previous run in place', () => {
    const { session, run } = configured();
    const before = session.frame(30);
    expect(() => session.configure({ ...story(), cores: 0 })).toThrow();
    expect(session.current).toBe(run);
    expect(session.frame(30)).toEqual(before);
  });

  it('answers ping with the programs, generators and a self-check', () => {
    const pong = new ExplorerSession().ping();
    expect(pong.engine).toBe('scr-engine');
    expect(pong.programs.map((p) => p.id)).toContain('portknock');
    expect(pong.programs.every((p) => p.description.length > 0 && p.recordFields.length > 0)).toBe(true);
    expect(pong.generators.map((g) => g.id)).toEqual(['portknock', 'uniform', 'zipf', 'elephant', 'datacenter']);
    expect(pong.selfCheck).toMatchObject({ agree: true, passed: 2, packets: 6, cores: 4 });
  });
});

describe('ExplorerSession: stepping through port knocking', () => {
  const { session, run } = configured();
  const end = session.positionOfPacket(11);
  // One event at a time, as the step button does.
  const frames: FrameView[] = [];
  for (let p = 0; p <= end; p++) frames.push(session.frame(p, { watchKey: ALICE_KEY }));

  it('opens the client on the core that processes its third knock, then on every core', () => {
    const opened = frames[session.positionOfPacket(8)]!;
    expect(opened.event).toMatchObject({ kind: 'process', seq: 7, core: 3, verdict: 'PASS' });
    expect(opened.packet).toMatchObject({ seq: 7, verdict: 'PASS', keyText: ALICE });
    expect(rowOf(opened, 3, ALICE)).toBe('OPEN');
    for (const core of [0, 1, 2]) expect(rowOf(opened, core, ALICE)).toBe('CLOSED_2');
    // cores 0, 1, 2 fast-forward record #7 with packets 8, 9, 10
    const all = frames[end]!;
    for (const core of [0, 1, 2, 3]) expect(rowOf(all, core, ALICE)).toBe('OPEN');
    expect(all.cores.every((c) => c.lastApplied >= 7 && !c.diverged)).toBe(true);
  });

  it('lines the rows up: the same keys in the same order on every core', () => {
    for (const frame of frames) {
      const keys = frame.cores[0]!.rows.map((r) => r.key);
      for (const core of frame.cores) expect(core.rows.map((r) => r.key)).toEqual(keys);
      if (frame.position > 0) expect(keys).toContain(ALICE_KEY); // watched
      if (frame.packet?.keyText) expect(frame.cores[0]!.rows[0]!.keyText).toBe(frame.packet.keyText);
      expect(keys.length).toBeLessThanOrEqual(6);
    }
  });

  it('flags chips as applied one by one while the core fast-forwards', () => {
    // packet 8 goes to core 0 with history #5, #6, #7, none of which core 0 has
    const start = session.positionOfPacket(8);
    const applied = (p: number) => frames[p]!.chips.map((c) => c.applied);
    expect(frames[start + 1]!.event?.kind).toBe('arrive');
    expect(frames[start + 2]!.event?.kind).toBe('dispatch');
    expect(frames[start + 2]!.chips.map((c) => c.seq)).toEqual([5, 6, 7]);
    expect(applied(start + 2)).toEqual([false, false, false]);
    expect(applied(start + 3)).toEqual([true, false, false]);
    expect(applied(start + 4)).toEqual([true, true, false]);
    expect(applied(start + 5)).toEqual([true, true, true]);
    expect(rowOf(frames[start + 4]!, 0, ALICE)).toBe('CLOSED_2');
    expect(rowOf(frames[start + 5]!, 0, ALICE)).toBe('OPEN');
    expect(frames[start + 6]!.event).toMatchObject({ kind: 'process', seq: 8 });
    expect(frames[start + 6]!.chips.every((c) => c.applied && !c.skipped)).toBe(true);
  });

  it('counts the verdicts of the processed packets', () => {
    const counted: Record<Verdict, number> = { PASS: 0, DROP: 0, TX: 0 };
    for (const frame of frames) {
      if (frame.event?.kind === 'process') counted[frame.event.verdict]++;
      expect(frame.totals).toEqual(counted);
    }
    expect(session.frame(run.eventCount).totals).toEqual(run.verdictTotals);
  });

  it('keeps the log: the last events, ending with the current one', () => {
    for (const frame of frames) {
      expect(frame.log).toHaveLength(Math.min(LOG_LENGTH, frame.position));
      expect(frame.log.map((l) => l.index)).toEqual(frame.log.map((_, i) => frame.position - frame.log.length + i));
      if (frame.event) expect(frame.log.at(-1)).toMatchObject({ index: frame.event.index, kind: frame.event.kind, core: frame.event.core });
    }
    const opened = frames[session.positionOfPacket(8)]!;
    expect(opened.log.at(-1)?.sentence).toBe('Core 3 processes its own packet #7: 10.1.0.7 CLOSED_2 → OPEN; verdict PASS.');
    expect(opened.log.at(-2)?.sentence).toMatch(/^Core 3 fast-forwards history record #6 \(3 of 3\)/);
  });

  it('draws the same frame however the playhead got there', () => {
    const fresh = configured().session;
    for (const p of [end, 0, 17, 5, 40, 39, 41, 12, 13]) expect(fresh.frame(p, { watchKey: ALICE_KEY })).toEqual(frames[p]);
  });

  it('bounds the current packet for stepping by packet', () => {
    const mid = frames[session.positionOfPacket(5) + 3]!;
    expect(mid.packet?.seq).toBe(5);
    expect(mid.packet?.verdict).toBeUndefined();
    expect(mid.packetStart).toBe(session.positionOfPacket(5));
    expect(mid.packetEnd).toBe(session.positionOfPacket(6));
    expect(mid.previousPacketStart).toBe(session.positionOfPacket(4));
  });
});

describe('ExplorerSession: the ends of the run', () => {
  const { session, run } = configured();

  it('at 0: nothing has happened', () => {
    const f = session.frame(0);
    expect(f).toMatchObject({ position: 0, event: null, packet: null, chips: [], log: [], totals: { PASS: 0, DROP: 0, TX: 0 } });
    expect(f).toMatchObject({ packetStart: 0, packetEnd: 0, previousPacketStart: 0 });
    expect(f.ring.slots).toEqual([-1, -1, -1]);
    expect(f.cores.map((c) => [c.lastApplied, c.entryCount, c.rows.length])).toEqual([[-1, 0, 0], [-1, 0, 0], [-1, 0, 0], [-1, 0, 0]]);
    expect(session.frame(-5)).toEqual(f);
  });

  it('at the end: the last packet has its verdict', () => {
    const f = session.frame(run.eventCount);
    expect(f.event).toMatchObject({ kind: 'process', seq: 39 });
    expect(f.packet?.verdict).toBeDefined();
    expect(f.packetEnd).toBe(run.eventCount);
    expect(f.log).toHaveLength(LOG_LENGTH);
    expect(session.frame(run.eventCount * 10)).toEqual(f);
    expect(session.frame(run.eventCount + 0.5)).toEqual(f);
    expect(() => session.frame(Number.NaN)).toThrow(/position must be a number/);
  });

  it('gives the requested number of rows', () => {
    const p = session.positionOfPacket(30);
    expect(session.frame(p, { rows: 2 }).cores[0]!.rows).toHaveLength(2);
    expect(session.frame(p, { rows: 0 }).cores[0]!.rows).toHaveLength(0);
    expect(session.frame(p).cores[0]!.rows.length).toBeLessThanOrEqual(6);
  });

  it('positionOfPacket clamps to the run', () => {
    expect(session.positionOfPacket(0)).toBe(0);
    expect(session.positionOfPacket(40)).toBe(run.eventCount);
    expect(session.positionOfPacket(400)).toBe(run.eventCount);
  });
});

describe('ExplorerSession: edits', () => {
  /** Types a packet in at the playhead, as the UI does: at the playhead's next arrival. */
  function typeIn(session: ExplorerSession, position: number, srcIp: string, dstPort: number, proto: 'TCP' | 'UDP' | 'ICMP' = 'TCP') {
    const seq = (session.frame(position).packet?.seq ?? -1) + 1;
    const result = session.edit({ kind: 'insert-packet', seq, packet: { srcIp, dstPort, proto } }, position);
    return { ...result, seq };
  }

  it('typed packets go through the program: a fresh source knocks and gets in', () => {
    const { session, run } = configured();
    let position = session.positionOfPacket(12);
    const verdicts: Verdict[] = [];
    for (const port of [...KNOCK, 22]) {
      const typed = typeIn(session, position, '10.9.9.9', port);
      expect(typed.position).toBe(position); // at the playhead: nothing to rewind
      const done = session.positionOfPacket(typed.seq + 1);
      const frame = session.frame(done);
      expect(frame.packet).toMatchObject({ seq: typed.seq, keyText: '10.9.9.9', text: expect.stringMatching(/^10\.9\.9\.9:\d+ → 10\.0\.0\.10:\d+ TCP SYN$/) });
      verdicts.push(frame.packet!.verdict!);
      position = done;
    }
    expect(verdicts).toEqual(['DROP', 'DROP', 'PASS', 'PASS']);
    const now = session.current!;
    expect(now.packets).toBe(run.packets + 4);
    expect(now.agreement.agree).toBe(true);
    expect(now.scenario.edits).toHaveLength(4);
    // once every core has fast-forwarded past the typed knocks, the source is OPEN everywhere
    const later = session.frame(session.positionOfPacket(12 + 4 + 4), { watchKey: String(0x0a090909) });
    for (const core of later.cores) expect(core.rows.find((r) => r.keyText === '10.9.9.9')?.value).toBe('OPEN');
  });

  it('a packet typed into the past rewinds the playhead to just before it', () => {
    const { session, run } = configured();
    const { run: after, position } = session.edit({ kind: 'insert-packet', seq: 2, packet: { srcIp: '10.9.9.9', dstPort: 53, proto: 'UDP' } }, run.eventCount);
    expect(position).toBe(session.positionOfPacket(2));
    expect(after.packets).toBe(41);
    expect(session.frame(session.positionOfPacket(3)).packet).toMatchObject({ seq: 2, verdict: 'DROP', text: expect.stringContaining('UDP') });
  });

  it('a config change forks the future and is remembered', () => {
    const { session, run } = configured();
    const at = session.positionOfPacket(20) + 2;
    const { run: after, position } = session.edit({ kind: 'config', config: { knock: [7, 8] } }, at);
    expect(position).toBe(at);
    expect(after.config).toEqual({ knock: KNOCK });
    expect(after.scenario.edits).toEqual([{ kind: 'config', fromSeq: 21, config: { knock: [7, 8] } }]);
    expect(after.verdictTotals).not.toEqual(run.verdictTotals);
    // the past is untouched
    expect(session.frame(at).totals).toEqual(configured().session.frame(at).totals);
    // from packet 0, it becomes the scenario's config
    const { run: fromStart } = session.edit({ kind: 'config', config: { knock: [1, 2] } }, 0);
    expect(fromStart.scenario.config).toEqual({ knock: [1, 2] });
    expect(fromStart.scenario.edits).toBeUndefined();
    expect(fromStart.config).toEqual({ knock: [1, 2] });
  });

  it('a changed packet is checked and forks the future', () => {
    const { session } = configured();
    const end = session.current!.eventCount;
    expect(() => session.edit({ kind: 'packet', seq: 7, patch: { colour: 1 } }, end)).toThrow(/A packet has no field "colour"/);
    expect(() => session.edit({ kind: 'packet', seq: 99, patch: {} }, end)).toThrow('There is no packet #99: this trace has packets #0 to #39.');
    const { position } = session.edit({ kind: 'packet', seq: 7, patch: { dstPort: 999 } }, end);
    expect(position).toBe(session.positionOfPacket(7));
    // Alice's third knock went to the wrong port: she stays closed
    expect(session.frame(session.positionOfPacket(8)).packet).toMatchObject({ seq: 7, verdict: 'DROP', text: expect.stringContaining(':999 ') });
  });

  it('a bad edit changes nothing', () => {
    const { session, run } = configured();
    const before = session.frame(50);
    expect(() => session.edit({ kind: 'insert-packet', seq: 3, packet: { srcIp: 'mallory', dstPort: 22, proto: 'TCP' } }, 50)).toThrow(
      'The source address must be an IPv4 address such as 10.0.0.7, not "mallory".',
    );
    expect(() => session.edit({ kind: 'insert-packet', seq: 41, packet: { srcIp: '10.0.0.1', dstPort: 22, proto: 'TCP' } }, 50)).toThrow(
      'A new packet can go at #0 to #40, not at #41.',
    );
    expect(() => session.edit({ kind: 'config', config: { knock: 'x' } }, 50)).toThrow(/^Port-knocking firewall: knock port 1 must be/);
    expect(() => session.edit({ kind: 'rewind' } as never, 50)).toThrow('There is no edit of kind "rewind": use config, packet, insert-packet or drop.');
    expect(session.current).toBe(run);
    expect(session.frame(50)).toEqual(before);
  });

  it('a restarted worker rebuilds the same run from the remembered edits', () => {
    const { session } = configured();
    session.edit({ kind: 'config', config: { knock: [7, 8] } }, session.positionOfPacket(10));
    typeIn(session, session.positionOfPacket(14), '10.9.9.9', 7);
    typeIn(session, session.positionOfPacket(15), '10.9.9.9', 8);
    session.edit({ kind: 'packet', seq: 3, patch: { dstPort: 5 } }, session.positionOfPacket(30));
    const run = session.current!;
    const restarted = new ExplorerSession();
    const again = restarted.configure(run.scenario);
    expect({ ...again, buildMs: 0 }).toEqual({ ...run, buildMs: 0 });
    for (const p of [0, 33, 100, 150, run.eventCount]) expect(restarted.frame(p)).toEqual(session.frame(p));
    // the edits still fit when only the number of cores changes
    expect(restarted.configure({ ...run.scenario, cores: 2 }).packets).toBe(run.packets);
    // and say clearly when they do not
    expect(() => restarted.configure({ ...run.scenario, trace: { kind: 'generator', id: 'portknock', params: { packets: 10 } } })).toThrow(
      /^Edit 2 of 4 \(a packet typed in at #14\) no longer fits this run: A new packet can go at #0 to #10, not at #14\.$/,
    );
  });
});

describe('ExplorerSession: capture files', () => {
  const rest = { programId: 'portknock', config: { knock: KNOCK }, cores: 4 };

  it('reads a capture and runs it', () => {
    const session = new ExplorerSession();
    // as the worker receives it: a transferred ArrayBuffer
    const bytes = fixture('ipv4-mix.pcap').slice().buffer as ArrayBuffer;
    const run = session.loadCapture('ipv4-mix.pcap', bytes, rest);
    expect(run.scenario.trace).toEqual({ kind: 'capture', name: 'ipv4-mix.pcap' });
    expect(run.capture).toMatchObject({ format: 'pcap', linkTypes: [expect.stringContaining('Ethernet')] });
    expect(run.packets).toBeGreaterThan(0);
    expect(run.agreement.agree).toBe(true);
    const f = session.frame(run.eventCount);
    expect(f.packet?.seq).toBe(run.packets - 1);
    // the bytes stay with the run: the same scenario (e.g. with more cores) needs no new file
    expect(session.configure({ ...run.scenario, cores: 8 }).packets).toBe(run.packets);
    session.configure(story());
    expect(() => session.configure(run.scenario)).toThrow('The capture file "ipv4-mix.pcap" is no longer loaded: open the file again.');
  });

  it('reads pcapng too', () => {
    const run = new ExplorerSession().loadCapture('two.pcapng', fixture('two-interfaces.pcapng'), rest);
    expect(run.capture?.format).toBe('pcapng');
  });

  it('explains a file that is not a capture, and keeps the previous run', () => {
    const { session, run } = configured();
    const garbage = new TextEncoder().encode('<html><body>not a capture</body></html>');
    expect(() => session.loadCapture('page.html', garbage.buffer, rest)).toThrow(
      '"page.html" could not be read: Not a pcap or pcapng file (first 4 bytes 0x3c68746d look like text/HTML) at byte 0.',
    );
    expect(() => session.loadCapture('empty.pcap', new ArrayBuffer(0), rest)).toThrow('"empty.pcap" could not be read: The file is empty (0 bytes) at byte 0.');
    const cut = fixture('ipv4-mix.pcap').slice(0, 10);
    expect(() => session.loadCapture('cut.pcap', cut, rest)).toThrow(/^"cut\.pcap" could not be read: File ends inside the pcap file header at byte 0/);
    expect(() => session.loadCapture('ipv4-mix.pcap', fixture('ipv4-mix.pcap'), { ...rest, cores: 0 })).toThrow(/number of cores/);
    expect(session.current).toBe(run);
  });
});

describe('ExplorerSession: a long run', () => {
  it('draws any position of 200,000 packets on 16 cores', () => {
    const { session, run } = configured(story(200_000, 16));
    expect(run.eventCount).toBeGreaterThan(3_000_000);
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let k = 0; k < 40; k++) {
      const p = Math.floor(next() * run.eventCount);
      const f = session.frame(p);
      expect(f.position).toBe(p);
      expect(f.log).toHaveLength(LOG_LENGTH);
      expect(f.cores).toHaveLength(16);
      const keys = f.cores[0]!.rows.map((r) => r.key);
      for (const core of f.cores) expect(core.rows.map((r) => r.key)).toEqual(keys);
      // one step back and forward again
      expect(session.frame(p - 1).log.at(-1)?.index).toBe(p - 2);
      expect(session.frame(p).log).toEqual(f.log);
    }
  });
});

describe('ExplorerSession.replica', () => {
  it('lists a core\'s whole replica, capped, and rejects a core that does not exist', () => {
    const session = new ExplorerSession();
    const run = session.configure({
      programId: 'portknock',
      config: { knock: [100, 101, 102] },
      trace: { kind: 'generator', id: 'portknock', params: { packets: 400, seed: 3 } },
      cores: 4,
    });
    const end = session.replica(run.eventCount, 2, 5);
    expect(end.total).toBeGreaterThan(5);
    expect(end.rows).toHaveLength(5);
    expect(end.rows[0]).toMatchObject({ keyText: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/), value: expect.stringMatching(/^(CLOSED_\d|OPEN)$/) });
    expect(session.replica(0, 0).total).toBe(0);
    expect(() => session.replica(10, 9)).toThrow(/no core 9 in this run of 4 cores/);
  });
});

describe('trace columns for the charts', () => {
  it('copies the current trace, typed packets included', () => {
    const { session, run } = configured();
    session.edit({ kind: 'insert-packet', seq: 0, packet: { srcIp: '10.9.9.9', dstPort: 100, proto: 'TCP' } }, 0);
    const { programId, columns } = session.traceColumns();
    expect(programId).toBe('portknock');
    expect(columns.count).toBe(run.packets + 1);
    expect(columns.columns.srcIp[0]).toBe(((10 << 24) | (9 << 16) | (9 << 8) | 9) >>> 0);
  });
});
