import { CarriedHistory, EMPTY_SLOT } from './carried-history';

export { EMPTY_SLOT } from './carried-history';

/**
 * Ways to break the sequencer on purpose, for the tests that prove the agreement check catches a
 * broken one (SCR's correctness rests on this one component). Never set outside tests.
 */
export interface SequencerFault {
  /** The ring holds this many records instead of the history size (say N-2). */
  ringSize?: number;
  /** Added to the ring index written on each packet (a stale or off-by-one index). */
  ringIndexOffset?: number;
  /** What the ring keeps for packet `seq`'s record (garbage on the wire); return it as is to leave it. */
  garble?: (record: unknown, seq: number) => unknown;
  /** This core never gets a packet: its packets go to the next core. */
  skipCore?: number;
}

/**
 * The sequencer (on the NIC or a top-of-rack switch): numbers packets 0, 1, 2, ..., sprays packet
 * s to core s mod N, and keeps a ring of the metadata records of the last H packets. Every packet
 * it sends carries the whole ring (slot order) plus the ring index, the slot where the oldest
 * record sits (`CarriedHistory`). With H = N-1 the history is exactly the packets that went to
 * the other cores since this core's previous packet.
 */
export class Sequencer {
  readonly cores: number;
  readonly historySize: number;
  /** Slots in the ring: the history size, unless a fault shortens it. */
  readonly ringSize: number;
  private readonly ringSeqs: Int32Array;
  private readonly ringRecords: unknown[];
  private readonly wire: CarriedHistory;
  private readonly fault: SequencerFault | undefined;
  private next = 0;

  constructor(cores: number, historySize: number = cores - 1, fault?: SequencerFault) {
    if (!Number.isInteger(cores) || cores < 1) throw new RangeError(`cores must be a whole number >= 1, not ${cores}`);
    if (!Number.isInteger(historySize) || historySize < 0) throw new RangeError(`history size must be >= 0, not ${historySize}`);
    this.cores = cores;
    this.historySize = historySize;
    this.fault = fault;
    this.ringSize = Math.max(0, fault?.ringSize ?? historySize);
    this.ringSeqs = new Int32Array(this.ringSize).fill(EMPTY_SLOT);
    this.ringRecords = new Array<unknown>(this.ringSize).fill(undefined);
    this.wire = new CarriedHistory(this.ringSeqs, this.ringRecords);
  }

  /** The sequence number the next packet will get. */
  get nextSeq(): number {
    return this.next;
  }

  /** The ring slot holding the oldest record (the next one to be overwritten). */
  get ringIndex(): number {
    return this.ringSize === 0 ? 0 : this.next % this.ringSize;
  }

  /** The core packet `seq` is sprayed to. */
  coreOf(seq: number): number {
    const c = seq % this.cores;
    return this.fault?.skipCore === c ? (c + 1) % this.cores : c;
  }

  /**
   * Sends the next packet, whose record is `record`: returns the history it carries, then keeps the
   * record in the ring. The returned view is exact until the next dispatch (`detach()` it to keep
   * it longer). Allocates nothing and costs O(1): this runs once per packet in the hot loop.
   */
  dispatch(record: unknown): CarriedHistory {
    const h = this.ringSize;
    const seq = this.next++;
    if (h === 0) return this.wire;
    const start = seq % h;
    const offset = this.fault?.ringIndexOffset ?? 0;
    const index = offset === 0 ? start : (((start + offset) % h) + h) % h;
    this.wire.setLive(index, start, this.ringSeqs[start] as number, this.ringRecords[start]);
    this.ringSeqs[start] = seq;
    this.ringRecords[start] = this.keep(record, seq);
    return this.wire;
  }

  private keep(record: unknown, seq: number): unknown {
    const garble = this.fault?.garble;
    return garble ? garble(record, seq) : record;
  }

  /** A copy of the ring's sequence numbers as they are now (slot order, not age order), for views. */
  ringSlots(): Int32Array {
    return this.ringSeqs.slice();
  }

  /** Puts the sequencer where it is just before packet `nextSeq` arrives (the ring is a function of it and the records). */
  restore(nextSeq: number, records: readonly unknown[]): void {
    const h = this.ringSize;
    this.ringSeqs.fill(EMPTY_SLOT);
    this.ringRecords.fill(undefined);
    for (let x = Math.max(0, nextSeq - h); x < nextSeq; x++) {
      this.ringSeqs[x % h] = x;
      this.ringRecords[x % h] = this.keep(records[x], x);
    }
    this.wire.setLive(0, -1, EMPTY_SLOT, undefined);
    this.next = nextSeq;
  }
}
