import { describe, expect, it } from 'vitest';
import { PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../../packet';
import type { Trace } from '../trace';
import { datacenterGenerator } from './datacenter';
import { defaultTraceParams, type TraceParams } from './params';

interface Side {
  /** Next sequence number this side must send. */
  next: number;
  fin: boolean;
}

interface Conn {
  client: string;
  phase: 'SYN_SENT' | 'SYN_RCVD' | 'ESTABLISHED' | 'CLOSED';
  c: Side;
  s: Side;
}

interface Report {
  errors: string[];
  syns: number;
  established: number;
  finCloses: number;
  rstCloses: number;
  refused: number;
  serverData: number;
  clientData: number;
  udp: number;
  maxOpen: number;
  sizes: Set<number>;
}

/**
 * A strict TCP checker for a lossless, in-order trace: every connection starts with a SYN;
 * SYN-ACK acknowledges ISN+1 (or RST-ACK refuses it); the client's ACK completes the handshake;
 * each later segment has seq = its sender's next byte and ack = everything the other side has
 * sent, consumes payload (+1 for FIN), sends nothing but ACKs after its FIN; a connection ends
 * with an RST or with the ACK of the second FIN.
 */
function checkTcp(t: Trace): Report {
  const r: Report = {
    errors: [], syns: 0, established: 0, finCloses: 0, rstCloses: 0, refused: 0, serverData: 0, clientData: 0, udp: 0,
    maxOpen: 0, sizes: new Set(),
  };
  const conns = new Map<string, Conn>();
  let open = 0;
  const fail = (i: number, what: string): void => {
    if (r.errors.length < 10) r.errors.push(`packet ${i}: ${what}`);
  };
  for (let i = 0; i < t.count; i++) {
    r.sizes.add(t.wireLen[i] as number);
    if (t.proto[i] === PROTO_UDP) {
      r.udp++;
      if (t.tcpFlags[i] !== 0) fail(i, 'UDP with flags');
      continue;
    }
    if (t.proto[i] !== PROTO_TCP) {
      fail(i, 'neither TCP nor UDP');
      continue;
    }
    const from = `${t.srcIp[i]}:${t.srcPort[i]}`;
    const to = `${t.dstIp[i]}:${t.dstPort[i]}`;
    const key = from < to ? `${from}|${to}` : `${to}|${from}`;
    const flags = t.tcpFlags[i] as number;
    const seq = t.tcpSeq[i] as number;
    const ack = t.tcpAck[i] as number;
    let conn = conns.get(key);
    if (flags === TCP_SYN) {
      if (conn && conn.phase !== 'CLOSED') fail(i, 'SYN on an open connection');
      if (ack !== 0) fail(i, 'SYN with an ack number');
      conn = { client: from, phase: 'SYN_SENT', c: { next: (seq + 1) >>> 0, fin: false }, s: { next: 0, fin: false } };
      conns.set(key, conn);
      r.syns++;
      continue;
    }
    if (!conn || conn.phase === 'CLOSED') {
      fail(i, `${flags} on a connection that did not start with a SYN`);
      continue;
    }
    const fromClient = from === conn.client;
    const me = fromClient ? conn.c : conn.s;
    const other = fromClient ? conn.s : conn.c;
    if (conn.phase === 'SYN_SENT') {
      if (fromClient) fail(i, 'client sends again before the SYN-ACK');
      else if (flags === (TCP_SYN | TCP_ACK) && ack === conn.c.next) {
        conn.s.next = (seq + 1) >>> 0;
        conn.phase = 'SYN_RCVD';
      } else if (flags === (TCP_RST | TCP_ACK) && ack === conn.c.next) {
        conn.phase = 'CLOSED';
        r.refused++;
      } else fail(i, `bad SYN-ACK: flags ${flags}, ack ${ack}, expected ${conn.c.next}`);
      continue;
    }
    if (conn.phase === 'SYN_RCVD') {
      if (!fromClient || flags !== TCP_ACK || seq !== conn.c.next || ack !== conn.s.next) fail(i, 'bad handshake ACK');
      conn.phase = 'ESTABLISHED';
      r.established++;
      open++;
      r.maxOpen = Math.max(r.maxOpen, open);
      continue;
    }
    if (seq !== me.next) fail(i, `seq ${seq}, expected ${me.next}`);
    if (flags & TCP_SYN) fail(i, 'SYN on an established connection');
    if (flags & TCP_RST) {
      conn.phase = 'CLOSED';
      open--;
      r.rstCloses++;
      continue;
    }
    if (!(flags & TCP_ACK)) fail(i, 'segment without ACK');
    if (ack !== other.next) fail(i, `ack ${ack}, expected ${other.next}`);
    const payload = Math.max(0, (t.wireLen[i] as number) - 66);
    if (me.fin && (payload > 0 || flags & TCP_FIN)) fail(i, 'data or FIN after FIN');
    if (payload > 0) {
      if (fromClient) r.clientData++;
      else r.serverData++;
    }
    me.next = (me.next + payload + (flags & TCP_FIN ? 1 : 0)) >>> 0;
    if (flags & TCP_FIN) me.fin = true;
    else if (conn.c.fin && conn.s.fin) {
      conn.phase = 'CLOSED';
      open--;
      r.finCloses++;
    }
  }
  return r;
}

function params(overrides: Partial<TraceParams> = {}): TraceParams {
  return { ...defaultTraceParams(), packets: 100_000, ...overrides };
}

describe('datacenter generator', () => {
  it('produces valid, overlapping TCP conversations with handshakes, data both ways and teardowns', () => {
    const r = checkTcp(datacenterGenerator.generate(params()));
    expect(r.errors).toEqual([]);
    // 100,000 packets, 20 % of them from mice of about 20 packets each: about 1,000 connections.
    expect(r.syns).toBeGreaterThan(800);
    expect(r.established).toBeGreaterThan(0.95 * r.syns);
    expect(r.finCloses).toBeGreaterThan(0.8 * r.established);
    expect(r.rstCloses).toBeGreaterThan(0);
    expect(r.refused).toBeGreaterThan(0);
    expect(r.serverData).toBeGreaterThan(10_000);
    expect(r.clientData).toBeGreaterThan(10_000);
    expect(r.udp).toBeGreaterThan(200);
    expect(r.maxOpen).toBeGreaterThanOrEqual(20); // 32 connections at a time by default
    // A realistic mix of sizes: SYNs, pure ACKs and FINs, RSTs, full-size segments and others.
    for (const size of [60, 66, 74, 1514]) expect(r.sizes.has(size)).toBe(true);
    expect(r.sizes.size).toBeGreaterThan(100);
  });

  it.each([
    { concurrency: 1 },
    { concurrency: 2, elephantShare: 0 },
    { concurrency: 4096, elephantShare: 0.2 },
    { elephantShare: 1 },
    { seed: 12345, arrival: 'constant' as const },
  ])('stays valid with %j', (overrides) => {
    const r = checkTcp(datacenterGenerator.generate(params({ packets: 30_000, ...overrides })));
    expect(r.errors).toEqual([]);
    expect(r.syns).toBeGreaterThan(0);
  });

  it('gives elephants about the requested share of packets, mice the rest', () => {
    const t = datacenterGenerator.generate(params({ packets: 50_000, elephantShare: 0.6 }));
    const perConn = new Map<string, number>();
    for (let i = 0; i < t.count; i++) {
      const a = `${t.srcIp[i]}:${t.srcPort[i]}`;
      const b = `${t.dstIp[i]}:${t.dstPort[i]}`;
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      perConn.set(key, (perConn.get(key) ?? 0) + 1);
    }
    const sizes = [...perConn.values()];
    // Mice have at most a few hundred packets, elephants at least 1,500 (1,000 full segments
    // and the ACKs), unless cut short by the end of the trace or, rarely, an RST.
    const big = sizes.filter((s) => s > 400);
    const share = big.reduce((sum, s) => sum + s, 0) / t.count;
    expect(share).toBeGreaterThan(0.5);
    expect(share).toBeLessThan(0.65);
    expect(big.length).toBeLessThan(12);
    expect(sizes.length).toBeGreaterThan(100 * big.length);
  });
});
