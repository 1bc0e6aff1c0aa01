import { ConfigError, VERDICTS, recordBytes, type Verdict } from '../src/engine/programs/program';
import { getProgram, programIds } from '../src/engine/programs/registry';
import { ConfigSchedule } from '../src/engine/scr/config-schedule';
import { FATE_LOST_LINK, resolveLoss, type LossPlace, type LossSetup, type RecoveryMode } from '../src/engine/scr/loss';
import { NO_VERDICT, type DivergenceReport } from '../src/engine/scr/scr-machine';
import { gapOutcome, verifyScr, type Disagreement } from '../src/engine/scr/verify';
import { parseTraceParams } from '../src/engine/trace/generators/params';
import type { Trace } from '../src/engine/trace/trace';
import { overheadBytes, wireLayout, type WireSegment } from '../src/engine/scr/wire-layout';
import { UsageError, type LossArgs, type RunArgs } from './args';
import { exportTrace, loadTrace, type LoadedTrace } from './load-trace';

export interface RunSummary {
  program: { id: string; title: string; config: unknown };
  cores: number;
  historySize: number;
  trace: LoadedTrace['source'] & { packets: number };
  verdicts: Record<Verdict, number>;
  agreement: {
    agree: boolean;
    verdictsCompared: number;
    statesCompared: number;
    disagreements: Disagreement[];
    gaps: number;
    /** Disagreements in all (the list holds the first 20), and those no reported divergence explains (exit code 3 when > 0). */
    disagreementCount: number;
    unexplained: number;
  };
  /** With --loss or --loss-at. */
  loss?: LossSummary;
  wire: { recordBytes: number; historyRecords: number; overheadBytesPerPacket: number; segments: WireSegment[] };
  perCore: { core: number; packets: number; recordsApplied: number }[];
  timing: { simulateMs: number; packetsPerSecond: number };
  exported?: { path: string; bytes: number };
  /** Per-packet verdicts in sequence order, with --verdicts. */
  verdictList?: (Verdict | 'LOST')[];
}

export interface LossSummary {
  rate: number;
  where: LossPlace;
  seed: number;
  recovery: RecoveryMode;
  logSize: number;
  drops: number[];
  lost: { before: number; link: number; after: number };
  /** Gaps a core caught up on completely, and those it could not (congestion or an overwritten log). */
  recovered: number;
  unrecoverable: number;
  recordsRead: number;
  recordsLostEverywhere: number;
  statesCopied: number;
  waits: number;
  /** Cores that reported their replica may diverge, and what each gave up on. */
  divergent: number[];
  divergences: DivergenceReport[];
  /** Of those cores, the ones whose state or verdicts actually differ from a single core's. */
  actuallyDiffer: number[];
}

/** The sequenced trace and its loss: the seeded rate, then the drops by hand (checked against the run). */
function lossFor(trace: Trace, args: LossArgs, cores: number): { trace: Trace; loss: LossSetup } {
  const resolved = resolveLoss(trace, args);
  for (const d of args.drops) {
    if (d.seq >= resolved.trace.count) {
      throw new UsageError(`--loss-at ${d.seq}: there is no packet #${d.seq}; the packets are #0 to #${resolved.trace.count - 1}`);
    }
    if (d.core !== undefined && d.core !== d.seq % cores) {
      throw new UsageError(`--loss-at ${d.seq}:${d.core}: packet #${d.seq} goes to core ${d.seq % cores} (${d.seq} mod ${cores}), not core ${d.core}`);
    }
    resolved.loss.fate[d.seq] = FATE_LOST_LINK;
  }
  return resolved;
}

function programConfig(programId: string, raw: Record<string, unknown>) {
  if (!programIds().includes(programId)) {
    throw new UsageError(`--program must be one of ${programIds().join(', ')}, not "${programId}"`);
  }
  const program = getProgram(programId);
  const { knock, ...rest } = raw;
  // --knock also shapes the portknock trace; it is part of the config only for port knocking.
  const wanted = programId === 'portknock' || knock === undefined ? raw : rest;
  try {
    const base = program.defaultConfig as Record<string, unknown>;
    return { program, config: program.parseConfig({ ...base, ...wanted }) as unknown };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(`${programId} configuration (--config, --knock): ${error.message}`);
    throw error;
  }
}

