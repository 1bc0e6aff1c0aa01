/** The per-core time series a simulation records when asked (busy share, packets, drops, contention). */

export interface TimeSeries {
  /**
   * Width of one point in simulated ns; point k covers [k·bucketNs, (k+1)·bucketNs). The points
   * span the sending period; the last one also holds what the cores finish after it (its width
   * is `lastPointNs`).
   */
  bucketNs: number;
  lastPointNs: number;
  /** Number of points (0 when the run was asked for none). */
  points: number;
  /** busy[core][k]: fraction of point k the core was busy (spinning on a lock counts). */
  busy: number[][];
  /** packets[core][k]: packets the core finished in point k. */
  packets: number[][];
  /** Packets lost (on the link or at a ring) that arrived in point k. */
  dropped: number[];
}

export const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Collects the per-core time series; used only when a run asks for it. */
export class SeriesRecorder {
  readonly busy: Float64Array;
  readonly packets: Float64Array;
  readonly dropped: Float64Array;
  readonly lockWait: Float64Array;
  readonly transfers: Float64Array;

  constructor(readonly cores: number, readonly points: number, readonly bucketNs: number) {
    this.busy = new Float64Array(cores * points);
    this.packets = new Float64Array(cores * points);
    this.dropped = new Float64Array(points);
    this.lockWait = new Float64Array(points);
    this.transfers = new Float64Array(points);
  }

  point(t: number): number {
    return Math.min(this.points - 1, Math.floor(t / this.bucketNs));
  }

  served(c: number, s: number, f: number): void {
    const P = this.points;
    let k = this.point(s);
    let t = s;
    while (t < f) {
      const end = k === P - 1 ? f : Math.min(f, (k + 1) * this.bucketNs);
      this.busy[c * P + k] = (this.busy[c * P + k] as number) + (end - t);
      t = end;
      k++;
    }
    const kf = c * P + this.point(f);
    this.packets[kf] = (this.packets[kf] as number) + 1;
  }

  drop(a: number): void {
    const k = this.point(a);
    this.dropped[k] = (this.dropped[k] as number) + 1;
  }

  /** A core spun on a lock from s to f: spread over the points it spans. */
  waited(s: number, f: number): void {
    let k = this.point(s);
    let t = s;
    while (t < f) {
      const end = k === this.points - 1 ? f : Math.min(f, (k + 1) * this.bucketNs);
      this.lockWait[k] = (this.lockWait[k] as number) + (end - t);
      t = end;
      k++;
    }
  }

  transfer(t: number): void {
    const k = this.point(t);
    this.transfers[k] = (this.transfers[k] as number) + 1;
  }

  /** `durationNs`: the run's end; the last point stretches to it. */
  result(durationNs: number): TimeSeries {
    const P = this.points;
    const lastPointNs = Math.max(this.bucketNs, durationNs - (P - 1) * this.bucketNs);
    const busy: number[][] = [];
    const packets: number[][] = [];
    for (let c = 0; c < this.cores; c++) {
      busy.push(Array.from(this.busy.subarray(c * P, (c + 1) * P), (x, k) => round4(x / (k === P - 1 ? lastPointNs : this.bucketNs))));
      packets.push(Array.from(this.packets.subarray(c * P, (c + 1) * P)));
    }
    return { bucketNs: this.bucketNs, lastPointNs, points: P, busy, packets, dropped: Array.from(this.dropped) };
  }
}

