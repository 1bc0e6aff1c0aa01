/**
 * The typed surface of the analysis worker (the charts' engine side), called through Comlink.
 * A second worker, so a scaling sweep never delays the explorer's frames. Everything that
 * crosses is plain, structured-cloneable data; the trace arrives once per run as transferred
 * column buffers (see trace-columns.ts).
 */
import type { CostModel, CostName } from '../engine/techniques/costs';
import type { TechniqueId } from '../engine/techniques/options';
import type { RunRecording } from '../engine/techniques/recording';
import type { TraceColumns } from './trace-columns';

export type { CostModel, CostName, RunRecording, TechniqueId, TraceColumns };

/** A run to analyse: the explorer's current trace (edits included) and its program. */
export interface AnalysisRun {
  /** Chosen by the caller; every answer about this run carries it. */
  runId: number;
  programId: string;
  columns: TraceColumns;
}

export interface AnalysisRunInfo {
  runId: number;
  programId: string;
  packets: number;
  /** The program's default costs (what an empty costs form means). */
  defaultCosts: CostModel;
  meanFrameBytes: number;
  /** Distinct state keys the program touches in this trace. */
  keys: number;
  /** Packets the throughput sweep measures: the trace replayed in a loop up to at least 65,536. */
  sweepPackets: number;
  /** What the program shares across all cores, if anything (e.g. "the free-port pool"). */
  globalState: string | null;
}

/** Cost overrides as the user gave them; an empty object means the program's defaults. */
export type CostOverrides = Partial<CostModel>;

export interface SweepRequest {
  costs: CostOverrides;
  techniques: TechniqueId[];
  cores: number[];
}

/** One cell of the scaling sweep, as the charts need it. */
export interface SweepCellView {
  technique: TechniqueId;
  cores: number;
  /** MLFFR: the largest offered load with loss <= 4 % (Mpps). */
  offeredMpps: number;
  /** Forwarded at that load (Mpps). */
  throughputMpps: number;
  loss: number;
  method: 'saturation' | 'mlffr';
  bottleneck: 'cores' | 'link';
  imbalance: number;
  lockWaitShare: number;
  cacheLinesPerPacket: number;
  historyBytesPerPacket: number;
  /** Link (NIC/PCIe) load at that throughput, frames + framing + SCR history (Gbit/s). */
  linkGbps: number;
  index: number;
  total: number;
}

export interface SweepBatch {
  sweepId: number;
  cells: SweepCellView[];
  /** True once the last cell has been sent (or the sweep was superseded). */
  done: boolean;
  /** A newer sweep replaced this one: its cells will never come. */
  superseded: boolean;
}

export interface LiveRequest {
  costs: CostOverrides;
  techniques: TechniqueId[];
  cores: number;
  /** Offered load in Mpps; null: the single-core MLFFR times the core count. */
  offeredMpps: number | null;
  /** Simulate packets #0..upToPacket (the playhead's packet); null: the whole trace. */
  upToPacket: number | null;
}

export interface KeyContention {
  key: string;
  lockWaitNs: number;
  cacheLineTransfers: number;
}

/** One technique's run on the trace prefix. */
export interface LiveTechnique {
  technique: TechniqueId;
  /** Cores it uses (1 for the single-core baseline). */
  cores: number;
  /** Per core. */
  packets: number[];
  busyFraction: number[];
  lockWaitNs: number[];
  cacheLineTransfers: number[];
  /** Busiest core's work over the mean. */
  imbalance: number;
  loss: number;
  throughputMpps: number;
  /** Whether this technique takes locks at all on this program. */
  takesLocks: boolean;
  /** Share of its CPU time spent spinning on locks. */
  lockWaitShare: number;
  /** Per series point up to the playhead: share of core time spent waiting, transfers per µs. */
  lockWaitSeries: number[];
  transferSeries: number[];
  /** The locks it waited on most, most first (at most five; none when it takes no locks). */
  topKeys: KeyContention[];
  /** Packets over the run: sent, finished, dropped at an RX ring or on the link. */
  counts: { offered: number; forwarded: number; droppedRing: number; droppedLink: number };
}

