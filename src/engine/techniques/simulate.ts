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
import { linkNs } from './costs';
import type { Plan } from './plan';
import type { ScrLossStats } from './scr-loss';

export interface PerCoreStats {
  packets: number[];
  busyFraction: number[];
  lockWaitNs: number[];
  cacheLineTransfers: number[];
}

export interface TimeSeries {
  /**
   * Width of one point in simulated ns; point k covers [k·bucketNs, (k+1)·bucketNs). The points
   * span the sending period; the last one also holds what the cores finish after it (its width
   * is `lastPointNs`).
   */
  bucketNs: number;
  lastPointNs: number;
  /** Number of points (0 when the run was asked for none). */
  points: number;
  /** busy[core][k]: fraction of point k the core was busy (spinning on a lock counts). */
  busy: number[][];
  /** packets[core][k]: packets the core finished in point k. */
  packets: number[][];
  /** Packets lost (on the link or at a ring) that arrived in point k. */
  dropped: number[];
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
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Collects the per-core time series; used only when a run asks for it. */
class SeriesRecorder {
  readonly busy: Float64Array;
  readonly packets: Float64Array;
  readonly dropped: Float64Array;
  readonly lockWait: Float64Array;
  readonly transfers: Float64Array;

  constructor(readonly cores: number, readonly points: number, readonly bucketNs: number) {
    this.busy = new Float64Array(cores * points);
    this.packets = new Float64Array(cores * points);
    this.dropped = new Float64Array(points);
    this.lockWait = new Float64Array(points);
    this.transfers = new Float64Array(points);
  }

  point(t: number): number {
    return Math.min(this.points - 1, Math.floor(t / this.bucketNs));
  }

  served(c: number, s: number, f: number): void {
    const P = this.points;
    let k = this.point(s);
    let t = s;
    while (t < f) {
      const end = k === P - 1 ? f : Math.min(f, (k + 1) * this.bucketNs);
      this.busy[c * P + k] = (this.busy[c * P + k] as number) + (end - t);
      t = end;
      k++;
    }
    const kf = c * P + this.point(f);
    this.packets[kf] = (this.packets[kf] as number) + 1;
  }

  drop(a: number): void {
    const k = this.point(a);
    this.dropped[k] = (this.dropped[k] as number) + 1;
  }

  /** A core spun on a lock from s to f: spread over the points it spans. */
  waited(s: number, f: number): void {
    let k = this.point(s);
    let t = s;
    while (t < f) {
      const end = k === this.points - 1 ? f : Math.min(f, (k + 1) * this.bucketNs);
      this.lockWait[k] = (this.lockWait[k] as number) + (end - t);
      t = end;
      k++;
    }
  }

  transfer(t: number): void {
    const k = this.point(t);
    this.transfers[k] = (this.transfers[k] as number) + 1;
  }

