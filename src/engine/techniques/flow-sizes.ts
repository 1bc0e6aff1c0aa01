/**
 * The flow-size distribution of a trace: packets per flow (the directed 5-tuple: protocol,
 * addresses, ports), largest first. Skew is what breaks sharding: one flow can never use more
 * than one core, so the share of the largest flow bounds what RSS and RSS++ can reach.
 */
import type { Trace } from '../trace/trace';

export interface FlowSizes {
  packets: number;
  /** Packets of every flow, largest first. */
  sizes: Uint32Array;
  /** A packet of each flow, in the same order as `sizes` (to describe the flow). */
  firstPacket: Uint32Array;
}

/** Open-addressing table of 5-tuples: compares the columns of a stored packet with packet i. */
class FlowTable {
  private slots: Int32Array;
  private mask: number;
  readonly first: number[] = [];
  readonly count: number[] = [];

  constructor(private readonly trace: Trace, expected: number) {
    let size = 16;
    while (size < expected * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  private same(i: number, j: number): boolean {
    const t = this.trace;
    return t.srcIp[i] === t.srcIp[j] && t.dstIp[i] === t.dstIp[j] && t.srcPort[i] === t.srcPort[j]
      && t.dstPort[i] === t.dstPort[j] && t.proto[i] === t.proto[j] && t.ethertype[i] === t.ethertype[j];
  }

  private hash(i: number): number {
    const t = this.trace;
    let h = Math.imul((t.srcIp[i] as number) ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ (t.dstIp[i] as number), 0xc2b2ae35);
    h = Math.imul(h ^ (((t.srcPort[i] as number) << 16) | (t.dstPort[i] as number)), 0x27d4eb2f);
    h = Math.imul(h ^ (t.proto[i] as number) ^ ((t.ethertype[i] as number) << 8), 0x165667b1);
    return (h ^ (h >>> 15)) & this.mask;
  }

  add(i: number): void {
    let s = this.hash(i);
    for (;;) {
      const f = this.slots[s] as number;
      if (f < 0) {
        this.slots[s] = this.first.length;
        this.first.push(i);
        this.count.push(1);
        return;
      }
      if (this.same(this.first[f] as number, i)) {
        this.count[f] = (this.count[f] as number) + 1;
        return;
      }
      s = (s + 1) & this.mask;
    }
  }
}

/** Packets per flow of `trace`, largest first (ties: the flow seen first comes first). */
export function flowSizes(trace: Trace): FlowSizes {
  const n = trace.count;
  const v4 = new FlowTable(trace, Math.min(n, 1 << 20));
  // IPv6 packets keep their addresses as text (their numeric columns are 0).
  const v6 = new Map<string, { first: number; count: number }>();
  for (let i = 0; i < n; i++) {
    const six = trace.ipv6.get(i);
    if (six === undefined) {
      v4.add(i);
      continue;
    }
    const key = `${six.src}|${six.dst}|${trace.srcPort[i]}|${trace.dstPort[i]}|${trace.proto[i]}`;
    const seen = v6.get(key);
    if (seen) seen.count++;
    else v6.set(key, { first: i, count: 1 });
  }
  const flows: { first: number; count: number }[] = v4.first.map((first, f) => ({ first, count: v4.count[f] as number }));
  for (const flow of v6.values()) flows.push(flow);
  flows.sort((a, b) => b.count - a.count || a.first - b.first);
  return {
    packets: n,
    sizes: Uint32Array.from(flows, (f) => f.count),
    firstPacket: Uint32Array.from(flows, (f) => f.first),
  };
}

/** Share of all packets carried by the `k` largest flows (0 for an empty trace). */
export function topShare(flows: Pick<FlowSizes, 'packets' | 'sizes'>, k: number): number {
  if (flows.packets === 0) return 0;
  let sum = 0;
  for (let i = 0; i < Math.min(k, flows.sizes.length); i++) sum += flows.sizes[i] as number;
  return sum / flows.packets;
}

/**
 * The rank-size curve thinned for a log-log chart: at most about `maxPoints` ranks, spaced
 * evenly on a log scale, always including the first and the last flow (ranks count from 1).
 */
export function rankSizePoints(sizes: ArrayLike<number>, maxPoints: number): { rank: number; packets: number }[] {
  const n = sizes.length;
  if (n === 0) return [];
  const out: { rank: number; packets: number }[] = [];
  const steps = Math.max(2, Math.floor(maxPoints));
  let last = 0;
  for (let k = 0; k < steps; k++) {
    const rank = Math.round(Math.exp((Math.log(n) * k) / (steps - 1)));
    if (rank <= last) continue;
    out.push({ rank, packets: sizes[rank - 1] as number });
    last = rank;
  }
  if (last !== n) out.push({ rank: n, packets: sizes[n - 1] as number });
  return out;
}
