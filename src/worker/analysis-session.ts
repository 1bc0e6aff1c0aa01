/**
 * The charts' engine side: one run's trace and program, and what the charts ask of the timing
 * model. Plain synchronous code (the analysis worker only forwards calls), tested in Node.
 *
 * The sweep is a polled iterator: `startSweep` keeps the engine's generator, and each
 * `nextCells` call computes cells for a time budget and returns them. The page pulls batch
 * after batch, so cells stream back as they are computed; other calls (the live view) are
 * served between batches; and cancelling is simply starting another sweep, or not asking.
 */
import { ipv4ToString, protoName } from '../engine/packet';
import { ConfigError, recordBytes, type AnyProgram } from '../engine/programs/program';
import { getProgram } from '../engine/programs/registry';
import { overheadBytes } from '../engine/scr/wire-layout';
import { linkNs, scrClosedFormMpps, type CostModel } from '../engine/techniques/costs';
import { flowSizes, rankSizePoints, topShare, type FlowSizes } from '../engine/techniques/flow-sizes';
import { modelOptions, TECHNIQUES, type ModelOptions, type TechniqueId } from '../engine/techniques/options';
import { buildPlan, MAX_CORES, type Plan } from '../engine/techniques/plan';
import { simulatePlan, type RunResult } from '../engine/techniques/simulate';
import { sweep, type SweepCell } from '../engine/techniques/sweep';
import { throughputBySaturation } from '../engine/techniques/throughput';
import { loopTrace, MIN_REPLAY_PACKETS } from '../engine/techniques/replay';
import { prepareWorkload, type Workload } from '../engine/techniques/workload';
import type { Trace } from '../engine/trace/trace';
import type {
  AnalysisRun, AnalysisRunInfo, ComputeCurve, CostOverrides, FlowSizeView, KeyContention, LiveRequest, LiveTechnique,
  LiveView, RunRecording, ScrCostView, StageRecordingView, StageRequest, SweepBatch, SweepCellView, SweepRequest,
} from './analysis-protocol';
import { asSentence, messageOf } from './messages';
import { columnsToTrace } from './trace-columns';

/** Points of the live runs' time series. */
export const LIVE_POINTS = 120;
/** Locks listed per technique in the contention chart. */
export const TOP_KEYS = 5;
/** Loss between the sequencer and the cores for the recovery-cost curves (the talk's 0.5, 1 and 1.5 %). */
const SCR_LOSS_RATES = [0, 0.005, 0.01, 0.015];

/** c1 as multiples of d for the compute-vs-dispatch curves. */
export const COMPUTE_RATIOS = [0.125, 0.25, 0.5, 1, 2, 4, 8] as const;

const now = (): number => globalThis.performance?.now() ?? 0;

interface LoadedRun {
  runId: number;
  program: AnyProgram;
  trace: Trace;
  workload: Workload;
  /** For throughput figures: the trace replayed in a loop to at least MIN_REPLAY_PACKETS (built on first use). */
  replayed?: Workload;
  /** A packet of every key (by dense key id), to describe the key. */
  keyPacket: Int32Array;
  flows?: FlowSizes;
}

interface ActiveSweep {
  id: number;
  cells: Generator<SweepCell, void, undefined>;
  options: ModelOptions;
  frameBytes: number;
}

/** Turns the engine's errors about a setting into a sentence (ConfigError, RangeError). */
function readable<T>(what: () => T): T {
  try {
    return what();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof RangeError) throw new Error(asSentence(messageOf(error)));
    throw error;
  }
}

function costsKey(costs: CostOverrides): string {
  return JSON.stringify(Object.entries(costs ?? {}).filter(([, v]) => v !== undefined).sort());
}

function checkTechniques(list: unknown): TechniqueId[] {
  if (!Array.isArray(list)) throw new Error('Name the techniques to compare.');
  for (const t of list) if (!TECHNIQUES.includes(t as TechniqueId)) throw new Error(`There is no technique "${String(t)}": choose from ${TECHNIQUES.join(', ')}.`);
  return list as TechniqueId[];
}

