/**
 * Writes a Trace as a classic pcap file that Wireshark, tcpdump and the reader open.
 *
 * Decisions:
 * - Nanosecond pcap (magic a1b23c4d, little-endian) by default, so times round-trip exactly
 *   to the nanosecond (`resolution: 'us'` writes the classic microsecond magic instead).
 *   Times are written as `tsNs` since the epoch, shifted by whole seconds when some are negative.
 * - Link type Ethernet. Each record holds only the synthesised headers (captured length) while
 *   its original length is the packet's `wireLen`, as with a capture taken with a short snap
 *   length: files stay small (about 70-90 bytes a packet) whatever the frame sizes.
 * - Frames: Ethernet with made-up, stable, locally administered MACs derived from the
 *   addresses; IPv4 (20-byte header, correct checksum) or IPv6 (addresses parsed from their
 *   text; `::` when unparsable); TCP (data offset 5, flags, seq, ack), UDP, ICMP / ICMPv6 echo
 *   request, all with correct checksums over the zero-filled payload the lengths imply;
 *   other IP protocols get no transport header. IP packets always carry the IP ethertype;
 *   non-IP packets are a bare 14-byte Ethernet header with their ethertype.
 */
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, PROTO_ICMP, PROTO_ICMPV6, PROTO_TCP, PROTO_UDP } from '../../packet';
import type { Trace } from '../trace';
import { parseIpv6 } from './ipv6-text';
import { LINKTYPE_ETHERNET } from './decode-frame';
import { PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO } from './pcap-format';

export interface WritePcapOptions {
  /** Timestamp resolution of the file: 'ns' (default) or 'us' (times rounded to microseconds). */
  resolution?: 'ns' | 'us';
}

const ETH = 14;
const SNAP_LENGTH = 262144;
const NO_ADDRESS: Uint8Array = new Uint8Array(16);

function transportLength(proto: number): number {
  if (proto === PROTO_TCP) return 20;
  if (proto === PROTO_UDP || proto === PROTO_ICMP || proto === PROTO_ICMPV6) return 8;
  return 0;
}

/** Bytes of the synthesised frame of packet i (headers only). */
function frameLength(trace: Trace, i: number): number {
  const version = trace.ipVersion[i] as number;
  if (version === 4) return ETH + 20 + transportLength(trace.proto[i] as number);
  if (version === 6) return ETH + 40 + transportLength(trace.proto[i] as number);
  return ETH;
}

export function writePcap(trace: Trace, options: WritePcapOptions = {}): Uint8Array {
  const nano = (options.resolution ?? 'ns') === 'ns';
  let size = 24;
  let minTs = 0;
  for (let i = 0; i < trace.count; i++) {
    size += 16 + frameLength(trace, i);
    minTs = Math.min(minTs, trace.tsNs[i] as number);
  }
  const shiftSeconds = Math.ceil(-minTs / 1e9);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, nano ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, SNAP_LENGTH, true);
  view.setUint32(20, LINKTYPE_ETHERNET, true);
  let pos = 24;
  for (let i = 0; i < trace.count; i++) {
    const frame = frameLength(trace, i);
    const totalNs = Math.round(trace.tsNs[i] as number) + shiftSeconds * 1e9;
    let seconds = Math.floor(totalNs / 1e9);
    let fraction = nano ? totalNs - seconds * 1e9 : Math.round((totalNs - seconds * 1e9) / 1000);
    if (fraction >= (nano ? 1e9 : 1e6)) {
      seconds++;
      fraction = 0;
    }
    view.setUint32(pos, seconds, true);
    view.setUint32(pos + 4, fraction, true);
    view.setUint32(pos + 8, frame, true);
    view.setUint32(pos + 12, Math.max(trace.wireLen[i] as number, 0), true);
    writeFrame(trace, i, view, pos + 16, frame);
    pos += 16 + frame;
  }
  return bytes;
}

