/**
 * Seeded pseudo-random numbers (mulberry32 seeded through splitmix32). The engine never uses
 * Math.random: the same seed gives the same trace on every machine and in every run.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

function splitmix32(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export function createRng(seed: number): Rng {
  let a = splitmix32(seed >>> 0);
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick() from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}

/**
 * Samples ranks 0..n-1 with P(rank k) proportional to 1/(k+1)^skew, by binary search over the
 * cumulative weights (exact, O(log n) per sample). skew 0 is uniform.
 */
export function createZipfSampler(n: number, skew: number, rng: Rng): () => number {
  if (n < 1) throw new RangeError('a Zipf distribution needs at least one rank');
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / Math.pow(k + 1, skew);
    cumulative[k] = total;
  }
  return () => {
    const u = rng.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
