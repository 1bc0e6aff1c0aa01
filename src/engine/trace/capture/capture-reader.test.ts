import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCapture } from './capture-reader';
import { compact, compactAll } from './test-helpers';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const IPV4 = 0x0800;
const IPV6 = 0x86dd;
const ARP = 0x0806;
const v4 = { ethertype: IPV4, ipVersion: 4 };
const v6 = { ethertype: IPV6, ipVersion: 6 };

describe('classic pcap', () => {
  it('reads a little-endian microsecond Ethernet capture: TCP, UDP, ICMP, IPv4 options, fragments, ARP, 802.3, cut frames', () => {
    const r = readCapture(fixture('ipv4-mix.pcap'));
    expect(r).toMatchObject({ format: 'pcap', linkTypes: ['Ethernet (1)'], packets: 17, undecoded: 5, bytesRead: 1147, limitReached: false });
    expect(r.truncatedAt).toBeUndefined();
    const c = { ...v4, proto: 6, src: '10.0.0.1', dst: '10.0.0.9', srcPort: 4242, dstPort: 101 };
    expect(compactAll(r.trace)).toEqual([
      { ...c, tsNs: 0, wireLen: 54, tcpFlags: 0x02, tcpSeq: 1000 },
      { ...c, tsNs: 250_001_000, wireLen: 54, src: '10.0.0.9', dst: '10.0.0.1', srcPort: 101, dstPort: 4242, tcpFlags: 0x12, tcpSeq: 5000, tcpAck: 1001 },
      { ...c, tsNs: 500_002_000, wireLen: 54, tcpFlags: 0x10, tcpSeq: 1001, tcpAck: 5001 },
      { ...c, tsNs: 750_003_000, wireLen: 59, tcpFlags: 0x18, tcpSeq: 1001, tcpAck: 5001 },
      { ...c, tsNs: 1_000_004_000, wireLen: 54, tcpFlags: 0x11, tcpSeq: 1006, tcpAck: 5001 },
      { ...c, tsNs: 1_250_005_000, wireLen: 54, tcpFlags: 0x04, tcpSeq: 1007 },
      { ...v4, tsNs: 1_500_006_000, wireLen: 54, proto: 17, src: '10.0.0.1', dst: '8.8.8.8', srcPort: 5353, dstPort: 53 },
      { ...v4, tsNs: 1_750_007_000, wireLen: 42, proto: 1, src: '10.0.0.1', dst: '10.0.0.9' },
      // IPv4 header with a record-route option: 24 bytes, the ports are found after it.
      { ...v4, tsNs: 2_000_008_000, wireLen: 62, proto: 6, src: '10.0.0.1', dst: '10.0.0.9', srcPort: 1111, dstPort: 2222, tcpFlags: 0x02, tcpSeq: 42 },
      { tsNs: 2_250_009_000, wireLen: 42, ethertype: ARP, ipVersion: 0 },
      // 802.3 + LLC (spanning tree): the type field is a length, so ethertype 0.
      { tsNs: 2_500_010_000, wireLen: 52, ethertype: 0, ipVersion: 0 },
      { ...c, tsNs: 2_750_011_000, wireLen: 54, tcpFlags: 0x50, tcpSeq: 7, tcpAck: 8 }, // ECE+ACK: all 8 flag bits kept
      // First fragment carries the UDP ports; the second has none.
      { ...v4, tsNs: 3_000_012_000, wireLen: 74, proto: 17, src: '192.168.1.1', dst: '192.168.1.2', srcPort: 7000, dstPort: 8000 },
      { ...v4, tsNs: 3_250_013_000, wireLen: 62, proto: 17, src: '192.168.1.1', dst: '192.168.1.2' },
      // Cut inside the TCP header (10 bytes): the ports (and the sequence number, 0 here) survive; no flags.
      { ...v4, tsNs: 5_000_000_000, wireLen: 54, proto: 6, src: '10.0.0.1', dst: '10.0.0.9', srcPort: 3333, dstPort: 4444 },
      // Cut inside the IPv4 header; then an Ethernet header cut short: "other" frames.
      { tsNs: 5_000_001_000, wireLen: 54, ethertype: IPV4, ipVersion: 0 },
      { tsNs: 5_000_002_000, wireLen: 54, ethertype: 0, ipVersion: 0 },
    ]);
  });

  it('reads a big-endian microsecond capture', () => {
    const r = readCapture(fixture('big-endian.pcap'));
    expect(r).toMatchObject({ format: 'pcap', linkTypes: ['Ethernet (1)'], packets: 3, undecoded: 0 });
    expect(compactAll(r.trace)).toEqual([
      { ...v4, tsNs: 0, wireLen: 54, proto: 6, src: '172.16.0.1', dst: '172.16.0.2', srcPort: 40000, dstPort: 80, tcpFlags: 0x02, tcpSeq: 0xdeadbeef },
      { ...v4, tsNs: 999_998_000, wireLen: 54, proto: 6, src: '172.16.0.2', dst: '172.16.0.1', srcPort: 80, dstPort: 40000, tcpFlags: 0x12, tcpSeq: 17, tcpAck: 0xdeadbef0 },
      { ...v4, tsNs: 1_499_999_000, wireLen: 90, proto: 17, src: '172.16.0.1', dst: '172.16.0.3', srcPort: 123, dstPort: 123 },
    ]);
  });

  it.each(['nanosecond.pcap', 'nanosecond-be.pcap'])('reads nanosecond timestamps exactly (%s)', (name) => {
    const r = readCapture(fixture(name));
    expect(r.packets).toBe(4);
    expect(Array.from(r.trace.tsNs)).toEqual([0, 1, 1_876_543_212, 3_876_543_210]);
    expect(compact(r.trace, 2)).toEqual({ ...v4, tsNs: 1_876_543_212, wireLen: 42, proto: 17, src: '10.1.0.3', dst: '10.2.0.1', srcPort: 1003, dstPort: 2000 });
  });

  it('skips single and stacked (802.1ad + 802.1Q) VLAN tags', () => {
    const r = readCapture(fixture('vlan.pcap'));
    expect(r.undecoded).toBe(1);
    expect(compactAll(r.trace)).toEqual([
      { ...v4, tsNs: 0, wireLen: 58, proto: 6, src: '10.0.10.1', dst: '10.0.10.2', srcPort: 5000, dstPort: 443, tcpFlags: 0x02, tcpSeq: 1 },
      { ...v4, tsNs: 1000, wireLen: 50, proto: 17, src: '10.0.20.1', dst: '10.0.20.2', srcPort: 6000, dstPort: 4789 },
      { tsNs: 2000, wireLen: 46, ethertype: ARP, ipVersion: 0 },
      { ...v6, tsNs: 3000, wireLen: 78, proto: 6, src: '2001:db8:40::1', dst: '2001:db8:40::2', srcPort: 7000, dstPort: 22, tcpFlags: 0x18, tcpSeq: 9, tcpAck: 10 },
    ]);
  });

  it('reads IPv6: extension-header chains, fragments, ICMPv6 and canonical address text', () => {
    const r = readCapture(fixture('ipv6.pcap'));
    expect(r).toMatchObject({ packets: 8, undecoded: 0 });
    const a = { ...v6, src: '2001:db8::1', dst: '2001:db8::2' };
    expect(compactAll(r.trace)).toEqual([
      { ...a, tsNs: 0, wireLen: 74, proto: 6, srcPort: 50000, dstPort: 443, tcpFlags: 0x02, tcpSeq: 77 },
      // hop-by-hop, routing, destination options, then UDP
      { ...v6, tsNs: 10_000, wireLen: 86, proto: 17, src: 'fe80::1', dst: 'ff02::1', srcPort: 546, dstPort: 547 },
      { ...v6, tsNs: 20_000, wireLen: 62, proto: 58, src: '::1', dst: '2001:db8::1:0:0:1' },
      { ...v6, tsNs: 30_000, wireLen: 62, proto: 17, src: '::ffff:192.0.2.1', dst: '2001:0:0:1::1', srcPort: 1, dstPort: 2 },
      { ...v6, tsNs: 40_000, wireLen: 74, proto: 6, src: '2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff', dst: '1::2:0:0:3:0', srcPort: 80, dstPort: 8080, tcpFlags: 0x11, tcpSeq: 1, tcpAck: 2 },
      // A UDP datagram in three fragments: only the first (offset 0) has ports.
      { ...a, tsNs: 50_000, wireLen: 110, proto: 17, srcPort: 9000, dstPort: 9001 },
      { ...a, tsNs: 60_000, wireLen: 110, proto: 17 },
      { ...a, tsNs: 70_000, wireLen: 74, proto: 17 },
    ]);
    expect(r.trace.ipv6.size).toBe(8);
  });

  it.each([
    ['sll.pcap', 'Linux cooked (SLL) (113)', [56, 64, 44]],
    ['sll2.pcap', 'Linux cooked v2 (SLL2) (276)', [60, 68, 48]],
  ] as const)('reads Linux cooked captures (%s)', (name, linkType, lengths) => {
    const r = readCapture(fixture(name));
    expect(r).toMatchObject({ linkTypes: [linkType], packets: 3, undecoded: 1 });
    expect(compactAll(r.trace)).toEqual([
      { ...v4, tsNs: 0, wireLen: lengths[0], proto: 6, src: '10.9.0.1', dst: '10.9.0.2', srcPort: 1234, dstPort: 80, tcpFlags: 0x02, tcpSeq: 5 },
      { ...v6, tsNs: 1000, wireLen: lengths[1], proto: 17, src: '2001:db8::a', dst: '2001:db8::b', srcPort: 53, dstPort: 33333 },
      { tsNs: 2000, wireLen: lengths[2], ethertype: ARP, ipVersion: 0 },
    ]);
  });

  it('reads raw IP (link type 101), telling IPv4 from IPv6 by the version nibble', () => {
    const r = readCapture(fixture('raw-ip.pcap'));
    expect(r.linkTypes).toEqual(['raw IP (101)']);
    expect(compactAll(r.trace)).toEqual([
      { ...v4, tsNs: 0, wireLen: 40, proto: 6, src: '198.51.100.1', dst: '198.51.100.2', srcPort: 10, dstPort: 20, tcpFlags: 0x02, tcpSeq: 3 },
      { ...v6, tsNs: 1000, wireLen: 48, proto: 17, src: '2001:db8::10', dst: '2001:db8::20', srcPort: 30, dstPort: 40 },
    ]);
  });

  it('reads a live `dumpcap -i any -y LINUX_SLL2` capture of loopback traffic', () => {
    const r = readCapture(fixture('live-any-sll2.pcap'));
    expect(r).toMatchObject({ format: 'pcap', linkTypes: ['Linux cooked v2 (SLL2) (276)'], packets: 24, undecoded: 0 });
    const lo = { ...v4, src: '127.0.0.1', dst: '127.0.0.1' };
    expect(compact(r.trace, 0)).toEqual({ ...lo, tsNs: 0, wireLen: 80, proto: 6, srcPort: 56174, dstPort: 8765, tcpFlags: 0x02, tcpSeq: 1289913896 });
    expect(compact(r.trace, 1)).toEqual({ ...lo, tsNs: 226_000, wireLen: 80, proto: 6, srcPort: 8765, dstPort: 56174, tcpFlags: 0x12, tcpSeq: 3744379595, tcpAck: 1289913897 });
    expect(compact(r.trace, 10)).toEqual({ ...lo, tsNs: 564_000, wireLen: 49, proto: 17, srcPort: 35307, dstPort: 9999 });
    expect(compact(r.trace, 11)).toEqual({ ...lo, tsNs: 572_000, wireLen: 77, proto: 1 });
    expect(compact(r.trace, 12)).toEqual({ ...v6, src: '::1', dst: '::1', tsNs: 201_295_000, wireLen: 100, proto: 6, srcPort: 36116, dstPort: 8765, tcpFlags: 0x02, tcpSeq: 4289992640 });
    expect(compact(r.trace, 23)).toEqual({ ...v6, src: '::1', dst: '::1', tsNs: 201_751_000, wireLen: 117, proto: 58 });
  });
});