function checkCores(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_CORES) throw new Error(`Core counts are whole numbers from 1 to ${MAX_CORES}, not ${String(n)}.`);
  return n;
}

export class AnalysisSession {
  private run: LoadedRun | null = null;
  private active: ActiveSweep | null = null;
  private sweeps = 0;
  private readonly plans = new Map<string, Plan>();
  private readonly singleMlffr = new Map<string, number>();
  private readonly options = new Map<string, ModelOptions>();

  setRun(request: AnalysisRun): AnalysisRunInfo {
    const program = readable(() => getProgram(String(request?.programId)));
    const trace = columnsToTrace(request.columns);
    const workload = prepareWorkload(program, trace);
    const keyPacket = new Int32Array(workload.keyCount).fill(-1);
    for (let i = 0; i < workload.count; i++) {
      const k = workload.keyId[i] as number;
      if (k >= 0 && keyPacket[k] === -1) keyPacket[k] = i;
    }
    this.run = { runId: request.runId, program, trace, workload, keyPacket };
    this.active = null;
    this.plans.clear();
    this.singleMlffr.clear();
    this.options.clear();
    return {
      runId: request.runId,
      programId: program.id,
      packets: trace.count,
      defaultCosts: modelOptions(program.id).costs,
      meanFrameBytes: workload.meanFrameBytes,
      keys: workload.keyCount,
      sweepPackets: trace.count === 0 || trace.count >= MIN_REPLAY_PACKETS ? trace.count : Math.ceil(MIN_REPLAY_PACKETS / trace.count) * trace.count,
      globalState: program.scope.kind === 'per-key-plus-global' ? program.scope.global : null,
    };
  }

  startSweep(request: SweepRequest): number {
    const run = this.requireRun();
    const options = this.modelOptions(request.costs);
    const techniques = checkTechniques(request.techniques);
    const cores = Array.isArray(request.cores) ? request.cores.map(checkCores) : [];
    if (cores.length === 0) throw new Error('Name at least one core count to sweep.');
    const id = ++this.sweeps;
    this.active = {
      id,
      cells: sweep({ workload: this.replayed(), options, techniques, cores }),
      options,
      frameBytes: options.packetSize ?? run.workload.meanFrameBytes,
    };
    return id;
  }

  nextCells(sweepId: number, budgetMs: number, clock: () => number = now): SweepBatch {
    const active = this.active;
    if (!active || active.id !== sweepId) return { sweepId, cells: [], done: true, superseded: true };
    const started = clock();
    const cells: SweepCellView[] = [];
    do {
      const next = active.cells.next();
      if (next.done) {
        this.active = null;
        return { sweepId, cells, done: true, superseded: false };
      }
      cells.push(this.cellView(next.value, active));
    } while (clock() - started < budgetMs);
    return { sweepId, cells, done: false, superseded: false };
  }

  live(request: LiveRequest): LiveView {
    const started = now();
    const run = this.requireRun();
    const options = this.modelOptions(request.costs, LIVE_POINTS);
    const techniques = checkTechniques(request.techniques);
    const cores = checkCores(request.cores);
    const key = costsKey(request.costs);
    const { single, auto, offered } = this.offeredLoad(request.offeredMpps, cores, key, options);
    const n = run.workload.count;
    const whole = request.upToPacket === null || request.upToPacket === undefined;
    const limit = whole ? n : Math.max(1, Math.min(n, Math.floor(Number(request.upToPacket)) + 1));
    const gap = 1000 / offered;
    const spanNs = Math.max(1, n * gap);
    const bucketNs = spanNs / LIVE_POINTS;
    // Points the prefix has reached (the last one partly).
    const shown = Math.max(1, Math.min(LIVE_POINTS, Math.ceil((limit * gap) / bucketNs)));
    const out: LiveTechnique[] = techniques.map((technique) => {
      const plan = this.plan(technique, cores, key, options);
      const result = simulatePlan(plan, offered, { limit, seriesSpanNs: spanNs, contention: true });
      return this.liveTechnique(plan, result, shown, bucketNs);
    });
    return {
      runId: run.runId,
      packets: limit,
      totalPackets: n,
      wholeTrace: whole,
      cores,
      offeredMpps: offered,
      offeredAuto: auto,
      singleCoreMlffr: single,
      bucketUs: bucketNs / 1000,
      spanUs: spanNs / 1000,
      techniques: out,
      tookMs: now() - started,
    };
  }

