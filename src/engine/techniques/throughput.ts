/**
 * Throughput of a plan, as the artifact measures it: MLFFR, the largest offered load whose loss
 * stays at or below the threshold (4 %), reported as the rate actually forwarded at that load
 * (packets finished while the traffic was being sent, over that time: what is still queued when
 * a finite trace ends is not counted; see RunResult.throughputMpps). For a balanced
 * system that is exactly its capacity, so SCR's figure is the primer's T(N).
 *
 * Two computations:
 * - `mlffrBySimulation`: the definition. Binary search on the offered load with one
 *   discrete-event run per probe (a probe stops as soon as it has lost too much).
 * - `throughputBySaturation`: per-slice fluid queues, for single core, RSS and SCR (plans without
 *   locks, without RSS++'s bucket moves, with queues at least a burst long). The trace is cut
 *   into slices of 256 packets; in each, every core has a known amount of work (its packets
 *   times their fixed cost) and the link a known number of bytes. At offered load R a slice
 *   lasts (packets)·1000/R ns; each core and the link is a fluid queue that carries its backlog
 *   from slice to slice, bounded by its ring (ring size × mean packet cost), and work beyond
 *   that is lost. Loss(R) is then a cheap monotone function, bisected to 1e-10: the simulation
 *   without packet-level jitter. Tests check the two agree within 1 % (exactly on balanced
 *   traffic; the residue comes from load that shifts between cores inside one slice).
 *   With locks a packet's cost depends on timing, and the simulated system is bistable near its
 *   limit (no contention below ~1 / hold time, then runaway hand-over costs: the collapse of
 *   non-scalable locks), which no saturation measurement reproduces; plans with locks therefore
 *   always use the binary search, started from the fluid bound without contention. So do RSS++
 *   (a moved bucket's first packet waits for its old core) and queues shorter than a burst.
 */
import { linkNs } from './costs';
import { uncontendedNs, type Plan, type ShardingInfo } from './plan';
import type { ScrLossStats } from './scr-loss';
import { imbalanceOf, simulatePlan, type RunResult } from './simulate';

export type ThroughputMethod = 'saturation' | 'mlffr';

export interface Throughput {
  technique: Plan['technique'];
  cores: number;
  /** How this figure was computed ('saturation' is used only where it is exact: no locks). */
  method: ThroughputMethod;
  /** MLFFR: the largest offered load with loss <= threshold (Mpps). */
  offeredMpps: number;
  /** Forwarded at that load: packets served over the time to serve them (Mpps; see RunResult). */
  throughputMpps: number;
  loss: number;
  /** What loses the packets just above that load: the cores or the link (NIC/PCIe). */
  bottleneck: 'cores' | 'link';
  /** Of the per-core CPU work at that load (spinning on locks included). */
  imbalance: { maxOverMean: number; cv: number };
  /** Share of the CPU time spent waiting for locks. */
  lockWaitShare: number;
  cacheLinesPerPacket: number;
  historyBytesPerPacket: number;
  /** Discrete-event runs this figure needed. */
  simulations: number;
  sharding?: ShardingInfo;
  /** SCR with injected loss: what was lost, recovered from peers' logs, or left to congestion. */
  recovery?: ScrLossStats;
  /** Set when even a vanishing load loses more than the threshold (e.g. a ring shorter than a burst). */
  noLossFreeRate?: true;
}

const SLICE_SHIFT = 8;
/** Precision of the binary search the sweep runs for plans with locks. */
export const LOCK_TOLERANCE = 0.01;

export function withoutRun(t: Throughput & { run?: unknown }): Throughput {
  const { run: _run, ...rest } = t;
  return rest;
}

/** The fluid model's input: per slice its packets and link work; per slice and core, packets and work. */
interface FluidInput {
  cores: number;
  slices: number;
  packets: Float64Array;
  link: Float64Array;
  count: Float64Array;
  work: Float64Array;
}

