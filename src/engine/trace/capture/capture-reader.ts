/**
 * Streaming reader of capture files (classic pcap and pcapng) into a columnar Trace.
 *
 *   const reader = new CaptureReader();
 *   for await (const chunk of file.stream()) reader.push(chunk);
 *   const { trace, format, undecoded, truncatedAt } = reader.finish();
 *
 * Chunks may be cut anywhere. A chunk is parsed in place; only the unfinished record at its
 * end is copied aside, and the next chunk tops that record up before being parsed in place in
 * turn, so each byte is copied at most once (bar the rare growth of the carry-over buffer) and
 * memory holds the trace, one chunk and one record.
 *
 * Decisions:
 * - A file that ends inside a packet record or block keeps every packet before it and reports
 *   `truncatedAt` (what a teacher loading a slightly cut capture wants); with `strict: true`
 *   that is a CaptureError instead. A file that ends inside its file header is always an error.
 * - A file with a valid header and no packets gives an empty trace; a 0-byte file is an error.
 * - Frames that cannot be decoded are kept as "other" packets and counted in `undecoded`.
 * - `tsNs` is relative to the first packet that has a time.
 * - Any failure is a CaptureError naming the byte offset; after one, the reader stays failed.
 */
import type { Trace } from '../trace';
import { CaptureError, hex } from './capture-error';
import { PacketSink } from './packet-sink';
import { PcapParser, isPcapMagic, byteSwap32 } from './pcap-format';
import { PcapngParser, PCAPNG_SHB } from './pcapng-format';
import type { UnitParser } from './unit-parser';

export interface CaptureReaderOptions {
  /** Stop after this many packets (the rest of the file is not parsed). Default: no limit. */
  maxPackets?: number;
  /** Make a file that ends inside a packet record an error instead of reporting `truncatedAt`. */
  strict?: boolean;
}

export interface CaptureResult {
  trace: Trace;
  format: 'pcap' | 'pcapng';
  /** Link types of the file (pcap) or of its interfaces (pcapng), e.g. "Ethernet (1)", in first-seen order. */
  linkTypes: string[];
  /** Packets in the trace (= trace.count). */
  packets: number;
  /** Packets kept as "other" (ipVersion 0) or whose transport header was cut short. */
  undecoded: number;
  /** Bytes pushed into the reader. */
  bytesRead: number;
  /** Set when the file ends inside a record or block: where, and what was missing. */
  truncatedAt?: { byteOffset: number; message: string };
  /** True when reading stopped at `maxPackets`. */
  limitReached: boolean;
}

export class CaptureReader {
  private readonly sink: PacketSink;
  private readonly strict: boolean;
  private parser: UnitParser | undefined;
  /** Bytes of an unfinished unit carried over between chunks, and the file offset of its first byte. */
  private pending = new Uint8Array(0);
  private pendingView = new DataView(this.pending.buffer);
  private pendingLength = 0;
  /** File offset of the first byte not yet parsed. */
  private offset = 0;
  private bytesRead = 0;
  private stopped = false;

  /** True once `maxPackets` were read: the rest of the file need not be fed. */
  get limitReached(): boolean {
    return this.stopped;
  }
  private failure: CaptureError | undefined;

  constructor(options: CaptureReaderOptions = {}) {
    this.sink = new PacketSink(options.maxPackets ?? Infinity);
    this.strict = options.strict ?? false;
  }

  /** Parses as much as possible of the file's next bytes. Throws a CaptureError on bad data. */
  push(chunk: Uint8Array): void {
    if (this.failure) throw this.failure;
    this.bytesRead += chunk.length;
    if (this.stopped || chunk.length === 0) return;
    try {
      this.pushChunk(chunk);
    } catch (e) {
      // Parsers check every length before reading, so this is a safety net: no raw RangeError escapes.
      const why = e instanceof Error ? e.message : String(e);
      this.failure = e instanceof CaptureError ? e : new CaptureError(`unreadable data in the record at byte ${this.offset} (${why})`, this.offset);
      throw this.failure;
    }
  }

