import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptureError } from './capture-error';
import { CaptureReader, readCapture, type CaptureResult } from './capture-reader';
import { compactAll } from './test-helpers';

const fixture = (name: string): Uint8Array => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const NAMES = [
  'ipv4-mix.pcap', 'big-endian.pcap', 'nanosecond.pcap', 'vlan.pcap', 'ipv6.pcap', 'sll2.pcap',
  'live-any-sll2.pcap', 'two-interfaces.pcapng', 'hand-built.pcapng', 'live-loopback.pcapng',
];

/** Pushes `bytes` cut at the given positions (any order, duplicates allowed: empty chunks). */
function readInChunks(bytes: Uint8Array, cuts: number[], options = {}): CaptureResult {
  const points = [0, ...cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b), bytes.length];
  const reader = new CaptureReader(options);
  for (let k = 1; k < points.length; k++) reader.push(bytes.subarray(points[k - 1], points[k]));
  return reader.finish();
}

function summary(r: CaptureResult): object {
  const { trace, ...rest } = r;
  return { ...rest, packets: compactAll(trace) };
}

describe('streaming', () => {
  it('gives the same result whatever the chunk boundaries', () => {
    const files = NAMES.map((name) => ({ name, bytes: fixture(name), whole: summary(readCapture(fixture(name))) }));
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(fc.nat(), { maxLength: 40 }), ({ bytes, whole }, cuts) => {
        expect(summary(readInChunks(bytes, cuts))).toEqual(whole);
      }),
      { numRuns: 500 },
    );
  });

  it('reads a file pushed one byte at a time', () => {
    for (const name of NAMES) {
      const bytes = fixture(name);
      const reader = new CaptureReader();
      for (let i = 0; i < bytes.length; i++) reader.push(bytes.subarray(i, i + 1));
      expect(summary(reader.finish())).toEqual(summary(readCapture(bytes)));
    }
  });

  it('reports the same truncation and the same errors whatever the chunk boundaries', () => {
    const cut = fixture('hand-built.pcapng').subarray(0, 500);
    const expected = readCapture(cut).truncatedAt;
    expect(expected).toEqual({ byteOffset: 468, message: 'file ends inside an obsolete packet block at byte 468 (block needs 76 bytes, 32 remain)' });
    const corrupt = fixture('ipv4-mix.pcap').slice();
    corrupt.set([0xff, 0xff, 0xff, 0x7f], 24 + 16 + 54 + 8); // captured length of the second record
    const message = 'packet record at byte 94 claims 2147483647 captured bytes, more than the 16777200-byte limit (corrupt file?)';
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 20 }), (cuts) => {
        expect(readInChunks(cut, cuts).truncatedAt).toEqual(expected);
        try {
          readInChunks(corrupt, cuts);
          expect.unreachable();
        } catch (e) {
          expect(e).toBeInstanceOf(CaptureError);
          expect((e as CaptureError).message).toBe(message);
          expect((e as CaptureError).byteOffset).toBe(94);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stops at maxPackets in the middle of a chunk and ignores the rest', () => {
    const bytes = fixture('live-loopback.pcapng');
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 10 }), fc.integer({ min: 1, max: 30 }), (cuts, max) => {
        const r = readInChunks(bytes, cuts, { maxPackets: max });
        expect(r.packets).toBe(Math.min(max, 24));
        expect(r.limitReached).toBe(max <= 24);
        expect(r.bytesRead).toBe(bytes.length);
      }),
      { numRuns: 100 },
    );
  });
});
