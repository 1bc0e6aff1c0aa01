/**
 * A trace replayed in a loop, as a traffic generator replays a capture when measuring MLFFR.
 * A short teaching trace (a few thousand packets) would otherwise be measured mostly by how much
 * the NIC queue and the RX rings can hold: they absorb hundreds of packets each, and a rate that
 * fills them only at the very end counts as loss-free. Looping gives the steady state.
 */
import type { Trace } from './../trace/trace';
import { TRACE_COLUMNS } from '../trace/trace';

/** At least this many packets for a throughput figure (the MLFFR search's own prefix length). */
export const MIN_REPLAY_PACKETS = 65536;

/** `trace` repeated whole until it holds at least `minPackets` (itself when it already does, or is empty). */
export function loopTrace(trace: Trace, minPackets = MIN_REPLAY_PACKETS): Trace {
  const n = trace.count;
  if (n === 0 || n >= minPackets) return trace;
  const copies = Math.ceil(minPackets / n);
  const total = n * copies;
  // Each copy starts where the previous one ended, plus one mean gap, so time keeps increasing.
  const first = n > 0 ? (trace.tsNs[0] as number) : 0;
  const last = n > 0 ? (trace.tsNs[n - 1] as number) : 0;
  const period = last - first + (n > 1 ? (last - first) / (n - 1) : 1);
  const out: Record<string, unknown> = { count: total };
  for (const name of TRACE_COLUMNS) {
    const column = trace[name];
    const Ctor = column.constructor as new (length: number) => typeof column;
    const copy = new Ctor(total);
    for (let k = 0; k < copies; k++) copy.set(column.subarray(0, n) as never, k * n);
    out[name] = copy;
  }
  const ts = out.tsNs as Float64Array;
  for (let k = 1; k < copies; k++) for (let i = 0; i < n; i++) ts[k * n + i] = (ts[i] as number) + k * period;
  const ipv6 = new Map<number, { src: string; dst: string }>();
  for (const [i, a] of trace.ipv6) for (let k = 0; k < copies; k++) ipv6.set(k * n + i, a);
  out.ipv6 = ipv6;
  return out as unknown as Trace;
}
