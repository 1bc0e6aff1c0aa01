/**
 * Packet loss in SCR: where a packet can be lost, which packets a seeded rate loses, and the facts
 * about a loss pattern that do not depend on the recovery algorithm (used by the agreement check
 * and the property tests as ground truth).
 *
 * The three places (primer section 5, the talk's "Handling Packet Loss"):
 * - before the sequencer: the packet never gets a sequence number and never enters the history;
 *   the run is the run over the trace without it (harmless);
 * - on the link between the sequencer and its core: the core misses the packet, its record and the
 *   history it carried; the core must catch up from its peers' logs (or copy a peer's state);
 * - after processing: the verdict was given and every replica is as it should be (harmless).
 */
import { createRng } from '../random';
import { selectPackets, traceFromPackets, type Trace } from '../trace/trace';

export type LossPlace = 'before' | 'link' | 'after';
export const LOSS_PLACES: readonly LossPlace[] = ['before', 'link', 'after'];

/** How a core catches up after a loss on its link. */
export type RecoveryMode = 'logs' | 'copy';
export const RECOVERY_MODES: readonly RecoveryMode[] = ['logs', 'copy'];

/** The artifact's log size: each core remembers the last 1024 records it applied. */
export const DEFAULT_LOG_SIZE = 1024;
export const MAX_LOG_SIZE = 1 << 20;

/** What happens to a sequenced packet (one byte per packet). */
export const FATE_DELIVERED = 0;
export const FATE_LOST_LINK = 1;
export const FATE_LOST_AFTER = 2;

/** Loss as a person asks for it: a seeded rate at one place, the recovery mode and the log size. */
export interface LossOptions {
  /** Probability that a packet is lost (0..1) at `where`. */
  rate?: number;
  where?: LossPlace;
  seed?: number;
  recovery?: RecoveryMode;
  logSize?: number;
}

/** Packets lost before the sequencer: their packets, and where they would have been. */
export interface LostBefore {
  /** The lost packets themselves, in trace order (for the event log). */
  trace: Trace;
  /** For each lost packet, the sequence number the next packet that did reach the sequencer got. */
  beforeSeq: Int32Array;
}

/** The loss of one run, resolved per packet. */
export interface LossSetup {
  /** Per sequence number: FATE_DELIVERED, FATE_LOST_LINK or FATE_LOST_AFTER. */
  fate: Uint8Array;
  lostBefore: LostBefore;
  recovery: RecoveryMode;
  logSize: number;
}

/** Checks loss options; throws RangeError with a sentence naming the bad value. */
export function checkLossOptions(opts: LossOptions): Required<LossOptions> {
  const rate = opts.rate ?? 0;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`the loss rate must be a fraction from 0 to 1 (0.01 is 1 %), not ${String(rate)}`);
  }
  const where = opts.where ?? 'link';
  if (!LOSS_PLACES.includes(where)) throw new RangeError(`a packet can be lost before, link or after, not "${String(where)}"`);
  const recovery = opts.recovery ?? 'logs';
  if (!RECOVERY_MODES.includes(recovery)) throw new RangeError(`the recovery mode is logs or copy, not "${String(recovery)}"`);
  const logSize = opts.logSize ?? DEFAULT_LOG_SIZE;
  if (!Number.isInteger(logSize) || logSize < 1 || logSize > MAX_LOG_SIZE) {
    throw new RangeError(`the log size must be a whole number of records from 1 to ${MAX_LOG_SIZE}, not ${String(logSize)}`);
  }
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`the loss seed must be a whole number, not ${String(seed)}`);
  return { rate, where, seed, recovery, logSize };
}

/**
 * Resolves a seeded loss rate over a trace: the packets that reach the sequencer (a new trace,
 * numbered by the sequencer) and the loss setup. The same seed loses the same packets.
 */
export function resolveLoss(trace: Trace, options: LossOptions): { trace: Trace; loss: LossSetup } {
  const { rate, where, seed, recovery, logSize } = checkLossOptions(options);
  const rng = createRng(seed ^ 0x5c7a1055);
  if (where === 'before') {
    const kept: number[] = [];
    const lost: number[] = [];
    const beforeSeq: number[] = [];
    for (let i = 0; i < trace.count; i++) {
      if (rate > 0 && rng.chance(rate)) {
        lost.push(i);
        beforeSeq.push(kept.length);
      } else kept.push(i);
    }
    const sequenced = lost.length === 0 ? trace : selectPackets(trace, kept);
    return {
      trace: sequenced,
      loss: { fate: new Uint8Array(sequenced.count), lostBefore: { trace: selectPackets(trace, lost), beforeSeq: Int32Array.from(beforeSeq) }, recovery, logSize },
    };
  }
  const fate = new Uint8Array(trace.count);
  const code = where === 'link' ? FATE_LOST_LINK : FATE_LOST_AFTER;
  if (rate > 0) for (let s = 0; s < trace.count; s++) if (rng.chance(rate)) fate[s] = code;
  return { trace, loss: { fate, lostBefore: { trace: selectPackets(trace, []), beforeSeq: new Int32Array(0) }, recovery, logSize } };
}

/** A loss setup with nothing lost (by-hand drops are added to it). */
export function noLoss(count: number, recovery: RecoveryMode = 'logs', logSize = DEFAULT_LOG_SIZE, empty?: Trace): LossSetup {
  return {
    fate: new Uint8Array(count),
    lostBefore: { trace: empty ?? emptyTrace(), beforeSeq: new Int32Array(0) },
    recovery,
    logSize,
  };
}

function emptyTrace(): Trace {
  return traceFromPackets([]);
}

/** True when some packet is lost on a link: only then do cores need their logs. */
export function hasLinkLoss(loss: LossSetup | undefined): boolean {
  return loss !== undefined && loss.fate.includes(FATE_LOST_LINK);
}

/** True when anything at all is lost. */
export function hasAnyLoss(loss: LossSetup | undefined): boolean {
  return loss !== undefined && (loss.lostBefore.beforeSeq.length > 0 || loss.fate.some((f) => f !== FATE_DELIVERED));
}

/**
 * Ground truth, independent of any recovery algorithm: record x reached no core at all when packet
 * x and every packet that would have carried x in its history (x+1 .. x+H) were lost on their
 * links, or do not exist. No replica can ever apply such a record, so no state change is owed: the
 * single-core reference leaves it out too.
 */
export function recordsLostEverywhere(fate: Uint8Array, historySize: number): Uint8Array {
  const n = fate.length;
  const out = new Uint8Array(n);
  let run = 0; // consecutive link losses starting at x
  for (let x = n - 1; x >= 0; x--) {
    run = fate[x] === FATE_LOST_LINK ? run + 1 : 0;
    if (run >= historySize + 1 || run === n - x) out[x] = 1;
  }
  return out;
}

/** Counts of what a loss setup loses. */
export function lossCounts(loss: LossSetup | undefined): { before: number; link: number; after: number } {
  let link = 0;
  let after = 0;
  if (loss) {
    for (const f of loss.fate) {
      if (f === FATE_LOST_LINK) link++;
      else if (f === FATE_LOST_AFTER) after++;
    }
  }
  return { before: loss?.lostBefore.beforeSeq.length ?? 0, link, after };
}
