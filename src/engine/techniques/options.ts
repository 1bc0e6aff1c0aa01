/**
 * The techniques the model compares and the settings every run shares (ring size, loss
 * threshold, how locks spread packets, the RSS field set, RSS++'s period, ...).
 */
import { ConfigError } from '../programs/program';
import { defaultCosts, withCosts, type CostModel } from './costs';
import { RSS_FIELD_SETS, type RssFieldSet, type RssKeyName } from './toeplitz';

export type TechniqueId = 'single' | 'locks' | 'rss' | 'rsspp' | 'scr';
export const TECHNIQUES: readonly TechniqueId[] = ['single', 'locks', 'rss', 'rsspp', 'scr'];

export const TECHNIQUE_TITLES: Readonly<Record<TechniqueId, string>> = {
  single: 'single core',
  locks: 'shared state + locks',
  rss: 'sharding (RSS)',
  rsspp: 'RSS++',
  scr: 'SCR',
};

/** How the lock-based technique spreads packets over cores. */
export type Spreading = 'round-robin' | 'rss';

export interface ModelOptions {
  costs: CostModel;
  /** RX descriptors per core: packets waiting that the core has not started (default 256). */
  ringSize: number;
  /**
   * Packets per burst of the traffic generator (default 32, as DPDK replay tools send): a burst's
   * packets leave back to back at the link rate, one burst every burst·1000/offered ns; 1 spaces
   * every packet evenly. Bursts are what make cores meet on a hot lock below its limit.
   */
  burst: number;
  /** Packets the link may queue in front of the NIC (default 1024). */
  nicQueue: number;
  /** A rate is loss-free at or below this fraction lost (default 0.04, as the artifact). */
  lossThreshold: number;
  /** Spreading for shared state + locks (default round-robin: keys meet on every core). */
  lockSpreading: Spreading;
  /** RSS field set; 'auto' picks the one that keeps the program's state core-local. */
  rssFields: RssFieldSet | 'auto';
  /** RSS key; 'auto' is symmetric for bidirectional state, else Microsoft's (whatever the fields). */
  rssKey: RssKeyName | 'auto';
  /** RSS++ rebalances its table every this many packets, from the period's per-bucket load. */
  rebalanceEvery: number;
  /** Frame size for every packet in bytes (the NIC's view); undefined: the trace's own sizes. */
  packetSize?: number;
  /** Points of the per-core time series (default 100). */
  seriesPoints: number;
  /**
   * SCR only: the fraction of sprayed packets lost between the sequencer and their core (default
   * 0), chosen with `lossSeed`. The core that missed one reads the missing records from its
   * peers' logs when its next packet shows the gap (see plan.ts).
   */
  scrLoss: number;
  lossSeed: number;
}

export const DEFAULT_RING_SIZE = 256;
export const DEFAULT_LOSS_THRESHOLD = 0.04;

/** Defaults for a program, with overrides (costs are merged field by field); throws ConfigError. */
export function modelOptions(programId: string, overrides: Partial<Omit<ModelOptions, 'costs'>> & { costs?: Partial<CostModel> } = {}): ModelOptions {
  const { costs, ...rest } = overrides;
  const out: ModelOptions = {
    ringSize: DEFAULT_RING_SIZE,
    nicQueue: 1024,
    burst: 32,
    lossThreshold: DEFAULT_LOSS_THRESHOLD,
    lockSpreading: 'round-robin',
    rssFields: 'auto',
    rssKey: 'auto',
    rebalanceEvery: 4096,
    seriesPoints: 100,
    scrLoss: 0,
    lossSeed: 1,
    ...stripUndefined(rest),
    costs: withCosts(defaultCosts(programId), costs),
  };
  checkOptions(out);
  return out;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

function wholeIn(name: string, v: number, min: number, max: number): void {
  if (!Number.isInteger(v) || v < min || v > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not ${String(v)}`);
}

export function checkOptions(o: ModelOptions): void {
  wholeIn('the ring size', o.ringSize, 1, 65536);
  wholeIn('the NIC queue', o.nicQueue, 1, 1 << 20);
  wholeIn('the burst size', o.burst, 1, 4096);
  wholeIn('the RSS++ period (packets)', o.rebalanceEvery, 1, 1e9);
  wholeIn('the time-series points', o.seriesPoints, 1, 10000);
  if (!(o.lossThreshold >= 0 && o.lossThreshold < 1)) throw new ConfigError(`the loss threshold must be from 0 to below 1, not ${String(o.lossThreshold)}`);
  if (o.lockSpreading !== 'round-robin' && o.lockSpreading !== 'rss') throw new ConfigError(`lock spreading must be round-robin or rss, not ${String(o.lockSpreading)}`);
  if (o.rssFields !== 'auto' && !RSS_FIELD_SETS.includes(o.rssFields)) {
    throw new ConfigError(`the RSS fields must be auto, ${RSS_FIELD_SETS.join(', ')}; not ${String(o.rssFields)}`);
  }
  if (o.rssKey !== 'auto' && o.rssKey !== 'microsoft' && o.rssKey !== 'symmetric') throw new ConfigError(`the RSS key must be auto, microsoft or symmetric, not ${String(o.rssKey)}`);
  if (o.packetSize !== undefined) wholeIn('the packet size', o.packetSize, 64, 9000);
  if (!(o.costs.d + o.costs.c1 > 0)) throw new ConfigError('d + c1 must be above 0 ns: a core cannot handle a packet in no time');
  if (!(o.scrLoss >= 0 && o.scrLoss <= 0.5)) throw new ConfigError(`the SCR loss rate must be a fraction from 0 to 0.5, not ${String(o.scrLoss)}`);
  wholeIn('the loss seed', o.lossSeed, 0, 4294967295);
}

/** Parses a technique list: "all" or ids separated by commas; throws ConfigError. */
export function parseTechniques(text: string): TechniqueId[] {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 1 && parts[0] === 'all') return [...TECHNIQUES];
  const aliases: Record<string, TechniqueId> = { 'rss++': 'rsspp', lock: 'locks', sharding: 'rss' };
  const out: TechniqueId[] = [];
  for (const raw of parts) {
    const id = (aliases[raw] ?? raw) as TechniqueId;
    if (!TECHNIQUES.includes(id)) throw new ConfigError(`unknown technique "${raw}"; choose all or from ${TECHNIQUES.join(', ')}`);
    if (!out.includes(id)) out.push(id);
  }
  if (out.length === 0) throw new ConfigError('name at least one technique, or all');
  return out;
}
