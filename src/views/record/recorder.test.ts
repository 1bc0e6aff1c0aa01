import { describe, expect, it } from 'vitest';
import { framePlan } from './record-options';
import { positionAtFrame } from './recorder';

describe('positionAtFrame', () => {
  const plan = framePlan({ range: { kind: 'seconds', seconds: 3 }, frame: 'stage', width: 1280, height: 720, fps: 30, theme: 'screen', format: 'webm' }, 40, 1.6);

  it('plays whole events at the plan rate from the start, as the live playback does', () => {
    expect(positionAtFrame(plan, 0, 1000)).toBe(40);
    expect(positionAtFrame(plan, 18, 1000)).toBe(40); // 0.6 s at 1.6 events a second: not yet one event
    expect(positionAtFrame(plan, 19, 1000)).toBe(41); // 0.633 s: one event
    expect(positionAtFrame(plan, 89, 1000)).toBe(44);
  });

  it('stops at the end of the run or the loop', () => {
    expect(positionAtFrame(plan, 89, 42)).toBe(42);
  });
});
