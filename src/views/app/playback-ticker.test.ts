import { describe, expect, it } from 'vitest';
import { MAX_FRAME_GAP_MS, PlaybackTicker } from './playback-ticker';

describe('PlaybackTicker', () => {
  it('advances rate x time in whole events, carrying the fractions', () => {
    const ticker = new PlaybackTicker();
    let events = 0;
    for (let frame = 0; frame <= 60; frame++) events += ticker.tick(frame * (1000 / 60), 13);
    expect(events).toBe(13); // one second at 13 events a second, whatever the frame rate
  });

  it('starts counting at its first frame, and again after a reset', () => {
    const ticker = new PlaybackTicker();
    expect(ticker.tick(5_000, 100)).toBe(0);
    expect(ticker.tick(5_100, 100)).toBe(10);
    ticker.reset();
    expect(ticker.tick(9_000, 100)).toBe(0);
  });

  it('counts a long gap (a hidden tab) as at most a quarter of a second', () => {
    const ticker = new PlaybackTicker();
    ticker.tick(0, 1000);
    expect(ticker.tick(10_000, 1000)).toBe(MAX_FRAME_GAP_MS);
  });

  it('never goes backwards when frame times do', () => {
    const ticker = new PlaybackTicker();
    ticker.tick(100, 1000);
    expect(ticker.tick(50, 1000)).toBe(0);
  });
});
