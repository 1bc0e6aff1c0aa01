import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROTO_TCP, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, ETHERTYPE_IPV4 } from '../../packet';
import { generateTrace, generatorIds } from '../generators';
import { traceFromPackets } from '../trace';
import { readCapture } from './capture-reader';
import { writePcap } from './write-pcap';
import { writePcapng } from './write-pcapng';

/**
 * What Wireshark checks on an export, checked here without it: every record's original length is
 * at least its captured length; each TCP segment's payload (IP total length - IP header - data
 * offset) is what its sender's sequence numbers advance by, so no segment looks retransmitted or
 * out of order; no ack covers bytes its peer has not sent ("ACKed segment that wasn't captured").
 */

interface Frame {
  caplen: number;
  origlen: number;
  bytes: Uint8Array;
}

/** The frames of a pcap or pcapng file written by the writers (one interface, little-endian). */
function frames(file: Uint8Array): Frame[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const out: Frame[] = [];
  if (view.getUint32(0, true) === 0x0a0d0d0a) {
    for (let pos = 0; pos < file.length; pos += view.getUint32(pos + 4, true)) {
      if (view.getUint32(pos, true) !== 6) continue;
      const caplen = view.getUint32(pos + 20, true);
      out.push({ caplen, origlen: view.getUint32(pos + 24, true), bytes: file.subarray(pos + 28, pos + 28 + caplen) });
    }
    return out;
  }
  for (let pos = 24; pos < file.length; ) {
    const caplen = view.getUint32(pos + 8, true);
    out.push({ caplen, origlen: view.getUint32(pos + 12, true), bytes: file.subarray(pos + 16, pos + 16 + caplen) });
    pos += 16 + caplen;
  }
  return out;
}

/** Problems a TCP analysis would flag, as one line each (empty: none). */
function tcpProblems(list: Frame[]): string[] {
  const next = new Map<string, number>();
  const problems: string[] = [];
  list.forEach((f, n) => {
    const v = new DataView(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength);
    if (f.caplen < 34 || v.getUint16(12) !== ETHERTYPE_IPV4 || v.getUint8(23) !== PROTO_TCP) return;
    const ipHeader = (v.getUint8(14) & 0x0f) * 4;
    const tcp = 14 + ipHeader;
    const offset = (v.getUint8(tcp + 12) >> 4) * 4;
    const payload = v.getUint16(16) - ipHeader - offset;
    if (payload < 0 || tcp + offset > f.caplen) problems.push(`#${n}: TCP header of ${offset} bytes does not fit`);
    const ends = (a: number, b: number) => `${v.getUint32(a)}:${v.getUint16(b)}`;
    const me = `${ends(26, tcp)}>${ends(30, tcp + 2)}`;
    const peer = `${ends(30, tcp + 2)}>${ends(26, tcp)}`;
    const flags = v.getUint8(tcp + 13);
    const seq = v.getUint32(tcp + 4);
    if (flags & TCP_SYN) next.delete(me);
    const expected = next.get(me);
    if (expected !== undefined && !(flags & TCP_RST) && seq !== expected) problems.push(`#${n}: seq ${seq}, expected ${expected}`);
    const peerNext = next.get(peer);
    if (flags & TCP_ACK && peerNext !== undefined && ((v.getUint32(tcp + 8) - peerNext) | 0) > 0) problems.push(`#${n}: acks past what its peer sent`);
    next.set(me, (seq + payload + (flags & TCP_SYN ? 1 : 0) + (flags & TCP_FIN ? 1 : 0)) >>> 0);
  });
  return problems;
}

const writers = [
  ['pcap', (t: Parameters<typeof writePcap>[0]) => writePcap(t)],
  ['pcapng', (t: Parameters<typeof writePcap>[0]) => writePcapng(t, { comment: 'test' })],
] as const;

describe('exports a decoder accepts', () => {
  for (const id of generatorIds()) {
    for (const [format, write] of writers) {
      it(`${id} as ${format}: TCP header, length, seq and ack agree; orig_len >= caplen`, () => {
        const trace = generateTrace(id, { packets: 4000, seed: 3 });
        const list = frames(write(trace));
        expect(list).toHaveLength(trace.count);
        expect(list.filter((f) => f.origlen < f.caplen)).toEqual([]);
        expect(tcpProblems(list)).toEqual([]);
      });
    }
  }

  it('the TCP check can fail: a segment whose seq skips ahead is caught', () => {
    const tcp = { ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp: 1, dstIp: 2, srcPort: 5, dstPort: 6 } as const;
    const trace = traceFromPackets([
      { ...tcp, tcpFlags: TCP_SYN, tcpSeq: 100, wireLen: 74 },
      { ...tcp, tcpFlags: TCP_ACK, tcpSeq: 101, wireLen: 166 },
      { ...tcp, tcpFlags: TCP_ACK, tcpSeq: 201, wireLen: 66 }, // 100 bytes were sent: 201 is right
      { ...tcp, tcpFlags: TCP_ACK, tcpSeq: 999, wireLen: 66 },
    ]);
    expect(tcpProblems(frames(writePcap(trace)))).toEqual(['#3: seq 999, expected 201']);
  });

  it('re-exports every capture fixture with orig_len >= caplen', () => {
    const dir = new URL('./fixtures/', import.meta.url);
    const files = readdirSync(dir).filter((f) => /\.(pcap|pcapng)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const name of files) {
      const { trace } = readCapture(new Uint8Array(readFileSync(new URL(name, dir))));
      for (const [, write] of writers) expect(frames(write(trace)).filter((f) => f.origlen < f.caplen), name).toEqual([]);
    }
  });
});

describe('writePcapng', () => {
  it('round-trips through the reader, with 64-bit times past 2^32 s kept', () => {
    const far = 2 ** 32 * 1e9 + 5e9; // 2^32 + 5 s, as a pcapng if_tsoffset can make it
    const trace = traceFromPackets([{ tsNs: far, wireLen: 60 }, { tsNs: far + 1e9, wireLen: 60 }]);
    const r = readCapture(writePcapng(trace));
    expect(r.format).toBe('pcapng');
    expect(Array.from(r.trace.tsNs)).toEqual([0, 1e9]); // the reader starts the run at 0
    const bytes = writePcapng(trace);
    const view = new DataView(bytes.buffer);
    const epb = bytes.length - 2 * (32 + 16);
    expect(view.getUint32(epb, true)).toBe(6);
    expect(view.getUint32(epb + 12, true) * 2 ** 32 + view.getUint32(epb + 16, true)).toBe(far);
  });

  it('writes the section comment and an Ethernet interface with nanosecond times', () => {
    const bytes = writePcapng(traceFromPackets([{ wireLen: 60 }]), { comment: 'program portknock, 4 cores, seed 7' });
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('program portknock, 4 cores, seed 7');
    expect(text).toContain('SCR Explorer');
    expect(text).toContain('scr-explorer');
    const view = new DataView(bytes.buffer);
    const idb = view.getUint32(4, true);
    expect([view.getUint32(idb, true), view.getUint16(idb + 8, true)]).toEqual([1, 1]);
    expect(readCapture(bytes).linkTypes).toEqual(['Ethernet (1)']);
  });
});
