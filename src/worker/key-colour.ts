import type { StateKey } from '../engine/programs/program';

/** Colours the stage has for flows and sources (the Okabe-Ito palette). */
export const KEY_COLOURS = 8;

/**
 * A stable colour index 0..7 for a state key (-1 for none), so a source or flow has the same
 * colour in every chip, ring slot and state row, in every frame and after a worker restart. The
 * key's text is hashed (FNV-1a, then a final avalanche so that keys differing only in their last
 * character spread over all the colours).
 */
export function keyColour(key: StateKey | null | undefined): number {
  if (key === null || key === undefined) return -1;
  const text = String(key);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % KEY_COLOURS;
}
