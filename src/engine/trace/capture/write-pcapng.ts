/**
 * Writes a Trace as pcapng: a section header (with a comment, e.g. the program, cores and seed
 * of the run, and the writing application), one Ethernet interface ("scr-explorer", nanosecond
 * timestamps: if_tsresol 9) and an enhanced packet block per packet, frames as `synth-frame.ts`
 * makes them. Timestamps are 64-bit nanoseconds, so times past 2^32 s are kept, not wrapped.
 */
import type { Trace } from '../trace';
import { LINKTYPE_ETHERNET } from './decode-frame';
import { frameLength, originalLength, writeFrame } from './synth-frame';
import { negativeTimeShift, SNAP_LENGTH } from './write-pcap';

export interface WritePcapngOptions {
  /** The section's comment (opt_comment), e.g. "port knocking, 4 cores, seed 7". */
  comment?: string;
}

const SHB = 0x0a0d0d0a;
const IDB = 1;
const EPB = 6;
const OPT_END = 0;
const OPT_COMMENT = 1;
const SHB_USERAPPL = 4;
const IF_NAME = 2;
const IF_TSRESOL = 9;
const APPLICATION = 'SCR Explorer';
const INTERFACE = 'scr-explorer';

const pad4 = (n: number) => (n + 3) & ~3;
const encoder = new TextEncoder();

type Option = [code: number, value: Uint8Array];

function optionsLength(options: readonly Option[]): number {
  return options.length === 0 ? 0 : options.reduce((n, [, v]) => n + 4 + pad4(v.length), 4);
}

function putOptions(bytes: Uint8Array, view: DataView, at: number, options: readonly Option[]): number {
  if (options.length === 0) return at;
  let p = at;
  for (const [code, value] of options) {
    view.setUint16(p, code, true);
    view.setUint16(p + 2, value.length, true);
    bytes.set(value, p + 4);
    p += 4 + pad4(value.length);
  }
  view.setUint16(p, OPT_END, true);
  view.setUint16(p + 2, 0, true);
  return p + 4;
}

/** Starts a block of `total` bytes at `at`; its trailing length is written too. */
function block(view: DataView, at: number, type: number, total: number): void {
  view.setUint32(at, type, true);
  view.setUint32(at + 4, total, true);
  view.setUint32(at + total - 4, total, true);
}

export function writePcapng(trace: Trace, options: WritePcapngOptions = {}): Uint8Array {
  const shb: Option[] = [[SHB_USERAPPL, encoder.encode(APPLICATION)]];
  if (options.comment) shb.unshift([OPT_COMMENT, encoder.encode(options.comment)]);
  const idb: Option[] = [[IF_NAME, encoder.encode(INTERFACE)], [IF_TSRESOL, Uint8Array.of(9)]];
  const shbLength = 28 + optionsLength(shb);
  const idbLength = 20 + optionsLength(idb);
  let size = shbLength + idbLength;
  for (let i = 0; i < trace.count; i++) size += 32 + pad4(frameLength(trace, i));
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);

  block(view, 0, SHB, shbLength);
  view.setUint32(8, 0x1a2b3c4d, true); // byte-order magic
  view.setUint16(12, 1, true); // version 1.0
  view.setUint16(14, 0, true);
  view.setInt32(16, -1, true); // section length: not given
  view.setInt32(20, -1, true);
  putOptions(bytes, view, 24, shb);

  let pos = shbLength;
  block(view, pos, IDB, idbLength);
  view.setUint16(pos + 8, LINKTYPE_ETHERNET, true);
  view.setUint32(pos + 12, SNAP_LENGTH, true);
  putOptions(bytes, view, pos + 16, idb);
  pos += idbLength;

  const shift = BigInt(negativeTimeShift(trace)) * 1_000_000_000n;
  for (let i = 0; i < trace.count; i++) {
    const frame = frameLength(trace, i);
    const total = 32 + pad4(frame);
    block(view, pos, EPB, total);
    view.setUint32(pos + 8, 0, true); // interface 0
    const ns = BigInt(Math.round(trace.tsNs[i] as number)) + shift;
    view.setUint32(pos + 12, Number(ns >> 32n), true);
    view.setUint32(pos + 16, Number(ns & 0xffffffffn), true);
    view.setUint32(pos + 20, frame, true);
    view.setUint32(pos + 24, originalLength(trace, i, frame), true);
    writeFrame(trace, i, view, pos + 28, frame);
    pos += total;
  }
  return bytes;
}
