/**
 * `npm run scr -- sweep`: the scaling table of the timed model. Rows are core counts and are
 * printed as soon as each is computed (CSV rows per cell), so a long sweep shows progress.
 */
import { getProgram, programIds } from '../src/engine/programs/registry';
import { scrClosedFormMpps } from '../src/engine/techniques/costs';
import { modelOptions, type ModelOptions, type TechniqueId } from '../src/engine/techniques/options';
import type { SweepCell } from '../src/engine/techniques/sweep';
import { UsageError, inWords } from './arg-values';
import { loadTrace, type LoadedTrace } from './load-trace';
import { parallelSweep } from './parallel-sweep';
import type { SweepArgs } from './sweep-args';

/** Below this, the queues' share of the run decides the figure more than the cores do. */
export const MIN_SWEEP_PACKETS = 1000;

export interface SweepSummary {
  program: { id: string; title: string };
  trace: LoadedTrace['source'] & { packets: number };
  options: ModelOptions;
  cells: SweepCell[];
  /** The primer's T(N) for the SCR costs, ignoring the NIC, per core count. */
  scrClosedForm: { cores: number; mpps: number }[];
}

const CSV_COLUMNS = [
  'technique', 'cores', 'throughput_mpps', 'offered_mpps', 'loss', 'bottleneck', 'method',
  'imbalance_max_over_mean', 'imbalance_cv', 'lock_wait_share', 'cache_lines_per_packet', 'history_bytes_per_packet',
] as const;

function csvRow(c: SweepCell): string {
  const f = (x: number) => String(Math.round(x * 1e6) / 1e6);
  return [c.technique, c.cores, f(c.throughputMpps), f(c.offeredMpps), f(c.loss), c.bottleneck, c.method,
    f(c.imbalance.maxOverMean), f(c.imbalance.cv), f(c.lockWaitShare), f(c.cacheLinesPerPacket), c.historyBytesPerPacket].join(',');
}

const WIDTH = 10;
const SHORT: Record<TechniqueId, string> = { single: '1 core', locks: 'locks', rss: 'RSS', rsspp: 'RSS++', scr: 'SCR' };
const cell = (text: string) => text.padStart(WIDTH);

function headerLines(s: Omit<SweepSummary, 'cells' | 'timing' | 'scrClosedForm'>, techniques: readonly TechniqueId[]): string[] {
  const c = s.options.costs;
  const trace = s.trace.kind === 'generator' ? `${s.trace.name} trace` : s.trace.path;
  return [
    `${s.program.title}, ${trace} (${s.trace.packets.toLocaleString('en-US')} packets): throughput in Mpps, the maximum loss-free rate (loss <= ${s.options.lossThreshold * 100} %)`,
    `costs: d=${c.d} c1=${c.c1} c2=${c.c2} ns, lock ${c.lockAcquire}+${c.lockRelease} ns, cache line ${c.cacheLine} ns, NIC ${c.nicGbps ? `${c.nicGbps} Gbit/s` : 'unlimited'}; ring ${s.options.ringSize}` +
      (s.options.scrLoss > 0 ? `; SCR loses ${s.options.scrLoss * 100} % between sequencer and cores (recovery: ${c.logRead} ns per record read)` : ''),
    '',
    ['cores'.padStart(5), ...techniques.map((t) => cell(`${SHORT[t]} `)), cell('T(N) ')].join(''),
  ];
}

function rowLine(cores: number, row: Map<TechniqueId, SweepCell>, techniques: readonly TechniqueId[], costs: ModelOptions['costs']): string {
  const text = (t: TechniqueId) => {
    const c = row.get(t);
    // A star marks a cell the NIC/PCIe link limits rather than the cores.
    if (!c) return '- ';
    if (c.noLossFreeRate) return 'none ';
    return `${c.throughputMpps.toFixed(2)}${c.bottleneck === 'link' ? '*' : ' '}`;
  };
  return [String(cores).padStart(5), ...techniques.map((t) => cell(text(t))), cell(`${scrClosedFormMpps(costs, cores).toFixed(2)} `)].join('');
}

function notes(cells: readonly SweepCell[]): string[] {
  const out = [
    '',
    'locks: shared state + locks; RSS: sharding by RSS; RSS++: sharding, rebalanced; T(N): the primer\'s SCR formula, no NIC limit',
    '* limited by the NIC/PCIe link (SCR adds its history to every packet), not by the cores',
  ];
  const sharding = cells.find((c) => c.sharding)?.sharding;
  if (sharding) out.push(`sharding: ${sharding.reason}`);
  if (cells.some((c) => c.noLossFreeRate)) out.push('none: even a vanishing load loses more than the threshold (a queue shorter than a burst?)');
  return out;
}

/** Prints the sweep on `out`; how long it took goes to `err` in --json and --csv, keeping `out` reproducible. */
export async function runSweepCommand(args: SweepArgs, out: (line: string) => void, err: (line: string) => void): Promise<SweepSummary> {
  if (!programIds().includes(args.program)) throw new UsageError(`--program must be one of ${programIds().join(', ')}, not "${args.program}"`);
  const program = getProgram(args.program);
  const options = inWords(() => modelOptions(program.id, { ...args.model, costs: args.costs }));
  const loaded = await loadTrace(args.trace, args.traceParams, args.maxPackets);
  if (loaded.trace.count < MIN_SWEEP_PACKETS) {
    throw new UsageError(`a sweep needs at least ${MIN_SWEEP_PACKETS.toLocaleString('en-US')} packets to measure a loss-free rate; this trace has ${loaded.trace.count}`);
  }
  const head = { program: { id: program.id, title: program.title }, trace: { ...loaded.source, packets: loaded.trace.count }, options };
  const started = performance.now();
  const table = !args.json && !args.csv;
  if (table) headerLines(head, args.techniques).forEach((line) => out(line));
  if (args.csv) out(CSV_COLUMNS.join(','));

  const cells: SweepCell[] = [];
  let row = new Map<TechniqueId, SweepCell>();
  const spec = { programId: program.id, trace: loaded.trace, options, techniques: args.techniques, cores: args.cores, method: args.method, jobs: args.jobs };
  await parallelSweep(spec, (c) => {
    cells.push(c);
    if (args.csv) out(csvRow(c));
    row.set(c.technique, c);
    if (row.size === args.techniques.length) {
      if (table) out(rowLine(c.cores, row, args.techniques, options.costs));
      row = new Map();
    }
  });
  const sweepMs = performance.now() - started;
  const summary: SweepSummary = {
    ...head,
    cells,
    scrClosedForm: args.cores.map((cores) => ({ cores, mpps: scrClosedFormMpps(options.costs, cores) })),
  };
  const took = `computed in ${(sweepMs / 1000).toFixed(2)} s on ${args.jobs} thread${args.jobs === 1 ? '' : 's'}`;
  if (table) {
    notes(cells).forEach((line) => out(line));
    out(took);
  } else err(took);
  if (args.json) out(JSON.stringify(summary, null, 2));
  return summary;
}
