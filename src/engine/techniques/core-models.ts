/** The cores of the simulation: independent FIFO queues, or cores that meet on locks (see simulate.ts). */
import type { Arrivals } from './arrivals';
import type { Plan } from './plan';
import { FATE_INJECTED, FATE_LINK_DROP, FATE_RING_DROP, type RecordingSink } from './recording';
import type { SeriesRecorder } from './series';
import type { ContentionTrace } from './simulate';

/** What the cores did; filled by one of the two core models below. */
export interface CoreTally {
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

/** Writes a core model's loop counters (kept in locals while it runs) into the tally. */
function settle(t: CoreTally, c: { lost: number; lostLink: number; inTime: number; lastFinish: number; late: number; stopped: boolean }): void {
  t.lostRing = c.lost - c.lostLink;
  t.lostLink = c.lostLink;
  t.servedWhileSending = c.inTime;
  t.lastFinish = c.lastFinish;
  t.late = c.late;
  t.stopped = c.stopped;
}

export function newTally(cores: number): CoreTally {
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
export function coresWithoutLocks(
  plan: Plan,
  arrivals: Arrivals,
  n: number,
  sendingNs: number,
  maxLost: number,
  series: SeriesRecorder | null,
  t: CoreTally,
  rec: RecordingSink | null = null,
): void {
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
      rec?.dropped(i, FATE_INJECTED, a);
      lostInjected++;
      continue;
    }
    if (a < 0) {
      rec?.dropped(i, FATE_LINK_DROP, -1 - a);
      lostLink++;
      series?.drop(-1 - a);
      if (++lost > maxLost) break;
      continue;
    }
    const c = coreOf[i] as number;
    const pos = ringPos[c] as number;
    const slot = c * Q + pos;
    if ((ring[slot] as number) > a) {
      rec?.dropped(i, FATE_RING_DROP, a);
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
    rec?.served(i, a, s, f);
  }
  settle(t, { lost, lostLink, inTime, lastFinish, late, stopped: lost > maxLost });
  t.lostInjected = lostInjected;
}

/**
 * Cores that meet on locks: an event loop. A core's current packet has a known start; its event
 * is the time it asks for its first lock (its start when it takes none). The loop resolves the
 * earliest event unless the next arrival comes first, so locks are granted in the order of
 * request times and no two holds of a lock overlap.
 */
export function coresWithLocks(
  plan: Plan,
  arrivals: Arrivals,
  n: number,
  sendingNs: number,
  maxLost: number,
  series: SeriesRecorder | null,
  byLock: ContentionTrace['byLock'] | null,
  t: CoreTally,
  rec: RecordingSink | null = null,
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
      rec?.dropped(i, FATE_LINK_DROP, -1 - (reach[i] as number));
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
          const asked = tt;
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
          const granted = tt;
          tt += lockAcquire;
          const last = lastWriter[L] as number;
          const moved = last >= 0 && last !== c;
          if (moved) {
            if (byLock) {
              byLock.cacheLineTransfers[L] = (byLock.cacheLineTransfers[L] as number) + 1;
              series?.transfer(tt);
            }
            tt += cacheLine + extra;
            transfers[c] = (transfers[c] as number) + 1;
          }
          rec?.lock(p, taken, L, asked, granted, moved ? last : -1, tt);
          taken++;
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
      rec?.served(p, reach[p] as number, s, f);
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
        rec?.dropped(p, FATE_RING_DROP, a);
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
  settle(t, { lost, lostLink, inTime, lastFinish, late, stopped: lost > maxLost });
}