function writeFrame(trace: Trace, i: number, view: DataView, start: number, frame: number): void {
  const version = trace.ipVersion[i] as number;
  const proto = trace.proto[i] as number;
  const wireLen = trace.wireLen[i] as number;
  // IP lengths as the wire length implies, but never shorter than the headers written.
  const ipLength = Math.min(Math.max(wireLen - ETH, frame - ETH), 0xffff);
  let ethertype = trace.ethertype[i] as number;
  let srcSeed = 1;
  let dstSeed = 2;
  let src6 = NO_ADDRESS;
  let dst6 = NO_ADDRESS;
  if (version === 4) {
    ethertype = ETHERTYPE_IPV4;
    srcSeed = trace.srcIp[i] as number;
    dstSeed = trace.dstIp[i] as number;
  } else if (version === 6) {
    ethertype = ETHERTYPE_IPV6;
    const text = trace.ipv6.get(i);
    src6 = parseIpv6(text?.src ?? '::') ?? NO_ADDRESS;
    dst6 = parseIpv6(text?.dst ?? '::') ?? NO_ADDRESS;
    srcSeed = ((src6[12] as number) << 24) | ((src6[13] as number) << 16) | ((src6[14] as number) << 8) | (src6[15] as number);
    dstSeed = ((dst6[12] as number) << 24) | ((dst6[13] as number) << 16) | ((dst6[14] as number) << 8) | (dst6[15] as number);
  }
  // Ethernet: destination MAC, source MAC (02:00 + 4 address bytes), ethertype.
  view.setUint16(start, 0x0200);
  view.setUint32(start + 2, dstSeed >>> 0);
  view.setUint16(start + 6, 0x0200);
  view.setUint32(start + 8, srcSeed >>> 0);
  view.setUint16(start + 12, ethertype);
  if (version !== 4 && version !== 6) return;

  const ip = start + ETH;
  const l4 = ip + (version === 4 ? 20 : 40);
  const l4Length = ipLength - (l4 - ip);
  let pseudo: number;
  if (version === 4) {
    view.setUint8(ip, 0x45);
    view.setUint16(ip + 2, ipLength);
    view.setUint16(ip + 4, i & 0xffff); // identification
    view.setUint8(ip + 8, 64); // TTL
    view.setUint8(ip + 9, proto);
    view.setUint32(ip + 12, trace.srcIp[i] as number);
    view.setUint32(ip + 16, trace.dstIp[i] as number);
    view.setUint16(ip + 10, finish(sum16(view, ip, 20)));
    pseudo = sum16(view, ip + 12, 8) + proto + l4Length;
  } else {
    view.setUint32(ip, 0x60000000);
    view.setUint16(ip + 4, l4Length);
    view.setUint8(ip + 6, proto);
    view.setUint8(ip + 7, 64); // hop limit
    for (let b = 0; b < 16; b++) {
      view.setUint8(ip + 8 + b, src6[b] as number);
      view.setUint8(ip + 24 + b, dst6[b] as number);
    }
    pseudo = sum16(view, ip + 8, 32) + proto + (l4Length >>> 16) + (l4Length & 0xffff);
  }

  const headerLength = transportLength(proto);
  if (proto === PROTO_TCP) {
    view.setUint16(l4, trace.srcPort[i] as number);
    view.setUint16(l4 + 2, trace.dstPort[i] as number);
    view.setUint32(l4 + 4, trace.tcpSeq[i] as number);
    view.setUint32(l4 + 8, trace.tcpAck[i] as number);
    view.setUint8(l4 + 12, 5 << 4);
    view.setUint8(l4 + 13, trace.tcpFlags[i] as number);
    view.setUint16(l4 + 14, 65535); // TCP rwnd, the largest unscaled value
    view.setUint16(l4 + 16, finish(pseudo + sum16(view, l4, headerLength)));
  } else if (proto === PROTO_UDP) {
    view.setUint16(l4, trace.srcPort[i] as number);
    view.setUint16(l4 + 2, trace.dstPort[i] as number);
    view.setUint16(l4 + 4, l4Length);
    view.setUint16(l4 + 6, finish(pseudo + sum16(view, l4, headerLength)) || 0xffff);
  } else if (proto === PROTO_ICMP || proto === PROTO_ICMPV6) {
    view.setUint8(l4, proto === PROTO_ICMP ? 8 : 128); // echo request
    view.setUint16(l4 + 6, i & 0xffff); // sequence number
    const sum = sum16(view, l4, headerLength);
    view.setUint16(l4 + 2, finish(proto === PROTO_ICMP ? sum : pseudo + sum));
  }
}

/** Sum of the big-endian 16-bit words of `length` bytes (even) at `pos`, not yet folded. */
function sum16(view: DataView, pos: number, length: number): number {
  let sum = 0;
  for (let k = 0; k < length; k += 2) sum += view.getUint16(pos + k);
  return sum;
}

/** Folds a sum into 16 bits and complements it: the Internet checksum. */
function finish(sum: number): number {
  let s = sum;
  while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 65536);
  return ~s & 0xffff;
}
