import type { AnyProgram, StateKey } from '../programs/program';
import type { TimelineEvent } from './events';

function seqList(seqs: readonly number[]): string {
  if (seqs.length <= 4) return seqs.map((s) => `#${s}`).join(', ');
  return `#${seqs[0]} … #${seqs[seqs.length - 1]}`;
}

function change(before: string | undefined, after: string | undefined, fresh: string): string {
  if (before === after) return `stays ${after ?? fresh}`;
  return `${before ?? fresh} → ${after ?? fresh}`;
}

/** Each event in one plain sentence, for the event log and the CLI. */
export function describeEvent(
  event: TimelineEvent,
  program: AnyProgram,
  records: readonly unknown[],
): string {
  const rec = (seq: number) => program.describeRecord(records[seq]);
  const keyText = (e: { key: StateKey | null }) => (e.key === null ? '' : `${program.describeKey(e.key)} `);
  switch (event.kind) {
    case 'arrive':
      return `Packet #${event.seq} (${rec(event.seq)}) arrives at the sequencer.`;
    case 'dispatch': {
      const carried = event.history.filter((s) => s >= 0);
      const empty = event.history.length - carried.length;
      const history = carried.length === 0 ? 'no history yet' : `history ${seqList(carried)}`;
      const skip = empty > 0 ? `, ${empty} empty slot${empty === 1 ? '' : 's'}` : '';
      return `The sequencer sends packet #${event.seq} to core ${event.core} with ${history}${skip} (ring index ${event.ringIndex}).`;
    }
    case 'apply': {
      const effect = event.key === null ? 'no state change' : `${keyText(event)}${change(event.before, event.after, 'new')}`;
      return `Core ${event.core} fast-forwards history record #${event.record} (${event.step} of ${event.of}): ${rec(event.record)}; ${effect}.`;
    }
    case 'process': {
      const effect = event.key === null ? 'no state change' : `${keyText(event)}${change(event.before, event.after, 'new')}`;
      return `Core ${event.core} processes its own packet #${event.seq}: ${effect}; verdict ${event.verdict}.`;
    }
  }
}
