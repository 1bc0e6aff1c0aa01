/**
 * Classic libpcap files: a 24-byte file header, then records of a 16-byte header
 * (seconds, micro- or nanoseconds, captured length, original length) and the frame.
 * Both byte orders (magic a1b2c3d4 read either way) and the nanosecond variant (a1b23c4d).
 */
import { CaptureError } from './capture-error';
import type { PacketSink } from './packet-sink';
import { MAX_UNIT_BYTES, type UnitParser } from './unit-parser';

export const PCAP_MAGIC_MICRO = 0xa1b2c3d4;
export const PCAP_MAGIC_NANO = 0xa1b23c4d;
const FILE_HEADER_BYTES = 24;
const RECORD_HEADER_BYTES = 16;

/** True when the first 4 bytes, read big-endian, are a classic pcap magic in either byte order. */
export function isPcapMagic(bigEndianWord: number): boolean {
  return [PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO].some((m) => m === bigEndianWord || m === byteSwap32(bigEndianWord));
}

export function byteSwap32(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

export class PcapParser implements UnitParser {
  readonly format = 'pcap';
  private readonly little: boolean;
  private readonly nano: boolean;
  private headerRead = false;
  private linkType = 0;

  constructor(
    private readonly sink: PacketSink,
    bigEndianMagic: number,
  ) {
    this.little = bigEndianMagic !== PCAP_MAGIC_MICRO && bigEndianMagic !== PCAP_MAGIC_NANO;
    this.nano = bigEndianMagic === PCAP_MAGIC_NANO || byteSwap32(bigEndianMagic) === PCAP_MAGIC_NANO;
  }

  unitLength(view: DataView, pos: number, avail: number, fileOffset: number): number {
    if (!this.headerRead) return FILE_HEADER_BYTES;
    if (avail < RECORD_HEADER_BYTES) return RECORD_HEADER_BYTES;
    const captured = view.getUint32(pos + 8, this.little);
    if (captured > MAX_UNIT_BYTES - RECORD_HEADER_BYTES) {
      throw new CaptureError(
        `packet record at byte ${fileOffset} claims ${captured} captured bytes, more than the ${MAX_UNIT_BYTES - RECORD_HEADER_BYTES}-byte limit (corrupt file?)`,
        fileOffset,
      );
    }
    return RECORD_HEADER_BYTES + captured;
  }

  parseUnit(view: DataView, pos: number, _length: number, fileOffset: number): void {
    if (!this.headerRead) {
      const major = view.getUint16(pos + 4, this.little);
      const minor = view.getUint16(pos + 6, this.little);
      if (major !== 2) {
        throw new CaptureError(`pcap file header at byte ${fileOffset} has version ${major}.${minor}; only 2.x is supported`, fileOffset);
      }
      // The link type is the low 16 bits; the upper ones may carry FCS information.
      this.linkType = view.getUint32(pos + 20, this.little) & 0xffff;
      this.sink.noteLinkType(this.linkType);
      this.headerRead = true;
      return;
    }
    const seconds = view.getUint32(pos, this.little);
    const fraction = view.getUint32(pos + 4, this.little);
    const captured = view.getUint32(pos + 8, this.little);
    const original = view.getUint32(pos + 12, this.little);
    this.sink.add(this.linkType, view, pos + RECORD_HEADER_BYTES, captured, original, seconds, this.nano ? fraction : fraction * 1000);
  }

  describeUnit(): { what: string; noun: string; fatal: boolean } {
    if (!this.headerRead) return { what: 'the pcap file header', noun: 'header', fatal: true };
    return { what: 'a packet record', noun: 'record', fatal: false };
  }
}
