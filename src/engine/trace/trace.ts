import type { Packet } from '../packet';

/**
 * A trace stored column by column in typed arrays: a million packets take about 40 MB, are
 * cheap to scan, and move to and from the Web Worker as transferable buffers.
 */
export interface Trace {
  readonly count: number;
  readonly tsNs: Float64Array;
  readonly ethertype: Uint16Array;
  readonly ipVersion: Uint8Array;
  readonly proto: Uint8Array;
  readonly srcIp: Uint32Array;
  readonly dstIp: Uint32Array;
  readonly srcPort: Uint16Array;
  readonly dstPort: Uint16Array;
  readonly tcpFlags: Uint8Array;
  readonly tcpSeq: Uint32Array;
  readonly tcpAck: Uint32Array;
  readonly wireLen: Uint32Array;
  /** Text addresses of the IPv6 packets, by packet index (the numeric columns hold 0 for them). */
  readonly ipv6: ReadonlyMap<number, { src: string; dst: string }>;
}

type Columns = Omit<Trace, 'count' | 'ipv6'>;
const COLUMN_TYPES = {
  tsNs: Float64Array,
  ethertype: Uint16Array,
  ipVersion: Uint8Array,
  proto: Uint8Array,
  srcIp: Uint32Array,
  dstIp: Uint32Array,
  srcPort: Uint16Array,
  dstPort: Uint16Array,
  tcpFlags: Uint8Array,
  tcpSeq: Uint32Array,
  tcpAck: Uint32Array,
  wireLen: Uint32Array,
} as const;
export const TRACE_COLUMNS = Object.keys(COLUMN_TYPES) as (keyof Columns)[];

function allocate(capacity: number): Columns {
  const out: Partial<Record<keyof Columns, unknown>> = {};
  for (const name of TRACE_COLUMNS) out[name] = new COLUMN_TYPES[name](capacity);
  return out as Columns;
}

/** Writes packet fields into row i; omitted fields are 0, the time is the previous row's, the length 64. */
function writeRow(c: Columns, i: number, p: PacketInit): void {
  c.tsNs[i] = p.tsNs ?? (i > 0 ? (c.tsNs[i - 1] as number) : 0);
  c.ethertype[i] = p.ethertype ?? 0;
  c.ipVersion[i] = p.ipVersion ?? 0;
  c.proto[i] = p.proto ?? 0;
  c.srcIp[i] = p.srcIp ?? 0;
  c.dstIp[i] = p.dstIp ?? 0;
  c.srcPort[i] = p.srcPort ?? 0;
  c.dstPort[i] = p.dstPort ?? 0;
  c.tcpFlags[i] = p.tcpFlags ?? 0;
  c.tcpSeq[i] = p.tcpSeq ?? 0;
  c.tcpAck[i] = p.tcpAck ?? 0;
  c.wireLen[i] = p.wireLen ?? 64;
}

/** Packet fields a builder accepts; omitted ones default to 0 (or to the previous packet's time). */
export type PacketInit = Partial<Omit<Packet, 'index'>>;

/** Appends packets one at a time, growing its columns geometrically. */
export class TraceBuilder {
  private cols: Columns;
  private capacity: number;
  private n = 0;
  private readonly v6 = new Map<number, { src: string; dst: string }>();

  constructor(expected = 1024) {
    this.capacity = Math.max(16, expected);
    this.cols = allocate(this.capacity);
  }

  get count(): number {
    return this.n;
  }

  push(p: PacketInit): number {
    if (this.n === this.capacity) this.grow();
    const i = this.n++;
    const c = this.cols;
    writeRow(c, i, p);
    if (p.ipVersion === 6) this.v6.set(i, { src: p.srcIp6 ?? '::', dst: p.dstIp6 ?? '::' });
    return i;
  }

  private grow(): void {
    const bigger = allocate(this.capacity * 2);
    for (const name of TRACE_COLUMNS) (bigger[name] as Uint8Array).set(this.cols[name] as Uint8Array);
    this.cols = bigger;
    this.capacity *= 2;
  }

  /** The finished trace; columns are trimmed views, so no copy is made. */
  build(): Trace {
    const trimmed = {} as Record<keyof Columns, unknown>;
    for (const name of TRACE_COLUMNS) trimmed[name] = (this.cols[name] as Uint8Array).subarray(0, this.n);
    return { count: this.n, ipv6: this.v6, ...(trimmed as Columns) };
  }
}

export function traceFromPackets(packets: readonly PacketInit[]): Trace {
  const b = new TraceBuilder(packets.length);
  for (const p of packets) b.push(p);
  return b.build();
}

