/**
 * pcapng files: a sequence of blocks `[type u32][total length u32][body][total length u32]`.
 * Read: section header blocks (either byte order; a new section resets the interfaces),
 * interface description blocks (link type, snap length, if_tsresol in decimal or binary
 * units, default microseconds, and if_tsoffset), enhanced packet blocks, simple packet blocks
 * (interface 0, no time: the previous packet's time is reused) and the obsolete packet block.
 * Every other block type (name resolution, interface statistics, custom, ...) is skipped by
 * its length. Options other than if_tsresol/if_tsoffset are ignored, and a malformed option
 * list just ends the option walk: options never decide whether a packet can be read.
 */
import { CaptureError, hex } from './capture-error';
import type { PacketSink } from './packet-sink';
import { MAX_UNIT_BYTES, type UnitParser } from './unit-parser';

export const PCAPNG_SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB = 1;
const OPB = 2; // obsolete packet block
const SPB = 3;
const EPB = 6;
const MIN_LENGTH: Record<number, number> = { [PCAPNG_SHB]: 28, [IDB]: 20, [OPB]: 32, [SPB]: 16, [EPB]: 32 };
const BLOCK_NAMES: Record<number, string> = {
  [PCAPNG_SHB]: 'section header block',
  [IDB]: 'interface description block',
  [OPB]: 'obsolete packet block',
  [SPB]: 'simple packet block',
  4: 'name resolution block',
  5: 'interface statistics block',
  [EPB]: 'enhanced packet block',
};
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;
const TWO_POW_32 = 2 ** 32;

function blockName(type: number): string {
  return BLOCK_NAMES[type] ?? `block of type ${hex(type)}`;
}

function article(name: string): string {
  return /^[aeiou]/.test(name) ? `an ${name}` : `a ${name}`;
}

interface Interface {
  linkType: number;
  snapLength: number;
  /** Timestamp units per second (10^n or 2^n). */
  unitsPerSecond: number;
  /** Nanoseconds per unit when that is a whole number (10^-9..10^0 resolutions), else 0. */
  nanosPerUnit: number;
  /** unitsPerSecond exactly, for the resolutions too fine for float arithmetic. */
  bigUnitsPerSecond: bigint;
  offsetSeconds: number;
}

export class PcapngParser implements UnitParser {
  readonly format = 'pcapng';
  private little = true;
  private interfaces: Interface[] = [];
  private sections = 0;
  /** The last timestamp split by splitTime. */
  private seconds = 0;
  private nanos = 0;

  constructor(private readonly sink: PacketSink) {}

  unitLength(view: DataView, pos: number, avail: number, fileOffset: number): number {
    if (avail < 8) return 8;
    const type = view.getUint32(pos, this.little);
    let little = this.little;
    if (type === PCAPNG_SHB) {
      if (avail < 12) return 12;
      little = this.sectionByteOrder(view, pos, fileOffset);
    }
    const length = view.getUint32(pos + 4, little);
    const min = MIN_LENGTH[type] ?? 12;
    if (length < min) {
      const which = min === 12 ? 'block length' : `${blockName(type)} length`;
      throw new CaptureError(`${which} ${length} at byte ${fileOffset} is shorter than the ${min}-byte minimum`, fileOffset);
    }
    if (length % 4 !== 0) {
      throw new CaptureError(`block length ${length} at byte ${fileOffset} is not a multiple of 4`, fileOffset);
    }
    if (length > MAX_UNIT_BYTES) {
      throw new CaptureError(`block length ${length} at byte ${fileOffset} is larger than the ${MAX_UNIT_BYTES}-byte limit (corrupt file?)`, fileOffset);
    }
    return length;
  }

  private sectionByteOrder(view: DataView, pos: number, fileOffset: number): boolean {
    const magic = view.getUint32(pos + 8, false);
    if (magic === BYTE_ORDER_MAGIC) return false;
    if (magic === 0x4d3c2b1a) return true;
    throw new CaptureError(`section header block at byte ${fileOffset} has byte-order magic ${hex(magic)}, not 0x1a2b3c4d in either order`, fileOffset);
  }