/** The pcapng comment naming the run: program, cores, history and where the trace came from (seed included). */
function exportComment(s: RunSummary): string {
  const src = s.trace;
  const from = src.kind === 'capture' ? `capture ${src.path}` : `generator ${src.name}, seed ${String(parseTraceParams(src.params).seed)}`;
  return `SCR Explorer: program ${s.program.id}, ${s.cores} cores, history ${s.historySize}, ${from}, ${src.packets} packets`;
}

/** Runs SCR on the trace, checks it against the single-core reference, and summarises. */
export async function runScenario(args: RunArgs): Promise<RunSummary> {
  const { program, config } = programConfig(args.program, args.config);
  const loaded = await loadTrace(args.trace, args.traceParams, args.maxPackets);
  const { trace } = loaded;
  const historySize = args.historySize ?? args.cores - 1;

  const started = performance.now();
  const lossy = args.loss ? lossFor(trace, args.loss, args.cores) : undefined;
  const result = verifyScr({
    program,
    trace: lossy?.trace ?? trace,
    cores: args.cores,
    historySize,
    configs: new ConfigSchedule<unknown>(config),
    compareStateEvery: args.checkStatesEvery,
    ...(lossy ? { loss: { setup: lossy.loss } } : {}),
  });
  const simulateMs = performance.now() - started;

  const verdicts: Record<Verdict, number> = { PASS: 0, DROP: 0, TX: 0 };
  for (const code of result.verdicts) if (code !== NO_VERDICT) verdicts[VERDICTS[code] as Verdict]++;

  const summary: RunSummary = {
    program: { id: program.id, title: program.title, config },
    cores: args.cores,
    historySize,
    trace: { ...loaded.source, packets: trace.count },
    verdicts,
    agreement: {
      agree: result.agree,
      verdictsCompared: result.verdictsCompared,
      statesCompared: result.statesCompared,
      disagreements: result.disagreements,
      gaps: result.gaps,
      disagreementCount: result.disagreementCount,
      unexplained: result.unexplained,
    },
    wire: {
      recordBytes: recordBytes(program),
      historyRecords: historySize,
      overheadBytesPerPacket: overheadBytes(program, historySize),
      segments: wireLayout(program, historySize),
    },
    perCore: result.packetsPerCore.map((packets, core) => ({ core, packets, recordsApplied: result.appliedPerCore[core] ?? 0 })),
    timing: { simulateMs, packetsPerSecond: trace.count / Math.max(simulateMs / 1000, 1e-9) },
  };
  if (args.loss && result.recovery) {
    const r = result.recovery;
    const outcome = gapOutcome(r);
    summary.loss = {
      rate: args.loss.rate,
      where: args.loss.where,
      seed: args.loss.seed,
      recovery: args.loss.recovery,
      logSize: args.loss.logSize,
      drops: args.loss.drops.map((d) => d.seq),
      lost: { before: r.lostBefore, link: r.lostLink, after: r.lostAfter },
      recovered: outcome.recovered,
      unrecoverable: outcome.unrecoverable,
      recordsRead: r.recordsRead,
      recordsLostEverywhere: r.recordsLostEverywhere,
      statesCopied: r.copies,
      waits: r.waits,
      divergent: outcome.divergentCores,
      divergences: r.divergences,
      actuallyDiffer: [...new Set(result.disagreements.map((d) => d.core))].sort((a, b) => a - b),
    };
  }
  if (args.exportPath) summary.exported = { path: args.exportPath, bytes: exportTrace(trace, args.exportPath, exportComment(summary)) };
  if (args.verdicts) summary.verdictList = [...result.verdicts].map((code) => (code === NO_VERDICT ? 'LOST' : (VERDICTS[code] as Verdict)));
  return summary;
}
