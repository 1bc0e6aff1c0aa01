import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ETHERTYPE_ARP, PROTO_ICMP, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../packet';
import { traceFromPackets, type PacketInit } from '../trace/trace';
import { ConfigError, recordBytes, type Verdict } from './program';
import {
  TCP_STATES,
  TCP_TRANSITIONS,
  classifySegment,
  connectionKey,
  conntrack as ct,
  type ConntrackConfig,
  type ConntrackState,
} from './conntrack';
import { checkReplayAndClone, ip, ipv4Packet, runSteps } from './testing';

const C = { ip: ip('10.0.0.7'), port: 5000 }; // the lower endpoint
const S = { ip: ip('10.0.0.9'), port: 80 };
const KEY = '10.0.0.7:5000<>10.0.0.9:80';

type Endpoint = typeof C;
const SYN = TCP_SYN;
const ACK = TCP_ACK;
const FIN = TCP_FIN;
const RST = TCP_RST;
const PSH = TCP_PSH;

function seg(from: Endpoint, to: Endpoint, flags: number, seq: number, ack: number, tsNs = 0): PacketInit {
  return ipv4Packet({
    proto: PROTO_TCP,
    srcIp: from.ip,
    srcPort: from.port,
    dstIp: to.ip,
    dstPort: to.port,
    tcpFlags: flags,
    tcpSeq: seq,
    tcpAck: ack,
    tsNs,
  });
}

const config: ConntrackConfig = { timeWaitNs: 1000 };

/** Runs the packets in order; returns each verdict and the connection's state after each packet. */
function run(packets: PacketInit[], state: ConntrackState = ct.initState(config), key = KEY, cfg = config) {
  const verdicts: Verdict[] = [];
  const states: string[] = [];
  for (const { verdict } of runSteps(ct, cfg, packets, state)) {
    verdicts.push(verdict);
    states.push(state.get(key)?.state ?? 'NONE');
  }
  return { state, verdicts, states };
}

const handshake = (client = C, server = S): PacketInit[] => [
  seg(client, server, SYN, 100, 0),
  seg(server, client, SYN | ACK, 300, 101),
  seg(client, server, ACK, 101, 301),
];

