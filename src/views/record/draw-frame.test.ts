import { describe, expect, it } from 'vitest';
import { wrapLines } from './draw-frame';

const measure = (s: string) => s.length * 10;

describe('wrapLines', () => {
  it('breaks between words to fit the width', () => {
    expect(wrapLines('Core 0 fast-forwards history record #5 (1 of 3)', 200, measure, 3)).toEqual(['Core 0 fast-forwards', 'history record #5 (1', 'of 3)']);
  });

  it('keeps a word longer than the width on a line of its own', () => {
    expect(wrapLines('a verylongwordindeed b', 50, measure, 3)).toEqual(['a', 'verylongwordindeed', 'b']);
  });

  it('says when it left text out', () => {
    expect(wrapLines('one two three four five six', 80, measure, 2)).toEqual(['one two', 'three …']);
  });
});
