/**
 * The RSS indirection table (128 entries: bucket = low 7 bits of the hash -> core) and RSS++'s
 * rebalancing of it (Barbette et al., CoNEXT 2019): from the load each bucket carried in the last
 * period, move whole buckets from overloaded cores to the least loaded one. A bucket is the unit
 * that moves, so one flow, which always hashes to one bucket, can never be split.
 */
export const INDIRECTION_TABLE_SIZE = 128;
export const BUCKET_MASK = INDIRECTION_TABLE_SIZE - 1;

/** The default table a driver writes: bucket b goes to core b mod N. */
export function defaultIndirectionTable(cores: number): Uint8Array {
  if (!Number.isInteger(cores) || cores < 1 || cores > 255) throw new RangeError(`cores must be 1 to 255, not ${cores}`);
  const table = new Uint8Array(INDIRECTION_TABLE_SIZE);
  for (let b = 0; b < INDIRECTION_TABLE_SIZE; b++) table[b] = b % cores;
  return table;
}

/** Load per core: the sum of its buckets' loads. */
export function coreLoads(table: Uint8Array, bucketLoad: ArrayLike<number>, cores: number): Float64Array {
  const out = new Float64Array(cores);
  for (let b = 0; b < INDIRECTION_TABLE_SIZE; b++) {
    const c = table[b] as number;
    out[c] = (out[c] as number) + (bucketLoad[b] as number);
  }
  return out;
}

export interface RebalanceOptions {
  /** Stop once the busiest core is within this fraction of the mean (default 2 %). */
  tolerance?: number;
  /** At most this many buckets move per rebalance (RSS++ bounds migrations; default 32). */
  maxMoves?: number;
}

/**
 * Rebalances `table` in place from the last period's per-bucket load; returns the number of
 * buckets moved. Greedy and deterministic: while some core is above mean·(1+tolerance), take the
 * busiest such core that has a movable bucket and give the least loaded core the bucket whose
 * load is closest to half their difference. A bucket moves only if that lowers the larger of
 * the two loads, so a bucket heavier than the gap (an elephant) stays where it is.
 */
export function rebalanceTable(table: Uint8Array, bucketLoad: ArrayLike<number>, cores: number, options: RebalanceOptions = {}): number {
  if (cores <= 1) return 0;
  const tolerance = options.tolerance ?? 0.02;
  const maxMoves = options.maxMoves ?? 32;
  const loads = coreLoads(table, bucketLoad, cores);
  let total = 0;
  for (let c = 0; c < cores; c++) total += loads[c] as number;
  if (total <= 0) return 0;
  const limit = (total / cores) * (1 + tolerance);
  const order = new Int32Array(cores);
  let moves = 0;
  while (moves < maxMoves) {
    let receiver = 0;
    for (let c = 1; c < cores; c++) if ((loads[c] as number) < (loads[receiver] as number)) receiver = c;
    // Donor candidates, busiest first (ties by core number), above the limit.
    let candidates = 0;
    for (let c = 0; c < cores; c++) if ((loads[c] as number) > limit) order[candidates++] = c;
    const sorted = Array.from(order.subarray(0, candidates)).sort((a, b) => (loads[b] as number) - (loads[a] as number) || a - b);
    let moved = false;
    for (const donor of sorted) {
      const gap = (loads[donor] as number) - (loads[receiver] as number);
      let best = -1;
      let bestScore = Infinity;
      for (let b = 0; b < INDIRECTION_TABLE_SIZE; b++) {
        if (table[b] !== donor) continue;
        const load = bucketLoad[b] as number;
        if (load <= 0 || load >= gap) continue;
        const score = Math.abs(load - gap / 2);
        if (score < bestScore) {
          bestScore = score;
          best = b;
        }
      }
      if (best < 0) continue;
      const load = bucketLoad[best] as number;
      table[best] = receiver;
      loads[donor] = (loads[donor] as number) - load;
      loads[receiver] = (loads[receiver] as number) + load;
      moves++;
      moved = true;
      break;
    }
    if (!moved) break;
  }
  return moves;
}