describe('TCP connection tracker', () => {
  it('follows a handshake, data, and a teardown started by the initiator', () => {
    const { state, verdicts, states } = run([
      ...handshake(),
      seg(C, S, PSH | ACK, 101, 301),
      seg(S, C, ACK, 301, 151),
      seg(C, S, FIN | ACK, 151, 301),
      seg(C, S, ACK, 152, 301), // the closer's own ACK does not move it on
      seg(S, C, ACK, 301, 151), // acknowledges data, not the FIN
      seg(S, C, ACK, 301, 152), // acknowledges the FIN
      seg(S, C, PSH | ACK, 301, 152), // half-closed: the peer may still send
      seg(S, C, FIN | ACK, 351, 152),
      seg(C, S, ACK, 152, 351), // too low for the second FIN
      seg(C, S, ACK, 152, 352, 50),
    ]);
    expect(verdicts.every((v) => v === 'PASS')).toBe(true);
    expect(states).toEqual([
      'SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED',
      'FIN_WAIT_1', 'FIN_WAIT_1', 'FIN_WAIT_1', 'FIN_WAIT_2', 'FIN_WAIT_2',
      'LAST_ACK', 'LAST_ACK', 'TIME_WAIT',
    ]);
    expect(state.get(KEY)).toEqual({
      state: 'TIME_WAIT',
      initiatorIsLow: true,
      closerIsLow: true,
      initiatorNext: 101,
      responderNext: 301,
      finNext: 352,
      lastNs: 50,
      passed: true,
    });
  });

  it('follows a teardown started by the responder, and describes each step', () => {
    const state = run(handshake()).state;
    const described: string[] = [];
    for (const p of [seg(S, C, FIN | ACK, 301, 101), seg(C, S, ACK, 101, 302), seg(C, S, FIN | ACK, 101, 302), seg(S, C, ACK, 302, 102)]) {
      const { verdicts } = run([p], state);
      expect(verdicts).toEqual(['PASS']);
      described.push(ct.describeEntry(state, KEY, config) as string);
    }
    expect(described).toEqual([
      'FIN_WAIT_1 · 10.0.0.9:80 sent FIN · last valid packet at 0 ns',
      'FIN_WAIT_2 · 10.0.0.9:80 closed, 10.0.0.7:5000 in CLOSE_WAIT · last valid packet at 0 ns',
      "LAST_ACK · both sent FIN, waiting for 10.0.0.9:80's last ACK · last valid packet at 0 ns",
      'TIME_WAIT · closed, waiting for stray packets · last valid packet at 0 ns',
    ]);
  });

  it('keys both directions to one entry even when the initiator is the higher endpoint', () => {
    const client = { ip: ip('10.0.0.20'), port: 6000 };
    const key = '10.0.0.9:80<>10.0.0.20:6000';
    const { state, verdicts, states } = run(
      [
        ...handshake(client, S),
        seg(client, S, FIN | ACK, 101, 301),
        seg(S, client, FIN | ACK, 301, 102), // FIN and ACK of the first FIN at once
        seg(client, S, ACK, 102, 302),
      ],
      undefined,
      key,
    );
    expect(verdicts.every((v) => v === 'PASS')).toBe(true);
    expect(states).toEqual(['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT_1', 'LAST_ACK', 'TIME_WAIT']);
    expect(state.get(key)?.initiatorIsLow).toBe(false);
    expect([...state.keys()]).toEqual([key]);
    expect(ct.describeKey(key)).toBe('10.0.0.9:80 ⇄ 10.0.0.20:6000 TCP');
    expect(connectionKey(S.ip, S.port, client.ip, client.port)).toBe(key);
    expect(connectionKey(client.ip, client.port, S.ip, S.port)).toBe(key);
    // Same address: the lower port comes first.
    expect(connectionKey(C.ip, 9000, C.ip, 22)).toBe('10.0.0.7:22<>10.0.0.7:9000');
  });

  it('drops a SYN-ACK with the wrong ack number or from the wrong side, then accepts the right one', () => {
    const { state, verdicts, states } = run([
      seg(C, S, SYN, 100, 0),
      seg(S, C, SYN | ACK, 300, 999),
      seg(C, S, SYN | ACK, 300, 101), // the initiator cannot answer its own SYN
      seg(S, C, SYN | ACK, 300, 101),
      seg(C, S, ACK, 101, 300), // wrong: must acknowledge 301
      seg(C, S, ACK, 101, 301),
    ]);
    expect(verdicts).toEqual(['PASS', 'DROP', 'DROP', 'PASS', 'DROP', 'PASS']);
    expect(states).toEqual(['SYN_SENT', 'SYN_SENT', 'SYN_SENT', 'SYN_RECV', 'SYN_RECV', 'ESTABLISHED']);
    expect(state.get(KEY)?.passed).toBe(true);
  });

  it('shows a dropped packet in the entry', () => {
    const { state } = run([seg(C, S, SYN, 100, 0), seg(S, C, SYN | ACK, 300, 7)]);
    expect(ct.describeEntry(state, KEY, config)).toBe('SYN_SENT · opened by 10.0.0.7:5000 · last packet DROPPED · last valid packet at 0 ns');
  });

  it('drops packets of unknown connections without creating an entry', () => {
    const { state, verdicts } = run([
      seg(C, S, ACK, 1, 1),
      seg(S, C, SYN | ACK, 300, 101),
      seg(C, S, RST, 1, 0),
      seg(C, S, FIN | ACK, 1, 1),
      seg(C, S, SYN | FIN, 1, 0),
      seg(C, S, SYN | RST, 1, 0),
      seg(C, S, 0, 1, 0),
    ]);
    expect(verdicts.every((v) => v === 'DROP')).toBe(true);
    expect(state.size).toBe(0);
  });

  it('closes on RST from either side, drops what follows, and lets a new SYN reopen', () => {
    const { verdicts, states } = run([
      ...handshake(),
      seg(S, C, RST, 301, 0),
      seg(C, S, ACK, 101, 301),
      seg(C, S, SYN, 5000, 0),
      seg(S, C, RST | ACK, 0, 5001),
    ]);
    expect(verdicts).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'DROP', 'PASS', 'PASS']);
    expect(states).toEqual(['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'CLOSED', 'CLOSED', 'SYN_SENT', 'CLOSED']);
  });

  it('leaves TIME_WAIT after timeWaitNs without a valid packet, then accepts a new connection', () => {
    const teardown = [
      ...handshake(),
      seg(C, S, FIN | ACK, 101, 301),
      seg(S, C, FIN | ACK, 301, 102),
      seg(C, S, ACK, 102, 302, 100),
    ];
    const { state, verdicts, states } = run([
      ...teardown,
      seg(C, S, ACK, 102, 302, 1099), // 999 ns later: still TIME_WAIT, retransmission passes
      seg(C, S, ACK, 102, 302, 2099), // 1000 ns after the last valid packet: CLOSED
      seg(C, S, SYN, 7000, 0, 2100),
    ]);
    expect(verdicts.slice(teardown.length)).toEqual(['PASS', 'DROP', 'PASS']);
    expect(states.slice(teardown.length - 1)).toEqual(['TIME_WAIT', 'TIME_WAIT', 'CLOSED', 'SYN_SENT']);
    expect(state.get(KEY)?.initiatorNext).toBe(7001);
    // A SYN during TIME_WAIT reuses the connection at once, from either side.
    const reuse = run([...teardown, seg(S, C, SYN, 9000, 0, 200)]);
    expect(reuse.states.at(-1)).toBe('SYN_SENT');
    expect(reuse.state.get(KEY)?.initiatorIsLow).toBe(false);
  });

  it('compares sequence numbers modulo 2^32', () => {
    const { verdicts, states } = run([
      seg(C, S, SYN, 0xffffffff, 0),
      seg(S, C, SYN | ACK, 10, 0),
      seg(C, S, ACK, 0, 11),
      seg(C, S, FIN | ACK, 0xfffffff0, 11),
      seg(S, C, ACK, 11, 5), // beyond the FIN (it carried data), across the wrap
    ]);
    expect(verdicts.every((v) => v === 'PASS')).toBe(true);
    expect(states).toEqual(['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2']);
  });

  it('lets non-TCP packets through untouched', () => {
    const packets: PacketInit[] = [
      ipv4Packet({ proto: PROTO_UDP, srcIp: C.ip, dstIp: S.ip, srcPort: 5000, dstPort: 53 }),
      ipv4Packet({ proto: PROTO_ICMP, srcIp: C.ip, dstIp: S.ip }),
      { ethertype: ETHERTYPE_ARP },
    ];
    const { state, verdicts } = run(packets);
    expect(verdicts).toEqual(['PASS', 'PASS', 'PASS']);
    expect(state.size).toBe(0);
    const trace = traceFromPackets(packets);
    expect([0, 1, 2].map((i) => ct.keyOf(ct.extract(trace, i)))).toEqual([null, null, null]);
    expect(ct.describeRecord(ct.extract(trace, 0))).toBe('10.0.0.7:5000 → 10.0.0.9:53 UDP (not TCP)');
    expect(ct.describeRecord(ct.extract(trace, 2))).toBe('not IPv4');
  });

  it('describes records, and has a 30-byte record', () => {
    const trace = traceFromPackets([seg(S, C, SYN | ACK, 300, 101), seg(C, S, ACK, 101, 301)]);
    const r0 = ct.extract(trace, 0);
    expect(ct.describeRecord(r0)).toBe('10.0.0.9:80 → 10.0.0.7:5000 SYN+ACK seq 300 ack 101');
    expect(ct.keyOf(r0)).toBe(KEY);
    expect(ct.keyOf(ct.extract(trace, 1))).toBe(KEY);
    expect(ct.touchesGlobal(r0)).toBe(false);
    expect(recordBytes(ct)).toBe(30);
  });

  it('classifies segments and has a row for every state', () => {
    expect(classifySegment(SYN)).toBe('SYN');
    expect(classifySegment(SYN | ACK)).toBe('SYN-ACK');
    expect(classifySegment(ACK | PSH)).toBe('ACK');
    expect(classifySegment(FIN)).toBe('FIN');
    expect(classifySegment(FIN | ACK | PSH)).toBe('FIN');
    expect(classifySegment(RST | ACK)).toBe('RST');
    expect(classifySegment(SYN | RST)).toBe('INVALID');
    expect(classifySegment(SYN | FIN)).toBe('INVALID');
    expect(classifySegment(0)).toBe('INVALID');
    for (const s of [...TCP_STATES, 'NONE' as const]) expect(TCP_TRANSITIONS[s].length).toBeGreaterThan(0);
  });

  it('parseConfig: default 120 s and clear errors', () => {
    expect(ct.parseConfig(undefined)).toEqual({ timeWaitNs: 120_000_000_000 });
    expect(ct.parseConfig({ timeWaitNs: '60,000,000,000' })).toEqual({ timeWaitNs: 60_000_000_000 });
    expect(() => ct.parseConfig({ timeWaitNs: -1 })).toThrow(
      new ConfigError('the TIME_WAIT duration (ns) must be a whole number from 1 to 86,400,000,000,000, not -1'),
    );
    expect(() => ct.parseConfig({ timeout: 1 })).toThrow(/has no setting "timeout"/);
  });

  it('clones without sharing, and compares exactly', () => {
    const { state } = run(handshake());
    const copy = ct.cloneState(state);
    expect(ct.stateEquals(state, copy)).toBe(true);
    run([seg(C, S, FIN | ACK, 101, 301)], copy);
    expect(state.get(KEY)?.state).toBe('ESTABLISHED');
    expect(ct.stateEquals(state, copy)).toBe(false);
    const fields = ['initiatorIsLow', 'closerIsLow', 'initiatorNext', 'responderNext', 'finNext', 'lastNs', 'passed'] as const;
    for (const field of fields) {
      const other = ct.cloneState(state);
      const conn = other.get(KEY) as unknown as Record<string, unknown>;
      conn[field] = typeof conn[field] === 'boolean' ? !conn[field] : (conn[field] as number) + 1;
      expect(ct.stateEquals(state, other)).toBe(false);
    }
  });

  const endpoints = [C, S, { ip: ip('10.0.0.20'), port: 6000 }];
  const packetsArb: fc.Arbitrary<PacketInit[]> = fc.array(
    fc.record({
      from: fc.constantFrom(...endpoints),
      to: fc.constantFrom(...endpoints),
      flags: fc.constantFrom(SYN, SYN | ACK, ACK, ACK | PSH, FIN | ACK, RST, RST | ACK, SYN | FIN),
      seq: fc.constantFrom(100, 101, 300, 301, 0xffffffff),
      ack: fc.constantFrom(0, 101, 102, 301, 302),
      gap: fc.constantFrom(0, 10, 600),
      udp: fc.boolean(),
    }),
    { maxLength: 80 },
  ).map((items) => {
    let t = 0;
    return items.map(({ from, to, flags, seq, ack, gap, udp }) => {
      t += gap;
      const p = seg(from, to, flags, seq, ack, t);
      return udp && flags === ACK ? { ...p, proto: PROTO_UDP } : p;
    });
  });

  it('property: the same records give equal states, and a clone taken mid-way evolves identically', () => {
    fc.assert(
      fc.property(packetsArb, fc.nat(), (packets, cutSeed) => {
        checkReplayAndClone(ct, config, packets, cutSeed);
      }),
    );
  });
});
