import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, PROTO_ICMP, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN } from '../packet';
import { traceFromPackets, type PacketInit } from '../trace/trace';
import { ConfigError, recordBytes } from './program';
import { FREE_PORTS_KEY, describePool, nat, natKey, type NatConfig, type NatState } from './nat';
import { checkReplayAndClone, ip, ipv4Packet, runProgram } from './testing';

const host = (n: number): number => ip(`10.0.0.${n}`);

const SYN = TCP_SYN;
const ACK = TCP_ACK;
const FIN = TCP_FIN;
const RST = TCP_RST;

/** A TCP packet from inside host n, port 1000. */
const tcp = (n: number, flags: number, tsNs: number, srcPort = 1000): PacketInit =>
  ipv4Packet({ proto: PROTO_TCP, srcIp: host(n), srcPort, dstIp: ip('93.184.216.34'), dstPort: 443, tcpFlags: flags, tsNs });
const udp = (n: number, tsNs: number, srcPort = 1000): PacketInit =>
  ipv4Packet({ proto: PROTO_UDP, srcIp: host(n), srcPort, dstIp: ip('8.8.8.8'), dstPort: 53, tsNs });
const tcpKey = (n: number, port = 1000): number => natKey(host(n), port, PROTO_TCP);
const udpKey = (n: number, port = 1000): number => natKey(host(n), port, PROTO_UDP);

const small: NatConfig = { firstPort: 40000, lastPort: 40002, timeoutNs: 1000 };

const run = (packets: PacketInit[], config: NatConfig = small, state: NatState = nat.initState(config)) =>
  runProgram(nat, config, packets, state);

const portOf = (state: NatState, key: number): number | undefined => state.mappings.get(key)?.port;

