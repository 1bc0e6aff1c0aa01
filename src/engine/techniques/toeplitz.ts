/**
 * The Toeplitz hash NICs use for Receive Side Scaling (Microsoft's RSS specification): for every
 * set bit i of the input (most significant bit of the first byte first), XOR into the result the
 * 32 bits of the secret key that start at key bit i. The input is the header fields in network
 * byte order: source IPv4, destination IPv4, then (for the 4-tuple) source port, destination port.
 * The low 7 bits of the hash index the 128-entry indirection table.
 */
import { ETHERTYPE_IPV4, PROTO_TCP, PROTO_UDP } from '../packet';
import type { Trace } from '../trace/trace';

/** The 40-byte key of Microsoft's RSS specification, the default of most NIC drivers. */
export const MICROSOFT_RSS_KEY: Uint8Array = Uint8Array.from([
  0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
  0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
  0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
]);

/**
 * A key repeating 0x6d5a (Woo and Park, 2012): its 32-bit windows repeat every 16 bits, so
 * swapping source and destination (addresses 32 bits apart, ports 16 bits apart) gives the same
 * hash. Both directions of a connection then reach the same core, which a bidirectional flow
 * table (the connection tracker) needs.
 */
export const SYMMETRIC_RSS_KEY: Uint8Array = Uint8Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 0x6d : 0x5a));

export type RssKeyName = 'microsoft' | 'symmetric';
export const RSS_KEYS: Readonly<Record<RssKeyName, Uint8Array>> = { microsoft: MICROSOFT_RSS_KEY, symmetric: SYMMETRIC_RSS_KEY };

/**
 * The header fields the NIC hashes. '5-tuple' is the NIC's TCP/UDP hash type: addresses and
 * ports (the protocol picks the hash type and is not hashed); other IPv4 packets fall back to
 * the addresses, as NICs do. '2-tuple' hashes both addresses; 'src-ip' the source address only.
 */
export type RssFieldSet = '5-tuple' | '2-tuple' | 'src-ip';
export const RSS_FIELD_SETS: readonly RssFieldSet[] = ['5-tuple', '2-tuple', 'src-ip'];

/** The 32 key bits starting at bit `offset` (0 = most significant bit of key[0]). */
function keyWindow(key: Uint8Array, offset: number): number {
  const byte = offset >>> 3;
  const shift = offset & 7;
  const hi = (((key[byte] ?? 0) << 24) | ((key[byte + 1] ?? 0) << 16) | ((key[byte + 2] ?? 0) << 8) | (key[byte + 3] ?? 0)) >>> 0;
  if (shift === 0) return hi;
  return ((hi << shift) | ((key[byte + 4] ?? 0) >>> (8 - shift))) >>> 0;
}

/** The reference algorithm, bit by bit. The key must be at least input.length + 4 bytes. */
export function toeplitzHash(key: Uint8Array, input: ArrayLike<number>): number {
  if (key.length < input.length + 4) throw new RangeError(`a ${key.length}-byte key can hash at most ${key.length - 4} bytes`);
  let result = 0;
  for (let i = 0; i < input.length; i++) {
    const byte = input[i] as number;
    for (let bit = 0; bit < 8; bit++) {
      if (byte & (0x80 >>> bit)) result ^= keyWindow(key, i * 8 + bit);
    }
  }
  return result >>> 0;
}

/**
 * The same hash, a byte at a time: table[p * 256 + b] is the hash contribution of byte value b at
 * input position p (Toeplitz is linear over XOR, so contributions of bytes simply XOR).
 */
export class ToeplitzHasher {
  readonly maxBytes: number;
  private readonly table: Uint32Array;

  constructor(key: Uint8Array, maxBytes = 12) {
    if (key.length < maxBytes + 4) throw new RangeError(`a ${key.length}-byte key can hash at most ${key.length - 4} bytes`);
    this.maxBytes = maxBytes;
    this.table = new Uint32Array(maxBytes * 256);
    for (let p = 0; p < maxBytes; p++) {
      const windows: number[] = [];
      for (let bit = 0; bit < 8; bit++) windows.push(keyWindow(key, p * 8 + bit));
      for (let b = 0; b < 256; b++) {
        let h = 0;
        for (let bit = 0; bit < 8; bit++) if (b & (0x80 >>> bit)) h ^= windows[bit] as number;
        this.table[p * 256 + b] = h >>> 0;
      }
    }
  }

  /** Contribution of a 32-bit big-endian word at byte position `at`. */
  word(at: number, value: number): number {
    const t = this.table;
    const base = at * 256;
    return (
      (t[base + (value >>> 24)] as number) ^
      (t[base + 256 + ((value >>> 16) & 255)] as number) ^
      (t[base + 512 + ((value >>> 8) & 255)] as number) ^
      (t[base + 768 + (value & 255)] as number)
    );
  }

  /** Contribution of a 16-bit big-endian value at byte position `at`. */
  half(at: number, value: number): number {
    const t = this.table;
    const base = at * 256;
    return (t[base + ((value >>> 8) & 255)] as number) ^ (t[base + 256 + (value & 255)] as number);
  }

  bytes(input: ArrayLike<number>): number {
    if (input.length > this.maxBytes) throw new RangeError(`this hasher takes at most ${this.maxBytes} bytes`);
    let h = 0;
    for (let p = 0; p < input.length; p++) h ^= this.table[p * 256 + ((input[p] as number) & 255)] as number;
    return h >>> 0;
  }

  /** The RSS hash of one IPv4 header over a field set (ports are used only when `hasPorts`). */
  ipv4(fields: RssFieldSet, srcIp: number, dstIp: number, srcPort: number, dstPort: number, hasPorts: boolean): number {
    let h = this.word(0, srcIp);
    if (fields === 'src-ip') return h >>> 0;
    h ^= this.word(4, dstIp);
    if (fields === '5-tuple' && hasPorts) h ^= this.half(8, srcPort) ^ this.half(10, dstPort);
    return h >>> 0;
  }
}

/** The bytes the NIC hashes for one packet (for tests and the inspector). */
export function rssInputBytes(fields: RssFieldSet, srcIp: number, dstIp: number, srcPort: number, dstPort: number, hasPorts = true): number[] {
  const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  if (fields === 'src-ip') return be32(srcIp);
  const out = [...be32(srcIp), ...be32(dstIp)];
  if (fields === '5-tuple' && hasPorts) out.push((srcPort >>> 8) & 255, srcPort & 255, (dstPort >>> 8) & 255, dstPort & 255);
  return out;
}

/**
 * The RSS hash of every packet of the trace. Packets that are not IPv4 get 0 (a NIC sends
 * what it cannot hash to queue 0); IPv6 packets are not hashed by this model.
 */
export function hashTrace(trace: Trace, fields: RssFieldSet, key: Uint8Array = MICROSOFT_RSS_KEY): Uint32Array {
  const hasher = new ToeplitzHasher(key);
  const out = new Uint32Array(trace.count);
  const { ethertype, proto, srcIp, dstIp, srcPort, dstPort } = trace;
  for (let i = 0; i < trace.count; i++) {
    if (ethertype[i] !== ETHERTYPE_IPV4) continue;
    const p = proto[i] as number;
    out[i] = hasher.ipv4(fields, srcIp[i] as number, dstIp[i] as number, srcPort[i] as number, dstPort[i] as number, p === PROTO_TCP || p === PROTO_UDP);
  }
  return out;
}