describe('pcapng', () => {
  it('reads a mergecap file with two interfaces of different link types and resolutions', () => {
    const r = readCapture(fixture('two-interfaces.pcapng'));
    expect(r).toMatchObject({ format: 'pcapng', linkTypes: ['Ethernet (1)', 'raw IP (101)'], packets: 6, undecoded: 0 });
    const eth = (i: number): object => ({ ...v4, tsNs: i * 1e9, wireLen: 54, proto: 6, src: '10.0.0.1', dst: '10.0.0.2', srcPort: 100 + i, dstPort: 200, tcpFlags: 0x02, ...(i ? { tcpSeq: i } : {}) });
    const raw = (i: number): object => ({ ...v4, tsNs: i * 1e9 + 500_000_001, wireLen: 28, proto: 17, src: '10.0.1.1', dst: '10.0.1.2', srcPort: 300 + i, dstPort: 400 });
    expect(compactAll(r.trace)).toEqual([eth(0), raw(0), eth(1), raw(1), eth(2), raw(2)]);
  });

  it('reads a hand-assembled file: big-endian then little-endian sections, EPB, SPB, obsolete PB, NRB, ISB, custom block, binary resolution, if_tsoffset', () => {
    const r = readCapture(fixture('hand-built.pcapng'));
    expect(r).toMatchObject({
      format: 'pcapng',
      linkTypes: ['Ethernet (1)', 'raw IPv6 (229)', 'Linux cooked (SLL) (113)'],
      packets: 5,
      undecoded: 1,
      bytesRead: 680,
    });
    expect(compactAll(r.trace)).toEqual([
      // EPB on interface 0 (microseconds), original length larger than captured
      { ...v4, tsNs: 0, wireLen: 154, proto: 6, src: '10.0.0.1', dst: '10.0.0.2', srcPort: 1, dstPort: 2, tcpFlags: 0x02, tcpSeq: 1 },
      // EPB on interface 1: raw IPv6, 2^-20 s units, +100 s offset: T0 + 0.5 s
      { ...v6, tsNs: 499_750_000, wireLen: 48, proto: 17, src: '2001:db8::1', dst: '2001:db8::2', srcPort: 3, dstPort: 4 },
      // SPB: interface 0, no time of its own
      { ...v4, tsNs: 499_750_000, wireLen: 42, proto: 17, src: '10.0.0.3', dst: '10.0.0.4', srcPort: 5, dstPort: 6 },
      // obsolete packet block with an ARP frame
      { tsNs: 1_000_000_000, wireLen: 42, ethertype: ARP, ipVersion: 0 },
      // second section (little-endian), SLL with nanoseconds
      { ...v4, tsNs: 9_999_750_007, wireLen: 44, proto: 1, src: '10.5.5.5', dst: '10.6.6.6' },
    ]);
  });

  it('reads a live dumpcap capture of loopback traffic (options, if_tsresol 9, a closing ISB)', () => {
    const r = readCapture(fixture('live-loopback.pcapng'));
    expect(r).toMatchObject({ format: 'pcapng', linkTypes: ['Ethernet (1)'], packets: 24, undecoded: 0, bytesRead: 3056 });
    const lo = { ...v4, src: '127.0.0.1', dst: '127.0.0.1' };
    expect(compact(r.trace, 0)).toEqual({ ...lo, tsNs: 0, wireLen: 74, proto: 6, srcPort: 56158, dstPort: 8765, tcpFlags: 0x02, tcpSeq: 3296769040 });
    expect(compact(r.trace, 3)).toEqual({ ...lo, tsNs: 55_352, wireLen: 71, proto: 6, srcPort: 56158, dstPort: 8765, tcpFlags: 0x18, tcpSeq: 3296769041, tcpAck: 1619247661 });
    expect(compact(r.trace, 11)).toEqual({ ...lo, tsNs: 237_793, wireLen: 71, proto: 1 });
    expect(compact(r.trace, 22)).toEqual({ ...v6, src: '::1', dst: '::1', tsNs: 201_914_058, wireLen: 63, proto: 17, srcPort: 59888, dstPort: 9999 });
    expect(compact(r.trace, 23)).toEqual({ ...v6, src: '::1', dst: '::1', tsNs: 202_023_320, wireLen: 111, proto: 58 });
  });
});

describe('reader options', () => {
  it('stops at maxPackets and says so', () => {
    const r = readCapture(fixture('ipv4-mix.pcap'), { maxPackets: 3 });
    expect(r).toMatchObject({ packets: 3, limitReached: true, bytesRead: 1147 });
    expect(r.truncatedAt).toBeUndefined();
  });

  it('reads a Uint8Array that is a view into a larger buffer', () => {
    const bytes = fixture('vlan.pcap');
    const padded = new Uint8Array(bytes.length + 13);
    padded.set(bytes, 7);
    expect(compactAll(readCapture(padded.subarray(7, 7 + bytes.length)).trace)).toEqual(compactAll(readCapture(bytes).trace));
  });
});