/** Work from the plan's own costs: exact without locks, an optimistic bound with them. */
function fluidInput(plan: Plan): FluidInput {
  const { workload, options, cores, coreOf } = plan;
  const n = workload.count;
  const slices = Math.max(1, Math.ceil(n / 2 ** SLICE_SHIFT));
  const packets = new Float64Array(slices);
  const link = new Float64Array(slices);
  const count = new Float64Array(slices * cores);
  const work = new Float64Array(slices * cores);
  const nsPerByte = linkNs(options.costs, 1);
  const extra = options.costs.frameOverhead + plan.historyBytes;
  const frame = workload.trace.wireLen;
  const fixed = options.packetSize ?? -1;
  const constant = plan.lockMode === 'none';
  const w = plan.plainNs;
  const injected = plan.scrLoss?.lost ?? null;
  const extraNs = plan.scrLoss?.extraNs ?? null;
  for (let i = 0; i < n; i++) {
    const k = i >>> SLICE_SHIFT;
    packets[k] = (packets[k] as number) + 1;
    if (nsPerByte > 0) link[k] = (link[k] as number) + ((fixed > 0 ? fixed : (frame[i] as number)) + extra) * nsPerByte;
    // A packet lost on purpose between the sequencer and its core crossed the link, not the core.
    if (injected !== null && injected[i] === 1) continue;
    const slot = k * cores + (coreOf[i] as number);
    count[slot] = (count[slot] as number) + 1;
    const cost = constant ? w : uncontendedNs(plan, i);
    work[slot] = (work[slot] as number) + (extraNs === null ? cost : cost + (extraNs[i] as number));
  }
  return { cores, slices, packets, link, count, work };
}

interface FluidLoss {
  loss: number;
  link: number;
  cores: number;
  /** Packets the cores finished while the traffic was being sent. */
  served: number;
  /** The time it takes to send the trace at this load (ns). */
  sendingNs: number;
}

/** `backlog` and `lastMean` are per-core scratch arrays (work queued, in ns; mean cost of its packets). */
function fluidLoss(f: FluidInput, offeredMpps: number, ring: number, nicQueue: number, total: number, backlog: Float64Array, lastMean: Float64Array): FluidLoss {
  const gap = 1000 / offeredMpps;
  const N = f.cores;
  backlog.fill(0);
  lastMean.fill(0);
  let served = 0;
  let linkBacklog = 0;
  let lastTau = 0;
  let lostLink = 0;
  let lostCores = 0;
  let arrivalsNs = 0;
  for (let k = 0; k < f.slices; k++) {
    const nk = f.packets[k] as number;
    const D = nk * gap;
    arrivalsNs += D;
    // Share of this period's packets the link hands to the cores in it (above 1 while it drains
    // an earlier backlog): what it transmits, not what it accepted into its queue.
    let delivered = 1;
    const lw = f.link[k] as number;
    if (lw > 0) {
      const tau = lw / nk;
      lastTau = tau;
      const avail = linkBacklog + lw;
      const cap = nicQueue * tau;
      const x = avail - D;
      if (x > cap) {
        lostLink += (x - cap) / tau;
        linkBacklog = cap;
      } else linkBacklog = x > 0 ? x : 0;
      delivered = (x > cap ? D : avail - linkBacklog) / lw;
    }
    for (let c = 0; c < N; c++) {
      const slot = k * N + c;
      const nc = f.count[slot] as number;
      const b = backlog[c] as number;
      if (nc === 0) {
        if (b > 0) served += Math.min(b, D) / (lastMean[c] as number);
        backlog[c] = b > D ? b - D : 0;
        continue;
      }
      const work = f.work[slot] as number;
      const mean = work / nc;
      lastMean[c] = mean;
      const x = b + work * delivered - D;
      served += Math.min(b + work * delivered, D) / mean;
      const cap = ring * mean;
      if (x > cap) {
        lostCores += (x - cap) / mean;
        backlog[c] = cap;
      } else backlog[c] = x > 0 ? x : 0;
    }
  }
  // What is still queued when the sending ends counts as lost, as in the simulation.
  for (let c = 0; c < N; c++) if ((backlog[c] as number) > 0) lostCores += (backlog[c] as number) / (lastMean[c] as number);
  if (linkBacklog > 0 && lastTau > 0) lostLink += linkBacklog / lastTau;
  return { loss: (lostLink + lostCores) / total, link: lostLink, cores: lostCores, served, sendingNs: arrivalsNs };
}