  /**
   * A technique stage's recording: the very simulation `live` runs over the whole trace (same
   * plan, load and options), asked to record, so the stage's last frame is the charts' table.
   */
  stage(request: StageRequest): StageRecordingView {
    const run = this.requireRun();
    const options = this.modelOptions(request.costs, LIVE_POINTS);
    const [technique] = checkTechniques([request.technique]);
    if (!technique) throw new Error('Name the technique to show.');
    const cores = checkCores(request.cores);
    const key = costsKey(request.costs);
    const { auto, offered } = this.offeredLoad(request.offeredMpps, cores, key, options);
    const plan = this.plan(technique, cores, key, options);
    const n = run.workload.count;
    const result = simulatePlan(plan, offered, { limit: n, seriesSpanNs: Math.max(1, n * (1000 / offered)), contention: true, record: true });
    const recording = result.recording as RunRecording;
    const lockNames: Record<number, string> = {};
    for (let k = 0; k < recording.lockId.length; k++) {
      const id = recording.lockId[k] as number;
      if (id >= 0 && lockNames[id] === undefined) lockNames[id] = keyText(run, id);
    }
    return {
      runId: run.runId,
      technique,
      cores: plan.cores,
      offeredMpps: offered,
      offeredAuto: auto,
      recording,
      lockNames,
      globalState: run.program.scope.kind === 'per-key-plus-global' ? run.program.scope.global : null,
    };
  }

  flowSizes(): FlowSizeView {
    const run = this.requireRun();
    run.flows ??= flowSizes(run.trace);
    const flows = run.flows;
    const largest: FlowSizeView['largest'] = [];
    for (let f = 0; f < Math.min(5, flows.sizes.length); f++) {
      largest.push({ text: flowText(run.trace, flows.firstPacket[f] as number), packets: flows.sizes[f] as number });
    }
    return {
      runId: run.runId,
      packets: flows.packets,
      flows: flows.sizes.length,
      largestShare: topShare(flows, 1),
      top10Share: topShare(flows, 10),
      points: rankSizePoints(flows.sizes, 60),
      largest,
    };
  }

  scrCosts(overrides: CostOverrides, maxCores: number): ScrCostView {
    const run = this.requireRun();
    const options = this.modelOptions(overrides);
    const costs = options.costs;
    const top = checkCores(maxCores);
    const cores = Array.from({ length: top }, (_, i) => i + 1);
    const frameBytes = options.packetSize ?? run.workload.meanFrameBytes;
    const historyBytes = cores.map((n) => overheadBytes(run.program, n - 1));
    const perByte = linkNs(costs, 1);
    return {
      runId: run.runId,
      cores,
      recordBytes: recordBytes(run.program),
      historyBytes,
      closedFormMpps: cores.map((n) => scrClosedFormMpps(costs, n)),
      linkLimitMpps: historyBytes.map((h) => (perByte > 0 ? 1000 / ((frameBytes + costs.frameOverhead + h) * perByte) : Number.POSITIVE_INFINITY)),
      frameBytes,
      frameOverhead: costs.frameOverhead,
      nicGbps: costs.nicGbps,
      compute: computeCurves(costs, cores.length),
      loss: SCR_LOSS_RATES.map((rate) => ({
        rate,
        mpps: cores.map((n) => throughputBySaturation(buildPlan(this.replayed(), 'scr', n, { ...options, scrLoss: rate })).throughputMpps),
      })),
    };
  }

  /** The workload throughput figures use: the trace looped to a steady state (see replay.ts). */
  private replayed(): Workload {
    const run = this.requireRun();
    run.replayed ??= run.trace.count >= MIN_REPLAY_PACKETS ? run.workload : prepareWorkload(run.program, loopTrace(run.trace));
    return run.replayed;
  }

  private requireRun(): LoadedRun {
    if (!this.run) throw new Error('The charts have no trace yet: build a scenario first.');
    return this.run;
  }