export interface LiveView {
  runId: number;
  /** Packets simulated (the prefix up to the playhead, or the whole trace). */
  packets: number;
  totalPackets: number;
  wholeTrace: boolean;
  cores: number;
  offeredMpps: number;
  /** True when the offered load is the default (single-core MLFFR × cores). */
  offeredAuto: boolean;
  singleCoreMlffr: number;
  /** Width of one series point, and the time the whole trace spans at this load (µs). */
  bucketUs: number;
  spanUs: number;
  techniques: LiveTechnique[];
  tookMs: number;
}

export interface FlowSizeView {
  runId: number;
  packets: number;
  flows: number;
  largestShare: number;
  top10Share: number;
  /** Rank-size curve, thinned on a log scale. */
  points: { rank: number; packets: number }[];
  /** The largest flows, described. */
  largest: { text: string; packets: number }[];
}

export interface ComputeCurve {
  c1: number;
  c2: number;
  /** T(N) / T(1) for N = 1..cores.length. */
  speedup: number[];
}

export interface ScrCostView {
  runId: number;
  cores: number[];
  recordBytes: number;
  /** Per core count: bytes SCR adds in front of every packet (header + N-1 records). */
  historyBytes: number[];
  /** The primer's closed form T(N), ignoring the NIC (Mpps). */
  closedFormMpps: number[];
  /** Packets per second the link can carry with that history on every frame (Mpps; Infinity without a limit). */
  linkLimitMpps: number[];
  frameBytes: number;
  frameOverhead: number;
  nicGbps: number;
  /** The talk's first limitation: scaling as the program's compute c1 grows against dispatch d. */
  compute: { d: number; c1: number; c2: number; c2PerC1: number; curves: ComputeCurve[] };
  /**
   * The cost of recovery: SCR's throughput (Mpps) per core count when this share of the packets is
   * lost between the sequencer and the cores and recovered from the peers' logs.
   */
  loss: { rate: number; mpps: number[] }[];
}

/** A technique stage's run: the whole trace, at the same load and costs as the live charts. */
export interface StageRequest {
  costs: CostOverrides;
  technique: TechniqueId;
  cores: number;
  /** Offered load in Mpps; null: the single-core MLFFR times the core count (as the live charts). */
  offeredMpps: number | null;
}

export interface StageRecordingView {
  runId: number;
  technique: TechniqueId;
  /** Cores it uses (1 for the single-core baseline). */
  cores: number;
  offeredMpps: number;
  offeredAuto: boolean;
  recording: RunRecording;
  /** Names of the locks the recording mentions (by lock id), as the program writes its keys. */
  lockNames: Record<number, string>;
  /** What the program shares across cores (the NAT's port pool), if anything. */
  globalState: string | null;
}

export interface AnalysisApi {
  /** Takes the run's trace; returns facts about it. Throws a readable Error for an unknown program. */
  setRun(run: AnalysisRun): Promise<AnalysisRunInfo>;
  /** Starts a sweep (replacing any other); returns its id. Throws a readable Error for bad costs. */
  startSweep(request: SweepRequest): Promise<number>;
  /** The next cells of sweep `sweepId`, computed for about `budgetMs` (at least one cell). */
  nextCells(sweepId: number, budgetMs: number): Promise<SweepBatch>;
  /** Per-core load and contention of each technique on the trace up to a packet. */
  live(request: LiveRequest): Promise<LiveView>;
  /** The recorded simulation of one technique over the whole trace, for a technique stage to replay. */
  stage(request: StageRequest): Promise<StageRecordingView>;
  flowSizes(): Promise<FlowSizeView>;
  scrCosts(costs: CostOverrides, maxCores: number): Promise<ScrCostView>;
}
