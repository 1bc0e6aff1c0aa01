/**
 * Writes a Trace as a classic pcap file that Wireshark, tcpdump and the reader open.
 *
 * Decisions:
 * - Nanosecond pcap (magic a1b23c4d, little-endian) by default, so times round-trip exactly
 *   to the nanosecond (`resolution: 'us'` writes the classic microsecond magic instead).
 *   Times are written as `tsNs` since the epoch, shifted by whole seconds when some are negative.
 *   Classic pcap has 32-bit seconds: a time at or past 2^32 s (year 2106, or a pcapng
 *   `if_tsoffset`) is refused with `ExportError` rather than wrapped; pcapng holds it.
 * - Link type Ethernet; frames as `synth-frame.ts` makes them (headers only, original length
 *   the packet's wire length), so files stay small (about 70-100 bytes a packet).
 */
import type { Trace } from '../trace';
import { LINKTYPE_ETHERNET } from './decode-frame';
import { PCAP_MAGIC_MICRO, PCAP_MAGIC_NANO } from './pcap-format';
import { frameLength, originalLength, writeFrame } from './synth-frame';

export interface WritePcapOptions {
  /** Timestamp resolution of the file: 'ns' (default) or 'us' (times rounded to microseconds). */
  resolution?: 'ns' | 'us';
}

/** A trace the chosen format cannot hold as it is, worded for the person exporting. */
export class ExportError extends Error {
  override name = 'ExportError';
}

export const SNAP_LENGTH = 262144;
const PCAP_MAX_SECONDS = 2 ** 32 - 1;

/** Whole seconds added to every time so that none is negative (0 when none is). */
export function negativeTimeShift(trace: Trace): number {
  let minTs = 0;
  for (let i = 0; i < trace.count; i++) minTs = Math.min(minTs, trace.tsNs[i] as number);
  return Math.ceil(-minTs / 1e9);
}

export function writePcap(trace: Trace, options: WritePcapOptions = {}): Uint8Array {
  const nano = (options.resolution ?? 'ns') === 'ns';
  let size = 24;
  for (let i = 0; i < trace.count; i++) size += 16 + frameLength(trace, i);
  const shiftSeconds = negativeTimeShift(trace);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, nano ? PCAP_MAGIC_NANO : PCAP_MAGIC_MICRO, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, SNAP_LENGTH, true);
  view.setUint32(20, LINKTYPE_ETHERNET, true);
  let pos = 24;
  for (let i = 0; i < trace.count; i++) {
    const frame = frameLength(trace, i);
    const totalNs = Math.round(trace.tsNs[i] as number) + shiftSeconds * 1e9;
    let seconds = Math.floor(totalNs / 1e9);
    let fraction = nano ? totalNs - seconds * 1e9 : Math.round((totalNs - seconds * 1e9) / 1000);
    if (fraction >= (nano ? 1e9 : 1e6)) {
      seconds++;
      fraction = 0;
    }
    if (seconds > PCAP_MAX_SECONDS) {
      throw new ExportError(`packet #${i} is at ${seconds} s, past classic pcap's 32-bit seconds (year 2106): export as .pcapng, which holds it`);
    }
    view.setUint32(pos, seconds, true);
    view.setUint32(pos + 4, fraction, true);
    view.setUint32(pos + 8, frame, true);
    view.setUint32(pos + 12, originalLength(trace, i, frame), true);
    writeFrame(trace, i, view, pos + 16, frame);
    pos += 16 + frame;
  }
  return bytes;
}
