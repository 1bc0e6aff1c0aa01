/**
 * The clock of the current event's animation, outside React: a frame that arrives starts the
 * animation of the event that led to it; the stage's requestAnimationFrame loop reads the
 * progress (0..1) and moves the packet directly, so no per-frame value ever enters React state.
 */
export class EventAnimation {
  private startedAt = 0;
  private durationMs = 1;
  private key = '';

  /** Starts animating `key` (a position) over `durationMs`, unless it is already the one playing. */
  start(key: string, durationMs: number, now: number): void {
    if (key === this.key) return;
    this.key = key;
    this.startedAt = now;
    this.durationMs = Math.max(1, durationMs);
  }

  progress(now: number): number {
    return Math.min(1, Math.max(0, (now - this.startedAt) / this.durationMs));
  }
}

export function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}
