/**
 * The discrete-event simulation of one plan at one offered load.
 *
 * Arrivals: the traffic generator sends bursts of `burst` packets back to back at the link rate
 * (for a frame of the mean size), one burst every burst·1000/offered ns, as DPDK replay tools do.
 * The link (NIC/PCIe) serialises frame + framing + SCR history bytes, FIFO, behind a queue of
 * `nicQueue` packets; then a packet joins its core's RX ring (at most `ringSize` packets the core
 * has not started) or is dropped. A core serves its ring in order:
 * - a packet that takes no lock costs the plan's plainNs;
 * - otherwise preLockNs, then for each lock it takes (its key's, then the global one): wait
 *   until the lock is free (spinning: the core stays busy), lockAcquire, and a cacheLine
 *   transfer when another core wrote that entry last, slowed by lockHandoff per other core
 *   spinning on the lock; then criticalNs (the program) and one lockRelease per lock.
 * Locks are granted in the order of request times: the event loop always resolves the earliest
 * request before any later arrival, so no two holds of a lock overlap. A packet that takes two
 * locks (the NAT's key and its pool) settles both at its first request: the second grant can
 * come after a later requester's, which only adds waiting (it is pessimistic for locks).
 * RSS++: when a bucket moves to another core, its first packet there waits until the old core has
 * finished the bucket's earlier packets (the flow's state moves with it; one flow never runs on
 * two cores at once). Not modelled for RSS++ behind the NAT's pool lock.
 * A packet still waiting in a queue when the sending ends counts as lost: otherwise a short trace
 * would let the queues absorb an overload and call it loss-free.
 *
 * The hot loops are flat (no closures, no allocation per packet) and read typed arrays only.
 */
import { arrivalsThroughLink } from './arrivals';
import { coresWithLocks, coresWithoutLocks, newTally } from './core-models';
import type { Plan } from './plan';
import type { ScrLossStats } from './scr-loss';
import { RecordingSink, type RunRecording } from './recording';
import { round4, SeriesRecorder, type TimeSeries } from './series';

export type { TimeSeries } from './series';

export interface PerCoreStats {
  packets: number[];
  busyFraction: number[];
  lockWaitNs: number[];
  cacheLineTransfers: number[];
}

export interface RunResult {
  technique: Plan['technique'];
  cores: number;
  offeredMpps: number;
  /**
   * Forwarded rate: the packets finished while the traffic was being sent (the n·1000/offered ns
   * it takes to offer n packets), over that time. Not offered × (1 - loss): on a finite trace the
   * rings and the NIC queue still hold thousands of packets when the sending stops, and counting
   * them as forwarded would credit an overloaded system with its buffers (27 % too much for 16
   * cores on 20,000 packets). Below capacity it is the offered rate; above, the rate the
   * bottleneck sustains.
   */
  throughputMpps: number;
  loss: number;
  /** Set when the run stopped early because more than `maxLost` packets were lost. */
  stopped?: boolean;
  /** `late`: accepted but still queued when the sending ended (counted in `loss`, served later). */
  packets: { offered: number; served: number; droppedLink: number; droppedRing: number; late: number };
  /** From the first arrival to the last finish (ns). */
  durationNs: number;
  perCore: PerCoreStats;
  /** Of the per-core busy time (the CPU work, spinning included). */
  imbalance: { maxOverMean: number; cv: number };
  lockWaitNs: number;
  cacheLineTransfers: number;
  historyBytesPerPacket: number;
  /** Fraction of the run the link was busy (0 when it has no limit). */
  linkUtilization: number;
  series: TimeSeries;
  /**
   * SCR with injected loss (options.scrLoss): what the plan lost and recovered over the whole
   * trace, and the packets lost in this run. Injected losses are not part of `loss`, which
   * measures overload; they still reduce the forwarded rate.
   */
  recovery?: ScrLossStats & { lostInRun: number };
  /** Lock wait and cache-line transfers over time and per lock; only when asked (`contention`). */
  contention?: ContentionTrace;
  /** Every packet's story, when asked (`record`). */
  recording?: RunRecording;
}

/** Where shared state cost time: over the run (per series point) and per lock. */
export interface ContentionTrace {
  /** Per series point, summed over cores: ns spent waiting for a lock (spinning) in that point. */
  lockWaitNs: number[];
  /** Per series point, summed over cores: cache lines moved from another core in that point. */
  cacheLineTransfers: number[];
  /** Per lock id: keys 0..keyCount-1 by the workload's dense key id, then the global lock at keyCount. */
  byLock: { lockWaitNs: Float64Array; cacheLineTransfers: Float64Array };
}

/** Imbalance of per-core values: max over mean, and the coefficient of variation. */
export function imbalanceOf(values: ArrayLike<number>): { maxOverMean: number; cv: number } {
  const n = values.length;
  let sum = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    sum += values[i] as number;
    max = Math.max(max, values[i] as number);
  }
  const mean = sum / n;
  if (!(mean > 0)) return { maxOverMean: 1, cv: 0 };
  let sq = 0;
  for (let i = 0; i < n; i++) sq += ((values[i] as number) - mean) ** 2;
  return { maxOverMean: max / mean, cv: Math.sqrt(sq / n) / mean };
}

