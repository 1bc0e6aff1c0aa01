/**
 * The synthesised frame of a trace packet, for the capture writers (pcap and pcapng).
 *
 * - Ethernet with made-up, stable, locally administered MACs derived from the addresses; IPv4
 *   (20-byte header, correct checksum) or IPv6 (addresses parsed from their text; `::` when
 *   unparsable); TCP, UDP, ICMP / ICMPv6 echo request, all with correct checksums over the
 *   zero-filled payload the lengths imply; other IP protocols get no transport header. IP packets
 *   always carry the IP ethertype; non-IP packets are a bare 14-byte Ethernet header.
 * - TCP headers are the size the generators assume when they size frames and advance sequence
 *   numbers (`TCP_FRAME_OVERHEAD`, `TCP_SYN_FRAME`): 40 bytes on a SYN (MSS, SACK permitted,
 *   timestamps, window scale), 32 otherwise (timestamps), 20 when the frame has no room for
 *   options. So header, IP length, seq and ack agree and a decoder sees no phantom payload.
 * - Only headers are written (the captured length); the original length is the packet's
 *   `wireLen`, or the headers' length when the source frame was shorter than them, so a file
 *   never says a frame was shorter than what it holds.
 */
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, PROTO_ICMP, PROTO_ICMPV6, PROTO_TCP, PROTO_UDP, TCP_SYN } from '../../packet';
import type { Trace } from '../trace';
import { parseIpv6 } from './ipv6-text';

const ETH = 14;
/** The Ethernet minimum (FCS excluded): a frame this short may be padding past its headers. */
const MIN_FRAME = 60;
const NO_ADDRESS: Uint8Array = new Uint8Array(16);

/** Transport header bytes written for packet i. */
function transportLength(trace: Trace, i: number): number {
  const proto = trace.proto[i] as number;
  if (proto === PROTO_TCP) {
    const room = (trace.wireLen[i] as number) - ETH - ipHeaderLength(trace, i);
    const syn = ((trace.tcpFlags[i] as number) & TCP_SYN) !== 0;
    if (syn && room >= 40) return 40;
    return !syn && room >= 32 ? 32 : 20;
  }
  if (proto === PROTO_UDP || proto === PROTO_ICMP || proto === PROTO_ICMPV6) return 8;
  return 0;
}

function ipHeaderLength(trace: Trace, i: number): number {
  const version = trace.ipVersion[i] as number;
  return version === 4 ? 20 : version === 6 ? 40 : 0;
}

/** Bytes of the synthesised frame of packet i (headers only): the captured length. */
export function frameLength(trace: Trace, i: number): number {
  const version = trace.ipVersion[i] as number;
  if (version !== 4 && version !== 6) return ETH;
  return ETH + ipHeaderLength(trace, i) + transportLength(trace, i);
}

/** The original length written for packet i: its wire length, never below what is captured. */
export function originalLength(trace: Trace, i: number, frame: number): number {
  return Math.max(trace.wireLen[i] as number, frame);
}

/**
 * TCP options filling `length` bytes (0, 12 or 20): NOP NOP timestamps, or on a SYN MSS 1460,
 * SACK permitted, timestamps, NOP, window scale 7. TSval is the packet's time in milliseconds.
 */
function writeTcpOptions(view: DataView, at: number, length: number, tsval: number): void {
  if (length === 0) return;
  let p = at;
  if (length === 20) {
    view.setUint32(p, 0x020405b4); // MSS 1460
    view.setUint16(p + 4, 0x0402); // SACK permitted
    p += 6;
  } else {
    view.setUint16(p, 0x0101); // NOP NOP
    p += 2;
  }
  view.setUint16(p, 0x080a); // timestamps
  view.setUint32(p + 2, tsval);
  view.setUint32(p + 6, 0);
  if (length === 20) view.setUint32(p + 10, 0x01030307); // NOP, window scale 7
}

export function writeFrame(trace: Trace, i: number, view: DataView, start: number, frame: number): void {
  const version = trace.ipVersion[i] as number;
  const proto = trace.proto[i] as number;
  const wireLen = trace.wireLen[i] as number;
  // IP lengths as the wire length implies (a minimum-size frame is padding past the headers), never
  // shorter than the headers written: so the payload a decoder sees is the payload the trace means.
  const ipLength = Math.min(wireLen <= MIN_FRAME ? frame - ETH : Math.max(wireLen - ETH, frame - ETH), 0xffff);
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

  const headerLength = transportLength(trace, i);
  if (proto === PROTO_TCP) {
    view.setUint16(l4, trace.srcPort[i] as number);
    view.setUint16(l4 + 2, trace.dstPort[i] as number);
    view.setUint32(l4 + 4, trace.tcpSeq[i] as number);
    view.setUint32(l4 + 8, trace.tcpAck[i] as number);
    view.setUint8(l4 + 12, (headerLength / 4) << 4);
    view.setUint8(l4 + 13, trace.tcpFlags[i] as number);
    view.setUint16(l4 + 14, 65535); // TCP rwnd, the largest unscaled value
    writeTcpOptions(view, l4 + 20, headerLength - 20, Math.floor((trace.tsNs[i] as number) / 1e6) >>> 0);
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
