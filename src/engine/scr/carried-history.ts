/**
 * The history a packet carries from the sequencer: the ring's slots as they were when the packet
 * left (slot order, as on the wire) and the ring index, the slot of the oldest record. A core
 * reads the j-th carried record, oldest first, at slot (ringIndex + j) mod length; it never looks
 * anywhere else for a record a peer processed.
 *
 * Copying the whole ring into every packet would cost O(H) per packet whatever the core needs
 * (`--history 1024` at 4 cores uses 3 of 1024). So a packet that its core handles at once carries a
 * live view of the sequencer's ring: the ring is only written once per dispatch, at the slot the
 * oldest record leaves, so the view keeps that one evicted record aside and is exact until the next
 * dispatch. A packet that has to wait (queued behind a catch-up after a loss) takes a `detach()`ed
 * copy, which is what the wire carried, byte for byte.
 */
export const EMPTY_SLOT = -1;

export class CarriedHistory {
  /** Records carried (the sequencer's ring size). */
  readonly length: number;
  /** The ring index written on the packet: the slot of the oldest carried record. */
  ringIndex = 0;
  private seqs: Int32Array;
  private records: unknown[];
  /** The slot the sequencer overwrote after this packet left (-1: none), and what it held. */
  private evictedSlot = -1;
  private evictedSeq = EMPTY_SLOT;
  private evictedRecord: unknown = undefined;

  /** True for a copy of its own; false for the sequencer's live view. */
  readonly detached: boolean;

  constructor(seqs: Int32Array, records: unknown[], detached = false) {
    this.seqs = seqs;
    this.records = records;
    this.length = seqs.length;
    this.detached = detached;
  }

  /** Points the view at the ring as it was before `slot` was overwritten (the sequencer's part). */
  setLive(ringIndex: number, slot: number, evictedSeq: number, evictedRecord: unknown): void {
    this.ringIndex = ringIndex;
    this.evictedSlot = slot;
    this.evictedSeq = evictedSeq;
    this.evictedRecord = evictedRecord;
  }

  /** The ring slot of the j-th carried record (oldest first, counted from the ring index). */
  slotOf(j: number): number {
    const k = this.ringIndex + j;
    return k >= this.length ? k - this.length : k;
  }

  /** Sequence number of the j-th carried record, oldest first (0 <= j < length; EMPTY_SLOT: a slot never filled). */
  seqAt(j: number): number {
    const k = this.slotOf(j);
    return k === this.evictedSlot ? this.evictedSeq : (this.seqs[k] as number);
  }

  /** The j-th carried record's contents. */
  recordAt(j: number): unknown {
    const k = this.slotOf(j);
    return k === this.evictedSlot ? this.evictedRecord : this.records[k];
  }

  /** The first carried position holding a record, or `length` when none does. */
  firstFilled(): number {
    let j = 0;
    while (j < this.length && this.seqAt(j) === EMPTY_SLOT) j++;
    return j;
  }

  /** A copy that stays as carried whatever the sequencer does next (a packet that waits). */
  detach(): CarriedHistory {
    const n = this.length;
    const seqs = new Int32Array(n);
    const records = new Array<unknown>(n);
    for (let k = 0; k < n; k++) {
      const evicted = k === this.evictedSlot;
      seqs[k] = evicted ? this.evictedSeq : (this.seqs[k] as number);
      records[k] = evicted ? this.evictedRecord : this.records[k];
    }
    const copy = new CarriedHistory(seqs, records, true);
    copy.ringIndex = this.ringIndex;
    return copy;
  }

  /** Carried sequence numbers, oldest first (for views and event descriptions). */
  seqList(): number[] {
    const out: number[] = new Array(this.length);
    for (let j = 0; j < this.length; j++) out[j] = this.seqAt(j);
    return out;
  }
}
