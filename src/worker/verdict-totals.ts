import { VERDICT_CODE, type Verdict } from '../engine/programs/program';
import { NO_VERDICT } from '../engine/scr/scr-machine';

/**
 * Verdict counts of the first k packets in O(1): prefix sums over the run's verdict codes. Only
 * PASS, TX and "no verdict" (lost on its link) are stored (4 bytes each per packet); DROP is what is left.
 */
export class VerdictTotals {
  private readonly pass: Uint32Array;
  private readonly tx: Uint32Array;
  private readonly none: Uint32Array | null;

  constructor(verdicts: Uint8Array) {
    const n = verdicts.length;
    this.pass = new Uint32Array(n + 1);
    this.tx = new Uint32Array(n + 1);
    this.none = verdicts.includes(NO_VERDICT) ? new Uint32Array(n + 1) : null;
    let pass = 0;
    let tx = 0;
    let none = 0;
    for (let s = 0; s < n; s++) {
      const v = verdicts[s] as number;
      if (v === VERDICT_CODE.PASS) pass++;
      else if (v === VERDICT_CODE.TX) tx++;
      else if (v === NO_VERDICT) none++;
      this.pass[s + 1] = pass;
      this.tx[s + 1] = tx;
      if (this.none) this.none[s + 1] = none;
    }
  }

  get packets(): number {
    return this.pass.length - 1;
  }

  /** Verdicts of packets 0..k-1 (k clamped to the run). */
  firstPackets(k: number): Record<Verdict, number> {
    const n = Math.max(0, Math.min(Math.floor(k), this.packets));
    const PASS = this.pass[n] as number;
    const TX = this.tx[n] as number;
    const none = this.none ? (this.none[n] as number) : 0;
    return { PASS, DROP: n - PASS - TX - none, TX };
  }

  /** Verdicts of the whole run. */
  all(): Record<Verdict, number> {
    return this.firstPackets(this.packets);
  }
}
