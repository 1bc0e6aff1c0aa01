import { describe, expect, it } from 'vitest';
import { describePacket, ETHERTYPE_ARP, ETHERTYPE_IPV6, PROTO_ICMP, PROTO_TCP, PROTO_UDP } from '../../packet';
import { portKnocking } from '../../programs/port-knocking';
import type { Verdict } from '../../programs/program';
import { packetAt, type Trace } from '../trace';
import { defaultTraceParams, type TraceParams } from './params';
import { PORTKNOCK_SERVER, portknockGenerator, portknockRole } from './portknock';

interface Run {
  verdicts: Verdict[];
  /** Knock level of each source after each of its packets, by role. */
  maxLevel: Map<string, number>;
  /** Legitimate sources that reached OPEN. */
  opened: Set<number>;
  /** Packet indices at which two or more legitimate clients were half-way through their knocks. */
  concurrentKnocks: number;
}

/** Runs the port-knocking program sequentially, as the single-core reference would. */
function run(t: Trace, knock: number[]): Run {
  const config = portKnocking.parseConfig({ knock });
  const state = portKnocking.initState(config);
  const r: Run = { verdicts: [], maxLevel: new Map(), opened: new Set(), concurrentKnocks: 0 };
  const halfway = new Set<number>();
  for (let i = 0; i < t.count; i++) {
    const rec = portKnocking.extract(t, i);
    portKnocking.update(state, rec, config);
    r.verdicts.push(portKnocking.verdict(state, rec, config));
    const key = portKnocking.keyOf(rec);
    if (key === null) continue;
    const level = state.get(rec.srcIp) ?? 0;
    const role = portknockRole(rec.srcIp);
    r.maxLevel.set(role, Math.max(r.maxLevel.get(role) ?? 0, level));
    if (role === 'legit') {
      if (level >= knock.length) r.opened.add(rec.srcIp);
      if (level > 0 && level < knock.length) halfway.add(rec.srcIp);
      else halfway.delete(rec.srcIp);
      if (halfway.size >= 2) r.concurrentKnocks++;
    }
  }
  return r;
}

function params(overrides: Partial<TraceParams> = {}): TraceParams {
  return { ...defaultTraceParams(), ...overrides };
}

