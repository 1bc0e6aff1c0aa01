/**
 * Decodes one captured frame into the packet model's header fields, without allocating
 * (except the text of IPv6 addresses). Handles the link types Ethernet (1), BSD loopback (0),
 * raw IP (101, 12, 14, 228 IPv4, 229 IPv6), Linux cooked capture SLL (113) and SLL2 (276);
 * skips 802.1Q / 802.1ad VLAN tags, stacked or not; decodes IPv4 (with options; only a first
 * fragment has ports), IPv6 (walking hop-by-hop, routing, destination-options, fragment, AH
 * and mobility extension headers), TCP, UDP, ICMP and ICMPv6.
 *
 * A frame that cannot be decoded (unknown link type, ARP, a header cut short, garbage) is
 * still described: ipVersion 0 and the last ethertype found (0 when none, or when the field is
 * an 802.3 length). An IP packet whose transport header is cut short keeps its IP fields and
 * whatever transport fields fit (e.g. ports but no flags). In both cases `decodeFrame` returns
 * false, so the reader can count the frame as undecoded.
 */
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, PROTO_ICMP, PROTO_ICMPV6, PROTO_TCP, PROTO_UDP, type Packet } from '../../packet';
import { formatIpv6 } from './ipv6-text';

export const LINKTYPE_NULL = 0;
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;
export const LINKTYPE_LINUX_SLL = 113;
export const LINKTYPE_IPV4 = 228;
export const LINKTYPE_IPV6 = 229;
export const LINKTYPE_LINUX_SLL2 = 276;

const LINK_TYPE_NAMES: Record<number, string> = {
  0: 'BSD loopback',
  1: 'Ethernet',
  12: 'raw IP',
  14: 'raw IP',
  101: 'raw IP',
  113: 'Linux cooked (SLL)',
  228: 'raw IPv4',
  229: 'raw IPv6',
  276: 'Linux cooked v2 (SLL2)',
};

/** A readable name for a link type, e.g. "Ethernet (1)" or "link type 147 (not decoded)". */
export function linkTypeName(linkType: number): string {
  const name = LINK_TYPE_NAMES[linkType];
  return name ? `${name} (${linkType})` : `link type ${linkType} (not decoded)`;
}

/** The header fields a frame decodes to: the packet model less its index, time and length. */
export type FrameFields = Omit<Packet, 'index' | 'tsNs' | 'wireLen'>;

export function emptyFrameFields(): FrameFields {
  // Every key present from the start, so the object keeps one shape when the IPv6 ones are set.
  return { ethertype: 0, ipVersion: 0, proto: 0, srcIp: 0, dstIp: 0, srcPort: 0, dstPort: 0, tcpFlags: 0, tcpSeq: 0, tcpAck: 0, srcIp6: undefined, dstIp6: undefined };
}

function reset(out: FrameFields): void {
  out.ethertype = 0;
  out.ipVersion = 0;
  out.proto = 0;
  out.srcIp = 0;
  out.dstIp = 0;
  out.srcPort = 0;
  out.dstPort = 0;
  out.tcpFlags = 0;
  out.tcpSeq = 0;
  out.tcpAck = 0;
  out.srcIp6 = undefined;
  out.dstIp6 = undefined;
}

/** 802.1Q, 802.1ad, and the two pre-standard QinQ tag types. */
function isVlanTag(type: number): boolean {
  return type === 0x8100 || type === 0x88a8 || type === 0x9100 || type === 0x9200;
}

/**
 * Fills `out` from the frame of `length` captured bytes at `start` in `view`.
 * Returns true when every header the frame announces was decoded.
 */
export function decodeFrame(linkType: number, view: DataView, start: number, length: number, out: FrameFields): boolean {
  reset(out);
  const end = start + length;
  switch (linkType) {
    case LINKTYPE_ETHERNET:
      if (length < 14) return false;
      return decodeEthertype(view.getUint16(start + 12), view, start + 14, end, out);
    case LINKTYPE_RAW:
    case 12:
    case 14:
      return decodeIpByVersion(view, start, end, out);
    case LINKTYPE_IPV4:
      return decodeEthertype(ETHERTYPE_IPV4, view, start, end, out);
    case LINKTYPE_IPV6:
      return decodeEthertype(ETHERTYPE_IPV6, view, start, end, out);
    case LINKTYPE_NULL:
      // 4-byte address family in the writer's byte order; the IP version nibble is simpler to trust.
      if (length < 4) return false;
      return decodeIpByVersion(view, start + 4, end, out);
    case LINKTYPE_LINUX_SLL:
      if (length < 16) return false;
      return decodeEthertype(view.getUint16(start + 14), view, start + 16, end, out);
    case LINKTYPE_LINUX_SLL2:
      if (length < 20) return false;
      return decodeEthertype(view.getUint16(start), view, start + 20, end, out);
    default:
      return false;
  }
}