/** The largest offered load with fluid loss <= threshold, by bisection on a log scale. */
function fluidMlffr(plan: Plan, f: FluidInput): { offered: number; forwarded: number; loss: number; bottleneck: 'cores' | 'link' } {
  const { ringSize, nicQueue, lossThreshold } = plan.options;
  const total = Math.max(1, plan.workload.count);
  const backlog = new Float64Array(f.cores);
  const lastMean = new Float64Array(f.cores);
  let minMean = Infinity;
  for (let s = 0; s < f.work.length; s++) {
    const c = f.count[s] as number;
    if (c > 0) minMean = Math.min(minMean, (f.work[s] as number) / c);
  }
  if (!(minMean > 0) || !Number.isFinite(minMean)) minMean = 1e-3;
  let hi = (2 * 1000 * f.cores) / minMean / (1 - lossThreshold);
  let lo = hi * 1e-9;
  while (hi / lo - 1 > 1e-10) {
    const mid = Math.sqrt(lo * hi);
    if (fluidLoss(f, mid, ringSize, nicQueue, total, backlog, lastMean).loss <= lossThreshold) lo = mid;
    else hi = mid;
  }
  const at = fluidLoss(f, lo, ringSize, nicQueue, total, backlog, lastMean);
  const above = fluidLoss(f, lo * 1.01, ringSize, nicQueue, total, backlog, lastMean);
  const forwarded = at.sendingNs > 0 ? (at.served * 1000) / at.sendingNs : 0;
  return { offered: lo, forwarded, loss: at.loss, bottleneck: above.link > above.cores ? 'link' : 'cores' };
}

function workPerCore(f: FluidInput): Float64Array {
  const out = new Float64Array(f.cores);
  for (let s = 0; s < f.work.length; s++) out[s % f.cores] = (out[s % f.cores] as number) + (f.work[s] as number);
  return out;
}

/** The fluid MLFFR with contention-free costs: exact without locks, an upper bound with them. */
export function contentionFreeMlffr(plan: Plan): { offeredMpps: number; throughputMpps: number; bottleneck: 'cores' | 'link' } {
  const r = fluidMlffr(plan, fluidInput(plan));
  return { offeredMpps: r.offered, throughputMpps: r.forwarded, bottleneck: r.bottleneck };
}

/** Throughput by the fluid computation; plans with locks are handed to the binary search. */
export function throughputBySaturation(plan: Plan): Throughput {
  // Only the simulation sees: locks; RSS++ moving a bucket (its first packet on the new core
  // waits for the old core); a ring or NIC queue shorter than a burst (the fluid model smooths
  // bursts away, but such a queue loses packets at any load).
  const { ringSize, nicQueue, burst } = plan.options;
  if (plan.lockMode !== 'none' || plan.bucketOf !== undefined || ringSize < burst || nicQueue < burst) {
    return withoutRun(mlffrBySimulation(plan, { tolerance: LOCK_TOLERANCE }));
  }
  const f = fluidInput(plan);
  const r = fluidMlffr(plan, f);
  return {
    technique: plan.technique,
    cores: plan.cores,
    method: 'saturation',
    offeredMpps: r.offered,
    throughputMpps: r.forwarded,
    loss: r.loss,
    bottleneck: r.bottleneck,
    imbalance: imbalanceOf(workPerCore(f)),
    lockWaitShare: 0,
    cacheLinesPerPacket: 0,
    historyBytesPerPacket: plan.historyBytes,
    simulations: 0,
    ...(plan.sharding ? { sharding: plan.sharding } : {}),
    ...(plan.scrLoss ? { recovery: plan.scrLoss.stats } : {}),
  };
}

function lockWaitShare(run: RunResult): number {
  let busyNs = 0;
  for (let c = 0; c < run.cores; c++) busyNs += (run.perCore.busyFraction[c] as number) * run.durationNs;
  return busyNs > 0 ? Math.min(1, run.lockWaitNs / busyNs) : 0;
}

export interface MlffrOptions {
  /** Relative precision of the offered load (default 0.2 %). */
  tolerance?: number;
  /** Re-run the final load with its time series (for a chart). */
  withSeries?: boolean;
  /** Search on the first this many packets, then confirm on the whole trace (default 65,536). */
  searchPackets?: number;
}

/**
 * MLFFR by definition: bisection on the offered load, a simulation per probe, to a relative
 * precision of `tolerance`. A probe stops as soon as it has lost more than the threshold
 * allows. The search starts between the fluid bound without contention (above) and the rate the
 * system still forwarded in that first, overloaded probe, runs on a prefix of the trace, and is
 * then confirmed on the whole trace: the bracket is widened until a whole-trace run passes at
 * its low end and fails at its high end, and bisected there if still too wide. The figure is
 * therefore always the whole trace's MLFFR.
 */
