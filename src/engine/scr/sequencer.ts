/**
 * The sequencer (on the NIC or a top-of-rack switch): numbers packets 0, 1, 2, ..., sprays packet
 * s to core s mod N, and keeps a ring of the metadata records of the last H packets. Every packet
 * it sends carries the whole ring (the history, oldest first) plus the ring index, i.e. the slot
 * where the oldest record sits. With H = N-1 the history is exactly the packets that went to the
 * other cores since this core's previous packet.
 *
 * The ring holds sequence numbers; the record contents are the sequencer's extracted records,
 * looked up by sequence number (they never change once extracted). -1 marks an empty slot.
 */
export const EMPTY_SLOT = -1;

export class Sequencer {
  readonly cores: number;
  readonly historySize: number;
  private readonly ring: Int32Array;
  private next = 0;

  constructor(cores: number, historySize: number = cores - 1) {
    if (!Number.isInteger(cores) || cores < 1) throw new RangeError(`cores must be a whole number >= 1, not ${cores}`);
    if (!Number.isInteger(historySize) || historySize < 0) throw new RangeError(`history size must be >= 0, not ${historySize}`);
    this.cores = cores;
    this.historySize = historySize;
    this.ring = new Int32Array(historySize).fill(EMPTY_SLOT);
  }

  /** The sequence number the next packet will get. */
  get nextSeq(): number {
    return this.next;
  }

  /** The ring slot holding the oldest record (the next one to be overwritten). */
  get ringIndex(): number {
    return this.historySize === 0 ? 0 : this.next % this.historySize;
  }

  /** The core packet `seq` is sprayed to. */
  coreOf(seq: number): number {
    return seq % this.cores;
  }

  /**
   * Sends the next packet: writes the history it carries into `history` (length >= H, oldest
   * first, EMPTY_SLOT for slots never filled), then records the packet in the ring. Returns its
   * sequence number. Allocates nothing: this runs once per packet in the hot loop.
   */
  dispatch(history: Int32Array): number {
    const h = this.historySize;
    const seq = this.next;
    if (h > 0) {
      const start = seq % h;
      for (let j = 0; j < h; j++) history[j] = this.ring[(start + j) % h] as number;
      this.ring[start] = seq;
    }
    this.next = seq + 1;
    return seq;
  }

  /** A copy of the ring slots as they are now (slot order, not age order), for views. */
  ringSlots(): Int32Array {
    return this.ring.slice();
  }

  /** Puts the sequencer where it is just before packet `nextSeq` arrives (the ring is a pure function of it). */
  restore(nextSeq: number): void {
    const h = this.historySize;
    this.ring.fill(EMPTY_SLOT);
    for (let x = Math.max(0, nextSeq - h); x < nextSeq; x++) this.ring[x % h] = x;
    this.next = nextSeq;
  }
}
