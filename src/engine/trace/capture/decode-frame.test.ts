import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrame, emptyFrameFields, linkTypeName, type FrameFields } from './decode-frame';
import { formatGroups, parseIpv6 } from './ipv6-text';

const hexBytes = (text: string): Uint8Array => Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (h) => parseInt(h, 16));

function decode(linkType: number, text: string): { ok: boolean; f: FrameFields } {
  const bytes = hexBytes(text);
  const f = emptyFrameFields();
  const ok = decodeFrame(linkType, new DataView(bytes.buffer), 0, bytes.length, f);
  return { ok, f };
}

const IPV4_UDP = '4500 001c 0001 0000 4011 0000 0a000001 0a000002  0035 1f90 0008 0000';
const IPV6_HEAD = (next: string, length = '0010'): string => `6000 0000 ${length} ${next} 40 20010db8000000000000000000000001 20010db8000000000000000000000002`;

describe('decodeFrame', () => {
  it('reads BSD loopback (link type 0) and raw IPv4 / IPv6 link types 228 / 229', () => {
    expect(decode(0, `02000000 ${IPV4_UDP}`)).toEqual({ ok: true, f: expect.objectContaining({ ethertype: 0x0800, ipVersion: 4, proto: 17, srcIp: 0x0a000001, srcPort: 53, dstPort: 8080 }) });
    expect(decode(228, IPV4_UDP).f).toMatchObject({ ipVersion: 4, srcPort: 53 });
    expect(decode(229, `${IPV6_HEAD('11', '0008')} 0035 1f90 0008 0000`).f).toMatchObject({ ipVersion: 6, proto: 17, srcIp6: '2001:db8::1', dstIp6: '2001:db8::2', srcPort: 53 });
    expect(decode(228, `${IPV6_HEAD('11', '0008')} 0035 1f90 0008 0000`)).toEqual({ ok: false, f: expect.objectContaining({ ethertype: 0x0800, ipVersion: 0 }) });
  });

  it('walks an IPv6 authentication header, and stops at a later fragment with no ports', () => {
    const ah = '11 04 0000 00000001 00000002 0000000000000000 00000000'; // next UDP, (4+2)*4 = 24 bytes
    expect(decode(101, `${IPV6_HEAD('33')} ${ah} 0035 1f90 0008 0000`).f).toMatchObject({ proto: 17, srcPort: 53, dstPort: 8080 });
    const laterFragment = '06 00 0009 00001234'; // offset 1 (x8 bytes), next TCP
    expect(decode(101, `${IPV6_HEAD('2c')} ${laterFragment} 00 01 02 03`)).toEqual({ ok: true, f: expect.objectContaining({ proto: 6, srcPort: 0, dstPort: 0 }) });
  });

  it('keeps the IP fields of a packet whose extension headers or transport header are cut short', () => {
    const cutExt = decode(101, `${IPV6_HEAD('00')} 11 00 0000`);
    expect(cutExt).toEqual({ ok: false, f: expect.objectContaining({ ipVersion: 6, proto: 0, srcIp6: '2001:db8::1' }) });
    const cutUdp = decode(101, '4500 001c 0001 0000 4011 0000 0a000001 0a000002 0035');
    expect(cutUdp).toEqual({ ok: false, f: expect.objectContaining({ ipVersion: 4, proto: 17, srcPort: 0 }) });
  });

  it('an IPv4 total length below the header length is undecodable (0, the offload convention, decodes)', () => {
    expect(decode(228, IPV4_UDP.replace('001c', '0013')).ok).toBe(false);
    expect(decode(228, IPV4_UDP.replace('001c', '0014')).ok).toBe(true);
    expect(decode(228, IPV4_UDP.replace('001c', '0000')).ok).toBe(true);
  });

  it('treats a later IPv4 fragment as decoded, without ports', () => {
    expect(decode(101, '4500 001c 0001 0004 4011 0000 0a000001 0a000002 0035 1f90 0008 0000')).toEqual({
      ok: true,
      f: expect.objectContaining({ ipVersion: 4, proto: 17, srcPort: 0, dstPort: 0 }),
    });
  });

  it('keeps what it found in frames it cannot decode', () => {
    expect(decode(1, '020000000001 020000000002 8100 000a')).toEqual({ ok: false, f: expect.objectContaining({ ethertype: 0x8100, ipVersion: 0 }) });
    expect(decode(1, '020000000001 020000000002 0800 46')).toEqual({ ok: false, f: expect.objectContaining({ ethertype: 0x0800, ipVersion: 0 }) });
    expect(decode(101, '00 11 22')).toEqual({ ok: false, f: expect.objectContaining({ ethertype: 0, ipVersion: 0 }) });
    expect(decode(113, '0000')).toEqual({ ok: false, f: expect.objectContaining({ ethertype: 0, ipVersion: 0 }) });
    expect(decode(9999, IPV4_UDP).ok).toBe(false);
    expect(linkTypeName(9999)).toBe('link type 9999 (not decoded)');
  });

  it('never reads outside the frame, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 12, 14, 101, 113, 228, 229, 276), fc.uint8Array({ maxLength: 120 }), fc.nat(8), (linkType, body, slack) => {
        // The frame sits inside a larger buffer: reading past its end would not throw, so compare with a padded copy.
        const buffer = new Uint8Array(body.length + slack);
        buffer.set(body);
        const inBuffer = emptyFrameFields();
        decodeFrame(linkType, new DataView(buffer.buffer), 0, body.length, inBuffer);
        const alone = emptyFrameFields();
        decodeFrame(linkType, new DataView(body.buffer, body.byteOffset, body.length), 0, body.length, alone);
        expect(inBuffer).toEqual(alone);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('IPv6 text', () => {
  it.each([
    [[0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], '2001:db8::1'],
    [[0, 0, 0, 0, 0, 0, 0, 0], '::'],
    [[0, 0, 0, 0, 0, 0, 0, 1], '::1'],
    [[1, 0, 0, 0, 0, 0, 0, 0], '1::'],
    [[0x2001, 0xdb8, 0, 1, 1, 1, 1, 1], '2001:db8:0:1:1:1:1:1'], // one zero group is not shortened
    [[0x2001, 0, 0, 1, 0, 0, 0, 1], '2001:0:0:1::1'], // the longest run
    [[0x2001, 0xdb8, 0, 0, 1, 0, 0, 1], '2001:db8::1:0:0:1'], // the first of equal runs
    [[0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201], '::ffff:192.0.2.1'],
    [[0xfe80, 0, 0, 0, 0x0202, 0xb3ff, 0xfe1e, 0x8329], 'fe80::202:b3ff:fe1e:8329'],
  ])('formats %j as %s (RFC 5952) and parses it back', (groups, text) => {
    expect(formatGroups(groups)).toBe(text);
    const bytes = parseIpv6(text);
    expect(bytes && Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number))).toEqual(groups);
  });

  it('parses any valid spelling and rejects invalid ones', () => {
    expect(parseIpv6('2001:0DB8:0000:0000:0000:0000:0000:0001')).toEqual(parseIpv6('2001:db8::1'));
    expect(parseIpv6('[::1]')).toEqual(parseIpv6('::1'));
    expect(parseIpv6('::192.0.2.1')).toEqual(parseIpv6('::c000:201'));
    for (const bad of ['', ':', '1:2', '1::2::3', '12345::', 'g::1', '1:2:3:4:5:6:7:8:9', '::ffff:300.1.1.1', '1:2:3:4:5:6:7::8', ':1::']) {
      expect(parseIpv6(bad), bad).toBeUndefined();
    }
  });

  it('parse(format(groups)) gives the groups back', () => {
    const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const bytes = parseIpv6(formatGroups(groups));
        expect(bytes && Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] as number) << 8) | (bytes[2 * i + 1] as number))).toEqual(groups);
      }),
      { numRuns: 2000 },
    );
  });
});
