import { describe, expect, it } from 'vitest';
import { ringSummary } from './ring-summary';

describe('the ring in words', () => {
  it('before a packet is written, the ring holds what it will carry', () => {
    expect(ringSummary([3, 4, 2], 2, 5)).toEqual({ holds: 'holds #2–#4', detail: '#5 carries these' });
  });
  it('after the dispatch it holds the packet too: one record in, the oldest out', () => {
    expect(ringSummary([3, 4, 5], 0, 5)).toEqual({ holds: 'holds #3–#5', detail: '#5 in, #2 out' });
    expect(ringSummary([0, 1, -1], 2, 1)).toEqual({ holds: 'holds #0–#1', detail: '#1 written' });
  });
  it('an empty ring, and a ring with a hole after a loss before the sequencer', () => {
    expect(ringSummary([-1, -1, -1], 0, 0)).toEqual({ holds: 'holds nothing yet', detail: '#0 carries nothing' });
    expect(ringSummary([7, 9, 10], 0, -1)).toEqual({ holds: 'holds #7 #9 #10', detail: 'slot 0 = oldest' });
  });
});