export interface SimulateOptions {
  /** Skip the time series (the probes of a binary search do not need it). */
  noSeries?: boolean;
  /** Stop as soon as more packets than this are lost; the result then says `stopped: true`. */
  maxLost?: number;
  /**
   * Offer only the first `limit` packets. Drops among them are exactly those of the full run:
   * whether a packet is dropped depends only on events before its arrival, and arrivals are in
   * trace order.
   */
  limit?: number;
  /**
   * Simulated time the series covers (default: the offered packets' arrival span). A run on a
   * prefix of the trace can give the whole trace's span, so its points line up with a full run's.
   */
  seriesSpanNs?: number;
  /** Also record lock wait and cache-line transfers over time and per lock (`contention`). */
  contention?: boolean;
  /** Also record what happened to every packet, for a technique stage to replay (`recording`). */
  record?: boolean;
}

/** Simulates `plan` at `offeredMpps` (see the header for the model). */
export function simulatePlan(plan: Plan, offeredMpps: number, sim: SimulateOptions = {}): RunResult {
  if (!(offeredMpps > 0) || !Number.isFinite(offeredMpps)) throw new RangeError(`the offered load must be a positive number of Mpps, not ${offeredMpps}`);
  const N = plan.cores;
  const n = Math.min(plan.workload.count, sim.limit ?? Infinity);
  const gap = 1000 / offeredMpps;
  /** The end of the sending period: packets finished by then count towards the forwarded rate. */
  const sendingNs = n * gap;
  const maxLost = sim.maxLost ?? Infinity;
  const span = sim.seriesSpanNs !== undefined && sim.seriesSpanNs > 0 ? sim.seriesSpanNs : sendingNs;
  const series = sim.noSeries === true ? null : new SeriesRecorder(N, plan.options.seriesPoints, Math.max(span, 1) / plan.options.seriesPoints);
  const lockIds = plan.workload.keyCount + 1;
  const byLock = sim.contention === true ? { lockWaitNs: new Float64Array(lockIds), cacheLineTransfers: new Float64Array(lockIds) } : null;
  const rec = sim.record === true ? new RecordingSink(n) : null;
  const arrivals = arrivalsThroughLink(plan, n, gap, rec?.sent ?? null);
  const t = newTally(N);
  if (plan.lockMask === null) coresWithoutLocks(plan, arrivals, n, sendingNs, maxLost, series, t, rec);
  else coresWithLocks(plan, arrivals, n, sendingNs, maxLost, series, byLock, t, rec);

  const durationNs = Math.max(sendingNs, t.lastFinish);
  let lockWait = 0;
  let lines = 0;
  let servedTotal = 0;
  for (let c = 0; c < N; c++) {
    lockWait += t.waitNs[c] as number;
    lines += t.transfers[c] as number;
    servedTotal += t.served[c] as number;
  }
  const lost = t.lostLink + t.lostRing + t.late;
  const recovery = plan.scrLoss ? { recovery: { ...plan.scrLoss.stats, lostInRun: t.lostInjected } } : {};
  return {
    technique: plan.technique,
    cores: N,
    offeredMpps,
    throughputMpps: sendingNs > 0 ? (t.servedWhileSending * 1000) / sendingNs : 0,
    loss: n === 0 ? 0 : lost / n,
    ...recovery,
    ...(t.stopped ? { stopped: true } : {}),
    packets: { offered: n, served: servedTotal, droppedLink: t.lostLink, droppedRing: t.lostRing, late: t.late },
    durationNs,
    perCore: {
      packets: Array.from(t.served),
      busyFraction: Array.from(t.busy, (b) => round4(b / durationNs)),
      lockWaitNs: Array.from(t.waitNs),
      cacheLineTransfers: Array.from(t.transfers),
    },
    imbalance: imbalanceOf(t.busy),
    lockWaitNs: lockWait,
    cacheLineTransfers: lines,
    historyBytesPerPacket: plan.historyBytes,
    linkUtilization: arrivals.linkBusy > 0 ? arrivals.linkBusy / durationNs : 0,
    series: series ? series.result(durationNs) : { bucketNs: 0, lastPointNs: 0, points: 0, busy: [], packets: [], dropped: [] },
    ...(rec
      ? { recording: rec.result({ technique: plan.technique, cores: N, offeredMpps, sendingNs, durationNs, core: plan.coreOf, globalLock: plan.workload.keyCount, rss: plan.rss }) }
      : {}),
    ...(byLock
      ? {
          contention: {
            lockWaitNs: series ? Array.from(series.lockWait) : [],
            cacheLineTransfers: series ? Array.from(series.transfers) : [],
            byLock,
          },
        }
      : {}),
  };
}

/** An offered load: packets per second, or bits per second on the link with the frames' sizes. */
export type OfferedLoad = { mpps: number } | { gbps: number };

/**
 * The load in Mpps. Gbit/s counts what a traffic generator sends: each frame plus its framing
 * bytes (FCS, preamble, gap), at the plan's packet size or the trace's mean frame size.
 */
export function offeredMpps(load: OfferedLoad, plan: Pick<Plan, 'workload' | 'options'>): number {
  if ('mpps' in load) return load.mpps;
  const bytes = plan.options.packetSize ?? plan.workload.meanFrameBytes;
  return (load.gbps * 1000) / (8 * (bytes + plan.options.costs.frameOverhead));
}

/** Simulates a plan at an offered load given in Mpps or Gbit/s. */
export function simulateAt(plan: Plan, load: OfferedLoad): RunResult {
  return simulatePlan(plan, offeredMpps(load, plan));
}
