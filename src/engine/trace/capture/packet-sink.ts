/**
 * Where the format parsers put the packets they read: decodes each frame, turns its absolute
 * time (whole seconds + nanoseconds) into `tsNs` relative to the first packet, and appends it
 * to a TraceBuilder. Relative times are computed from the split seconds/nanoseconds, so they
 * are exact for captures up to about 104 days long (2^53 ns) whatever the epoch. A packet
 * earlier than the first one gets a negative time (the file's order is kept as it is).
 */
import { TraceBuilder } from '../trace';
import { decodeFrame, emptyFrameFields, linkTypeName, type FrameFields } from './decode-frame';

export class PacketSink {
  readonly builder: TraceBuilder;
  readonly linkTypes: string[] = [];
  undecoded = 0;
  private readonly seen = new Set<number>();
  /** Reused for every packet: TraceBuilder.push copies the fields into its columns. */
  private readonly record: FrameFields & { tsNs: number; wireLen: number } = { ...emptyFrameFields(), tsNs: 0, wireLen: 0 };
  private hasReference = false;
  private refSeconds = 0;
  private refNanos = 0;
  private lastTsNs = 0;

  constructor(readonly maxPackets: number) {
    this.builder = new TraceBuilder(4096);
  }

  get count(): number {
    return this.builder.count;
  }

  get full(): boolean {
    return this.builder.count >= this.maxPackets;
  }

  /** Records that an interface (or the file) uses this link type. */
  noteLinkType(linkType: number): void {
    if (this.seen.has(linkType)) return;
    this.seen.add(linkType);
    this.linkTypes.push(linkTypeName(linkType));
  }

  /**
   * Adds a frame captured at `seconds` + `nanos` (absolute), or at the previous packet's time
   * when `seconds` is undefined (pcapng simple packet blocks carry no time).
   */
  add(linkType: number, view: DataView, start: number, capturedLen: number, wireLen: number, seconds: number | undefined, nanos: number): void {
    let tsNs = this.lastTsNs;
    if (seconds !== undefined) {
      if (!this.hasReference) {
        this.hasReference = true;
        this.refSeconds = seconds;
        this.refNanos = nanos;
      }
      tsNs = (seconds - this.refSeconds) * 1e9 + (nanos - this.refNanos);
    }
    this.lastTsNs = tsNs;
    const r = this.record;
    if (!decodeFrame(linkType, view, start, capturedLen, r)) this.undecoded++;
    r.tsNs = tsNs;
    r.wireLen = wireLen;
    this.builder.push(r);
  }
}
