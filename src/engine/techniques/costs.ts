/**
 * The timing model's costs, in nanoseconds per event, and the NIC/PCIe link. Every program has
 * defaults; every number can be overridden (`withCosts`, or `parseCostOverrides` for text typed
 * on the command line or in a form).
 *
 * Where the numbers come from (read this before quoting a figure):
 * - The SHAPE is the artifact's cost model (primer section 4): an SCR core spends
 *   d + c1 + (N-1)·c2 ns per packet, so T(N) = 1000·N / (d + c1 + (N-1)·c2) Mpps. The artifact
 *   fitted c1 and c2 by regressing measured program latency on N-1 and d from measured MLFFR
 *   (university data-center trace, 192-byte packets, 1-7 cores); the primer does not record
 *   the fitted values, so the numbers below are NOT those fits. They are plausible values chosen
 *   to reproduce the shapes the talk and the primer report:
 *   - d = 180 ns (driver RX, XDP entry and XDP_TX): one core forwards 4-5 Mpps, and with the
 *     default link (100 Gbit/s, 192-byte frames) SCR meets the NIC limit at about 10-12 cores
 *     for every program, as the talk reports "after about 11 cores" in one setup;
 *   - c1, c2 per program keep c2 well below d + c1 (near-linear scaling) and order the programs
 *     as the primer does: the DDoS counter is the lightest; the policer has the largest c2
 *     relative to d + c1 (the talk's example of fading scaling); conntrack's TCP state machine
 *     has the largest c1; the NAT's pool scan sits in between.
 * - Locks and caches (plausible x86 server figures, not measured here): an uncontended atomic
 *   acquire ~15 ns and a release store ~5 ns; moving a cache line last written by another core
 *   ~80 ns (core-to-core latency on a server mesh is typically 50-100 ns); under contention
 *   every core spinning on a lock makes each hand-over slower, about linearly in the number of
 *   waiters (Boyd-Wickizer et al., "Non-scalable locks are dangerous", Linux Symposium 2012):
 *   `lockHandoff` ns per waiting core. That term is what makes locks collapse rather than merely
 *   flatten on skewed traffic.
 * - logRead = 80 ns: a record in a peer's log was written by that core, so reading it is one
 *   cache-line transfer (as above); applying it costs c2 like any history record.
 * - hash = 8 ns: the software hash a lock-based program computes to find its key's lock. RSS is
 *   computed by the NIC in hardware at no CPU cost; single-core and SCR programs find their
 *   entry inside c1.
 * - NIC: 100 Gbit/s (the artifact's ConnectX-5), and 24 bytes per frame on the link beyond the
 *   frame itself (FCS 4, preamble 8, inter-frame gap 12). SCR's history bytes are added to every
 *   packet on the link (the sequencer sits in front of the NIC).
 */
import { ConfigError } from '../programs/program';

export interface CostModel {
  /** Dispatch: driver, XDP entry and transmit, per packet, outside the program (ns). */
  d: number;
  /** The program's own work on one packet: state update and verdict (ns). */
  c1: number;
  /** SCR: fast-forwarding one history record (ns). */
  c2: number;
  /** Taking an uncontended lock: one atomic read-modify-write (ns). */
  lockAcquire: number;
  /** Releasing a lock (ns). */
  lockRelease: number;
  /** Bringing a key's cache line from the core that last wrote it (ns). */
  cacheLine: number;
  /** Extra hand-over time per other core already spinning on the same lock (ns). */
  lockHandoff: number;
  /** Software hash to find a key's lock in the shared table (ns). */
  hash: number;
  /** SCR loss recovery: reading one record from a peer's log, a line another core wrote (ns). */
  logRead: number;
  /** NIC/PCIe link bandwidth in Gbit/s; 0 means no limit. */
  nicGbps: number;
  /** Bytes each frame costs on the link beyond its own length (FCS, preamble, gap). */
  frameOverhead: number;
}

export type CostName = keyof CostModel;

export interface CostInfo {
  unit: 'ns' | 'Gbit/s' | 'B';
  about: string;
  max: number;
}

