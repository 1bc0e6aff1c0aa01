import { describe, expect, it } from 'vitest';
import { framePlan, recordingName, recordProblem, type RecordOptions } from './record-options';

const base: RecordOptions = { range: { kind: 'seconds', seconds: 3 }, frame: 'stage', width: 1280, height: 720, fps: 30, theme: 'screen', format: 'webm' };

describe('framePlan', () => {
  it('renders seconds x fps frames from the playhead', () => {
    expect(framePlan(base, 44, 1.6)).toEqual({ frames: 90, frameMs: 1000 / 30, eventsPerSecond: 1.6, startPosition: 44, seconds: 3 });
    expect(framePlan({ ...base, fps: 60 }, 0, 1.6).frames).toBe(180);
  });

  it('plays the loop marks from their start, as long as they take at that speed', () => {
    // 44..50 at 12.8 events a second: 6 / 12.8 s = 0.46875 s, i.e. 14 frames at 30 fps.
    const plan = framePlan({ ...base, range: { kind: 'loop', from: 44, to: 50 } }, 3, 12.8);
    expect(plan.startPosition).toBe(44);
    expect(plan.frames).toBe(14);
  });

  it('draws GIFs at their own rate and a still as one frame', () => {
    expect(framePlan({ ...base, format: 'gif' }, 0, 1.6).frames).toBe(60);
    expect(framePlan({ ...base, format: 'png' }, 7, 1.6)).toMatchObject({ frames: 1, startPosition: 7 });
  });
});

describe('recordProblem', () => {
  it('accepts what the dialog offers', () => {
    expect(recordProblem(base, 1.6)).toBeNull();
    expect(recordProblem({ ...base, width: 1920, height: 1080, fps: 60, format: 'mp4' }, 1.6)).toBeNull();
  });

  it('says what is wrong with absurd options', () => {
    expect(recordProblem({ ...base, width: 100, height: 100 }, 1.6)).toMatch(/1280 × 720 or 1920 × 1080/);
    expect(recordProblem({ ...base, fps: 24 as 30 }, 1.6)).toMatch(/30 or 60 frames/);
    expect(recordProblem({ ...base, range: { kind: 'seconds', seconds: 0 } }, 1.6)).toMatch(/above zero/);
    expect(recordProblem({ ...base, range: { kind: 'seconds', seconds: Number.NaN } }, 1.6)).toMatch(/above zero/);
    expect(recordProblem({ ...base, range: { kind: 'seconds', seconds: 600 } }, 1.6)).toMatch(/at most 120 s/);
    expect(recordProblem({ ...base, format: 'gif', range: { kind: 'seconds', seconds: 20 } }, 1.6)).toMatch(/GIF is at most 15 s/);
    expect(recordProblem({ ...base, range: { kind: 'loop', from: 9, to: 9 } }, 1.6)).toMatch(/start \(\[\) before an end/);
  });

  it('names the file after what it shows', () => {
    expect(recordingName('portknock', 4, framePlan(base, 44, 1.6), 'webm')).toBe('scr-portknock-4-cores-from-event-44.webm');
  });
});