  /** `durationNs`: the run's end; the last point stretches to it. */
  result(durationNs: number): TimeSeries {
    const P = this.points;
    const lastPointNs = Math.max(this.bucketNs, durationNs - (P - 1) * this.bucketNs);
    const busy: number[][] = [];
    const packets: number[][] = [];
    for (let c = 0; c < this.cores; c++) {
      busy.push(Array.from(this.busy.subarray(c * P, (c + 1) * P), (x, k) => round4(x / (k === P - 1 ? lastPointNs : this.bucketNs))));
      packets.push(Array.from(this.packets.subarray(c * P, (c + 1) * P)));
    }
    return { bucketNs: this.bucketNs, lastPointNs, points: P, busy, packets, dropped: Array.from(this.dropped) };
  }
}

/** Where every packet reaches its core, after the traffic generator and the link. */
interface Arrivals {
  /** Time packet i reaches its core's RX ring (ns); when the link dropped it, -1 - its arrival time. */
  reach: Float64Array;
  droppedLink: number;
  /** Time the link spent transmitting (ns). */
  linkBusy: number;
}

/**
 * The traffic generator and the link, for the first n packets at one inter-packet gap. The link's
 * fate of a packet depends only on the packets before it, whatever the cores do, so it is
 * computed once, before the cores.
 */
function arrivalsThroughLink(plan: Plan, n: number, gap: number): Arrivals {
  const { workload, options } = plan;
  const costs = options.costs;
  const frame = workload.trace.wireLen;
  const fixedFrame = options.packetSize ?? -1;
  const linkExtra = costs.frameOverhead + plan.historyBytes;
  const nsPerByte = linkNs(costs, 1);
  const B = options.burst;
  const spacing = Math.min(gap, ((fixedFrame > 0 ? fixedFrame : workload.meanFrameBytes) + costs.frameOverhead) * nsPerByte);
  const burstGap = B * gap;
  const reach = new Float64Array(n);
  const nicQ = options.nicQueue;
  // Start times of the link's last nicQ accepted packets: a packet arriving before the oldest
  // of them started finds the queue full.
  const nicRing = new Float64Array(nicQ).fill(-Infinity);
  let nicPos = 0;
  let nicFree = 0;
  let linkBusy = 0;
  let droppedLink = 0;
  let burstNo = 0;
  let inBurst = 0;
  for (let i = 0; i < n; i++) {
    const a = burstNo * burstGap + inBurst * spacing;
    if (++inBurst === B) {
      inBurst = 0;
      burstNo++;
    }
    if (nsPerByte <= 0) {
      reach[i] = a;
      continue;
    }
    if ((nicRing[nicPos] as number) > a) {
      reach[i] = -1 - a;
      droppedLink++;
      continue;
    }
    const s = a > nicFree ? a : nicFree;
    const tau = ((fixedFrame > 0 ? fixedFrame : (frame[i] as number)) + linkExtra) * nsPerByte;
    nicFree = s + tau;
    linkBusy += tau;
    nicRing[nicPos] = s;
    if (++nicPos === nicQ) nicPos = 0;
    reach[i] = nicFree;
  }
  return { reach, droppedLink, linkBusy };
}

/** What the cores did; filled by one of the two core models below. */
interface CoreTally {
  busy: Float64Array;
  served: Float64Array;
  waitNs: Float64Array;
  transfers: Float64Array;
  /** Packets lost at the RX rings, and on the link among those looked at. */
  lostRing: number;
  lostLink: number;
  servedWhileSending: number;
  lastFinish: number;
  stopped: boolean;
  /** SCR: packets lost on purpose between the sequencer and their core (not overload). */
  lostInjected: number;
  /** Accepted packets not yet started when the sending ended. */
  late: number;
}

function newTally(cores: number): CoreTally {
  return {
    busy: new Float64Array(cores),
    served: new Float64Array(cores),
    waitNs: new Float64Array(cores),
    transfers: new Float64Array(cores),
    lostRing: 0,
    lostLink: 0,
    servedWhileSending: 0,
    lastFinish: 0,
    stopped: false,
    lostInjected: 0,
    late: 0,
  };
}

/**
 * Cores that never meet: independent FIFO queues fed in arrival order. ring[c·Q + pos] holds the
 * start times of the core's last Q accepted packets: if the oldest has not started when a packet
 * arrives, Q accepted packets are still waiting and the ring is full.
 */
function coresWithoutLocks(plan: Plan, arrivals: Arrivals, n: number, sendingNs: number, maxLost: number, series: SeriesRecorder | null, t: CoreTally): void {
  const N = plan.cores;
  const Q = plan.options.ringSize;
  const { coreOf } = plan;
  const { reach } = arrivals;
  const { busy, served } = t;
  const freeAt = new Float64Array(N);
  const ring = new Float64Array(N * Q).fill(-Infinity);
  const ringPos = new Int32Array(N);
  const w = plan.plainNs;
  const injected = plan.scrLoss?.lost ?? null;
  const extraNs = plan.scrLoss?.extraNs ?? null;
  let lost = 0;
  let lostLink = 0;
  let inTime = 0;
  let lastFinish = 0;
  let lostInjected = 0;
  let late = 0;
  // RSS++: the core that last served each bucket and when it finished there.
  const bucketOf = plan.bucketOf ?? null;
  const bucketCore = new Int16Array(bucketOf === null ? 0 : 128).fill(-1);
  const bucketDone = new Float64Array(bucketOf === null ? 0 : 128);
  for (let i = 0; i < n; i++) {
    const a = reach[i] as number;
    if (injected !== null && injected[i] === 1) {
      lostInjected++;
      continue;
    }
    if (a < 0) {
      lostLink++;
      series?.drop(-1 - a);
      if (++lost > maxLost) break;
      continue;
    }
    const c = coreOf[i] as number;
    const pos = ringPos[c] as number;
    const slot = c * Q + pos;
    if ((ring[slot] as number) > a) {
      series?.drop(a);
      if (++lost > maxLost) break;
      continue;
    }
    const free = freeAt[c] as number;
    let s = a > free ? a : free;
    const cost = extraNs === null ? w : w + (extraNs[i] as number);
    if (bucketOf !== null) {
      const b = bucketOf[i] as number;
      const before = bucketCore[b] as number;
      if (before >= 0 && before !== c && (bucketDone[b] as number) > s) s = bucketDone[b] as number;
      bucketCore[b] = c;
      bucketDone[b] = s + cost;
    }
    if (s > sendingNs) late++;
    const f = s + cost;
    freeAt[c] = f;
    ring[slot] = s;
    ringPos[c] = pos + 1 === Q ? 0 : pos + 1;
    busy[c] = (busy[c] as number) + cost;
    served[c] = (served[c] as number) + 1;
    if (f <= sendingNs) inTime++;
    if (f > lastFinish) lastFinish = f;
    series?.served(c, s, f);
  }
  t.lostRing = lost - lostLink;
  t.lostLink = lostLink;
  t.servedWhileSending = inTime;
  t.lastFinish = lastFinish;
  t.stopped = lost > maxLost;
  t.lostInjected = lostInjected;
  t.late = late;
}

/**
 * Cores that meet on locks: an event loop. A core's current packet has a known start; its event
 * is the time it asks for its first lock (its start when it takes none). The loop resolves the
 * earliest event unless the next arrival comes first, so locks are granted in the order of
 * request times and no two holds of a lock overlap.
 */
function coresWithLocks(
  plan: Plan,
  arrivals: Arrivals,
  n: number,
  sendingNs: number,
  maxLost: number,
  series: SeriesRecorder | null,
  byLock: ContentionTrace['byLock'] | null,
  t: CoreTally,
): void {
  const { workload, options, coreOf } = plan;
  const mask = plan.lockMask as Uint8Array;
  const N = plan.cores;
  const Q = options.ringSize;
  const { lockAcquire, lockRelease, cacheLine, lockHandoff } = options.costs;
  const { reach } = arrivals;
  const { busy, served, waitNs, transfers } = t;
  const keyId = workload.keyId;
  const GLOBAL = workload.keyCount;
  const lockFree = new Float64Array(GLOBAL + 1);
  const lastWriter = new Int16Array(GLOBAL + 1).fill(-1);
  // The lock(s) each core waits for, or waited for last, and when it gets them (one slot per
  // lock a packet can take). A core is among the waiters of L at t if its slot says L, > t: its
  // request came earlier (requests are resolved in time order) and it is not yet served.
  const slotsPerCore = plan.lockMode === 'keys' && workload.hasGlobal ? 2 : 1;
  const slots = slotsPerCore * N;
  const waitLock = new Int32Array(slots).fill(-1);
  const waitUntil = new Float64Array(slots).fill(-Infinity);
  const rq = new Int32Array(N * Q);
  const rqHead = new Int32Array(N);
  const rqCount = new Int32Array(N);
  const cur = new Int32Array(N).fill(-1);
  const curStart = new Float64Array(N);
  const evAt = new Float64Array(N).fill(Infinity);
  const coreFree = new Float64Array(N);
  const pre = plan.preLockNs;
  const crit = plan.criticalNs;
  const plain = plan.plainNs;
  let minCore = -1;
  let minAt = Infinity;
  let late = 0;
  let lost = 0;
  let lostLink = 0;
  let inTime = 0;
  let lastFinish = 0;
  let i = 0;
  for (;;) {
    // Skip what the link dropped; `a` is the next arrival at a core (Infinity when none is left).
    while (i < n && (reach[i] as number) < 0) {
      lostLink++;
      series?.drop(-1 - (reach[i] as number));
      if (++lost > maxLost) break;
      i++;
    }
    if (lost > maxLost) break;
    const a = i < n ? (reach[i] as number) : Infinity;
    if (minAt <= a && minAt < Infinity) {
      // Resolve core c's current packet.
      const c = minCore;
      const p = cur[c] as number;
      const s = curStart[c] as number;
      if (s > sendingNs) late++;
      const locks = mask[p] as number;
      let f: number;
      if (locks === 0) f = s + plain;
      else {
        let tt = evAt[c] as number;
        waitUntil[slotsPerCore * c] = -Infinity;
        if (slotsPerCore === 2) waitUntil[2 * c + 1] = -Infinity;
        const k = keyId[p] as number;
        let taken = 0;
        for (let j = 0; j < 2; j++) {
          const L = j === 0 ? (locks & 1 ? k : -1) : locks & 2 ? GLOBAL : -1;
          if (L < 0) continue;
          const free = lockFree[L] as number;
          let extra = 0;
          if (free > tt) {
            let waiters = 0;
            for (let x = 0; x < slots; x++) if ((waitUntil[x] as number) > tt && waitLock[x] === L) waiters++;
            waitNs[c] = (waitNs[c] as number) + (free - tt);
            if (byLock) {
              byLock.lockWaitNs[L] = (byLock.lockWaitNs[L] as number) + (free - tt);
              series?.waited(tt, free);
            }
            tt = free;
            extra = lockHandoff * waiters;
          }
          waitLock[slotsPerCore * c + taken] = L;
          waitUntil[slotsPerCore * c + taken] = tt;
          taken++;
          tt += lockAcquire;
          const last = lastWriter[L] as number;
          if (last >= 0 && last !== c) {
            if (byLock) {
              byLock.cacheLineTransfers[L] = (byLock.cacheLineTransfers[L] as number) + 1;
              series?.transfer(tt);
            }
            tt += cacheLine + extra;
            transfers[c] = (transfers[c] as number) + 1;
          }
        }
        tt += crit + taken * lockRelease;
        if (locks & 1) {
          lockFree[k] = tt;
          lastWriter[k] = c;
        }
        if (locks & 2) {
          lockFree[GLOBAL] = tt;
          lastWriter[GLOBAL] = c;
        }
        f = tt;
      }
      busy[c] = (busy[c] as number) + (f - s);
      served[c] = (served[c] as number) + 1;
      if (f <= sendingNs) inTime++;
      if (f > lastFinish) lastFinish = f;
      series?.served(c, s, f);
      const count = rqCount[c] as number;
      if (count > 0) {
        const head = rqHead[c] as number;
        const q = rq[c * Q + head] as number;
        rqHead[c] = head + 1 === Q ? 0 : head + 1;
        rqCount[c] = count - 1;
        cur[c] = q;
        curStart[c] = f;
        evAt[c] = mask[q] === 0 ? f : f + pre;
      } else {
        cur[c] = -1;
        evAt[c] = Infinity;
        coreFree[c] = f;
      }
      minAt = Infinity;
      for (let x = 0; x < N; x++) {
        const e = evAt[x] as number;
        if (e < minAt) {
          minAt = e;
          minCore = x;
        }
      }
    } else if (i < n) {
      // Packet i reaches its core at a.
      const p = i++;
      const c = coreOf[p] as number;
      const hasCur = (cur[c] as number) >= 0;
      const waiting = (rqCount[c] as number) + (hasCur && (curStart[c] as number) > a ? 1 : 0);
      if (waiting >= Q) {
        series?.drop(a);
        if (++lost > maxLost) break;
      } else if (!hasCur) {
        const free = coreFree[c] as number;
        const s = a > free ? a : free;
        cur[c] = p;
        curStart[c] = s;
        const at = mask[p] === 0 ? s : s + pre;
        evAt[c] = at;
        if (at < minAt) {
          minAt = at;
          minCore = c;
        }
      } else {
        rq[c * Q + (((rqHead[c] as number) + (rqCount[c] as number)) % Q)] = p;
        rqCount[c] = (rqCount[c] as number) + 1;
      }
    } else break;
  }
  t.lostRing = lost - lostLink;
  t.lostLink = lostLink;
  t.servedWhileSending = inTime;
  t.lastFinish = lastFinish;
  t.stopped = lost > maxLost;
  t.late = late;
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
  const arrivals = arrivalsThroughLink(plan, n, gap);
  const t = newTally(N);
  if (plan.lockMask === null) coresWithoutLocks(plan, arrivals, n, sendingNs, maxLost, series, t);
  else coresWithLocks(plan, arrivals, n, sendingNs, maxLost, series, byLock, t);

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
