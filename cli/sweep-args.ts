import { availableParallelism } from 'node:os';
import { parseCostOverrides, type CostModel } from '../src/engine/techniques/costs';
import { parseTechniques, type ModelOptions, type TechniqueId } from '../src/engine/techniques/options';
import { MAX_CORES } from '../src/engine/techniques/plan';
import type { ThroughputMethod } from '../src/engine/techniques/throughput';
import { TRACE_HELP, TRACE_OPTIONS, UsageError, parseOptions, inWords, number, oneOf, traceChoice, wholeNumber, type TraceChoice } from './arg-values';

export interface SweepArgs extends TraceChoice {
  command: 'sweep';
  cores: number[];
  techniques: TechniqueId[];
  costs: Partial<CostModel>;
  /** Model settings other than the costs, as given (defaults come from modelOptions). */
  model: Partial<Omit<ModelOptions, 'costs'>>;
  method: ThroughputMethod;
  /** Worker threads computing cells (the result does not depend on it). */
  jobs: number;
  json: boolean;
  csv: boolean;
}

const OPTIONS = {
  ...TRACE_OPTIONS,
  cores: { type: 'string' },
  techniques: { type: 'string' },
  cost: { type: 'string' },
  ring: { type: 'string' },
  'loss-threshold': { type: 'string' },
  'lock-spreading': { type: 'string' },
  'rss-fields': { type: 'string' },
  'rss-key': { type: 'string' },
  'rebalance-every': { type: 'string' },
  burst: { type: 'string' },
  'scr-loss': { type: 'string' },
  method: { type: 'string' },
  jobs: { type: 'string' },
  csv: { type: 'boolean' },
} as const;

/** "1-16", "1,2,4,8,16", "8" or a mix ("1,2,4-8"): ascending, without repeats. */
export function parseCoreList(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    const [from, to] = range ? [Number(range[1]), Number(range[2])] : /^\d+$/.test(part) ? [Number(part), Number(part)] : [NaN, NaN];
    if (!(from >= 1 && to <= MAX_CORES && from <= to)) {
      throw new UsageError(`--cores takes core counts from 1 to ${MAX_CORES} as a list or range, e.g. 1-16 or 1,2,4,8,16; not "${text}"`);
    }
    for (let n = from; n <= to; n++) out.add(n);
  }
  return [...out].sort((a, b) => a - b);
}



export function parseSweepArgs(argv: readonly string[]): SweepArgs | { command: 'help' } {
  const { values, positionals } = parseOptions(argv, OPTIONS);
  if (values.help) return { command: 'help' };
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.json && values.csv) throw new UsageError('choose --json or --csv, not both');
  // The model offers its own load and needs no program configuration: say so rather than ignore.
  for (const name of ['config', 'rate', 'arrival'] as const) {
    if (values[name] !== undefined) throw new UsageError(`--${name} does not apply to sweep: the timed model offers its own load and reads only the packets' headers`);
  }
  const model: SweepArgs['model'] = {
    ringSize: wholeNumber('ring', values.ring, 1, 65536),
    lossThreshold: number('loss-threshold', values['loss-threshold']),
    lockSpreading: oneOf('lock-spreading', values['lock-spreading'], ['round-robin', 'rss'] as const),
    rssFields: oneOf('rss-fields', values['rss-fields'], ['auto', '5-tuple', '2-tuple', 'src-ip'] as const),
    rssKey: oneOf('rss-key', values['rss-key'], ['auto', 'microsoft', 'symmetric'] as const),
    rebalanceEvery: wholeNumber('rebalance-every', values['rebalance-every'], 1, 1e9),
    burst: wholeNumber('burst', values.burst, 1, 4096),
    scrLoss: number('scr-loss', values['scr-loss']),
  };
  return {
    command: 'sweep',
    ...traceChoice(values),
    cores: parseCoreList(values.cores ?? '1-16'),
    techniques: inWords(() => parseTechniques(values.techniques ?? 'all')),
    costs: inWords(() => parseCostOverrides(values.cost ?? '')),
    model,
    method: oneOf('method', values.method, ['saturation', 'mlffr'] as const) ?? 'saturation',
    jobs: wholeNumber('jobs', values.jobs, 1, 64) ?? availableParallelism(),
    json: values.json ?? false,
    csv: values.csv ?? false,
  };
}

export const SWEEP_HELP = `Usage: npm run scr -- sweep [options]
Throughput (maximum loss-free forwarding rate) of each technique on each core count, from the
timed model: single core, locks (shared state + locks), rss (sharding), rsspp (RSS++), scr.

${TRACE_HELP}
  --cores LIST        core counts: a range or list, e.g. 1-16 (default) or 1,2,4,8,16
  --techniques LIST   all (default) or some of single, locks, rss, rsspp, scr
  --cost K=V,...      override costs: d, c1, c2 (ns), lockAcquire, lockRelease, cacheLine,
                      lockHandoff, hash (ns), nicGbps (0: no limit), frameOverhead (B)
  --ring N            RX descriptors per core (default 256)
  --loss-threshold F  loss allowed at the MLFFR, as a fraction (default 0.04)
  --lock-spreading round-robin|rss   how locks spread packets (default round-robin)
  --rss-fields auto|5-tuple|2-tuple|src-ip   --rss-key auto|microsoft|symmetric
  --rebalance-every N RSS++ rebalancing period in packets (default 4096)
  --burst N           packets per burst of the traffic generator (default 32)
  --scr-loss F        SCR: fraction of packets lost between sequencer and cores, recovered
                      from the peers' logs (e.g. 0.01 for 1 %; default 0)
  --method saturation|mlffr   fast fluid computation where exact (default), or the binary
                      search of simulations for every cell
  --jobs N            threads computing cells (default: one per CPU core; same result)
  --csv               print comma-separated values (one row per cell, as they are computed)`;
