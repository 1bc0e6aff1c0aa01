/**
 * What catching up after a loss costs, in the timing model's terms (src/engine/techniques/costs.ts:
 * d, c1, c2 in ns), so the throughput model can charge it per lost packet.
 *
 * One packet lost on its link leaves its core a gap of 2N - H - 1 records (N with the usual
 * H = N - 1): the N - 1 records the lost packet carried and its own. At its next packet the core
 * reads each from a peer's log and applies it. Per record that is
 *   PEER_LOG_READ_NS (the log entry's cache line comes from the core that wrote it) + c2.
 * Had the packet arrived, the core would have spent d + c1 + (N - 1)·c2 on it; the lost packet
 * gets no verdict, so its d and c1 are not spent.
 *
 * PEER_LOG_READ_NS = 80 ns is the same figure as the model's `cacheLine` (moving a cache line last
 * written by another core, 50-100 ns on a server mesh): a plausible value, not a measurement.
 * Waits for a peer that lags, congestion give-ups and copy mode are not in the analytic figure;
 * `measuredRecoveryCost` gives the per-loss figures of an actual run, which include them.
 */
import type { RecoveryReport } from './verify';

export const PEER_LOG_READ_NS = 80;

export interface RecoveryCostOptions {
  cores: number;
  /** Records in the sequencer's ring (default cores - 1). */
  historySize?: number;
  /** ns to fast-forward one record (the model's c2). */
  c2: number;
  /** ns to read one record from a peer's log (default PEER_LOG_READ_NS). */
  peerLogReadNs?: number;
}

export interface RecoveryCost {
  /** Records read from peers' logs per lost packet. */
  recordsRead: number;
  /** ns spent reading them, and applying them. */
  readNs: number;
  applyNs: number;
  /** ns the recovering core spends catching up, per lost packet. */
  totalNs: number;
}

/** The analytic cost of one packet lost on its link (no other loss near it). */
export function recoveryCostPerLostPacket(opts: RecoveryCostOptions): RecoveryCost {
  const { cores, c2 } = opts;
  const historySize = opts.historySize ?? cores - 1;
  const read = opts.peerLogReadNs ?? PEER_LOG_READ_NS;
  if (!Number.isInteger(cores) || cores < 1) throw new RangeError(`cores must be a whole number >= 1, not ${cores}`);
  // With one core there is no peer to read from: the lost record reached no one and nothing is owed.
  const recordsRead = cores === 1 ? 0 : Math.max(0, 2 * cores - historySize - 1);
  return { recordsRead, readNs: recordsRead * read, applyNs: recordsRead * c2, totalNs: recordsRead * (read + c2) };
}

/** The same figures measured on a run: records actually read (and entries copied) per packet lost on a link. */
export function measuredRecoveryCost(report: RecoveryReport, opts: { c2: number; peerLogReadNs?: number; copyEntryNs?: number }): RecoveryCost & { perLoss: number } {
  const read = opts.peerLogReadNs ?? PEER_LOG_READ_NS;
  const perLoss = report.lostLink === 0 ? 0 : 1 / report.lostLink;
  const recordsRead = report.recordsRead * perLoss;
  const copyNs = report.entriesCopied * perLoss * (opts.copyEntryNs ?? 0);
  const readNs = recordsRead * read + copyNs;
  const applyNs = recordsRead * opts.c2;
  return { recordsRead, readNs, applyNs, totalNs: readNs + applyNs, perLoss };
}
