/**
 * The sequencer's ring in words, read together with the packet: after packet s is dispatched the
 * ring already holds s (it wrote s over the oldest record), while s carries the records before it.
 * Pure.
 */
export interface RingSummary {
  /** What the slots hold: "holds #6–#8", "empty". */
  holds: string;
  /** Why it differs from what the packet carries, or which slot is the oldest. */
  detail: string;
}

function range(seqs: number[]): string {
  const a = seqs[0] as number;
  const b = seqs[seqs.length - 1] as number;
  const contiguous = b - a === seqs.length - 1;
  if (seqs.length === 1) return `#${a}`;
  return contiguous ? `#${a}–#${b}` : seqs.map((x) => `#${x}`).join(' ');
}

export function ringSummary(slots: readonly number[], index: number, seq: number): RingSummary {
  const held = slots.filter((x) => x >= 0).sort((x, y) => x - y);
  const oldest = `slot ${index} = oldest`;
  if (held.length === 0) return { holds: 'holds nothing yet', detail: seq >= 0 ? `#${seq} carries nothing` : oldest };
  const holds = `holds ${range(held)}`;
  if (seq < 0) return { holds, detail: oldest };
  if (held.includes(seq)) {
    const out = seq - slots.length;
    return { holds, detail: out >= 0 ? `#${seq} in, #${out} out` : `#${seq} written` };
  }
  return { holds, detail: `#${seq} carries these` };
}