export function packetAt(trace: Trace, i: number): Packet {
  if (!Number.isInteger(i) || i < 0 || i >= trace.count) throw new RangeError(`packet ${i} is outside the trace (0..${trace.count - 1})`);
  const v6 = trace.ipv6.get(i);
  const p: Packet = {
    index: i,
    tsNs: trace.tsNs[i] as number,
    ethertype: trace.ethertype[i] as number,
    ipVersion: trace.ipVersion[i] as 0 | 4 | 6,
    proto: trace.proto[i] as number,
    srcIp: trace.srcIp[i] as number,
    dstIp: trace.dstIp[i] as number,
    srcPort: trace.srcPort[i] as number,
    dstPort: trace.dstPort[i] as number,
    tcpFlags: trace.tcpFlags[i] as number,
    tcpSeq: trace.tcpSeq[i] as number,
    tcpAck: trace.tcpAck[i] as number,
    wireLen: trace.wireLen[i] as number,
  };
  if (v6) {
    p.srcIp6 = v6.src;
    p.dstIp6 = v6.dst;
  }
  return p;
}

/** A copy of the trace with packet i replaced (used when the user edits a packet: the future forks). */
export function withPacketReplaced(trace: Trace, i: number, patch: PacketInit): Trace {
  const merged: Packet = { ...packetAt(trace, i), ...patch, index: i };
  const copy = {} as Record<keyof Columns, unknown>;
  for (const name of TRACE_COLUMNS) {
    const column = (trace[name] as Uint32Array).slice();
    column[i] = merged[name] as number;
    copy[name] = column;
  }
  const ipv6 = new Map(trace.ipv6);
  if (merged.ipVersion === 6) ipv6.set(i, { src: merged.srcIp6 ?? '::', dst: merged.dstIp6 ?? '::' });
  else ipv6.delete(i);
  return { count: trace.count, ipv6, ...(copy as Columns) };
}

/**
 * A copy of the trace with `packet` inserted at position `at` (0..count): the packets from `at`
 * on move one place later (their sequence numbers grow by one). Omitted fields are 0, except the
 * time, which is the previous packet's (or 0 at the start), and wireLen, which is 64, as in
 * TraceBuilder. Used when the user types a packet into the trace: the future forks.
 */
export function withPacketInserted(trace: Trace, at: number, packet: PacketInit): Trace {
  if (!Number.isInteger(at) || at < 0 || at > trace.count) {
    throw new RangeError(`a packet can be inserted at 0..${trace.count}, not at ${at}`);
  }
  const n = trace.count + 1;
  const copy = {} as Record<keyof Columns, unknown>;
  for (const name of TRACE_COLUMNS) {
    const source = trace[name] as Uint32Array;
    const column = new COLUMN_TYPES[name](n) as Uint32Array;
    column.set(source.subarray(0, at), 0);
    column.set(source.subarray(at), at + 1);
    copy[name] = column;
  }
  const c = copy as Columns;
  writeRow(c, at, packet);
  const ipv6 = new Map<number, { src: string; dst: string }>();
  for (const [i, addresses] of trace.ipv6) ipv6.set(i < at ? i : i + 1, addresses);
  if (packet.ipVersion === 6) ipv6.set(at, { src: packet.srcIp6 ?? '::', dst: packet.dstIp6 ?? '::' });
  return { count: n, ipv6, ...c };
}

/** A new trace of the packets at `indices` (in that order): e.g. the packets that reached the sequencer. */
export function selectPackets(trace: Trace, indices: readonly number[]): Trace {
  const n = indices.length;
  const copy = {} as Record<keyof Columns, unknown>;
  for (const name of TRACE_COLUMNS) {
    const source = trace[name] as Uint32Array;
    const column = new COLUMN_TYPES[name](n) as Uint32Array;
    for (let k = 0; k < n; k++) column[k] = source[indices[k] as number] as number;
    copy[name] = column;
  }
  const ipv6 = new Map<number, { src: string; dst: string }>();
  indices.forEach((i, k) => {
    const addresses = trace.ipv6.get(i);
    if (addresses) ipv6.set(k, addresses);
  });
  return { count: n, ipv6, ...(copy as Columns) };
}

/** A copy of the trace without packet i (the packets after it move one place earlier). */
export function withPacketRemoved(trace: Trace, i: number): Trace {
  if (!Number.isInteger(i) || i < 0 || i >= trace.count) throw new RangeError(`packet ${i} is outside the trace (0..${trace.count - 1})`);
  const kept: number[] = [];
  for (let k = 0; k < trace.count; k++) if (k !== i) kept.push(k);
  return selectPackets(trace, kept);
}
