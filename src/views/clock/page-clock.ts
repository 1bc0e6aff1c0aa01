import { FrameClock, SteppedClock, type AnimationClock } from './animation-clock';

declare global {
  interface Window {
    /** Set before the page loads (an e2e init script) to drive the page with a stepped clock. */
    __SCR_STEPPED_CLOCK__?: boolean;
    /** The stepped clock, when one was asked for: tests call `advance(ms)` on it. */
    __scrClock?: SteppedClock;
  }
}

let shared: FrameClock | null = null;

/** The browser's own frame clock (requestAnimationFrame and performance.now), one per page. */
export function browserClock(): FrameClock {
  shared ??= new FrameClock({
    requestAnimationFrame: (callback) => window.requestAnimationFrame(callback),
    cancelAnimationFrame: (handle) => window.cancelAnimationFrame(handle),
    now: () => window.performance.now(),
  });
  return shared;
}

/**
 * The clock the page runs on: the browser's, unless a test asked for a stepped one before the
 * page loaded; that one is then reachable as `window.__scrClock` and nothing moves until the
 * test advances it. Asking for it changes no behaviour but time.
 */
export function pageClock(win: Window): AnimationClock {
  if (win.__SCR_STEPPED_CLOCK__ !== true) return browserClock();
  const clock = new SteppedClock(0);
  win.__scrClock = clock;
  return clock;
}
