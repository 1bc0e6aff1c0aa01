/**
 * What the timing model needs from a program and a trace, computed once and shared by every
 * technique and core count: the state entry each packet touches as a dense number (for lock and
 * cache-line tables), whether it touches global state, its frame size, and (on demand, cached)
 * its RSS bucket for a field set and key.
 */
import type { AnyProgram, StateKey, StateScope } from '../programs/program';
import type { Trace } from '../trace/trace';
import { BUCKET_MASK } from './indirection';
import { RSS_KEYS, hashTrace, type RssFieldSet, type RssKeyName } from './toeplitz';

export interface Workload {
  readonly program: AnyProgram;
  readonly trace: Trace;
  readonly count: number;
  /** Dense id of the state entry packet i touches (its `keyOf`), or -1 when it touches none. */
  readonly keyId: Int32Array;
  /** Number of distinct keys; the global state (if any) gets id `keyCount` in lock tables. */
  readonly keyCount: number;
  /** 1 when packet i's update touches global state (`touchesGlobal`). */
  readonly global: Uint8Array;
  /** True when some packet touches global state. */
  readonly hasGlobal: boolean;
  /** Mean frame length in bytes (64 for an empty trace). */
  readonly meanFrameBytes: number;
  /** RSS bucket (0..127) of every packet for a field set and key; computed once, then cached. */
  buckets(fields: RssFieldSet, key: RssKeyName): Uint8Array;
}

/** Runs the program's extract and keyOf over the trace once (the sequencer's view of each packet). */
export function prepareWorkload(program: AnyProgram, trace: Trace): Workload {
  const n = trace.count;
  const keyId = new Int32Array(n);
  const global = new Uint8Array(n);
  const ids = new Map<StateKey, number>();
  let hasGlobal = false;
  let frameSum = 0;
  for (let i = 0; i < n; i++) {
    frameSum += trace.wireLen[i] as number;
    const rec: unknown = program.extract(trace, i);
    const key = program.keyOf(rec);
    if (key === null) keyId[i] = -1;
    else {
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      keyId[i] = id;
    }
    if (program.touchesGlobal(rec)) {
      global[i] = 1;
      hasGlobal = true;
    }
  }
  const cache = new Map<string, Uint8Array>();
  return {
    program,
    trace,
    count: n,
    keyId,
    keyCount: ids.size,
    global,
    hasGlobal,
    meanFrameBytes: n > 0 ? frameSum / n : 64,
    buckets(fields, key) {
      const name = `${fields}/${key}`;
      let out = cache.get(name);
      if (out === undefined) {
        const hashes = hashTrace(trace, fields, RSS_KEYS[key]);
        out = new Uint8Array(n);
        for (let i = 0; i < n; i++) out[i] = (hashes[i] as number) & BUCKET_MASK;
        cache.set(name, out);
      }
      return out;
    },
  };
}

/** How sharding by RSS treats a program's state for one field set and key. */
export interface ShardingCoverage {
  fields: RssFieldSet;
  key: RssKeyName;
  /** Every packet of a key hashes to the same bucket, whatever the trace (decided from `scope`). */
  keysCovered: boolean;
  /** What keeps the sharded program correct where the hash cannot: a shared lock for that part. */
  fallback: 'none' | 'global-lock' | 'key-locks' | 'key-and-global-locks';
  /** One sentence for the UI. */
  reason: string;
}

/** The field set and key that keep a program's state core-local ('auto' in the options). */
export function autoRss(scope: StateScope): { fields: RssFieldSet; key: RssKeyName } {
  switch (scope.hashedBy) {
    case 'src-ip':
      return { fields: 'src-ip', key: 'microsoft' };
    case 'bidirectional-5-tuple':
      return { fields: '5-tuple', key: 'symmetric' };
    default:
      return { fields: '5-tuple', key: 'microsoft' };
  }
}

/**
 * Whether a hash over `fields` with `key` keeps every key of `scope` on one core: the hashed fields
 * must be a function of the key (a source-IP key is split by any hash that also reads the
 * destination or ports), and a bidirectional key also needs a symmetric hash. Global state (the
 * NAT's pool) is never partitioned. The model then falls back to a shared lock for what the hash
 * cannot keep local: that is the correct program a programmer would write, and its cost shows.
 */
export function shardingCoverage(scope: StateScope, fields: RssFieldSet, key: RssKeyName): ShardingCoverage {
  let keysCovered: boolean;
  let why = '';
  switch (scope.hashedBy) {
    case 'src-ip':
      keysCovered = fields === 'src-ip';
      if (!keysCovered) why = `the state is per source address, but a ${fields} hash sends one source's flows to different cores`;
      break;
    case 'bidirectional-5-tuple':
      keysCovered = fields !== 'src-ip' && key === 'symmetric';
      if (!keysCovered) {
        why = fields === 'src-ip'
          ? 'the state is per connection in both directions, but a source-address hash sends the two directions to different cores'
          : 'the state is per connection in both directions, but this key is not symmetric: the two directions reach different cores';
      }
      break;
    default:
      keysCovered = true;
  }
  const global = scope.kind === 'per-key-plus-global';
  const fallback = keysCovered ? (global ? 'global-lock' : 'none') : global ? 'key-and-global-locks' : 'key-locks';
  const parts: string[] = [];
  if (keysCovered) parts.push(`a ${fields} hash keeps every key on one core`);
  else parts.push(`${why}: every update takes its key's lock`);
  if (global) parts.push(`${scope.global} is shared by all cores behind one lock`);
  return { fields, key, keysCovered, fallback, reason: `${parts.join('; ')}.` };
}

/** Keys whose packets fall into more than one RSS bucket: evidence, from the trace, of a split key. */
export function keysInSeveralBuckets(workload: Workload, buckets: Uint8Array): number {
  const first = new Int16Array(workload.keyCount).fill(-1);
  const split = new Uint8Array(workload.keyCount);
  let count = 0;
  for (let i = 0; i < workload.count; i++) {
    const k = workload.keyId[i] as number;
    if (k < 0) continue;
    const b = buckets[i] as number;
    const f = first[k] as number;
    if (f < 0) first[k] = b;
    else if (f !== b && split[k] === 0) {
      split[k] = 1;
      count++;
    }
  }
  return count;
}
