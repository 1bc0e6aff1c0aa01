import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ETHERTYPE_ARP, PROTO_ICMP, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_SYN } from '../packet';
import { traceFromPackets, type PacketInit } from '../trace/trace';
import { ConfigError, recordBytes } from './program';
import { tokenBucket as tb, type TokenBucketConfig, type TokenBucketState } from './token-bucket';
import { checkReplayAndClone, ip, ipv4Packet, runProgram as run } from './testing';

const C = ip('10.0.0.7');
const S = ip('10.0.0.9');
const KEY = '10.0.0.7:5000>10.0.0.9:80/17';

const at = (tsNs: number, extra: PacketInit = {}): PacketInit =>
  ipv4Packet({ proto: PROTO_UDP, srcIp: C, dstIp: S, srcPort: 5000, dstPort: 80, tsNs, ...extra });

describe('token-bucket policer', () => {
  const config: TokenBucketConfig = { nsPerToken: 1000, capacity: 4, initialTokens: 4 };

  it('starts a flow with a full bucket, drops when it is empty, refills by elapsed time up to the cap', () => {
    const { state, verdicts } = run(tb, config, [at(0), at(0), at(0), at(0), at(0)]);
    expect(verdicts).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'DROP']);
    expect(state.get(KEY)).toEqual({ tokens: 0, lastNs: 0, passed: false });

    // 2500 ns later: 2 whole tokens earned, the 500 ns already earned towards a third are kept.
    expect(run(tb, config, [at(2500)], state).verdicts).toEqual(['PASS']);
    expect(state.get(KEY)).toEqual({ tokens: 1, lastNs: 2000, passed: true });

    // 900 ns later, 1400 ns since the credited time: one more token.
    expect(run(tb, config, [at(3400)], state).verdicts).toEqual(['PASS']);
    expect(state.get(KEY)).toEqual({ tokens: 1, lastNs: 3000, passed: true });

    // A long gap fills the bucket only to its capacity (4), then the packet takes one.
    expect(run(tb, config, [at(1_000_000)], state).verdicts).toEqual(['PASS']);
    expect(state.get(KEY)).toEqual({ tokens: 3, lastNs: 1_000_000, passed: true });
  });

  it('keeps partial credit, so packets closer together than one token still get refills', () => {
    const cfg = { nsPerToken: 1000, capacity: 4, initialTokens: 1 };
    const { state, verdicts } = run(tb, cfg, [at(0), at(600), at(1200), at(1800), at(2400)]);
    expect(verdicts).toEqual(['PASS', 'DROP', 'PASS', 'DROP', 'PASS']);
    expect(state.get(KEY)).toEqual({ tokens: 0, lastNs: 2000, passed: true });
  });

  it('refills nothing when time goes backwards', () => {
    const { state } = run(tb, config, [at(5000), at(5000), at(4000)]);
    expect(state.get(KEY)).toEqual({ tokens: 1, lastNs: 5000, passed: true });
  });

  it('uses the artifact numbers by default: 1 token per 1024 ns, cap 16, 15 tokens after the first packet', () => {
    const d = tb.defaultConfig;
    expect(d).toEqual({ nsPerToken: 1024, capacity: 16, initialTokens: 16 });
    const { state } = run(tb, d, [at(100)]);
    expect(state.get(KEY)).toEqual({ tokens: 15, lastNs: 100, passed: true });
    run(tb, d, Array.from({ length: 14 }, () => at(100)), state);
    expect(state.get(KEY)).toEqual({ tokens: 1, lastNs: 100, passed: true });
    run(tb, d, [at(100 + 3 * 1024 + 1023)], state);
    expect(state.get(KEY)).toEqual({ tokens: 3, lastNs: 100 + 3 * 1024, passed: true });
    // A refill that would pass the capacity stops there and restarts the clock.
    run(tb, d, [at(100 + 40 * 1024)], state);
    expect(state.get(KEY)).toEqual({ tokens: 15, lastNs: 100 + 40 * 1024, passed: true });
  });

  it('artifact: non-IP and non-TCP/UDP dropped, a bucket only from a SYN or UDP, every refill restarts the clock', () => {
    const art = tb.parseConfig({ nsPerToken: 1000, capacity: 4, initialTokens: 1, artifact: true });
    expect(art).toEqual({ nsPerToken: 1000, capacity: 4, initialTokens: 1, artifact: true });
    const tcp = (tsNs: number, flags: number): PacketInit => at(tsNs, { proto: PROTO_TCP, tcpFlags: flags });
    const tcpKey = '10.0.0.7:5000>10.0.0.9:80/6';
    // A mid-connection ACK makes no bucket and passes; the SYN makes one.
    const mid = run(tb, art, [tcp(0, TCP_ACK), tcp(0, TCP_SYN), tcp(0, TCP_ACK)]);
    expect(mid.verdicts).toEqual(['PASS', 'PASS', 'DROP']);
    expect(mid.state.get(tcpKey)).toEqual({ tokens: 0, lastNs: 0, passed: false });
    expect(run(tb, { ...config, initialTokens: 1 }, [tcp(0, TCP_ACK), tcp(0, TCP_SYN)]).verdicts).toEqual(['PASS', 'DROP']);
    // 600 ns apart: the teaching form keeps the partial token, the artifact loses it each time.
    const times = [at(0), at(600), at(1200), at(1800), at(2400)];
    expect(run(tb, art, times).verdicts).toEqual(['PASS', 'DROP', 'DROP', 'DROP', 'DROP']);
    expect(run(tb, { ...config, initialTokens: 1 }, times).verdicts).toEqual(['PASS', 'DROP', 'PASS', 'DROP', 'PASS']);
    const icmp = ipv4Packet({ proto: PROTO_ICMP, srcIp: C, dstIp: S });
    const arp: PacketInit = { ethertype: ETHERTYPE_ARP };
    expect(run(tb, art, [icmp, arp]).verdicts).toEqual(['DROP', 'DROP']);
    expect(run(tb, config, [icmp, arp]).verdicts).toEqual(['PASS', 'PASS']);
  });

  it('lets a FIN through and deletes the bucket; the next packet starts afresh', () => {
    const tcp = (tsNs: number, flags: number): PacketInit => at(tsNs, { proto: PROTO_TCP, tcpFlags: flags });
    const tcpKey = '10.0.0.7:5000>10.0.0.9:80/6';
    const { state, verdicts } = run(tb, { ...config, initialTokens: 1 }, [tcp(0, TCP_SYN), tcp(0, TCP_ACK), tcp(0, TCP_FIN | TCP_ACK), tcp(0, TCP_ACK)]);
    expect(verdicts).toEqual(['PASS', 'DROP', 'PASS', 'PASS']);
    expect(state.get(tcpKey)).toEqual({ tokens: 0, lastNs: 0, passed: true });
    const fin = tb.extract(traceFromPackets([tcp(0, TCP_FIN)]), 0);
    expect(tb.keyOf(fin)).toBe(tcpKey);
    expect(tb.describeRecord(fin)).toBe('10.0.0.7:5000 → 10.0.0.9:80 TCP FIN at 0 ns');
  });

  it('polices each 5-tuple on its own and lets other traffic through untouched', () => {
    const packets: PacketInit[] = [
      at(0),
      at(0, { srcPort: 5001 }),
      at(0, { proto: PROTO_ICMP, srcPort: 0, dstPort: 0 }),
      { ethertype: ETHERTYPE_ARP, tsNs: 0 },
    ];
    const { state, verdicts } = run(tb, { ...config, initialTokens: 1 }, packets);
    expect(verdicts).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
    expect([...state.keys()]).toEqual([KEY, '10.0.0.7:5001>10.0.0.9:80/17']);
    const trace = traceFromPackets(packets);
    expect(tb.keyOf(tb.extract(trace, 2))).toBeNull();
    expect(tb.keyOf(tb.extract(trace, 3))).toBeNull();
  });

  it('describes records, keys and buckets', () => {
    const { state } = run(tb, config, [at(1536)]);
    const rec = tb.extract(traceFromPackets([at(1536)]), 0);
    expect(tb.describeRecord(rec)).toBe('10.0.0.7:5000 → 10.0.0.9:80 UDP at 1.536 µs');
    expect(tb.describeKey(KEY)).toBe('10.0.0.7:5000 → 10.0.0.9:80 UDP');
    expect(tb.describeEntry(state, KEY, config)).toBe('3 of 4 tokens · last packet passed · refilled to 1.536 µs');
    expect([...tb.entries(state, config)]).toHaveLength(1);
    expect(tb.describeEntry(state, 'nope', config)).toBeUndefined();
  });

  it('has a 22-byte record', () => {
    expect(recordBytes(tb)).toBe(22);
  });

  it('parseConfig: defaults, a full bucket for a new capacity, and clear errors', () => {
    expect(tb.parseConfig(undefined)).toEqual(tb.defaultConfig);
    expect(tb.parseConfig({ capacity: 32 })).toEqual({ nsPerToken: 1024, capacity: 32, initialTokens: 32 });
    expect(tb.parseConfig({ nsPerToken: '2048', initialTokens: 0 })).toEqual({ nsPerToken: 2048, capacity: 16, initialTokens: 0 });
    expect(() => tb.parseConfig({ initialTokens: 20 })).toThrow(new ConfigError('the initial tokens must be a whole number from 0 to 16, not 20'));
    expect(() => tb.parseConfig({ capacity: 0 })).toThrow('the bucket capacity must be a whole number from 1 to 1,000,000, not 0');
    expect(() => tb.parseConfig({ nsPerToken: 'fast' })).toThrow(/ns per token.*not "fast"/);
    expect(() => tb.parseConfig({ rate: 1 })).toThrow(ConfigError);
  });

  it('clones without sharing, and compares exactly', () => {
    const { state } = run(tb, config, [at(0), at(0, { srcPort: 7 })]);
    const copy = tb.cloneState(state);
    expect(tb.stateEquals(state, copy)).toBe(true);
    run(tb, config, [at(0)], copy);
    expect(state.get(KEY)).toEqual({ tokens: 3, lastNs: 0, passed: true });
    expect(tb.stateEquals(state, copy)).toBe(false);
    const other = tb.cloneState(state);
    (other.get(KEY) as { passed: boolean }).passed = false;
    expect(tb.stateEquals(state, other)).toBe(false);
    const later = tb.cloneState(state);
    (later.get(KEY) as { lastNs: number }).lastNs = 1;
    expect(tb.stateEquals(state, later)).toBe(false);
  });

  const packetsArb: fc.Arbitrary<PacketInit[]> = fc
    .array(
      fc.record({
        gap: fc.constantFrom(0, 0, 100, 700, 1024, 5000, 40000),
        proto: fc.constantFrom(PROTO_TCP, PROTO_UDP, PROTO_ICMP),
        srcPort: fc.constantFrom(1, 2, 3),
        tcpFlags: fc.constantFrom(TCP_SYN, TCP_ACK, TCP_ACK, TCP_ACK, TCP_FIN | TCP_ACK),
      }),
      { maxLength: 80 },
    )
    .map((items) => {
      let t = 0;
      return items.map(({ gap, ...p }) => {
        t += gap;
        return at(t, p);
      });
    });

  it('property: the same records give equal states, and a clone taken mid-way evolves identically', () => {
    const cfg = { nsPerToken: 1024, capacity: 4, initialTokens: 3 };
    const tokensWithinCapacity = (state: TokenBucketState): void => {
      for (const bucket of state.values()) expect(bucket.tokens).toBeLessThanOrEqual(cfg.capacity);
    };
    fc.assert(
      fc.property(packetsArb, fc.nat(), (packets, cutSeed) => {
        checkReplayAndClone(tb, cfg, packets, cutSeed, tokensWithinCapacity);
      }),
    );
  });
});