  private modelOptions(overrides: CostOverrides, seriesPoints?: number): ModelOptions {
    const run = this.requireRun();
    const key = `${costsKey(overrides)}/${seriesPoints ?? ''}`;
    let options = this.options.get(key);
    if (!options) {
      options = readable(() => modelOptions(run.program.id, { costs: overrides ?? {}, ...(seriesPoints ? { seriesPoints } : {}) }));
      this.options.set(key, options);
    }
    return options;
  }

  private plan(technique: TechniqueId, cores: number, key: string, options: ModelOptions): Plan {
    const id = `${technique}/${cores}/${key}`;
    let plan = this.plans.get(id);
    if (!plan) {
      // Plans of other core counts or costs are not needed again soon: keep the cache small.
      if (this.plans.size >= 24) this.plans.clear();
      plan = buildPlan(this.requireRun().workload, technique, cores, options);
      this.plans.set(id, plan);
    }
    return plan;
  }

  /** The offered load a live view or a stage runs at: the one asked for, or the single-core MLFFR × cores. */
  private offeredLoad(asked: number | null | undefined, cores: number, key: string, options: ModelOptions): { single: number; auto: boolean; offered: number } {
    const single = this.singleCoreMlffr(key, options);
    const auto = asked === null || asked === undefined;
    const offered = auto ? single * cores : Number(asked);
    if (!(offered > 0) || !Number.isFinite(offered) || offered > 1e5) {
      throw new Error(`The offered load must be a number of Mpps above 0 and at most 100000, not ${String(asked)}.`);
    }
    return { single, auto, offered };
  }

  private singleCoreMlffr(key: string, options: ModelOptions): number {
    let mlffr = this.singleMlffr.get(key);
    if (mlffr === undefined) {
      mlffr = throughputBySaturation(buildPlan(this.replayed(), 'single', 1, options)).offeredMpps;
      this.singleMlffr.set(key, mlffr);
    }
    return mlffr;
  }

  private cellView(cell: SweepCell, active: ActiveSweep): SweepCellView {
    const { costs } = active.options;
    const bytes = active.frameBytes + costs.frameOverhead + cell.historyBytesPerPacket;
    return {
      technique: cell.technique,
      cores: cell.cores,
      offeredMpps: cell.offeredMpps,
      throughputMpps: cell.throughputMpps,
      loss: cell.loss,
      method: cell.method,
      bottleneck: cell.bottleneck,
      imbalance: cell.imbalance.maxOverMean,
      lockWaitShare: cell.lockWaitShare,
      cacheLinesPerPacket: cell.cacheLinesPerPacket,
      historyBytesPerPacket: cell.historyBytesPerPacket,
      linkGbps: (cell.throughputMpps * bytes * 8) / 1000,
      index: cell.index,
      total: cell.total,
    };
  }

  private liveTechnique(plan: Plan, result: RunResult, shown: number, bucketNs: number): LiveTechnique {
    const run = this.requireRun();
    const contention = result.contention;
    const N = plan.cores;
    let busyNs = 0;
    for (const b of result.perCore.busyFraction) busyNs += b * result.durationNs;
    const lockWaitSeries = (contention?.lockWaitNs ?? []).slice(0, shown).map((w) => w / (N * bucketNs));
    const transferSeries = (contention?.cacheLineTransfers ?? []).slice(0, shown).map((t) => t / (bucketNs / 1000));
    return {
      technique: plan.technique,
      cores: N,
      packets: result.perCore.packets,
      busyFraction: result.perCore.busyFraction,
      lockWaitNs: result.perCore.lockWaitNs,
      cacheLineTransfers: result.perCore.cacheLineTransfers,
      imbalance: result.imbalance.maxOverMean,
      loss: result.loss,
      throughputMpps: result.throughputMpps,
      takesLocks: plan.lockMode !== 'none',
      lockWaitShare: busyNs > 0 ? Math.min(1, result.lockWaitNs / busyNs) : 0,
      lockWaitSeries,
      transferSeries,
      topKeys: contention ? topKeys(run, contention.byLock) : [],
      counts: {
        offered: result.packets.offered,
        forwarded: result.packets.served,
        droppedRing: result.packets.droppedRing,
        droppedLink: result.packets.droppedLink,
      },
    };
  }
}

