import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureError } from './capture-error';
import { CaptureReader, readCapture } from './capture-reader';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** Little byte-array builder for hand-made captures. */
class Bytes {
  private readonly parts: number[] = [];
  constructor(private readonly little = true) {}
  u8(...values: number[]): this {
    this.parts.push(...values.map((v) => v & 255));
    return this;
  }
  u16(v: number): this {
    return this.little ? this.u8(v, v >>> 8) : this.u8(v >>> 8, v);
  }
  u32(v: number): this {
    return this.little ? this.u8(v, v >>> 8, v >>> 16, v >>> 24) : this.u8(v >>> 24, v >>> 16, v >>> 8, v);
  }
  bytes(data: ArrayLike<number>): this {
    return this.u8(...Array.from(data));
  }
  get length(): number {
    return this.parts.length;
  }
  build(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

function pcapHeader(linkType = 1, little = true): Bytes {
  return new Bytes(little).u32(0xa1b2c3d4).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(linkType);
}

/** A pcapng block with the given body, lengths written as given unless overridden. */
function block(b: Bytes, type: number, body: number[], length = 12 + body.length, trailer = length): Bytes {
  return b.u32(type).u32(length).bytes(body).u32(trailer);
}
function shb(b: Bytes): Bytes {
  return b.u32(0x0a0d0d0a).u32(28).u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff).u32(28);
}
function idb(b: Bytes, linkType = 1): Bytes {
  return b.u32(1).u32(20).u16(linkType).u16(0).u32(0).u32(20);
}
function epb(b: Bytes, iface: number, frame: number[], captured = frame.length): Bytes {
  const padded = [...frame, ...new Array<number>((4 - (frame.length % 4)) % 4).fill(0)];
  const length = 32 + padded.length;
  return b.u32(6).u32(length).u32(iface).u32(0).u32(1000).u32(captured).u32(frame.length).bytes(padded).u32(length);
}

function errorOf(run: () => unknown): CaptureError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(CaptureError);
    return e as CaptureError;
  }
  throw new Error('expected a CaptureError');
}

