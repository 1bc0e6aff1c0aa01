/**
 * SCR under loss between the sequencer and the cores, for the timed model. With round-robin
 * spraying, core c receives packets c, c+N, c+2N, ...; a packet to c carries the N-1 records
 * before it. If c's packet a+N is lost, its next packet b = a+2N carries records b-N+1..b-1, so
 * records a+1..a+N are missing: the primer's gap of N ids. The core reads each from a peer's log
 * (logRead) and applies it (c2) before its own work. Two of its packets lost in a row make a gap
 * of 2N >= N+1: congestion loss, not recovered (the replica may diverge), so no recovery work.
 * A record every core lost needs no recovery: on one core that is every lost record; with more
 * cores and independent losses it is negligible and is not modelled.
 */
import { createRng } from '../random';

export interface ScrLossPlan {
  /** 1 when packet i was lost between the sequencer and its core. */
  lost: Uint8Array;
  /** Recovery work the core does before packet i (ns), 0 for most packets. */
  extraNs: Float64Array;
  stats: ScrLossStats;
}

export interface ScrLossStats {
  /** Packets lost between the sequencer and a core. */
  lost: number;
  /** Gaps recovered from peers' logs, and records read to do it. */
  recovered: number;
  recordsRead: number;
  /** Gaps of N+1 or more ids: not recovered; the replica may diverge. */
  congestion: number;
}

export function planScrLoss(count: number, cores: number, rate: number, seed: number, recordNs: number): ScrLossPlan {
  const rng = createRng(seed);
  const lost = new Uint8Array(count);
  const extraNs = new Float64Array(count);
  const stats: ScrLossStats = { lost: 0, recovered: 0, recordsRead: 0, congestion: 0 };
  // Packets each core has lost since its last received one.
  const missed = new Int32Array(cores);
  for (let i = 0; i < count; i++) {
    const c = i % cores;
    if (rate > 0 && rng.chance(rate)) {
      lost[i] = 1;
      stats.lost++;
      missed[c] = (missed[c] as number) + 1;
      continue;
    }
    const k = missed[c] as number;
    if (cores === 1) {
      // Nothing is owed: no replica applied what the only core lost.
    } else if (k === 1) {
      extraNs[i] = cores * recordNs;
      stats.recovered++;
      stats.recordsRead += cores;
    } else if (k > 1) stats.congestion++;
    missed[c] = 0;
  }
  return { lost, extraNs, stats };
}