export const COST_INFO: Readonly<Record<CostName, CostInfo>> = {
  d: { unit: 'ns', about: 'dispatch per packet (driver, XDP entry, transmit)', max: 1e6 },
  c1: { unit: 'ns', about: "the program's work on its own packet", max: 1e6 },
  c2: { unit: 'ns', about: 'SCR: fast-forward one history record', max: 1e6 },
  lockAcquire: { unit: 'ns', about: 'take an uncontended lock', max: 1e6 },
  lockRelease: { unit: 'ns', about: 'release a lock', max: 1e6 },
  cacheLine: { unit: 'ns', about: 'move a cache line written by another core', max: 1e6 },
  lockHandoff: { unit: 'ns', about: 'extra hand-over per core spinning on the lock', max: 1e6 },
  hash: { unit: 'ns', about: "software hash to find a key's lock", max: 1e6 },
  logRead: { unit: 'ns', about: "SCR recovery: read one record from a peer's log", max: 1e6 },
  nicGbps: { unit: 'Gbit/s', about: 'NIC/PCIe bandwidth (0: no limit)', max: 1e5 },
  frameOverhead: { unit: 'B', about: 'link bytes per frame beyond its length', max: 1e4 },
};

export const COST_NAMES = Object.keys(COST_INFO) as CostName[];

const SHARED: Omit<CostModel, 'c1' | 'c2'> = {
  d: 180,
  lockAcquire: 15,
  lockRelease: 5,
  cacheLine: 80,
  lockHandoff: 20,
  hash: 8,
  logRead: 80,
  nicGbps: 100,
  frameOverhead: 24,
};

/** Per-program program costs (see the header for where they come from). */
export const PROGRAM_COSTS: Readonly<Record<string, Pick<CostModel, 'c1' | 'c2'>>> = {
  portknock: { c1: 40, c2: 6 },
  ddos: { c1: 25, c2: 5 },
  heavyhitter: { c1: 50, c2: 10 },
  policer: { c1: 60, c2: 20 },
  conntrack: { c1: 80, c2: 15 },
  nat: { c1: 60, c2: 12 },
};

/** For a program this table does not know yet. */
const GENERIC_PROGRAM_COSTS = { c1: 50, c2: 10 };

/** The default costs of a program (a copy: change it freely). */
export function defaultCosts(programId: string): CostModel {
  return { ...SHARED, ...(PROGRAM_COSTS[programId] ?? GENERIC_PROGRAM_COSTS) };
}

/** Checks one cost value; throws ConfigError in words meant for the person who typed it. */
export function checkCost(name: string, value: number): number {
  const info = (COST_INFO as Record<string, CostInfo | undefined>)[name];
  if (info === undefined) throw new ConfigError(`unknown cost "${name}"; choose from ${COST_NAMES.join(', ')}`);
  if (!Number.isFinite(value) || value < 0 || value > info.max) {
    throw new ConfigError(`cost ${name} must be a number from 0 to ${info.max} ${info.unit}, not ${String(value)}`);
  }
  return value;
}

/** `base` with `overrides` applied, every value checked. */
export function withCosts(base: CostModel, overrides: Partial<CostModel> = {}): CostModel {
  const out = { ...base };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    out[name as CostName] = checkCost(name, value);
  }
  return out;
}

/** Parses "d=100,c1=20,c2=5" (spaces or commas between pairs) into overrides; throws ConfigError. */
export function parseCostOverrides(text: string): Partial<CostModel> {
  const out: Partial<CostModel> = {};
  for (const pair of text.split(/[\s,]+/).filter(Boolean)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ConfigError(`costs are written name=value, e.g. d=100,c1=20; not "${pair}"`);
    const name = pair.slice(0, eq).trim();
    const raw = pair.slice(eq + 1).trim();
    const value = raw === '' ? Number.NaN : Number(raw);
    out[name as CostName] = checkCost(name, value);
  }
  return out;
}

/** Nanoseconds the link needs for `bytes` bytes, or 0 when the link has no limit. */
export function linkNs(costs: CostModel, bytes: number): number {
  return costs.nicGbps > 0 ? (bytes * 8) / costs.nicGbps : 0;
}

/** The primer's closed form: SCR throughput on N cores in Mpps, ignoring the NIC. */
export function scrClosedFormMpps(costs: Pick<CostModel, 'd' | 'c1' | 'c2'>, cores: number): number {
  return (1000 * cores) / (costs.d + costs.c1 + (cores - 1) * costs.c2);
}
