import { describe, expect, it } from 'vitest';
import {
  ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, PROTO_ICMP, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_RST, TCP_SYN,
} from '../../packet';
import { TRACE_COLUMNS, type Trace } from '../trace';
import { defaultTraceParams, GENERATORS, generateTrace, generatorIds, getGenerator, type TraceParams } from './index';

function params(overrides: Partial<TraceParams> = {}): TraceParams {
  return { ...defaultTraceParams(), ...overrides };
}

function sameTrace(a: Trace, b: Trace): boolean {
  if (a.count !== b.count) return false;
  for (const name of TRACE_COLUMNS) {
    const x = a[name];
    const y = b[name];
    for (let i = 0; i < a.count; i++) if (x[i] !== y[i]) return false;
  }
  return JSON.stringify([...a.ipv6]) === JSON.stringify([...b.ipv6]);
}

/** FNV-1a over every column and the IPv6 addresses: a fingerprint of the whole trace. */
function fingerprint(t: Trace): string {
  let h = 0x811c9dc5;
  const mix = (v: number): void => {
    h = Math.imul(h ^ (v >>> 0), 0x01000193);
    h = Math.imul(h ^ Math.floor(v / 4294967296), 0x01000193);
  };
  for (const name of TRACE_COLUMNS) for (let i = 0; i < t.count; i++) mix(t[name][i] as number);
  for (const [i, { src, dst }] of t.ipv6) {
    mix(i);
    for (const ch of src + dst) mix(ch.charCodeAt(0));
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

const isPrivate4 = (ip: number): boolean => ip >>> 24 === 10 || ip >>> 16 === 0xc0a8 || ip === 0xe00000fb; // + mDNS group

/** Every packet's fields agree with each other; returns the problems found (empty when fine). */
function inconsistencies(t: Trace): string[] {
  const problems: string[] = [];
  const report = (i: number, what: string): void => {
    if (problems.length < 10) problems.push(`packet ${i}: ${what}`);
  };
  if (t.count > 0 && t.tsNs[0] !== 0) report(0, 'the trace does not start at time 0');
  for (let i = 0; i < t.count; i++) {
    const et = t.ethertype[i];
    const v = t.ipVersion[i];
    const proto = t.proto[i] as number;
    const flags = t.tcpFlags[i] as number;
    const len = t.wireLen[i] as number;
    if (i > 0 && (t.tsNs[i] as number) < (t.tsNs[i - 1] as number)) report(i, 'time goes backwards');
    if (!Number.isInteger(t.tsNs[i])) report(i, 'time is not whole nanoseconds');
    if (len < 60 || len > 9000) report(i, `wire length ${len}`);
    if (v === 4) {
      if (et !== ETHERTYPE_IPV4) report(i, 'IPv4 with the wrong ethertype');
      if (!isPrivate4(t.srcIp[i] as number) || !isPrivate4(t.dstIp[i] as number)) report(i, 'public IPv4 address');
      if (t.ipv6.has(i)) report(i, 'IPv4 with IPv6 addresses');
    } else if (v === 6) {
      const a = t.ipv6.get(i);
      if (et !== ETHERTYPE_IPV6) report(i, 'IPv6 with the wrong ethertype');
      if (!a || !a.src.startsWith('fd') || !a.dst.startsWith('fd')) report(i, 'IPv6 without private text addresses');
      if (t.srcIp[i] !== 0 || t.dstIp[i] !== 0) report(i, 'IPv6 with IPv4 addresses');
    } else {
      if (et !== ETHERTYPE_ARP || proto !== 0 || t.srcIp[i] !== 0) report(i, 'non-IP frame that is not a clean ARP');
      continue;
    }
    if (proto === PROTO_TCP) {
      if (flags === 0) report(i, 'TCP without flags');
      if (!(flags & (TCP_ACK | TCP_SYN | TCP_RST))) report(i, 'TCP with neither SYN, ACK nor RST');
      if (flags & TCP_SYN && !(flags & TCP_ACK) && t.tcpAck[i] !== 0) report(i, 'SYN with an ack number');
      if (!t.srcPort[i] || !t.dstPort[i]) report(i, 'TCP port 0');
    } else if (proto === PROTO_UDP) {
      if (flags || t.tcpSeq[i] || t.tcpAck[i]) report(i, 'UDP with TCP fields');
      if (!t.srcPort[i] || !t.dstPort[i]) report(i, 'UDP port 0');
    } else if (proto === PROTO_ICMP) {
      if (flags || t.srcPort[i] || t.dstPort[i]) report(i, 'ICMP with ports or flags');
    } else report(i, `unexpected protocol ${proto}`);
  }
  return problems;
}

describe('the generator registry', () => {
  it('lists the five generators with unique ids, each using the common parameters', () => {
    expect(generatorIds()).toEqual(['portknock', 'uniform', 'zipf', 'elephant', 'datacenter']);
    for (const g of GENERATORS) {
      expect(g.title.length).toBeGreaterThan(3);
      expect(g.description.length).toBeGreaterThan(20);
      expect(g.params).toEqual(expect.arrayContaining(['packets', 'seed', 'rateMpps', 'arrival']));
      expect(new Set(g.params).size).toBe(g.params.length);
    }
    expect(getGenerator('zipf').id).toBe('zipf');
    expect(() => getGenerator('nope')).toThrow(/unknown trace generator "nope"; choose one of: portknock, uniform/);
  });

  it('generateTrace parses raw parameters first', () => {
    expect(generateTrace('uniform', { packets: '123' }).count).toBe(123);
    expect(() => generateTrace('uniform', { packets: -1 })).toThrow(RangeError);
    expect(generateTrace('uniform', { packets: 0 }, { clamp: true }).count).toBe(1);
  });
});

describe.each(GENERATORS.map((g) => [g.id, g] as const))('%s', (_id, g) => {
  it('gives exactly the requested number of packets, also tiny traces', () => {
    for (const packets of [1, 2, 7, 31, 5000]) expect(g.generate(params({ packets })).count).toBe(packets);
  });

  it('is deterministic: same seed, same trace; another seed, another trace', () => {
    const a = g.generate(params({ packets: 20_000, seed: 42 }));
    const b = g.generate(params({ packets: 20_000, seed: 42 }));
    const c = g.generate(params({ packets: 20_000, seed: 43 }));
    expect(sameTrace(a, b)).toBe(true);
    expect(sameTrace(a, c)).toBe(false);
    // Negative seeds are fine and are the same 32-bit seed as their unsigned twin.
    expect(sameTrace(g.generate(params({ packets: 500, seed: -1 })), g.generate(params({ packets: 500, seed: 4294967295 })))).toBe(true);
  });

  it('makes self-consistent packets with non-decreasing timestamps, in both arrival modes', () => {
    for (const arrival of ['exponential', 'constant'] as const) {
      const t = g.generate(params({ packets: 30_000, arrival, seed: 9 }));
      expect(inconsistencies(t)).toEqual([]);
      // The offered rate sets the time span: 30,000 packets at 10 Mpps take about 3 ms.
      const span = t.tsNs[t.count - 1] as number;
      expect(span).toBeGreaterThan(2.8e6);
      expect(span).toBeLessThan(3.2e6);
    }
  });

  it('keeps the flows when only the arrival mode or rate changes', () => {
    const a = g.generate(params({ packets: 3000, arrival: 'constant' }));
    const b = g.generate(params({ packets: 3000, arrival: 'exponential', rateMpps: 1 }));
    expect(Array.from(a.srcIp)).toEqual(Array.from(b.srcIp));
    expect(Array.from(a.tcpSeq)).toEqual(Array.from(b.tcpSeq));
  });
});

describe('golden fingerprints (same parameters and seed, same trace, on every machine)', () => {
  // If a generator is changed on purpose, update its value here; an unexpected change means
  // traces (and shared URLs) would no longer reproduce.
  it.each([
    ['portknock', '3e1e0dc1'],
    ['uniform', 'ece01115'],
    ['zipf', '499d0492'],
    ['elephant', '9649dea6'],
    ['datacenter', 'b2a0b45a'],
  ])('%s', (id, expected) => {
    expect(fingerprint(getGenerator(id).generate(params({ packets: 2000 })))).toBe(expected);
  });
});

describe('scale', () => {
  // Speed is measured by `npm run bench`, not by a timed test; this only checks a big trace is whole.
  it('generates a million Zipf packets over 100,000 flows', () => {
    const t = getGenerator('zipf').generate(params({ packets: 1_000_000, flows: 100_000 }));
    expect(t.count).toBe(1_000_000);
    expect(t.tsNs[999_999]).toBeGreaterThan(t.tsNs[0] as number);
  });
});