function decodeIpByVersion(view: DataView, pos: number, end: number, out: FrameFields): boolean {
  if (end - pos < 1) return false;
  const version = view.getUint8(pos) >>> 4;
  if (version === 4) return decodeEthertype(ETHERTYPE_IPV4, view, pos, end, out);
  if (version === 6) return decodeEthertype(ETHERTYPE_IPV6, view, pos, end, out);
  return false;
}

function decodeEthertype(ethertype: number, view: DataView, pos: number, end: number, out: FrameFields): boolean {
  let type = ethertype;
  let p = pos;
  while (isVlanTag(type)) {
    out.ethertype = type;
    if (end - p < 4) return false;
    type = view.getUint16(p + 2);
    p += 4;
  }
  // Values up to 1500 are an 802.3 length, not an ethertype.
  out.ethertype = type <= 1500 ? 0 : type;
  if (type === ETHERTYPE_IPV4) return decodeIpv4(view, p, end, out);
  if (type === ETHERTYPE_IPV6) return decodeIpv6(view, p, end, out);
  return false;
}

function decodeIpv4(view: DataView, pos: number, end: number, out: FrameFields): boolean {
  if (end - pos < 20) return false;
  const first = view.getUint8(pos);
  const headerLen = (first & 15) * 4;
  if (first >>> 4 !== 4 || headerLen < 20 || end - pos < headerLen) return false;
  // A total length below the header's own is bogus (tshark will not decode it either); 0 is the
  // segmentation-offload convention (the NIC fills it in) and decodes, as in tshark.
  const totalLength = view.getUint16(pos + 2);
  if (totalLength !== 0 && totalLength < headerLen) return false;
  out.ipVersion = 4;
  out.proto = view.getUint8(pos + 9);
  out.srcIp = view.getUint32(pos + 12);
  out.dstIp = view.getUint32(pos + 16);
  const fragmentOffset = view.getUint16(pos + 6) & 0x1fff;
  if (fragmentOffset !== 0) return true; // a later fragment: no transport header in it
  return decodeTransport(out.proto, view, pos + headerLen, end, out);
}

const IPV6_EXT_HOP_BY_HOP = 0;
const IPV6_EXT_ROUTING = 43;
const IPV6_EXT_FRAGMENT = 44;
const IPV6_EXT_AH = 51;
const IPV6_EXT_DEST_OPTIONS = 60;
const IPV6_EXT_MOBILITY = 135;

function decodeIpv6(view: DataView, pos: number, end: number, out: FrameFields): boolean {
  if (end - pos < 40 || view.getUint8(pos) >>> 4 !== 6) return false;
  out.ipVersion = 6;
  out.srcIp6 = formatIpv6(view, pos + 8);
  out.dstIp6 = formatIpv6(view, pos + 24);
  let next = view.getUint8(pos + 6);
  let p = pos + 40;
  // Each extension header is at least 8 bytes long, so this walk always ends.
  for (;;) {
    out.proto = next;
    if (next === IPV6_EXT_HOP_BY_HOP || next === IPV6_EXT_ROUTING || next === IPV6_EXT_DEST_OPTIONS || next === IPV6_EXT_MOBILITY) {
      if (end - p < 8) return false;
      next = view.getUint8(p);
      p += (view.getUint8(p + 1) + 1) * 8;
    } else if (next === IPV6_EXT_AH) {
      if (end - p < 8) return false;
      next = view.getUint8(p);
      p += (view.getUint8(p + 1) + 2) * 4;
    } else if (next === IPV6_EXT_FRAGMENT) {
      if (end - p < 8) return false;
      next = view.getUint8(p);
      const fragmentOffset = view.getUint16(p + 2) >>> 3;
      p += 8;
      if (fragmentOffset !== 0) {
        out.proto = next;
        return true;
      }
    } else {
      return decodeTransport(next, view, p, end, out);
    }
  }
}

function decodeTransport(proto: number, view: DataView, pos: number, end: number, out: FrameFields): boolean {
  const avail = end - pos;
  if (proto === PROTO_TCP) {
    // A header cut short keeps the fields it still holds.
    if (avail >= 4) {
      out.srcPort = view.getUint16(pos);
      out.dstPort = view.getUint16(pos + 2);
    }
    if (avail >= 8) out.tcpSeq = view.getUint32(pos + 4);
    if (avail >= 12) out.tcpAck = view.getUint32(pos + 8);
    if (avail < 14) return false;
    out.tcpFlags = view.getUint8(pos + 13);
    return true;
  }
  if (proto === PROTO_UDP) {
    if (avail < 4) return false;
    out.srcPort = view.getUint16(pos);
    out.dstPort = view.getUint16(pos + 2);
    return true;
  }
  if (proto === PROTO_ICMP || proto === PROTO_ICMPV6) return avail >= 4;
  return true; // another protocol: nothing more in the packet model
}