/** The buffers of a recording, to move to the page rather than copy. */
export function recordingBuffers(r: RunRecording): ArrayBuffer[] {
  const arrays = [r.sent, r.reach, r.core, r.fate, r.start, r.finish, r.lockId, r.lockAsk, r.lockGrant, r.lineFrom, r.lineEnd];
  if (r.rss) arrays.push(r.rss.buckets, ...r.rss.tables.map((p) => p.table));
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

function topKeys(run: LoadedRun, byLock: { lockWaitNs: Float64Array; cacheLineTransfers: Float64Array }): KeyContention[] {
  const ids: number[] = [];
  for (let L = 0; L < byLock.lockWaitNs.length; L++) {
    if ((byLock.lockWaitNs[L] as number) > 0 || (byLock.cacheLineTransfers[L] as number) > 0) ids.push(L);
  }
  ids.sort((a, b) => (byLock.lockWaitNs[b] as number) - (byLock.lockWaitNs[a] as number)
    || (byLock.cacheLineTransfers[b] as number) - (byLock.cacheLineTransfers[a] as number) || a - b);
  return ids.slice(0, TOP_KEYS).map((L) => ({
    key: keyText(run, L),
    lockWaitNs: byLock.lockWaitNs[L] as number,
    cacheLineTransfers: byLock.cacheLineTransfers[L] as number,
  }));
}

/** A lock's key as the program writes it; the lock past the last key is the global state's. */
function keyText(run: LoadedRun, lock: number): string {
  const { program, trace, keyPacket } = run;
  if (lock >= keyPacket.length) return program.scope.kind === 'per-key-plus-global' ? program.scope.global : 'global state';
  const i = keyPacket[lock] as number;
  const key = program.keyOf(program.extract(trace, i));
  return key === null ? `key ${lock}` : program.describeKey(key);
}

function flowText(trace: Trace, i: number): string {
  const six = trace.ipv6.get(i);
  const src = six ? `[${six.src}]` : ipv4ToString(trace.srcIp[i] as number);
  const dst = six ? `[${six.dst}]` : ipv4ToString(trace.dstIp[i] as number);
  const proto = trace.proto[i] as number;
  if (trace.ipVersion[i] === 0) return `non-IP frames (ethertype 0x${(trace.ethertype[i] as number).toString(16).padStart(4, '0')})`;
  if (proto === 6 || proto === 17) return `${src}:${trace.srcPort[i]} → ${dst}:${trace.dstPort[i]} ${protoName(proto)}`;
  return `${src} → ${dst} ${protoName(proto)}`;
}

/**
 * Speedup T(N)/T(1) by the closed form for c1 at several multiples of d. Fast-forwarding a record
 * runs the same state update as the program, so c2 keeps the program's c2/c1 ratio: as compute
 * grows against dispatch, every core spends more of its time catching up and scaling fades.
 */
export function computeCurves(costs: Pick<CostModel, 'd' | 'c1' | 'c2'>, maxCores: number): ScrCostView['compute'] {
  const c2PerC1 = costs.c1 > 0 ? costs.c2 / costs.c1 : 0;
  const curve = (c1: number, c2: number): ComputeCurve => {
    const one = scrClosedFormMpps({ d: costs.d, c1, c2 }, 1);
    // With no cost at all the closed form is infinite: there is no speedup to speak of.
    const speedup = Array.from({ length: maxCores }, (_, i) => (Number.isFinite(one) ? scrClosedFormMpps({ d: costs.d, c1, c2 }, i + 1) / one : Number.NaN));
    return { c1, c2, speedup };
  };
  const curves = costs.d > 0 ? COMPUTE_RATIOS.map((r) => curve(r * costs.d, r * costs.d * c2PerC1)) : [];
  return { d: costs.d, c1: costs.c1, c2: costs.c2, c2PerC1, curves: [...curves, curve(costs.c1, costs.c2)] };
}
