import { describe, expect, it } from 'vitest';
import { insertionPoint } from './insertion-point';

describe('where a typed packet goes', () => {
  it('after the previous typed one while it is still ahead, else next', () => {
    expect(insertionPoint(0, null)).toBe(0);
    // Typed 100 as #0, the playhead did not move: 101 goes as #1, 102 as #2.
    expect(insertionPoint(0, 0)).toBe(1);
    expect(insertionPoint(0, 1)).toBe(2);
    // Stepped past the typed ones: the next packet again.
    expect(insertionPoint(5, 2)).toBe(5);
  });
});