function expectError(bytes: Uint8Array, message: string, byteOffset: number, strict = false): void {
  const e = errorOf(() => readCapture(bytes, { strict }));
  expect(e.name).toBe('CaptureError');
  expect(e.message).toBe(message);
  expect(e.byteOffset).toBe(byteOffset);
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('files that are not captures', () => {
  it('rejects an empty file', () => {
    expectError(new Uint8Array(0), 'the file is empty (0 bytes) at byte 0', 0);
    expect(() => new CaptureReader().finish()).toThrow('the file is empty (0 bytes) at byte 0');
  });

  it('rejects a file too short for any header', () => {
    expectError(Uint8Array.of(0xd4, 0xc3, 0xb2), 'file is only 3 bytes long, too short for a pcap or pcapng header at byte 0', 0);
    expectError(Uint8Array.of(0xd4), 'file is only 1 byte long, too short for a pcap or pcapng header at byte 0', 0);
  });

  it.each([
    ['<html><body>', 'not a pcap or pcapng file (first 4 bytes 0x3c68746d look like text/HTML) at byte 0'],
    ['time,src,dst\n', 'not a pcap or pcapng file (first 4 bytes 0x74696d65 look like text) at byte 0'],
  ])('says a text file looks like text: %j', (text, message) => {
    expectError(ascii(text), message, 0);
  });

  it('recognises gzip, zip, modified pcap and unknown binary', () => {
    expectError(Uint8Array.of(0x1f, 0x8b, 8, 0, 0), 'not a pcap or pcapng file (first 4 bytes 0x1f8b0800 look like a gzip-compressed file: decompress it first) at byte 0', 0);
    expectError(Uint8Array.of(0x50, 0x4b, 3, 4), 'not a pcap or pcapng file (first 4 bytes 0x504b0304 look like a zip archive: extract the capture first) at byte 0', 0);
    expectError(
      Uint8Array.of(0x34, 0xcd, 0xb2, 0xa1, 0, 0),
      'not a pcap or pcapng file (first 4 bytes 0x34cdb2a1 are a modified (Kuznetzov) pcap, which is not supported: save it again as pcap or pcapng) at byte 0',
      0,
    );
    expectError(Uint8Array.of(0, 1, 2, 3, 4, 5), 'not a pcap or pcapng file (first 4 bytes 0x00010203) at byte 0', 0);
  });
});

describe('classic pcap errors and truncation', () => {
  it('reads a header-only file as an empty trace', () => {
    const r = readCapture(pcapHeader().build());
    expect(r).toMatchObject({ format: 'pcap', packets: 0, undecoded: 0, bytesRead: 24, linkTypes: ['Ethernet (1)'] });
    expect(r.trace.count).toBe(0);
  });

  it('rejects a file cut inside its header, and a wrong version', () => {
    expectError(pcapHeader().build().subarray(0, 10), 'file ends inside the pcap file header at byte 0 (header needs 24 bytes, 10 remain)', 0);
    const v3 = pcapHeader().build();
    v3[4] = 3;
    expectError(v3, 'pcap file header at byte 0 has version 3.4; only 2.x is supported', 0);
  });

  it('keeps the packets before a cut last record and reports where (strict: an error)', () => {
    const whole = fixture('ipv4-mix.pcap'); // last record: 16-byte header + 10 bytes at 1121
    const cut = whole.subarray(0, whole.length - 4);
    const r = readCapture(cut);
    expect(r.packets).toBe(16);
    expect(r.truncatedAt).toEqual({ byteOffset: 1121, message: 'file ends inside a packet record at byte 1121 (record needs 26 bytes, 22 remain)' });
    expectError(cut, 'file ends inside a packet record at byte 1121 (record needs 26 bytes, 22 remain)', 1121, true);
    const inHeader = readCapture(whole.subarray(0, 1121 + 5));
    expect(inHeader.packets).toBe(16);
    expect(inHeader.truncatedAt?.message).toBe('file ends inside a packet record at byte 1121 (record needs 16 bytes, 5 remain)');
  });

  it('rejects an absurd captured length instead of waiting for it', () => {
    const bytes = pcapHeader().u32(0).u32(0).u32(0xffffffff).u32(60).build();
    expectError(bytes, 'packet record at byte 24 claims 4294967295 captured bytes, more than the 16777200-byte limit (corrupt file?)', 24);
  });

  it('keeps frames of an unknown link type as "other" packets', () => {
    const bytes = pcapHeader(147).u32(5).u32(0).u32(3).u32(3).u8(1, 2, 3).u32(5).u32(1).u32(0).u32(0).build();
    const r = readCapture(bytes);
    expect(r).toMatchObject({ linkTypes: ['link type 147 (not decoded)'], packets: 2, undecoded: 2 });
    expect(Array.from(r.trace.ipVersion)).toEqual([0, 0]);
    expect(Array.from(r.trace.tsNs)).toEqual([0, 1000]);
    expect(Array.from(r.trace.wireLen)).toEqual([3, 0]);
  });
});

describe('pcapng errors and truncation', () => {
  const start = (): Bytes => idb(shb(new Bytes()));
  const frame = [...new Array<number>(12).fill(2), 0x08, 0x06, ...new Array<number>(28).fill(0)]; // an ARP frame

  it('reads a section with no interface and no packet as an empty trace', () => {
    expect(readCapture(shb(new Bytes()).build())).toMatchObject({ format: 'pcapng', packets: 0, linkTypes: [] });
  });

  it.each([
    [0, 'block length 0 at byte 48 is shorter than the 12-byte minimum'],
    [8, 'block length 8 at byte 48 is shorter than the 12-byte minimum'],
    [14, 'block length 14 at byte 48 is not a multiple of 4'],
    [0x7ffffff0, 'block length 2147483632 at byte 48 is larger than the 16777216-byte limit (corrupt file?)'],
  ])('rejects block length %d instead of looping or waiting', (length, message) => {
    expectError(start().u32(4).u32(length).u32(0).u32(0).build(), message, 48);
  });

  it('rejects a packet block shorter than its minimum, a wrong trailer, a missing interface, too many captured bytes', () => {
    expectError(start().u32(6).u32(16).u32(0).u32(16).build(), 'enhanced packet block length 16 at byte 48 is shorter than the 32-byte minimum', 48);
    expectError(block(start(), 4, [0, 0, 0, 0], 16, 20).build(), 'name resolution block at byte 48 ends with length 20, not the 16 it starts with (corrupt file?)', 48);
    expectError(epb(start(), 1, frame).build(), 'enhanced packet block at byte 48 refers to interface 1, but section 1 has 1 interface so far', 48);
    expectError(epb(shb(new Bytes()), 0, frame).build(), 'enhanced packet block at byte 28 refers to interface 0, but section 1 has no interface so far', 28);
    expectError(epb(start(), 0, frame, 200).build(), 'enhanced packet block at byte 48 claims 200 captured bytes but has room for 44', 48);
    const spb = start().u32(3).u32(16).u32(60).u32(16);
    expect(readCapture(spb.build()).packets).toBe(1); // an empty SPB is fine (0 captured bytes)
  });

  it('rejects a bad section header: byte-order magic, version, length', () => {
    const badMagic = shb(new Bytes()).build();
    badMagic.set([1, 2, 3, 4], 8);
    expectError(badMagic, 'section header block at byte 0 has byte-order magic 0x01020304, not 0x1a2b3c4d in either order', 0);
    const v2 = shb(new Bytes()).build();
    v2[12] = 2;
    expectError(v2, 'section header block at byte 0 has version 2.0; only 1.x is supported', 0);
    expectError(new Bytes().u32(0x0a0d0d0a).u32(20).u32(0x1a2b3c4d).u32(1).u32(20).build(), 'section header block length 20 at byte 0 is shorter than the 28-byte minimum', 0);
  });

  it('keeps the packets before a cut last block; a file cut inside its first section header is an error', () => {
    const whole = epb(epb(start(), 0, frame), 0, frame).build(); // EPBs at 48 and 124, 76 bytes each
    const r = readCapture(whole.subarray(0, whole.length - 26));
    expect(r.packets).toBe(1);
    expect(r.truncatedAt).toEqual({ byteOffset: 124, message: 'file ends inside an enhanced packet block at byte 124 (block needs 76 bytes, 50 remain)' });
    expect(readCapture(whole.subarray(0, 127)).truncatedAt?.message).toBe('file ends inside a block header at byte 124 (block header needs 8 bytes, 3 remain)');
    expectError(whole.subarray(0, 20), 'file ends inside a section header block at byte 0 (block needs 28 bytes, 20 remain)', 0);
    expectError(whole.subarray(0, 10), 'file ends inside a section header block at byte 0 (block header needs 12 bytes, 10 remain)', 0);
  });

  it('a failed reader keeps failing with the same error', () => {
    const reader = new CaptureReader();
    const bad = start().u32(4).u32(0).build();
    const first = errorOf(() => reader.push(bad));
    expect(errorOf(() => reader.push(new Uint8Array(10)))).toBe(first);
    expect(errorOf(() => reader.finish())).toBe(first);
  });
});

describe('robustness', () => {
  const fixtures = ['ipv4-mix.pcap', 'ipv6.pcap', 'hand-built.pcapng', 'two-interfaces.pcapng', 'live-loopback.pcapng'].map(fixture);

  it('random bytes after a valid magic either read or fail with a CaptureError, never hang', () => {
    const magics = [[0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0x3c, 0x4d], [0x0a, 0x0d, 0x0d, 0x0a]];
    fc.assert(
      fc.property(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 400 }), (magic, rest) => {
        try {
          readCapture(Uint8Array.from([...magic, ...rest]));
        } catch (e) {
          expect(e).toBeInstanceOf(CaptureError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('fixtures with random bytes overwritten either read or fail with a CaptureError', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
        (original, edits) => {
          const bytes = original.slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          try {
            const r = readCapture(bytes);
            expect(r.packets).toBe(r.trace.count);
          } catch (e) {
            expect(e).toBeInstanceOf(CaptureError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
