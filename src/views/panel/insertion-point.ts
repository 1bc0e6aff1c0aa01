/**
 * Where a typed packet goes: the next packet to reach the sequencer, or, while the previous typed
 * packet is still ahead of the playhead, right after it, so packets typed in a row play in the
 * order they were typed (each used to be inserted as the same next packet, so they played backwards).
 */
export function insertionPoint(nextSeq: number, lastTyped: number | null): number {
  return lastTyped !== null && lastTyped >= nextSeq ? lastTyped + 1 : nextSeq;
}