  parseUnit(view: DataView, pos: number, length: number, fileOffset: number): void {
    const le = this.little;
    const type = view.getUint32(pos, le);
    if (type === PCAPNG_SHB) {
      this.little = this.sectionByteOrder(view, pos, fileOffset);
      const major = view.getUint16(pos + 12, this.little);
      const minor = view.getUint16(pos + 14, this.little);
      if (major !== 1) {
        throw new CaptureError(`section header block at byte ${fileOffset} has version ${major}.${minor}; only 1.x is supported`, fileOffset);
      }
      this.interfaces = [];
      this.sections++;
    }
    const trailer = view.getUint32(pos + length - 4, this.little);
    if (trailer !== length) {
      throw new CaptureError(
        `${blockName(type)} at byte ${fileOffset} ends with length ${trailer}, not the ${length} it starts with (corrupt file?)`,
        fileOffset,
      );
    }
    switch (type) {
      case IDB:
        this.readInterface(view, pos, length);
        break;
      case EPB:
      case OPB: {
        const id = type === EPB ? view.getUint32(pos + 8, le) : view.getUint16(pos + 8, le);
        const iface = this.interfaceAt(id, type, fileOffset);
        const captured = view.getUint32(pos + 20, le);
        const original = view.getUint32(pos + 24, le);
        if (captured > length - 32) {
          throw new CaptureError(
            `${blockName(type)} at byte ${fileOffset} claims ${captured} captured bytes but has room for ${length - 32}`,
            fileOffset,
          );
        }
        this.splitTime(view.getUint32(pos + 12, le), view.getUint32(pos + 16, le), iface);
        this.sink.add(iface.linkType, view, pos + 28, captured, original, this.seconds, this.nanos);
        break;
      }
      case SPB: {
        const iface = this.interfaceAt(0, type, fileOffset);
        const original = view.getUint32(pos + 8, le);
        let captured = Math.min(original, length - 16);
        if (iface.snapLength > 0) captured = Math.min(captured, iface.snapLength);
        this.sink.add(iface.linkType, view, pos + 12, captured, original, undefined, 0);
        break;
      }
      default:
        break; // SHB handled above; anything else is skipped by its length
    }
  }

  private interfaceAt(id: number, type: number, fileOffset: number): Interface {
    const iface = this.interfaces[id];
    if (!iface) {
      const count = this.interfaces.length;
      throw new CaptureError(
        `${blockName(type)} at byte ${fileOffset} refers to interface ${id}, but section ${this.sections} has ${count === 0 ? 'no interface' : count === 1 ? '1 interface' : `${count} interfaces`} so far`,
        fileOffset,
      );
    }
    return iface;
  }

  private readInterface(view: DataView, pos: number, length: number): void {
    const le = this.little;
    const iface: Interface = {
      linkType: view.getUint16(pos + 8, le),
      snapLength: view.getUint32(pos + 12, le),
      unitsPerSecond: 1e6,
      nanosPerUnit: 1000,
      bigUnitsPerSecond: 1000000n,
      offsetSeconds: 0,
    };
    const end = pos + length - 4;
    for (let p = pos + 16; p + 4 <= end; ) {
      const code = view.getUint16(p, le);
      const len = view.getUint16(p + 2, le);
      if (code === 0 || p + 4 + len > end) break;
      if (code === OPT_IF_TSRESOL && len >= 1) {
        const v = view.getUint8(p + 4);
        iface.unitsPerSecond = v & 0x80 ? 2 ** (v & 0x7f) : 10 ** v;
        iface.nanosPerUnit = !(v & 0x80) && v <= 9 ? 10 ** (9 - v) : 0;
        iface.bigUnitsPerSecond = v & 0x80 ? 1n << BigInt(v & 0x7f) : 10n ** BigInt(v);
      } else if (code === OPT_IF_TSOFFSET && len >= 8) {
        const hi = view.getInt32(p + 4 + (le ? 4 : 0), le);
        const lo = view.getUint32(p + 4 + (le ? 0 : 4), le);
        iface.offsetSeconds = hi * TWO_POW_32 + lo;
      }
      p += 4 + ((len + 3) & ~3);
    }
    this.interfaces.push(iface);
    this.sink.noteLinkType(iface.linkType);
  }

  /**
   * Splits the 64-bit timestamp hi:lo (in the interface's units) into whole seconds and
   * nanoseconds, exactly: a long division by 16-bit limbs keeps every step below 2^53.
   */
  private splitTime(hi: number, lo: number, iface: Interface): void {
    const d = iface.unitsPerSecond;
    let quotient = 0;
    let rest = 0;
    if (d < 2 ** 36) {
      // Long division of hi:lo by d in four 16-bit limbs; each partial value stays below 2^53.
      for (let i = 0; i < 4; i++) {
        const limb = i === 0 ? hi >>> 16 : i === 1 ? hi & 0xffff : i === 2 ? lo >>> 16 : lo & 0xffff;
        const cur = rest * 65536 + limb;
        let q = Math.floor(cur / d);
        rest = cur - q * d;
        if (rest < 0) {
          q--;
          rest += d;
        } else if (rest >= d) {
          q++;
          rest -= d;
        }
        quotient = quotient * 65536 + q;
      }
    } else {
      // Resolutions finer than ~15 ps: rare enough to pay for BigInt.
      const units = (BigInt(hi) << 32n) | BigInt(lo);
      quotient = Number(units / iface.bigUnitsPerSecond);
      rest = Number(units % iface.bigUnitsPerSecond);
    }
    this.seconds = quotient + iface.offsetSeconds;
    this.nanos = iface.nanosPerUnit ? rest * iface.nanosPerUnit : (rest * 1e9) / d;
  }

  describeUnit(view: DataView, pos: number, avail: number): { what: string; noun: string; fatal: boolean } {
    const fatal = this.sections === 0;
    if (avail < 8) return { what: 'a block header', noun: 'block header', fatal };
    const type = view.getUint32(pos, this.little);
    const noun = type === PCAPNG_SHB && avail < 12 ? 'block header' : 'block';
    return { what: article(blockName(type)), noun, fatal };
  }
}
