/**
 * Replaying a recording (recording.ts) at any simulated time: what every core holds in its RX
 * ring, what it is serving, how busy it has been, which locks are held and who waits for them,
 * which cache lines are on their way, the indirection table in force. `indexRecording` sorts
 * once; `stageAt(t)` then costs a few binary searches per core, so a stage can ask every frame.
 */
import { FATE_LINK_DROP, FATE_RING_DROP, FATE_SERVED, type RunRecording } from './recording';

interface CoreIndex {
  /** Packets the core accepted, in arrival (= service, FIFO) order. */
  packets: Int32Array;
  arrive: Float64Array;
  start: Float64Array;
  finish: Float64Array;
  /** busyCum[k]: busy ns of the core once its k-th packet finished (k from 0). */
  busyCum: Float64Array;
  /** Times its ring dropped a packet. */
  drops: Float64Array;
}

export interface StageIndex {
  rec: RunRecording;
  cores: CoreIndex[];
  /** Sorted: finish times of all served packets, link drop times. */
  finishes: Float64Array;
  linkDrops: Float64Array;
  /** Sorted, distinct: every arrival (at a ring, or a drop) and every completion. */
  events: Float64Array;
  /** RSS: the bucket carrying the most packets (the elephant's, on an elephant trace), or -1. */
  heaviestBucket: number;
  /** RSS: when each indirection table came into force (the send time of its first packet). */
  tableFrom: Float64Array;
}

export interface CoreAt {
  /** Packets in its RX ring not yet started. */
  queued: number;
  /** The packet it is serving, or -1. */
  current: number;
  served: number;
  dropped: number;
  busyNs: number;
  /** Of the elapsed time (0 at t = 0). */
  busyShare: number;
  /** Spinning on a lock since `since`. */
  waiting: { lock: number; since: number } | null;
  holding: number[];
}

export interface LockAt {
  lock: number;
  holder: number;
  /** Waiting cores, the longest-waiting first. */
  waiters: { core: number; since: number }[];
}

export interface LineAt {
  lock: number;
  from: number;
  to: number;
  /** 0 when it left `from`, 1 when it reaches `to`. */
  progress: number;
}

export interface StageSnapshot {
  t: number;
  /** Packets sent by the traffic generator so far. */
  offered: number;
  forwarded: number;
  droppedRing: number;
  droppedLink: number;
  cores: CoreAt[];
  locks: LockAt[];
  lines: LineAt[];
  /** RSS: the indirection table in force, its period, and the buckets that moved into it. */
  table: Uint8Array | null;
  period: number;
  movedBuckets: number[];
}

