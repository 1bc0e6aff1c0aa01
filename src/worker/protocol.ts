/**
 * The typed surface of the engine worker, called through Comlink. Everything that crosses it is
 * plain, structured-cloneable data; the engine itself stays inside the worker.
 */
import type { RecordField, Verdict } from '../engine/programs/program';
import type { LossPlace, RecoveryMode } from '../engine/scr/loss';
import type { WireSegment } from '../engine/scr/wire-layout';
import type { TimelineEvent } from '../engine/timeline/events';
import type { TraceColumns } from './trace-columns';

export interface ProgramInfo {
  id: string;
  title: string;
  summary: string;
  description: string;
  recordFields: readonly RecordField[];
  recordBytes: number;
  defaultConfig: unknown;
}

export interface GeneratorInfo {
  id: string;
  title: string;
  description: string;
  /** The trace parameters this generator reads. */
  params: readonly string[];
}

export interface Pong {
  engine: 'scr-engine';
  programs: ProgramInfo[];
  generators: GeneratorInfo[];
  /** A real run the worker made to prove the path page -> worker -> engine -> page works. */
  selfCheck: { program: string; packets: number; cores: number; agree: boolean; passed: number };
  tookMs: number;
}

/** What to simulate. Everything the user configures; enough to rebuild the run after a worker restart. */
export interface Scenario {
  programId: string;
  /** Program configuration (e.g. { knock: [100, 101, 102] }); parsed by the program. */
  config: unknown;
  trace: TraceSource;
  cores: number;
  /** Records in the sequencer's ring; default cores - 1. */
  historySize?: number;
  /**
   * The edits made to this run so far (by `edit`), oldest first, by sequence number: `configure`
   * replays them so a restarted worker shows the same run. They survive a change of cores or
   * history size; drop them when the program, its initial config or the trace changes.
   */
  edits?: ScenarioEdit[];
  /** Packet loss and how cores recover from it; absent: nothing is lost (drops by hand still work). */
  loss?: LossSettings;
}

export interface LossSettings {
  /** Probability a packet is lost (0..1), at `where`, seeded. */
  rate?: number;
  where?: LossPlace;
  seed?: number;
  recovery?: RecoveryMode;
  /** Records each core's log keeps (default 1024). */
  logSize?: number;
}

/** An edit as the scenario remembers it: a config change pinned to the packet it took effect from. */
export type ScenarioEdit =
  | { kind: 'config'; fromSeq: number; config: unknown }
  | Extract<EditRequest, { kind: 'insert-packet' | 'packet' }>
  | { kind: 'drop'; seq: number; where: LossPlace };

export type TraceSource =
  | { kind: 'generator'; id: string; params: Record<string, unknown> }
  /** A capture file the user opened; the worker keeps its bytes (the main thread keeps a copy for restarts). */
  | { kind: 'capture'; name: string };

/** Facts about the whole run, sent once per configure/fork. */
export interface RunInfo {
  scenario: Scenario;
  program: ProgramInfo;
  /** The parsed config in force at the start. */
  config: unknown;
  packets: number;
  eventCount: number;
  historySize: number;
  /** Bytes SCR adds in front of every packet. */
  wire: { segments: WireSegment[]; overheadBytes: number };
  agreement: {
    agree: boolean;
    verdictsCompared: number;
    statesCompared: number;
    /** Plain sentences, e.g. "packet #41 on core 1: verdict PASS, one core says DROP". */
    disagreements: string[];
    /** Disagreements no loss explains (a bug): the badge is red from the start. */
    unexplained: number;
    /**
     * Possible divergences the cores reported (a loss they could not recover from), with the
     * position at which each was reported: the badge turns red when the playhead gets there.
     */
    divergences: { position: number; core: number; seq: number; sentence: string }[];
  };
  /** What was lost and recovered, when anything was. */
  loss?: LossInfo;
  verdictTotals: Record<Verdict, number>;
  capture?: { format: string; linkTypes: string[]; undecoded: number; truncated?: string };
  buildMs: number;
}

export interface LossInfo {
  settings: Required<LossSettings>;
  lost: { before: number; link: number; after: number };
  gapsRecovered: number;
  unrecoverable: number;
  recordsRead: number;
  recordsLostEverywhere: number;
  copies: number;
  waits: number;
}

/** One packet as the stage and the inspector show it. */
export interface PacketView {
  seq: number;
  core: number;
  /** "10.0.0.7:4242 → 10.0.0.10:101 TCP SYN" */
  text: string;
  /** The metadata record, e.g. "10.0.0.7 → :101". */
  record: string;
  /** The state key it touches, as text ("10.0.0.7"), or null. */
  keyText: string | null;
  /** A small integer derived from the key, for a stable colour per flow/source; -1 when none. */
  colour: number;
  wireLen: number;
  /** Its verdict once processed at this position (undefined while in flight). */
  verdict?: Verdict;
}

