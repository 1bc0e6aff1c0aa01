import type { Trace } from '../trace/trace';

/** What a program decides for its own packet (XDP_PASS, XDP_DROP, XDP_TX). */
export type Verdict = 'PASS' | 'DROP' | 'TX';
export const VERDICTS: readonly Verdict[] = ['DROP', 'PASS', 'TX'];
/** Compact verdict codes for per-packet arrays: index into VERDICTS. */
export const VERDICT_CODE: Record<Verdict, number> = { DROP: 0, PASS: 1, TX: 2 };

/** A key into a program's state table: a number (an IPv4 address) or a string (a flow tuple). */
export type StateKey = number | string;

/** One field of the metadata record the sequencer piggybacks, with its width on the wire. */
export interface RecordField {
  name: string;
  bytes: number;
  /** What the field is, in a few words, for the inspector. */
  about: string;
}

/** How the state is partitioned: what sharding (RSS) would have to hash to keep it core-local. */
export type StateScope =
  | { kind: 'per-key'; hashedBy: 'src-ip' | '5-tuple' | '4-tuple' | 'bidirectional-5-tuple' }
  | { kind: 'per-key-plus-global'; hashedBy: 'src-ip' | '5-tuple' | '4-tuple' | 'bidirectional-5-tuple'; global: string };

/** A problem with a configuration value, worded for the person who typed it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * A stateful packet program, declared once. Every execution form (single core, SCR replicas,
 * sharded, locked) is derived from this declaration by the engine: that is our "compiler".
 *
 * Rules every program obeys (the SCR invariant depends on them):
 * - `update` is deterministic: it reads only the state, the record and the config, never a
 *   clock or a random source (time comes from the sequencer's timestamp in the record);
 * - `extract` reads only packet fields, and the record holds every field `update` reads;
 * - `verdict` reads only the state after the update, the record and the config.
 */
export interface ProgramDef<Config, Rec, State> {
  id: string;
  title: string;
  /** One sentence for menus. */
  summary: string;
  /** A short paragraph for the inspector: what the state is and what a packet does to it. */
  description: string;
  scope: StateScope;
  defaultConfig: Config;
  /** Checks and normalises a configuration from the UI, URL or CLI; throws ConfigError. */
  parseConfig(raw: unknown): Config;
  /** The metadata record layout: the fields the sequencer copies into its history ring. */
  recordFields: readonly RecordField[];
  /** The sequencer's job: take the record out of packet i. */
  extract(trace: Trace, i: number): Rec;
  initState(config: Config): State;
  /** Applies one record to the state, in place. Used for history records and for the own packet. */
  update(state: State, rec: Rec, config: Config): void;
  /** The own packet's verdict, from the state after its update. */
  verdict(state: State, rec: Rec, config: Config): Verdict;
  cloneState(state: State): State;
  stateEquals(a: State, b: State): boolean;
  /** The state entry an update of this record reads and writes, or null when it touches none. */
  keyOf(rec: Rec): StateKey | null;
  /** True when the update also touches global state (the NAT's free-port pool). */
  touchesGlobal(rec: Rec): boolean;
  /** The record in one short line, e.g. "10.0.0.7 → :101". */
  describeRecord(rec: Rec): string;
  /** The key in a person's words, e.g. "10.0.0.7" or "10.0.0.7:5000 → 10.0.0.9:80 TCP". */
  describeKey(key: StateKey): string;
  /** One state entry in a person's words, e.g. "CLOSED_1"; undefined when the key is absent. */
  describeEntry(state: State, key: StateKey, config: Config): string | undefined;
  /** Every entry, for the state tables (global state, if any, under a descriptive key). */
  entries(state: State, config: Config): Iterable<[StateKey, string]>;
  /** Number of entries, for summaries. */
  stateSize(state: State): number;
  /** Bytes the state holds, if the program knows (for the snapshot memory budget); else estimated from stateSize. */
  stateBytes?(state: State): number;
}

// The registry holds programs of different record and state types side by side; the engine only
// ever passes each program's own values back to it, so erasing the type parameters is safe here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProgram = ProgramDef<any, any, any>;

/** Rough bytes of a JS Map entry holding a small object, for programs that do not say. */
const BYTES_PER_MAP_ENTRY = 96;

export function stateBytes(program: AnyProgram, state: unknown): number {
  return program.stateBytes ? program.stateBytes(state) : program.stateSize(state) * BYTES_PER_MAP_ENTRY;
}

export function recordBytes(program: AnyProgram): number {
  return program.recordFields.reduce((sum, f) => sum + f.bytes, 0);
}