/** Number of values <= t in a sorted array. */
export function countUpTo(sorted: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sorted(values: number[]): Float64Array {
  return Float64Array.from(values).sort();
}

export function indexRecording(rec: RunRecording): StageIndex {
  const n = rec.packets;
  const byCore: number[][] = Array.from({ length: rec.cores }, () => []);
  const dropsByCore: number[][] = Array.from({ length: rec.cores }, () => []);
  const finishes: number[] = [];
  const linkDrops: number[] = [];
  const events: number[] = [];
  for (let i = 0; i < n; i++) {
    const fate = rec.fate[i] as number;
    const c = rec.core[i] as number;
    if (fate === FATE_SERVED) {
      byCore[c]?.push(i);
      finishes.push(rec.finish[i] as number);
      events.push(rec.reach[i] as number, rec.finish[i] as number);
    } else if (fate === FATE_RING_DROP) {
      dropsByCore[c]?.push(rec.reach[i] as number);
      events.push(rec.reach[i] as number);
    } else if (fate === FATE_LINK_DROP) {
      linkDrops.push(rec.sent[i] as number);
      events.push(rec.sent[i] as number);
    }
  }
  const cores = byCore.map((list, c): CoreIndex => {
    const packets = Int32Array.from(list);
    const pick = (col: Float64Array) => Float64Array.from(list, (i) => col[i] as number);
    const start = pick(rec.start);
    const finish = pick(rec.finish);
    const busyCum = new Float64Array(list.length);
    let busy = 0;
    for (let k = 0; k < list.length; k++) {
      busy += (finish[k] as number) - (start[k] as number);
      busyCum[k] = busy;
    }
    return { packets, arrive: pick(rec.reach), start, finish, busyCum, drops: sorted(dropsByCore[c] ?? []) };
  });
  const allEvents = sorted(events);
  let distinct = 0;
  for (let k = 0; k < allEvents.length; k++) if (k === 0 || allEvents[k] !== allEvents[distinct - 1]) allEvents[distinct++] = allEvents[k] as number;
  let heaviestBucket = -1;
  if (rec.rss) {
    const load = new Float64Array(128);
    for (let i = 0; i < n; i++) load[rec.rss.buckets[i] as number]! += 1;
    let best = 0;
    for (let b = 1; b < 128; b++) if ((load[b] as number) > (load[best] as number)) best = b;
    heaviestBucket = n > 0 ? best : -1;
  }
  const tableFrom = Float64Array.from(rec.rss?.tables ?? [], (p) => (p.fromPacket < n ? (rec.sent[p.fromPacket] as number) : Infinity));
  return { rec, cores, finishes: sorted(finishes), linkDrops: sorted(linkDrops), events: allEvents.slice(0, distinct), heaviestBucket, tableFrom };
}

/** The stage at simulated time t (ns), clamped to the run. */
export function stageAt(ix: StageIndex, time: number): StageSnapshot {
  const { rec } = ix;
  const t = Math.max(0, Math.min(Number.isFinite(time) ? time : 0, rec.durationNs));
  const locks = new Map<number, LockAt>();
  const lockAt = (id: number): LockAt => {
    let l = locks.get(id);
    if (!l) {
      l = { lock: id, holder: -1, waiters: [] };
      locks.set(id, l);
    }
    return l;
  };
  const lines: LineAt[] = [];
  let droppedRing = 0;
  const cores = ix.cores.map((core, c): CoreAt => {
    const accepted = countUpTo(core.arrive, t);
    const started = countUpTo(core.start, t);
    const done = countUpTo(core.finish, t);
    const dropped = countUpTo(core.drops, t);
    droppedRing += dropped;
    let busyNs = done > 0 ? (core.busyCum[done - 1] as number) : 0;
    let current = -1;
    let waiting: CoreAt['waiting'] = null;
    const holding: number[] = [];
    if (started > done) {
      current = core.packets[done] as number;
      busyNs += t - (core.start[done] as number);
      for (let slot = 0; slot < 2; slot++) {
        const k = 2 * current + slot;
        const id = rec.lockId[k] as number;
        if (id < 0) continue;
        const ask = rec.lockAsk[k] as number;
        const grant = rec.lockGrant[k] as number;
        if (t >= ask && t < grant) {
          waiting ??= { lock: id, since: ask };
          lockAt(id).waiters.push({ core: c, since: ask });
        } else if (t >= grant) {
          holding.push(id);
          lockAt(id).holder = c;
          const from = rec.lineFrom[k] as number;
          const end = rec.lineEnd[k] as number;
          if (from >= 0 && t < end) lines.push({ lock: id, from, to: c, progress: end > grant ? (t - grant) / (end - grant) : 1 });
        }
      }
    }
    return { queued: accepted - started, current, served: done, dropped, busyNs, busyShare: t > 0 ? busyNs / t : 0, waiting, holding };
  });
  for (const l of locks.values()) l.waiters.sort((a, b) => a.since - b.since || a.core - b.core);
  const tables = rec.rss?.tables ?? [];
  const period = tables.length > 0 ? Math.max(0, countUpTo(ix.tableFrom, t) - 1) : -1;
  const table = period >= 0 ? (tables[period]?.table ?? null) : null;
  const movedBuckets: number[] = [];
  const before = period > 0 ? tables[period - 1]?.table : undefined;
  if (table && before) for (let b = 0; b < table.length; b++) if (table[b] !== before[b]) movedBuckets.push(b);
  return {
    t,
    offered: countUpTo(rec.sent, t),
    forwarded: countUpTo(ix.finishes, t),
    droppedRing,
    droppedLink: countUpTo(ix.linkDrops, t),
    cores,
    locks: [...locks.values()].sort((a, b) => a.lock - b.lock),
    lines,
    table,
    period,
    movedBuckets,
  };
}

/** The first arrival or completion after t (the run's end when none is left). */
export function nextEventTime(ix: StageIndex, t: number): number {
  const k = countUpTo(ix.events, t);
  return k < ix.events.length ? (ix.events[k] as number) : ix.rec.durationNs;
}

/** The last arrival or completion before t (0 when none). */
export function previousEventTime(ix: StageIndex, t: number): number {
  let lo = 0;
  let hi = ix.events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ix.events[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? (ix.events[lo - 1] as number) : 0;
}

/** Busiest core's busy share over the mean (1 when nothing has run). */
export function busyMaxOverMean(s: StageSnapshot): number {
  let sum = 0;
  let max = 0;
  for (const c of s.cores) {
    sum += c.busyNs;
    max = Math.max(max, c.busyNs);
  }
  return sum > 0 ? max / (sum / s.cores.length) : 1;
}