/** A history record carried by the current packet (one chip). */
export interface HistoryChip {
  seq: number;
  record: string;
  keyText: string | null;
  colour: number;
  /** Already applied by the receiving core at this position. */
  applied: boolean;
  /** Skipped: the core had applied it before (only when the ring is longer than cores - 1). */
  skipped: boolean;
}

export interface StateRow {
  key: string;
  keyText: string;
  /** The entry as text, or "—" when the replica has none. */
  value: string;
  colour: number;
}

export interface CoreView {
  core: number;
  /** Sequence number of the last record this replica applied (-1: none). */
  lastApplied: number;
  /** Rows for the watched keys, the same keys on every core so the tables line up. */
  rows: StateRow[];
  entryCount: number;
  diverged: boolean;
  /** Loss runs: its progress marker, the last records in its log (oldest first), packets queued at it. */
  marker: number;
  log: number[];
  queued: number;
  /** Waiting for a peer to reach a record, or null. */
  waiting: { peer: number; record: number } | null;
  /** It has caught up after a loss at least once. */
  recovered: boolean;
}

export interface LogLine {
  index: number;
  sentence: string;
  kind: TimelineEvent['kind'];
  core: number;
}

/** Where the run is after `position` events, ready to draw. */
export interface FrameView {
  position: number;
  eventCount: number;
  /** The event that led here (the one to animate), or null at the start. */
  event: TimelineEvent | null;
  /** The packet being carried (arrived and not yet processed), or the last one processed. */
  packet: PacketView | null;
  /** The history the current packet carries, oldest first (empty slots left out). */
  chips: HistoryChip[];
  /** The sequencer's ring: the sequence number in each slot (-1 empty), and the slot of the oldest. */
  ring: { slots: number[]; labels: string[]; colours: number[]; index: number };
  cores: CoreView[];
  /** Verdicts of the packets processed up to this position. */
  totals: Record<Verdict, number>;
  /** The last events up to this position, oldest first, for the event log. */
  log: LogLine[];
  /** Positions bounding the current packet's events: before it arrives, and after it is processed. */
  packetStart: number;
  packetEnd: number;
  /** Position before the previous packet arrives (for "step back one packet"); 0 at the first. */
  previousPacketStart: number;
}

export type EditRequest =
  | { kind: 'config'; config: unknown }
  /** Lose a packet at `where`: packet `seq`, or (no seq) the one in flight or next there. */
  | { kind: 'drop'; where: LossPlace; seq?: number }
  | { kind: 'insert-packet'; seq: number; packet: { srcIp: string; dstPort: number; proto: 'TCP' | 'UDP' | 'ICMP' } }
  | { kind: 'packet'; seq: number; patch: Record<string, unknown> };

/** A core's whole replica (up to a limit), for the inspector. */
export interface ReplicaView {
  core: number;
  lastApplied: number;
  /** Entries in the replica; `rows` holds the first ones, in the program's order. */
  total: number;
  rows: StateRow[];
}

/** The current run's trace and program, for the charts' worker. */
export interface RunTrace {
  programId: string;
  columns: TraceColumns;
}

export interface EngineApi {
  ping(): Promise<Pong>;
  /** Builds the run; throws an Error whose message is fit to show when the scenario is invalid. */
  configure(scenario: Scenario): Promise<RunInfo>;
  /** Reads a capture file (a File/Blob: passed by reference, streamed in the worker), then configures with it. */
  loadCapture(name: string, file: Blob, scenario: Omit<Scenario, 'trace'>): Promise<RunInfo>;
  /** The frame after `position` events (clamped), with `watch` keys added to the state rows. */
  frame(position: number, options?: { watchKey?: string | null; rows?: number }): Promise<FrameView>;
  /** Applies an edit at `position`; the future forks. Returns the new run and the position to show. */
  edit(request: EditRequest, position: number): Promise<{ run: RunInfo; position: number }>;
  /** Core `core`'s whole replica after `position` events (the first `limit` entries). */
  replica(position: number, core: number, limit?: number): Promise<ReplicaView>;
  /** The position just before packet `seq` arrives (for stepping by packet). */
  positionOfPacket(seq: number): Promise<number>;
  /** A copy of the current run's trace (edits included) as transferable columns, and its program, for the charts. */
  traceColumns(): Promise<RunTrace>;
}
