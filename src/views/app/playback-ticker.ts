/** The longest gap between two frames that counts in full: a hidden tab does not jump ahead. */
export const MAX_FRAME_GAP_MS = 250;

/**
 * Turns frame times into whole events of playback at a rate: the fraction left over carries to
 * the next frame, so playback at any speed advances exactly `rate x time` events over time.
 * The first frame after `reset()` only sets the start.
 */
export class PlaybackTicker {
  private last: number | null = null;
  private carry = 0;

  reset(): void {
    this.last = null;
    this.carry = 0;
  }

  /** The whole events due at frame time `now`, playing at `eventsPerSecond`. */
  tick(now: number, eventsPerSecond: number): number {
    const dt = this.last === null ? 0 : Math.min(MAX_FRAME_GAP_MS, Math.max(0, now - this.last));
    this.last = now;
    this.carry += (dt / 1000) * eventsPerSecond;
    const whole = Math.floor(this.carry + 1e-9);
    this.carry = Math.max(0, this.carry - whole);
    return whole;
  }
}