describe('NAT port allocator', () => {
  it('hands out the lowest free port, drops when the pool is empty, and reuses a port freed by FIN', () => {
    const { state, verdicts } = run([
      tcp(1, SYN, 0),
      udp(2, 10),
      tcp(3, SYN, 20),
      tcp(4, SYN, 30), // pool exhausted
      tcp(1, ACK, 40),
      tcp(1, FIN | ACK, 50), // sent, then 40000 goes back to the pool
      tcp(4, SYN, 60), // takes 40000
      tcp(1, ACK, 70), // connection 1 is closed
      tcp(1, SYN, 80), // pool exhausted again
    ]);
    expect(verdicts).toEqual(['TX', 'TX', 'TX', 'DROP', 'TX', 'TX', 'TX', 'DROP', 'DROP']);
    expect(portOf(state, udpKey(2))).toBe(40001);
    expect(portOf(state, tcpKey(3))).toBe(40002);
    expect(portOf(state, tcpKey(4))).toBe(40000);
    expect(state.mappings.get(tcpKey(1))).toEqual({ port: 40000, lastNs: 50, open: false, sent: false });
    // Least recently used first: connection 1's closed entry was last refreshed by its FIN.
    expect([...state.mappings.keys()]).toEqual([udpKey(2), tcpKey(3), tcpKey(1), tcpKey(4)]);
    expect(describePool(state)).toBe('none (all 3 in use)');
    expect(state.free).toBe(0);
  });

  it('frees on RST, and always prefers the lowest free port', () => {
    const { state, verdicts } = run([
      tcp(1, SYN, 0),
      tcp(2, SYN, 0),
      tcp(3, SYN, 0),
      tcp(2, RST, 1), // frees 40001
      tcp(1, RST | ACK, 2), // frees 40000
      udp(5, 3),
      udp(6, 4),
    ]);
    expect(verdicts).toEqual(['TX', 'TX', 'TX', 'TX', 'TX', 'TX', 'TX']);
    expect(portOf(state, udpKey(5))).toBe(40000);
    expect(portOf(state, udpKey(6))).toBe(40001);
  });

  it('reclaims mappings idle for longer than the timeout when the next port is handed out', () => {
    const { state, verdicts } = run([
      tcp(1, SYN, 0), // 40000
      udp(2, 100), // 40001
      tcp(1, ACK, 500), // refreshes connection 1
      tcp(3, SYN, 1200), // 2 has been idle 1100 ns > 1000: reclaimed, 40001 goes to 3
      udp(2, 1300), // a new mapping for 2: 40002
    ]);
    expect(verdicts).toEqual(['TX', 'TX', 'TX', 'TX', 'TX']);
    expect(portOf(state, tcpKey(1))).toBe(40000);
    expect(portOf(state, tcpKey(3))).toBe(40001);
    expect(portOf(state, udpKey(2))).toBe(40002);
    expect(state.mappings.get(udpKey(2))?.lastNs).toBe(1300);
  });

  it('keeps an idle mapping until an allocation reclaims it, and clears closed entries the same way', () => {
    const late = run([tcp(1, SYN, 0), tcp(1, ACK, 5000)]);
    expect(late.verdicts).toEqual(['TX', 'TX']);

    const { state } = run([tcp(1, SYN, 0), tcp(1, FIN | ACK, 10), tcp(2, SYN, 1010), tcp(3, SYN, 1011)]);
    // At 1010 the closed entry had been idle exactly 1000 ns: kept. At 1011 it goes.
    expect([...state.mappings.keys()]).toEqual([tcpKey(2), tcpKey(3)]);
    expect(portOf(state, tcpKey(2))).toBe(40000);
    expect(portOf(state, tcpKey(3))).toBe(40001);
  });

  it('drops TCP packets other than SYN for unmapped connections, and lets non-TCP/UDP traffic pass', () => {
    const packets: PacketInit[] = [
      tcp(1, ACK, 0),
      tcp(1, SYN | ACK, 0),
      tcp(1, FIN, 0),
      ipv4Packet({ proto: PROTO_ICMP, srcIp: host(1), dstIp: host(2) }),
      { ethertype: ETHERTYPE_ARP },
    ];
    const { state, verdicts } = run(packets);
    expect(verdicts).toEqual(['DROP', 'DROP', 'DROP', 'PASS', 'PASS']);
    expect(state.mappings.size).toBe(0);
    expect(state.free).toBe(3);
    const trace = traceFromPackets(packets);
    expect(nat.keyOf(nat.extract(trace, 3))).toBeNull();
    expect(nat.keyOf(nat.extract(trace, 4))).toBeNull();
    expect(nat.describeRecord(nat.extract(trace, 3))).toBe('10.0.0.1 ICMP (not translated)');
    expect(nat.describeRecord(nat.extract(trace, 4))).toBe('not IPv4');
  });

  it('says which records touch the global pool', () => {
    const trace = traceFromPackets([
      tcp(1, SYN, 0),
      tcp(1, SYN | ACK, 0),
      tcp(1, ACK | TCP_PSH, 0),
      tcp(1, FIN | ACK, 0),
      tcp(1, RST, 0),
      udp(1, 0),
      ipv4Packet({ proto: PROTO_ICMP }),
    ]);
    const touches = Array.from({ length: trace.count }, (_, i) => nat.touchesGlobal(nat.extract(trace, i)));
    expect(touches).toEqual([true, false, false, true, true, true, false]);
  });

  it('describes the pool, keys, entries and records', () => {
    const { state } = run(
      [tcp(1, SYN, 0), tcp(2, SYN, 0), tcp(3, SYN, 0), tcp(4, SYN, 0), tcp(5, SYN, 0), tcp(4, FIN, 1500)],
      nat.defaultConfig,
    );
    expect(describePool(state)).toBe('40003, 40005..40063 (60 free)');
    const entries = [...nat.entries(state, nat.defaultConfig)];
    expect(entries[0]).toEqual([FREE_PORTS_KEY, '40003, 40005..40063 (60 free)']);
    expect(entries).toHaveLength(6);
    expect(nat.stateSize(state)).toBe(6);
    expect(nat.describeEntry(state, tcpKey(1), nat.defaultConfig)).toBe('outside port 40000 · last packet at 0 ns');
    expect(nat.describeEntry(state, tcpKey(4), nat.defaultConfig)).toBe('closed, port 40003 back in the pool · at 1.5 µs');
    expect(nat.describeEntry(state, FREE_PORTS_KEY, nat.defaultConfig)).toBe('40003, 40005..40063 (60 free)');
    expect(nat.describeEntry(state, tcpKey(9), nat.defaultConfig)).toBeUndefined();
    expect(nat.describeKey(tcpKey(1))).toBe('10.0.0.1:1000 TCP');
    expect(nat.describeKey(udpKey(200, 65535))).toBe('10.0.0.200:65535 UDP');
    expect(nat.describeKey(String(udpKey(2)))).toBe('10.0.0.2:1000 UDP');
    expect(nat.describeKey(FREE_PORTS_KEY)).toBe('free outside ports (global)');
    const trace = traceFromPackets([tcp(1, SYN, 2_000_000), udp(2, 0)]);
    expect(nat.describeRecord(nat.extract(trace, 0))).toBe('10.0.0.1:1000 TCP SYN at 2 ms');
    expect(nat.describeRecord(nat.extract(trace, 1))).toBe('10.0.0.2:1000 UDP at 0 ns');
    expect(nat.keyOf(nat.extract(trace, 0))).toBe(tcpKey(1));

    const wide = { firstPort: 40000, lastPort: 40019, timeoutNs: 1000 };
    const all = run(Array.from({ length: 20 }, (_, i) => udp(1, 0, 2000 + i)), wide).state;
    const half = run(Array.from({ length: 10 }, (_, i) => tcp(1, SYN, 0, 3000 + i)), wide).state;
    expect(describePool(all)).toBe('none (all 20 in use)');
    expect(describePool(half)).toBe('40010..40019 (10 free)');
    const gaps = run(
      Array.from({ length: 20 }, (_, i) => tcp(1, SYN, 0, 3000 + i)).concat(Array.from({ length: 10 }, (_, i) => tcp(1, RST, 1, 3000 + 2 * i))),
      wide,
    ).state;
    expect(describePool(gaps)).toBe('40000, 40002, 40004, 40006, 40008, 40010, 40012, 40014, … (10 free in 10 ranges)');
  });

  it('has a 16-byte record (the primer’s ~8 B plus an 8-byte timestamp for the timeout)', () => {
    expect(recordBytes(nat)).toBe(16);
    expect(nat.scope).toMatchObject({ kind: 'per-key-plus-global', hashedBy: 'src-ip' });
  });

  it('parseConfig: defaults, a 64-port pool from the first port, and clear errors', () => {
    expect(nat.parseConfig(undefined)).toEqual({ firstPort: 40000, lastPort: 40063, timeoutNs: 30_000_000_000 });
    expect(nat.parseConfig({ firstPort: 50000 })).toEqual({ firstPort: 50000, lastPort: 50063, timeoutNs: 30_000_000_000 });
    expect(nat.parseConfig({ firstPort: 65500 })).toMatchObject({ lastPort: 65535 });
    expect(nat.parseConfig({ firstPort: '1024', lastPort: '1024', timeoutNs: '5_000' })).toEqual({ firstPort: 1024, lastPort: 1024, timeoutNs: 5000 });
    expect(() => nat.parseConfig({ firstPort: 40010, lastPort: 40000 })).toThrow(
      new ConfigError('the last pool port (40000) must not be below the first (40010)'),
    );
    expect(() => nat.parseConfig({ lastPort: 70000 })).toThrow('the last pool port must be a whole number from 1 to 65,535, not 70000');
    expect(() => nat.parseConfig({ timeoutNs: 0 })).toThrow(/idle timeout \(ns\) must be a whole number from 1 to/);
    expect(() => nat.parseConfig({ pool: '40000-40063' })).toThrow(/has no setting "pool"/);
  });

  it('clones without sharing, and compares exactly', () => {
    const { state } = run([tcp(1, SYN, 0), udp(2, 10)]);
    const copy = nat.cloneState(state);
    expect(nat.stateEquals(state, copy)).toBe(true);
    run([tcp(3, SYN, 20), tcp(1, FIN, 30)], small, copy);
    expect(state.free).toBe(1);
    expect([...state.used]).toEqual([1, 1, 0]);
    expect(state.mappings.get(tcpKey(1))?.open).toBe(true);
    expect(nat.stateEquals(state, copy)).toBe(false);

    const hinted = nat.cloneState(state);
    hinted.hint = 0; // only a search start: equal all the same
    expect(nat.stateEquals(state, hinted)).toBe(true);
    const reordered = nat.cloneState(state);
    const first = reordered.mappings.get(tcpKey(1));
    reordered.mappings.delete(tcpKey(1));
    reordered.mappings.set(tcpKey(1), first as NonNullable<typeof first>);
    expect(nat.stateEquals(state, reordered)).toBe(false);
    const otherBit = nat.cloneState(state);
    otherBit.used[1] = 0;
    otherBit.used[2] = 1;
    expect(nat.stateEquals(state, otherBit)).toBe(false);
  });

  const packetsArb: fc.Arbitrary<PacketInit[]> = fc
    .array(
      fc.record({
        n: fc.integer({ min: 1, max: 5 }),
        isUdp: fc.boolean(),
        flags: fc.constantFrom(SYN, SYN, ACK, ACK | TCP_PSH, FIN | ACK, RST),
        gap: fc.constantFrom(0, 50, 400, 1200),
        ethertype: fc.constantFrom(ETHERTYPE_IPV4, ETHERTYPE_IPV4, ETHERTYPE_IPV4, ETHERTYPE_ARP),
      }),
      { maxLength: 80 },
    )
    .map((items) => {
      let t = 0;
      return items.map(({ n, isUdp, flags, gap, ethertype }) => {
        t += gap;
        return { ...(isUdp ? udp(n, t) : tcp(n, flags, t)), ethertype };
      });
    });

  function checkPool(state: NatState): void {
    const openPorts = [...state.mappings.values()].filter((m) => m.open).map((m) => m.port);
    expect(new Set(openPorts).size).toBe(openPorts.length);
    expect(state.free).toBe(state.used.length - openPorts.length);
    for (const port of openPorts) expect(state.used[port - state.firstPort]).toBe(1);
    for (let i = 0; i < state.hint; i++) expect(state.used[i]).toBe(1);
  }

  it('property: the same records give equal states, a clone taken mid-way evolves identically, the pool stays consistent', () => {
    fc.assert(
      fc.property(packetsArb, fc.nat(), (packets, cutSeed) => {
        checkReplayAndClone(nat, small, packets, cutSeed, checkPool);
      }),
    );
  });
});
