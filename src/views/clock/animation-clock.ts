/**
 * The one clock every animation of the app reads: the flying packet, the playback loop and the
 * spotlight's pulse. Nothing animates from `performance.now()` or its own requestAnimationFrame
 * loop, so the whole page can be driven by a clock that is stepped rather than real: the e2e
 * tests (poses at chosen times, whatever the machine's load) and, later, offline video rendering
 * (one frame at a time, independent of the wall clock).
 */
export interface AnimationClock {
  /** The current time in milliseconds (only differences mean anything). */
  now(): number;
  /**
   * Calls `onFrame(now)` once per drawn frame until the returned function is called. A
   * subscriber added during a frame is first called on the next one.
   */
  subscribe(onFrame: (now: number) => void): () => void;
}

/** The subscribers of a clock, called in the order they subscribed. */
class Subscribers {
  private readonly list = new Set<(now: number) => void>();

  add(onFrame: (now: number) => void): () => void {
    // A wrapper per subscription, so the same function can subscribe twice and leave once.
    const entry = (now: number) => onFrame(now);
    this.list.add(entry);
    return () => {
      this.list.delete(entry);
    };
  }

  get size(): number {
    return this.list.size;
  }

  /** Calls the subscribers present when the frame began. */
  call(now: number): void {
    for (const entry of [...this.list]) if (this.list.has(entry)) entry(now);
  }
}

/** What FrameClock needs of the browser (a window, or a fake in tests). */
export interface FrameSource {
  requestAnimationFrame(callback: (now: number) => void): number;
  cancelAnimationFrame(handle: number): void;
  now(): number;
}

/**
 * The real clock: one requestAnimationFrame loop for the whole page, running only while something
 * is subscribed (an idle page asks for no frames at all).
 */
export class FrameClock implements AnimationClock {
  private readonly subscribers = new Subscribers();
  private handle: number | null = null;
  private readonly source: FrameSource;

  constructor(source: FrameSource) {
    this.source = source;
  }

  now(): number {
    return this.source.now();
  }

  subscribe(onFrame: (now: number) => void): () => void {
    const leave = this.subscribers.add(onFrame);
    if (this.handle === null) this.handle = this.source.requestAnimationFrame(this.tick);
    return () => {
      leave();
      if (this.subscribers.size === 0 && this.handle !== null) {
        this.source.cancelAnimationFrame(this.handle);
        this.handle = null;
      }
    };
  }

  private readonly tick = (now: number) => {
    this.handle = null;
    this.subscribers.call(now);
    if (this.subscribers.size > 0 && this.handle === null) this.handle = this.source.requestAnimationFrame(this.tick);
  };
}

/** The length of one frame of a stepped clock at 60 frames a second. */
export const FRAME_MS = 1000 / 60;

/**
 * A clock that moves only when told: `advance(ms)` runs every frame in that span at once, in
 * order, at exact times. Deterministic by construction, for tests and offline rendering.
 */
export class SteppedClock implements AnimationClock {
  private readonly subscribers = new Subscribers();
  private time: number;
  private readonly frameMs: number;

  constructor(start = 0, frameMs = FRAME_MS) {
    if (!(frameMs > 0)) throw new Error(`a stepped clock needs a positive frame length, not ${frameMs}`);
    this.time = start;
    this.frameMs = frameMs;
  }

  now(): number {
    return this.time;
  }

  subscribe(onFrame: (now: number) => void): () => void {
    return this.subscribers.add(onFrame);
  }

  /** Moves time forward by `ms` (rounded up to whole frames), drawing every frame on the way. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`a clock cannot advance by ${ms} ms`);
    const frames = Math.ceil(ms / this.frameMs - 1e-9);
    for (let i = 0; i < frames; i++) this.frame();
    return this.time;
  }

  /** Draws one frame: time moves by one frame length, then every subscriber is called. */
  frame(): number {
    this.time += this.frameMs;
    this.subscribers.call(this.time);
    return this.time;
  }
}
