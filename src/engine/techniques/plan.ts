/**
 * A technique on N cores, derived from the program's declaration and the trace: which core every
 * packet goes to, what it costs there, which locks it takes and how many history bytes ride with
 * it. The simulation and the throughput computations read only plans.
 */
import { overheadBytes } from '../scr/wire-layout';
import { defaultIndirectionTable, rebalanceTable, INDIRECTION_TABLE_SIZE } from './indirection';
import type { ModelOptions, TechniqueId } from './options';
import { planScrLoss, type ScrLossPlan } from './scr-loss';
import { autoRss, keysInSeveralBuckets, shardingCoverage, type ShardingCoverage, type Workload } from './workload';

export const MAX_CORES = 64;

/** An indirection table and the first packet it steers (RSS++ writes a new one every period). */
export interface IndirectionPeriod {
  fromPacket: number;
  table: Uint8Array;
}

/** No locks / per-key locks (and the global lock for global updates) / only the global lock. */
export type LockMode = 'none' | 'keys' | 'global';

export interface ShardingInfo extends ShardingCoverage {
  /** Keys whose packets the trace puts in more than one bucket (0 when the hash covers the key). */
  keysInSeveralBuckets: number;
  /** RSS++ only: rebalances done and buckets moved over the trace. */
  rebalances?: number;
  bucketsMoved?: number;
}

export interface Plan {
  readonly workload: Workload;
  readonly technique: TechniqueId;
  /** Cores the technique uses (1 for the single-core baseline whatever was asked). */
  readonly cores: number;
  readonly options: ModelOptions;
  /** Core of every packet. */
  readonly coreOf: Uint8Array;
  readonly lockMode: LockMode;
  /** Service time of a packet that takes no lock (ns). */
  readonly plainNs: number;
  /** Work before the first lock (ns): dispatch and, for per-key locks, the hash. */
  readonly preLockNs: number;
  /** Work inside the lock (ns): the program. */
  readonly criticalNs: number;
  /** Bytes added to every packet on the link (SCR's header and history). */
  readonly historyBytes: number;
  /** Locks packet i takes: 0 none, 1 its key's, 2 the global one, 3 both (null when lockMode is 'none'). */
  readonly lockMask: Uint8Array | null;
  readonly sharding?: ShardingInfo;
  /** RSS++: the RSS bucket of every packet (a bucket that moves core waits for its old core). */
  readonly bucketOf?: Uint8Array;
  /** RSS and RSS++: the bucket every packet hashes to, and the indirection table in force from each packet on. */
  readonly rss?: { buckets: Uint8Array; tables: readonly IndirectionPeriod[] };
  /** SCR with loss between the sequencer and the cores (options.scrLoss > 0). */
  readonly scrLoss?: ScrLossPlan;
}

/** Whether packet i takes a lock under this plan: 0 none, 1 its key's, 2 the global one, 3 both. */
export function locksOf(plan: Plan, i: number): number {
  return plan.lockMask === null ? 0 : (plan.lockMask[i] as number);
}

function lockMaskOf(workload: Workload, mode: LockMode): Uint8Array | null {
  if (mode === 'none') return null;
  const out = new Uint8Array(workload.count);
  for (let i = 0; i < workload.count; i++) {
    const g = workload.global[i] === 1 ? 2 : 0;
    out[i] = mode === 'global' ? g : ((workload.keyId[i] as number) >= 0 ? 1 : 0) | g;
  }
  return out;
}

/** Service time of packet i when no other core is in the way: no waiting, no cache-line transfer. */
export function uncontendedNs(plan: Plan, i: number): number {
  const locks = locksOf(plan, i);
  if (locks === 0) return plan.plainNs;
  const n = locks === 3 ? 2 : 1;
  const { lockAcquire, lockRelease } = plan.options.costs;
  return plan.preLockNs + n * lockAcquire + plan.criticalNs + n * lockRelease;
}

function roundRobin(n: number, cores: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0, c = 0; i < n; i++) {
    out[i] = c;
    if (++c === cores) c = 0;
  }
  return out;
}