export function mlffrBySimulation(plan: Plan, options: MlffrOptions = {}): Throughput & { run: RunResult } {
  const tolerance = options.tolerance ?? 0.002;
  const n = plan.workload.count;
  const threshold = plan.options.lossThreshold;
  let simulations = 0;
  const probe = (mpps: number, limit: number): RunResult => {
    simulations++;
    return simulatePlan(plan, mpps, { noSeries: true, maxLost: Math.floor(threshold * limit), limit });
  };
  const passes = (r: RunResult) => !r.stopped && r.loss <= threshold;
  /** What an overloaded run forwarded per offered packet, over the part it simulated. */
  const forwarded = (r: RunResult) => {
    const done = r.packets.served + r.packets.droppedLink + r.packets.droppedRing;
    return done > 0 ? (r.offeredMpps * r.packets.served) / done : r.offeredMpps / 2;
  };

  // 1. Search on a prefix.
  const m = Math.min(n, Math.max(1, options.searchPackets ?? 65536));
  let hi = contentionFreeMlffr(plan).offeredMpps * 1.02;
  let hiRun = probe(hi, m);
  while (passes(hiRun) && hi < 1e7) {
    hi *= 2;
    hiRun = probe(hi, m);
  }
  // Below what an overloaded run forwarded, by at least 10 % and at most half each time.
  const below = (r: RunResult, at: number) => Math.min(at * 0.9, Math.max(at / 2, forwarded(r) * 0.98));
  let lo = below(hiRun, hi);
  let loRun = probe(lo, m);
  while (!passes(loRun) && lo > 1e-6) {
    hi = lo;
    hiRun = loRun;
    lo = below(loRun, lo);
    loRun = probe(lo, m);
  }
  if (!passes(loRun)) return { ...summary(plan, 0, loRun, hiRun, simulations), noLossFreeRate: true, throughputMpps: 0, run: loRun };
  const bisect = (limit: number): void => {
    while (hi / lo - 1 > tolerance) {
      const mid = Math.sqrt(lo * hi);
      const run = probe(mid, limit);
      if (passes(run)) {
        lo = mid;
        loRun = run;
      } else {
        hi = mid;
        hiRun = run;
      }
    }
  };
  bisect(m);

  // 2. On the whole trace. The prefix's figure is often high: the rings and the NIC queue hold a
  // larger share of a short run, and a longer run has more chances to tip a lock into collapse.
  // Check the bracket on the whole trace, move it until its low end passes and its high end fails
  // there, then bisect. A failing run tells how much the system forwarded: at the loss threshold
  // that rate is about forwarded / (1 - threshold), so the low end jumps there (at least one step).
  if (m < n) {
    const step = 1 + 2 * tolerance;
    let hiKnown = false;
    loRun = probe(lo, n);
    while (!passes(loRun) && lo > 1e-6) {
      hi = lo;
      hiRun = loRun;
      hiKnown = true;
      lo = Math.max(lo / 2, Math.min(lo / step, (forwarded(loRun) / (1 - threshold)) * (1 - tolerance / 2)));
      loRun = probe(lo, n);
    }
    if (!hiKnown) {
      hiRun = probe(hi, n);
      while (passes(hiRun) && hi < 1e7) {
        lo = hi;
        loRun = hiRun;
        hi *= step;
        hiRun = probe(hi, n);
      }
    } else if (hi / lo - 1 > tolerance) {
      // The estimate is usually within the tolerance of the answer: try just above it first.
      const next = lo * (1 + tolerance * 0.999);
      const run = probe(next, n);
      if (passes(run)) {
        lo = next;
        loRun = run;
      } else {
        hi = next;
        hiRun = run;
      }
    }
    bisect(n);
  }

  let run = loRun;
  if (options.withSeries) {
    run = simulatePlan(plan, lo);
    simulations++;
  }
  return { ...summary(plan, lo, run, hiRun, simulations), run };
}

/** The figure of a binary search: `run` at the offered load `lo`; `hiRun` just above it. */
function summary(plan: Plan, lo: number, run: RunResult, hiRun: RunResult, simulations: number): Throughput {
  return {
    technique: plan.technique,
    cores: plan.cores,
    method: 'mlffr',
    offeredMpps: lo,
    throughputMpps: run.throughputMpps,
    loss: run.loss,
    bottleneck: hiRun.packets.droppedLink > hiRun.packets.droppedRing ? 'link' : 'cores',
    imbalance: run.imbalance,
    lockWaitShare: lockWaitShare(run),
    cacheLinesPerPacket: run.packets.served > 0 ? run.cacheLineTransfers / run.packets.served : 0,
    historyBytesPerPacket: plan.historyBytes,
    simulations,
    ...(plan.sharding ? { sharding: plan.sharding } : {}),
    ...(plan.scrLoss ? { recovery: plan.scrLoss.stats } : {}),
  };
}
