import { describe, expect, it } from 'vitest';
import { FRAME_MS, FrameClock, SteppedClock, type FrameSource } from './animation-clock';

/** A browser frame source driven by hand: `flush(now)` runs the frame callbacks pending. */
function fakeFrames() {
  let next = 1;
  const pending = new Map<number, (now: number) => void>();
  const source: FrameSource = {
    requestAnimationFrame: (callback) => (pending.set(next, callback), next++),
    cancelAnimationFrame: (handle) => void pending.delete(handle),
    now: () => 0,
  };
  const flush = (now: number) => {
    const callbacks = [...pending.values()];
    pending.clear();
    for (const callback of callbacks) callback(now);
  };
  return { source, pending, flush };
}

describe('SteppedClock', () => {
  it('calls its subscribers once per frame, at exact times, only when advanced', () => {
    const clock = new SteppedClock(100, 10);
    const seen: number[] = [];
    clock.subscribe((now) => seen.push(now));
    expect(seen).toEqual([]);
    expect(clock.advance(25)).toBe(130); // three frames: 25 ms rounds up to whole frames
    expect(seen).toEqual([110, 120, 130]);
    expect(clock.now()).toBe(130);
  });

  it('stops calling a subscriber that left, even in the middle of a frame', () => {
    const clock = new SteppedClock(0, 10);
    const seen: string[] = [];
    let leaveB = () => {};
    clock.subscribe(() => (seen.push('a'), leaveB()));
    leaveB = clock.subscribe(() => seen.push('b'));
    clock.advance(20);
    expect(seen).toEqual(['a', 'a']);
  });

  it('calls a subscriber added during a frame from the next frame on', () => {
    const clock = new SteppedClock(0, 10);
    const seen: number[] = [];
    const leave = clock.subscribe(() => {
      clock.subscribe((now) => seen.push(now));
      leave();
    });
    clock.advance(30);
    expect(seen).toEqual([20, 30]);
  });

  it('runs at 60 frames a second by default and refuses nonsense', () => {
    const clock = new SteppedClock();
    let frames = 0;
    clock.subscribe(() => frames++);
    clock.advance(1000);
    expect(frames).toBe(60);
    expect(clock.now()).toBeCloseTo(60 * FRAME_MS, 9);
    expect(() => clock.advance(-1)).toThrow(/cannot advance/);
    expect(() => clock.advance(Number.NaN)).toThrow(/cannot advance/);
    expect(() => new SteppedClock(0, 0)).toThrow(/positive frame length/);
  });
});

describe('FrameClock', () => {
  it('asks for frames only while something is subscribed', () => {
    const { source, pending, flush } = fakeFrames();
    const clock = new FrameClock(source);
    expect(pending.size).toBe(0);
    const seen: number[] = [];
    const leave = clock.subscribe((now) => seen.push(now));
    const leaveToo = clock.subscribe(() => {});
    expect(pending.size).toBe(1); // one loop for every subscriber
    flush(16);
    flush(33);
    expect(seen).toEqual([16, 33]);
    leave();
    expect(pending.size).toBe(1);
    leaveToo();
    expect(pending.size).toBe(0);
  });

  it('ends its loop when the last subscriber leaves during a frame', () => {
    const { source, pending, flush } = fakeFrames();
    const clock = new FrameClock(source);
    let calls = 0;
    const leave = clock.subscribe(() => {
      calls++;
      leave();
    });
    flush(16);
    expect(calls).toBe(1);
    expect(pending.size).toBe(0);
  });
});