  /** Ends the file: returns what was read, or throws when the file as a whole is unusable. */
  finish(): CaptureResult {
    if (this.failure) throw this.failure;
    if (this.bytesRead === 0) throw new CaptureError('the file is empty (0 bytes)', 0);
    let truncatedAt: CaptureResult['truncatedAt'];
    if (!this.stopped && this.pendingLength > 0) {
      const view = this.pendingView;
      const avail = this.pendingLength;
      if (!this.parser) {
        throw this.fail(new CaptureError(`file is only ${bytes(avail)} long, too short for a pcap or pcapng header`, 0));
      }
      const need = this.parser.unitLength(view, 0, avail, this.offset);
      const { what, noun, fatal } = this.parser.describeUnit(view, 0, avail);
      const message = `file ends inside ${what} at byte ${this.offset} (${noun} needs ${bytes(need)}, ${avail} remain)`;
      if (fatal || this.strict) throw this.fail(new CaptureError(message, this.offset));
      truncatedAt = { byteOffset: this.offset, message };
    }
    if (!this.parser) throw this.fail(new CaptureError('the file is empty (0 bytes)', 0)); // unreachable: bytes read always pick a parser or fail above
    const trace = this.sink.builder.build();
    const result: CaptureResult = {
      trace,
      format: this.parser.format,
      linkTypes: [...this.sink.linkTypes],
      packets: trace.count,
      undecoded: this.sink.undecoded,
      bytesRead: this.bytesRead,
      limitReached: this.stopped,
    };
    if (truncatedAt) result.truncatedAt = truncatedAt;
    return result;
  }

  private fail(error: CaptureError): CaptureError {
    this.failure = error;
    return error;
  }

  private pushChunk(chunk: Uint8Array): void {
    let used = 0;
    // First complete the unit left over from the previous chunk, copying only what it lacks.
    while (this.pendingLength > 0) {
      const need = this.lengthAt(this.pendingView, 0, this.pendingLength, this.offset);
      if (need > this.pendingLength) {
        const take = Math.min(need - this.pendingLength, chunk.length - used);
        if (take === 0) return;
        this.reserve(need);
        this.pending.set(chunk.subarray(used, used + take), this.pendingLength);
        this.pendingLength += take;
        used += take;
        continue;
      }
      this.parseAt(this.pendingView, 0, need);
      this.pendingLength = 0;
      if (this.stopped) return;
    }
    // Then parse the rest of the chunk in place.
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let pos = used;
    while (pos < chunk.length) {
      const avail = chunk.length - pos;
      const need = this.lengthAt(view, pos, avail, this.offset);
      if (need > avail) break;
      this.parseAt(view, pos, need);
      pos += need;
      if (this.stopped) return;
    }
    if (pos < chunk.length) {
      this.reserve(chunk.length - pos);
      this.pending.set(chunk.subarray(pos), 0);
      this.pendingLength = chunk.length - pos;
    }
  }

  private lengthAt(view: DataView, pos: number, avail: number, fileOffset: number): number {
    if (!this.parser) {
      if (avail < 4) return 4;
      this.parser = this.detect(view.getUint32(pos, false));
    }
    return this.parser.unitLength(view, pos, avail, fileOffset);
  }

  private parseAt(view: DataView, pos: number, length: number): void {
    (this.parser as UnitParser).parseUnit(view, pos, length, this.offset);
    this.offset += length;
    if (this.sink.full) this.stopped = true;
  }

  private reserve(size: number): void {
    if (this.pending.length >= size) return;
    const bigger = new Uint8Array(Math.max(size, this.pending.length * 2, 4096));
    bigger.set(this.pending.subarray(0, this.pendingLength));
    this.pending = bigger;
    this.pendingView = new DataView(bigger.buffer);
  }

  private detect(magic: number): UnitParser {
    if (isPcapMagic(magic)) return new PcapParser(this.sink, magic);
    if (magic === PCAPNG_SHB) return new PcapngParser(this.sink);
    throw new CaptureError(`not a pcap or pcapng file (first 4 bytes ${hex(magic)}${guessFormat(magic)}) at byte 0`, 0);
  }
}

/** A hint about what a non-capture file is, from its first 4 bytes (read big-endian). */
function guessFormat(magic: number): string {
  if (magic === 0xa1b2cd34 || byteSwap32(magic) === 0xa1b2cd34) return ' are a modified (Kuznetzov) pcap, which is not supported: save it again as pcap or pcapng';
  if (magic >>> 16 === 0x1f8b) return ' look like a gzip-compressed file: decompress it first';
  if (magic === 0x504b0304) return ' look like a zip archive: extract the capture first';
  const bytes = [magic >>> 24, (magic >>> 16) & 255, (magic >>> 8) & 255, magic & 255];
  if (bytes[0] === 0x3c) return ' look like text/HTML';
  if (bytes.every((b) => (b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13)) return ' look like text';
  return '';
}

/** Reads a whole capture held in memory. */
/** "1 byte", "24 bytes". */
function bytes(n: number): string {
  return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
}

export function readCapture(bytes: Uint8Array, options: CaptureReaderOptions = {}): CaptureResult {
  const reader = new CaptureReader(options);
  reader.push(bytes);
  return reader.finish();
}
