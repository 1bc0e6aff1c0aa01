/**
 * An opt-in recording of one timed simulation (`simulatePlan(..., { record: true })`): the same
 * core models write what happened to every packet as they decide it (sent, reached its core's RX
 * ring or was dropped, service start and end, the locks it asked for and when each was granted,
 * the cache line it pulled from another core). A technique stage replays it at any simulated time
 * (`stage-replay.ts`); nothing here is a second model.
 */

/** What became of a packet. */
export const FATE_NONE = 0; // not offered (the run stopped early)
export const FATE_SERVED = 1;
export const FATE_RING_DROP = 2;
export const FATE_LINK_DROP = 3;
/** SCR with injected loss: lost between the sequencer and its core on purpose. */
export const FATE_INJECTED = 4;

/** A recording, as plain typed arrays (structured-cloneable: it crosses from the worker). */
export interface RunRecording {
  technique: string;
  cores: number;
  packets: number;
  offeredMpps: number;
  /** The end of the sending period, and of the run (the last finish) (ns). */
  sendingNs: number;
  durationNs: number;
  /** Per packet: when the traffic generator sent it. */
  sent: Float64Array;
  /** Per packet: when it reached its core's RX ring (NaN when the link dropped it). */
  reach: Float64Array;
  core: Uint8Array;
  fate: Uint8Array;
  /** Per served packet: service start and end (NaN otherwise). */
  start: Float64Array;
  finish: Float64Array;
  /**
   * Two lock slots per packet (2i: its key's or the global one, 2i+1: the global one when it takes
   * both): the lock id (-1 none; keys by dense id, then the global lock at `globalLock`), when the
   * core asked, when it got it, and the cache line it then pulled: the core that wrote the entry
   * last (-1: none, the line was already here) and when the transfer ended.
   */
  lockId: Int32Array;
  lockAsk: Float64Array;
  lockGrant: Float64Array;
  lineFrom: Int16Array;
  lineEnd: Float64Array;
  globalLock: number;
  /** RSS and RSS++: every packet's bucket and the indirection tables in force (from packet i on). */
  rss: { buckets: Uint8Array; tables: { fromPacket: number; table: Uint8Array }[] } | null;
}

/** Filled by the core models while they run; `finish()` hands back the recording. */
export class RecordingSink {
  readonly sent: Float64Array;
  readonly reach: Float64Array;
  readonly fate: Uint8Array;
  readonly start: Float64Array;
  readonly finish: Float64Array;
  readonly lockId: Int32Array;
  readonly lockAsk: Float64Array;
  readonly lockGrant: Float64Array;
  readonly lineFrom: Int16Array;
  readonly lineEnd: Float64Array;

  constructor(readonly packets: number) {
    this.sent = new Float64Array(packets);
    this.reach = new Float64Array(packets).fill(Number.NaN);
    this.fate = new Uint8Array(packets);
    this.start = new Float64Array(packets).fill(Number.NaN);
    this.finish = new Float64Array(packets).fill(Number.NaN);
    this.lockId = new Int32Array(2 * packets).fill(-1);
    this.lockAsk = new Float64Array(2 * packets);
    this.lockGrant = new Float64Array(2 * packets);
    this.lineFrom = new Int16Array(2 * packets).fill(-1);
    this.lineEnd = new Float64Array(2 * packets);
  }

  dropped(i: number, fate: number, at: number): void {
    this.fate[i] = fate;
    if (fate === FATE_RING_DROP) this.reach[i] = at;
  }

  served(i: number, reach: number, s: number, f: number): void {
    this.fate[i] = FATE_SERVED;
    this.reach[i] = reach;
    this.start[i] = s;
    this.finish[i] = f;
  }

  lock(i: number, slot: number, id: number, ask: number, grant: number, lineFrom: number, lineEnd: number): void {
    const k = 2 * i + slot;
    this.lockId[k] = id;
    this.lockAsk[k] = ask;
    this.lockGrant[k] = grant;
    this.lineFrom[k] = lineFrom;
    this.lineEnd[k] = lineEnd;
  }

  result(meta: {
    technique: string;
    cores: number;
    offeredMpps: number;
    sendingNs: number;
    durationNs: number;
    core: Uint8Array;
    globalLock: number;
    rss: { buckets: Uint8Array; tables: readonly { fromPacket: number; table: Uint8Array }[] } | undefined;
  }): RunRecording {
    const rss = meta.rss;
    return {
      technique: meta.technique,
      cores: meta.cores,
      packets: this.packets,
      offeredMpps: meta.offeredMpps,
      sendingNs: meta.sendingNs,
      durationNs: meta.durationNs,
      sent: this.sent,
      reach: this.reach,
      core: meta.core.slice(0, this.packets),
      fate: this.fate,
      start: this.start,
      finish: this.finish,
      lockId: this.lockId,
      lockAsk: this.lockAsk,
      lockGrant: this.lockGrant,
      lineFrom: this.lineFrom,
      lineEnd: this.lineEnd,
      globalLock: meta.globalLock,
      rss: rss
        ? { buckets: rss.buckets.slice(0, this.packets), tables: rss.tables.filter((p) => p.fromPacket < Math.max(1, this.packets)).map((p) => ({ fromPacket: p.fromPacket, table: p.table.slice() })) }
        : null,
    };
  }
}
