/**
 * Which state entries the cores' tables show. Every core shows the same keys in the same order,
 * so the tables line up across the stage and a source's row can be followed from core to core.
 */
import type { AnyProgram, StateKey } from '../engine/programs/program';

export const DEFAULT_ROWS = 6;
export const MAX_ROWS = 64;
/** Records looked back over for recently touched keys (a trace of mostly keyless packets stops here). */
export const RECENT_SCAN = 4096;

/** A key as text, as StateRow.key carries it and the UI hands it back (e.g. as the watched key). */
export function keyId(key: StateKey): string {
  return String(key);
}

/** Whether the program's keys are numbers (IPv4 addresses, NAT tuples), from the first record that has one. */
export function keysAreNumeric(program: AnyProgram, records: readonly unknown[]): boolean {
  for (let x = 0; x < records.length; x++) {
    const key = program.keyOf(records[x]) as StateKey | null;
    if (key !== null) return typeof key === 'number';
  }
  return true;
}

/** The key a text from the UI stands for: a number for programs keyed by numbers (when it reads as one). */
export function keyFromId(id: string, numeric: boolean): StateKey {
  if (numeric && /^\d+(\.\d+)?$/.test(id)) return Number(id);
  return id;
}

export interface WatchedKeysInput {
  program: AnyProgram;
  records: readonly unknown[];
  /** The current packet, or -1 before the first one arrives. */
  packet: number;
  /** The history records it carries (sequence numbers, oldest first). */
  history: readonly number[];
  /** The key the last event touched (the row that flashes), if any. */
  touched: StateKey | null;
  /** The key the user asked to watch, if any. */
  watch: StateKey | null;
  rows: number;
}

/**
 * The keys of the rows, in display order: the current packet's key, its history records' keys
 * (oldest first), the watched key, then the most recently touched distinct keys before the
 * history, up to `rows`. When there are more candidates than rows, the packet's key, the key
 * the last event touched and the watched key are kept first (so the flashing row and the row
 * the user picked are never cut), then the others in display order.
 */
export function watchedKeys(input: WatchedKeysInput): StateKey[] {
  const { program, records, packet, history, rows } = input;
  const limit = Math.max(0, Math.min(MAX_ROWS, Math.floor(rows)));
  if (limit === 0) return [];
  const keyOf = (x: number): StateKey | null => (x >= 0 && x < records.length ? (program.keyOf(records[x]) as StateKey | null) : null);

  const order: StateKey[] = [];
  const seen = new Set<string>();
  const add = (key: StateKey | null) => {
    if (key === null || seen.has(keyId(key))) return;
    seen.add(keyId(key));
    order.push(key);
  };
  const packetKey = keyOf(packet);
  add(packetKey);
  for (const x of history) add(keyOf(x));
  add(input.touched);
  add(input.watch);

  const chosen = new Set<string>();
  for (const key of [packetKey, input.touched, input.watch]) {
    if (key !== null && chosen.size < limit) chosen.add(keyId(key));
  }
  for (const key of order) {
    if (chosen.size >= limit) break;
    chosen.add(keyId(key));
  }
  if (chosen.size < limit) {
    const from = (history[0] ?? packet) - 1;
    const stop = Math.max(0, from - RECENT_SCAN + 1);
    for (let x = from; x >= stop && chosen.size < limit; x--) {
      const key = keyOf(x);
      if (key === null || seen.has(keyId(key))) continue;
      add(key);
      chosen.add(keyId(key));
    }
  }
  return order.filter((key) => chosen.has(keyId(key)));
}
