import type { AnyProgram, StateKey } from '../programs/program';
import type { TimelineEvent } from './events';

function seqList(seqs: readonly number[]): string {
  if (seqs.length <= 4) return seqs.map((s) => `#${s}`).join(', ');
  return `#${seqs[0]} … #${seqs[seqs.length - 1]}`;
}

function range(from: number, to: number): string {
  return from === to ? `record #${from}` : `records #${from} … #${to}`;
}

function cores(list: readonly number[]): string {
  const named = list.map((c) => `core ${c}`);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
}

function change(before: string | undefined, after: string | undefined, fresh: string): string {
  if (before === after) return `stays ${after ?? fresh}`;
  return `${before ?? fresh} → ${after ?? fresh}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Each event in one plain sentence, for the event log and the CLI. `lostRecords` are the records of
 * the packets lost before the sequencer (they have no sequence number, so they are not in `records`).
 */
export function describeEvent(
  event: TimelineEvent,
  program: AnyProgram,
  records: readonly unknown[],
  lostRecords: readonly unknown[] = [],
): string {
  const rec = (seq: number) => program.describeRecord(records[seq]);
  const keyText = (e: { key: StateKey | null }) => (e.key === null ? '' : `${program.describeKey(e.key)} `);
  const effect = (e: { key: StateKey | null; before: string | undefined; after: string | undefined }) =>
    e.key === null ? 'no state change' : `${keyText(e)}${change(e.before, e.after, 'new')}`;
  switch (event.kind) {
    case 'arrive':
      return `Packet #${event.seq} (${rec(event.seq)}) arrives at the sequencer.`;
    case 'dispatch': {
      const carried = event.history.filter((s) => s >= 0);
      const empty = event.history.length - carried.length;
      const history = carried.length === 0 ? 'no history yet' : `history ${seqList(carried)}`;
      const skip = empty > 0 ? `, ${empty} empty slot${empty === 1 ? '' : 's'}` : '';
      const queued = event.queued ? ` Core ${event.core} is still catching up, so the packet waits in its queue.` : '';
      return `The sequencer sends packet #${event.seq} to core ${event.core} with ${history}${skip} (ring index ${event.ringIndex}).${queued}`;
    }
    case 'apply':
      return `Core ${event.core} fast-forwards history record #${event.record} (${event.step} of ${event.of}): ${rec(event.record)}; ${effect(event)}.`;
    case 'process':
      return `Core ${event.core} processes its own packet #${event.seq}: ${effect(event)}; verdict ${event.verdict}.`;
    case 'lost-before': {
      const lost = lostRecords[event.lost];
      const what = lost === undefined ? 'A packet' : `A packet (${program.describeRecord(lost)})`;
      return `${what} is lost before the sequencer: it never gets a sequence number, so no core ever needs it. Harmless.`;
    }
    case 'lost-link':
      return `The sequencer sends packet #${event.seq} to core ${event.core}, but it is lost on the link: core ${event.core} misses record #${event.seq} and the history it carried.`;
    case 'lost-after':
      return `Packet #${event.seq} (verdict ${event.verdict}) is lost on its way out, after core ${event.core} processed it: every replica is already up to date. Harmless.`;
    case 'gap': {
      const n = event.to - event.from + 1;
      const head = `Core ${event.core} expected record #${event.from}, but packet #${event.seq} carries history only from #${event.to + 1}: ${plural(n, 'record')} missing (${range(event.from, event.to)}).`;
      if (event.congestion) {
        return `${head} A gap of N+1 = ${event.cores + 1} or more means congestion: it gives up on them, so its replica may now differ from a single core's.`;
      }
      const marker = `It moves its progress marker to #${event.to} so no peer waits on it`;
      if (event.copyFrom >= 0) return `${head} ${marker}, then copies the state of core ${event.copyFrom}, which is further along.`;
      if (event.mode === 'copy') return `${head} ${marker}; no core is at a point it could copy from, so it reads the missing records from its peers' logs.`;
      return `${head} ${marker}, then looks each one up in its peers' logs.`;
    }
    case 'wait':
      return `Core ${event.core} waits for core ${event.peer}: its progress marker is at #${event.peerMarker}, it has not reached #${event.record} yet.`;
    case 'read': {
      const tried = event.lacking.length > 0 ? ` (${cores(event.lacking)} lost it too)` : '';
      return `Core ${event.core} reads record #${event.record} from core ${event.peer}'s log${tried} and applies it (${event.step} of ${event.of}): ${rec(event.record)}; ${effect(event)}.`;
    }
    case 'skip':
      if (event.overwritten) {
        return `Core ${event.core} cannot find record #${event.record}: a peer's log has already overwritten it (the log is too small). Its replica may now differ from a single core's.`;
      }
      return `No core holds record #${event.record}: every core lost it, so no replica applied it and core ${event.core} owes no state change for it.`;
    case 'copy':
      return `Core ${event.core} copies the whole state of core ${event.peer} (${plural(event.entries, 'entry', 'entries')}, every record up to #${event.upTo} applied).`;
    case 'recovered': {
      const parts: string[] = [];
      if (event.copiedFrom >= 0) parts.push(`copied core ${event.copiedFrom}'s state`);
      if (event.read > 0) parts.push(`read ${plural(event.read, 'record')} from peers' logs`);
      if (event.lostEverywhere > 0) parts.push(`${plural(event.lostEverywhere, 'record')} lost everywhere`);
      if (event.unrecoverable > 0) parts.push(`${plural(event.unrecoverable, 'record')} not found`);
      const how = parts.length > 0 ? ` (${parts.join(', ')})` : '';
      return `Core ${event.core} has caught up to #${event.upTo}${how}; it carries on with the history packet #${event.seq} carries.`;
    }
  }
}