function rssSetup(workload: Workload, options: ModelOptions) {
  const auto = autoRss(workload.program.scope);
  const fields = options.rssFields === 'auto' ? auto.fields : options.rssFields;
  // 'auto' picks the key from the program's state (symmetric for bidirectional state) whatever the fields.
  const key = options.rssKey === 'auto' ? auto.key : options.rssKey;
  const buckets = workload.buckets(fields, key);
  const coverage = shardingCoverage(workload.program.scope, fields, key);
  return { buckets, coverage, split: keysInSeveralBuckets(workload, buckets) };
}

function staticRss(buckets: Uint8Array, cores: number): Uint8Array {
  const table = defaultIndirectionTable(cores);
  const out = new Uint8Array(buckets.length);
  for (let i = 0; i < buckets.length; i++) out[i] = table[buckets[i] as number] as number;
  return out;
}

/** RSS++: the table in force for each period is the previous one rebalanced from that period's load. */
function rebalancedRss(buckets: Uint8Array, cores: number, every: number): { coreOf: Uint8Array; rebalances: number; moved: number; tables: IndirectionPeriod[] } {
  const table = defaultIndirectionTable(cores);
  const tables: IndirectionPeriod[] = [];
  const load = new Float64Array(INDIRECTION_TABLE_SIZE);
  const out = new Uint8Array(buckets.length);
  let rebalances = 0;
  let moved = 0;
  for (let start = 0; start < buckets.length; start += every) {
    const end = Math.min(buckets.length, start + every);
    load.fill(0);
    tables.push({ fromPacket: start, table: table.slice() });
    for (let i = start; i < end; i++) {
      const b = buckets[i] as number;
      out[i] = table[b] as number;
      load[b] = (load[b] as number) + 1;
    }
    if (end < buckets.length) {
      moved += rebalanceTable(table, load, cores);
      rebalances++;
    }
  }
  return { coreOf: out, rebalances, moved, tables };
}

/** Builds the plan of `technique` on `cores` cores (the single-core baseline always uses one). */
export function buildPlan(workload: Workload, technique: TechniqueId, cores: number, options: ModelOptions): Plan {
  if (!Number.isInteger(cores) || cores < 1 || cores > MAX_CORES) throw new RangeError(`cores must be a whole number from 1 to ${MAX_CORES}, not ${cores}`);
  const c = options.costs;
  const n = workload.count;
  const base = { workload, technique, options, historyBytes: 0, preLockNs: c.d, criticalNs: c.c1, plainNs: c.d + c.c1, lockMask: null };
  switch (technique) {
    case 'single':
      return { ...base, cores: 1, coreOf: new Uint8Array(n), lockMode: 'none' };
    case 'scr':
      return {
        ...base,
        cores,
        coreOf: roundRobin(n, cores),
        lockMode: 'none',
        plainNs: c.d + c.c1 + (cores - 1) * c.c2,
        historyBytes: overheadBytes(workload.program, cores - 1),
        ...(options.scrLoss > 0 ? { scrLoss: planScrLoss(n, cores, options.scrLoss, options.lossSeed, c.logRead + c.c2) } : {}),
      };
    case 'locks': {
      const coreOf = options.lockSpreading === 'rss' ? staticRss(rssSetup(workload, options).buckets, cores) : roundRobin(n, cores);
      return { ...base, cores, coreOf, lockMode: 'keys', preLockNs: c.d + c.hash, lockMask: lockMaskOf(workload, 'keys') };
    }
    case 'rss':
    case 'rsspp': {
      const { buckets, coverage, split } = rssSetup(workload, options);
      const lockMode = coverage.keysCovered ? (workload.hasGlobal ? 'global' : 'none') : 'keys';
      const preLockNs = lockMode === 'keys' ? c.d + c.hash : c.d;
      const lockMask = lockMaskOf(workload, lockMode);
      if (technique === 'rss') {
        const rss = { buckets, tables: [{ fromPacket: 0, table: defaultIndirectionTable(cores) }] };
        return { ...base, cores, coreOf: staticRss(buckets, cores), rss, lockMode, preLockNs, lockMask, sharding: { ...coverage, keysInSeveralBuckets: split } };
      }
      const r = rebalancedRss(buckets, cores, options.rebalanceEvery);
      return {
        ...base,
        cores,
        coreOf: r.coreOf,
        bucketOf: buckets,
        rss: { buckets, tables: r.tables },
        lockMode,
        preLockNs,
        lockMask,
        sharding: { ...coverage, keysInSeveralBuckets: split, rebalances: r.rebalances, bucketsMoved: r.moved },
      };
    }
  }
}
