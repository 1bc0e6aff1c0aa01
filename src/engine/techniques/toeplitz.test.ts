import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MICROSOFT_RSS_KEY, SYMMETRIC_RSS_KEY, ToeplitzHasher, rssInputBytes, toeplitzHash } from './toeplitz';

const ip = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

// The verification table of Microsoft's RSS specification ("Verifying the RSS Hash
// Calculation"): source address and port, destination address and port, and the expected
// IPv4-only and IPv4-with-TCP hashes under the default key.
const VECTORS = [
  { src: ip(66, 9, 149, 187), sport: 2794, dst: ip(161, 142, 100, 80), dport: 1766, ipv4: 0x323e8fc2, tcp: 0x51ccc178 },
  { src: ip(199, 92, 111, 2), sport: 14230, dst: ip(65, 69, 140, 83), dport: 4739, ipv4: 0xd718262a, tcp: 0xc626b0ea },
  { src: ip(24, 19, 198, 95), sport: 12898, dst: ip(12, 22, 207, 184), dport: 38024, ipv4: 0xd2d0a5de, tcp: 0x5c2b394a },
  { src: ip(38, 27, 205, 30), sport: 48228, dst: ip(209, 142, 163, 6), dport: 2217, ipv4: 0x82989176, tcp: 0xafc7327f },
  { src: ip(153, 39, 163, 191), sport: 44251, dst: ip(202, 188, 127, 2), dport: 1303, ipv4: 0x5d1809c5, tcp: 0x10e828a2 },
];

describe('Toeplitz hash', () => {
  it.each(VECTORS)('matches the RSS specification for $src', (v) => {
    expect(toeplitzHash(MICROSOFT_RSS_KEY, rssInputBytes('2-tuple', v.src, v.dst, v.sport, v.dport))).toBe(v.ipv4);
    expect(toeplitzHash(MICROSOFT_RSS_KEY, rssInputBytes('5-tuple', v.src, v.dst, v.sport, v.dport))).toBe(v.tcp);
    const hasher = new ToeplitzHasher(MICROSOFT_RSS_KEY);
    expect(hasher.ipv4('2-tuple', v.src, v.dst, v.sport, v.dport, true)).toBe(v.ipv4);
    expect(hasher.ipv4('5-tuple', v.src, v.dst, v.sport, v.dport, true)).toBe(v.tcp);
  });

  it('the byte-table hasher equals the bit-by-bit reference for every field set', () => {
    const hasher = new ToeplitzHasher(MICROSOFT_RSS_KEY);
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    const u16 = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(u32, u32, u16, u16, fc.constantFrom('5-tuple', '2-tuple', 'src-ip' as const), (s, d, sp, dp, fields) => {
        expect(hasher.ipv4(fields, s, d, sp, dp, true)).toBe(toeplitzHash(MICROSOFT_RSS_KEY, rssInputBytes(fields, s, d, sp, dp)));
      }),
    );
  });

  it('a packet without ports hashes its addresses only, even for the 5-tuple', () => {
    const hasher = new ToeplitzHasher(MICROSOFT_RSS_KEY);
    const v = VECTORS[0]!;
    expect(hasher.ipv4('5-tuple', v.src, v.dst, v.sport, v.dport, false)).toBe(v.ipv4);
  });

  it('the symmetric key gives both directions of a connection the same hash; the default key does not', () => {
    const sym = new ToeplitzHasher(SYMMETRIC_RSS_KEY);
    const u32 = fc.integer({ min: 0, max: 0xffffffff });
    const u16 = fc.integer({ min: 0, max: 0xffff });
    fc.assert(
      fc.property(u32, u32, u16, u16, (s, d, sp, dp) => {
        expect(sym.ipv4('5-tuple', s, d, sp, dp, true)).toBe(sym.ipv4('5-tuple', d, s, dp, sp, true));
      }),
    );
    const ms = new ToeplitzHasher(MICROSOFT_RSS_KEY);
    const v = VECTORS[0]!;
    expect(ms.ipv4('5-tuple', v.src, v.dst, v.sport, v.dport, true)).not.toBe(ms.ipv4('5-tuple', v.dst, v.src, v.dport, v.sport, true));
  });

  it('refuses inputs longer than the key allows', () => {
    expect(() => toeplitzHash(MICROSOFT_RSS_KEY, new Uint8Array(37))).toThrow(/at most 36 bytes/);
    expect(() => new ToeplitzHasher(MICROSOFT_RSS_KEY).bytes(new Uint8Array(13))).toThrow(/at most 12 bytes/);
  });
});