describe('portknock generator', () => {
  it('opens legitimate clients and nobody else, over the default trace', () => {
    const t = portknockGenerator.generate(params());
    const r = run(t, [100, 101, 102]);
    const passed = r.verdicts.filter((v) => v === 'PASS').length;
    expect(passed).toBeGreaterThan(1000);
    expect(r.opened.size).toBeGreaterThan(50);
    expect(r.maxLevel.get('legit')).toBe(3);
    // Scanners get part of the way, but never to OPEN; background traffic too.
    expect(r.maxLevel.get('scanner')).toBe(2);
    expect(r.maxLevel.get('background')).toBeLessThan(3);
    expect(r.maxLevel.has('other')).toBe(false);
    // Only legitimate clients' packets pass, and almost all of theirs after the knocks do.
    let passedOther = 0;
    let legitTcp = 0;
    for (let i = 0; i < t.count; i++) {
      if (r.verdicts[i] === 'PASS' && portknockRole(t.srcIp[i] as number) !== 'legit') passedOther++;
      if (portknockRole(t.srcIp[i] as number) === 'legit' && t.proto[i] === PROTO_TCP) legitTcp++;
    }
    expect(passedOther).toBe(0);
    expect(passed / legitTcp).toBeGreaterThan(0.6);
    // Several clients are half-way through their knocks at the same time, many times over.
    expect(r.concurrentKnocks).toBeGreaterThan(100);
  });

  it('mixes in UDP, ICMP, ARP and IPv6 TCP (some IPv6 hosts knock, and are ignored)', () => {
    const t = portknockGenerator.generate(params());
    let arp = 0;
    let ipv6 = 0;
    let ipv6Knocks = 0;
    let udp = 0;
    let icmp = 0;
    for (let i = 0; i < t.count; i++) {
      if (t.ethertype[i] === ETHERTYPE_ARP && t.ipVersion[i] === 0) arp++;
      if (t.ethertype[i] === ETHERTYPE_IPV6 && t.ipVersion[i] === 6 && t.proto[i] === PROTO_TCP) {
        ipv6++;
        if (t.dstPort[i] === 100) ipv6Knocks++;
        expect(t.ipv6.get(i)?.src).toMatch(/^fd00:3::[0-9a-f]+$/);
        expect(t.ipv6.get(i)?.dst).toBe('fd00::10');
      }
      if (t.ipVersion[i] === 4 && t.proto[i] === PROTO_UDP) udp++;
      if (t.proto[i] === PROTO_ICMP) icmp++;
    }
    for (const count of [arp, ipv6, ipv6Knocks, udp, icmp]) expect(count).toBeGreaterThan(10);
    expect(arp + ipv6).toBeLessThan(0.15 * t.count); // "a few" non-IPv4 frames
  });

  it('opens with a fixed story for a step-through, whatever the seed', () => {
    const expected = [
      '0 DROP 10.1.0.7:53571 → 10.0.0.10:100 TCP SYN',
      '1 DROP ARP',
      '2 DROP 10.66.0.66:40404 → 10.0.0.10:22 TCP SYN',
      '3 DROP 10.1.0.7:38649 → 10.0.0.10:101 TCP SYN',
      '4 DROP 10.3.0.9:51000 → 10.0.0.53:53 UDP',
      '5 DROP 10.66.0.66:40404 → 10.0.0.10:100 TCP SYN',
      '6 DROP 10.66.0.66:40404 → 10.0.0.10:102 TCP SYN',
      '7 PASS 10.1.0.7:35997 → 10.0.0.10:102 TCP SYN',
      '8 DROP [fd00:3::9]:50123 → [fd00::10]:100 TCP SYN',
      '9 PASS 10.1.0.7:43697 → 10.0.0.10:22 TCP SYN',
      '10 DROP 10.1.0.23:39711 → 10.0.0.10:100 TCP SYN',
      '11 PASS 10.1.0.7:43697 → 10.0.0.10:22 TCP ACK',
      '12 DROP 10.66.0.66:40404 → 10.0.0.10:101 TCP SYN',
      '13 DROP 10.3.0.9 → 10.0.0.10 ICMP',
      '14 PASS 10.1.0.7:43697 → 10.0.0.10:22 TCP ACK+PSH',
      '15 DROP 10.1.0.23:51052 → 10.0.0.10:101 TCP SYN',
      '16 DROP 10.66.0.66:40404 → 10.0.0.10:100 TCP SYN',
      '17 PASS 10.1.0.7:43697 → 10.0.0.10:22 TCP ACK+PSH',
      '18 DROP 10.66.0.66:40404 → 10.0.0.10:101 TCP SYN',
      '19 PASS 10.1.0.23:50489 → 10.0.0.10:102 TCP SYN',
      '20 DROP 10.66.0.66:40404 → 10.0.0.10:22 TCP SYN',
      '21 PASS 10.1.0.23:54006 → 10.0.0.10:443 TCP SYN',
      '22 DROP ARP',
      '23 PASS 10.1.0.7:43697 → 10.0.0.10:22 TCP ACK',
      '24 PASS 10.1.0.23:54006 → 10.0.0.10:443 TCP ACK',
      '25 DROP 10.2.0.40:44000 → 10.0.0.10:80 TCP SYN',
      '26 PASS 10.1.0.23:54006 → 10.0.0.10:443 TCP ACK+PSH',
      '27 DROP 10.66.0.66:40404 → 10.0.0.10:23 TCP SYN',
      '28 PASS 10.1.0.7:43697 → 10.0.0.10:22 TCP ACK+FIN',
      '29 PASS 10.1.0.23:54006 → 10.0.0.10:443 TCP ACK+PSH',
      '30 PASS 10.1.0.23:54006 → 10.0.0.10:443 TCP ACK+FIN',
    ];
    for (const seed of [1, 777]) {
      const t = portknockGenerator.generate(params({ seed, packets: 500 }));
      const r = run(t, [100, 101, 102]);
      const story = expected.map((_, i) => `${i} ${r.verdicts[i]} ${describePacket(packetAt(t, i))}`);
      expect(story).toEqual(expected);
    }
  });

  it.each([[22], [100, 100, 100], [443, 22], [7, 8, 9, 10, 11, 12, 13, 14], [101, 100, 102], [23, 25, 445, 3389, 1433, 5900, 21, 110]])(
    'with knock %j: legitimate clients open, scanners and background never do', (...knock) => {
      for (const seed of [1, 2]) {
        const t = portknockGenerator.generate(params({ knock, seed, packets: 20_000 }));
        const r = run(t, knock);
        expect(r.maxLevel.get('legit')).toBe(knock.length);
        expect(r.opened.size).toBeGreaterThan(20);
        expect(r.maxLevel.get('scanner') ?? 0).toBeLessThan(knock.length);
        expect(r.maxLevel.get('background') ?? 0).toBeLessThan(knock.length);
        for (let i = 0; i < t.count; i++) {
          if (r.verdicts[i] === 'PASS' && portknockRole(t.srcIp[i] as number) !== 'legit') throw new Error(`packet ${i} passed`);
        }
      }
    });

  it('keeps the protected server as the destination of every knock and session', () => {
    const t = portknockGenerator.generate(params({ packets: 5000 }));
    for (let i = 0; i < t.count; i++) {
      if (portknockRole(t.srcIp[i] as number) === 'legit' && t.dstIp[i] !== PORTKNOCK_SERVER) throw new Error(`packet ${i}`);
    }
  });
});
