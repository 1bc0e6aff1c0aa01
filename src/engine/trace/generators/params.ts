/**
 * The parameters every trace generator reads (each generator uses a subset: see its `params`),
 * their defaults and limits, and `parseTraceParams`, which checks values coming from the UI, the
 * URL or the CLI and explains in plain words what is wrong with them.
 */

/** How packet arrival times are spaced. */
export type ArrivalMode = 'constant' | 'exponential';
export const ARRIVAL_MODES: readonly ArrivalMode[] = ['constant', 'exponential'];

export interface TraceParams {
  /** Number of packets in the trace (1..5,000,000). */
  packets: number;
  /** Number of distinct flows (5-tuples) for uniform, zipf and elephant (1..1,000,000). */
  flows: number;
  /** Zipf exponent: P(flow rank k) ~ 1/(k+1)^skew; 0 is uniform (0..3). */
  skew: number;
  /** Share of the packets carried by the elephant flow(s) (0..1). */
  elephantShare: number;
  /** Seed of the random generator; any 32-bit integer (signed or unsigned). */
  seed: number;
  /** Frame length on the wire in bytes, Ethernet header included, FCS excluded (64..9000). */
  packetSize: number;
  /** Offered load in million packets per second; sets the mean gap between arrivals (0.001..1000). */
  rateMpps: number;
  /** `constant`: every gap is 1000/rateMpps ns; `exponential`: seeded Poisson arrivals with that mean gap. */
  arrival: ArrivalMode;
  /** Connections open at the same time in the datacenter trace (1..4096). */
  concurrency: number;
  /** The knock sequence of the port-knocking scenario: 1 to 8 TCP ports. */
  knock: number[];
}

export type TraceParamName = keyof TraceParams;

export const MAX_KNOCK_PORTS = 8;

export const DEFAULT_TRACE_PARAMS: Readonly<TraceParams> = Object.freeze({
  packets: 10_000,
  flows: 1_000,
  skew: 1.1,
  elephantShare: 0.8,
  seed: 1,
  // The paper's artifact measured throughput with 192-byte packets.
  packetSize: 192,
  rateMpps: 10,
  arrival: 'exponential',
  concurrency: 32,
  knock: [100, 101, 102],
});
Object.freeze(DEFAULT_TRACE_PARAMS.knock);

/** A fresh, mutable copy of the defaults. */
export function defaultTraceParams(): TraceParams {
  return { ...DEFAULT_TRACE_PARAMS, knock: [...DEFAULT_TRACE_PARAMS.knock] };
}

/** Limits and words for the numeric parameters, for forms, sliders and error messages. */
export interface NumericParamSpec {
  label: string;
  min: number;
  max: number;
  integer: boolean;
  unit?: string;
  about: string;
}

export const NUMERIC_PARAM_SPECS = {
  packets: { label: 'packets', min: 1, max: 5_000_000, integer: true, about: 'packets in the trace' },
  flows: { label: 'flows', min: 1, max: 1_000_000, integer: true, about: 'distinct flows (5-tuples)' },
  skew: { label: 'Zipf skew', min: 0, max: 3, integer: false, about: '0 is uniform; about 1 is typical of real traffic' },
  elephantShare: { label: 'elephant share', min: 0, max: 1, integer: false, about: 'fraction of the packets in elephant flows' },
  seed: { label: 'seed', min: -2_147_483_648, max: 4_294_967_295, integer: true, about: 'same seed, same trace' },
  packetSize: { label: 'packet size', min: 64, max: 9000, integer: true, unit: 'B', about: 'frame length on the wire' },
  rateMpps: { label: 'offered rate', min: 0.001, max: 1000, integer: false, unit: 'Mpps', about: 'sets the arrival timestamps' },
  concurrency: { label: 'concurrent connections', min: 1, max: 4096, integer: true, about: 'connections open at once (datacenter)' },
} as const satisfies Record<Exclude<TraceParamName, 'arrival' | 'knock'>, NumericParamSpec>;

type NumericParamName = keyof typeof NUMERIC_PARAM_SPECS;

/** A trace parameter that cannot be used, with a message meant for the person who typed it. */
export class TraceParamError extends RangeError {
  override name = 'TraceParamError';
  constructor(readonly param: string, message: string) {
    super(message);
  }
}

export interface ParseTraceParamsOptions {
  /**
   * Out-of-range numbers are brought to the nearest limit and fractional counts rounded,
   * instead of being rejected (for sliders and hand-edited URLs). Values that are not numbers
   * at all, NaN and infinities are rejected either way.
   */
  clamp?: boolean;
}

function formatLimit(n: number): string {
  return Number.isInteger(n) && Math.abs(n) >= 10_000 ? n.toLocaleString('en-US') : String(n);
}

function toNumber(name: string, raw: unknown): number {
  let value: number;
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'string' && raw.trim() !== '') value = Number(raw.trim().replace(/_/g, ''));
  else throw new TraceParamError(name, `${name} must be a number, not ${describe(raw)}`);
  if (!Number.isFinite(value)) throw new TraceParamError(name, `${name} must be a finite number, not ${describe(raw)}`);
  return value;
}

function describe(raw: unknown): string {
  if (typeof raw === 'string') return `"${raw}"`;
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'a list';
  if (typeof raw === 'object') return 'an object';
  return String(raw);
}

function parseNumeric(name: NumericParamName, raw: unknown, clamp: boolean): number {
  const spec: NumericParamSpec = NUMERIC_PARAM_SPECS[name];
  let value = toNumber(name, raw);
  const range = `${formatLimit(spec.min)} to ${formatLimit(spec.max)}${spec.unit ? ` ${spec.unit}` : ''}`;
  if (spec.integer && !Number.isInteger(value)) {
    if (!clamp) throw new TraceParamError(name, `${name} must be a whole number from ${range}, not ${String(raw)}`);
    value = Math.round(value);
  }
  if (value < spec.min || value > spec.max) {
    if (!clamp) throw new TraceParamError(name, `${name} must be from ${range}, not ${formatLimit(value)}`);
    value = Math.min(spec.max, Math.max(spec.min, value));
  }
  // -0 and +0 give the same trace; keep the value tidy for URLs.
  return value === 0 ? 0 : value;
}

function parseArrival(raw: unknown): ArrivalMode {
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : raw;
  if (text === 'poisson') return 'exponential';
  if (ARRIVAL_MODES.includes(text as ArrivalMode)) return text as ArrivalMode;
  throw new TraceParamError('arrival', `arrival must be one of ${ARRIVAL_MODES.join(', ')}, not ${describe(raw)}`);
}

function parseKnock(raw: unknown): number[] {
  const list = typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean) : raw;
  if (!Array.isArray(list)) throw new TraceParamError('knock', 'knock must be a list of TCP ports, e.g. 100,101,102');
  if (list.length < 1 || list.length > MAX_KNOCK_PORTS) {
    throw new TraceParamError('knock', `knock needs 1 to ${MAX_KNOCK_PORTS} ports, not ${list.length}`);
  }
  return list.map((p: unknown, i) => {
    const port = typeof p === 'string' && p.trim() !== '' ? Number(p) : p;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new TraceParamError('knock', `knock port ${i + 1} must be a whole number from 1 to 65535, not ${describe(p)}`);
    }
    return port;
  });
}

/**
 * Checks and normalises trace parameters. `raw` is undefined/null (all defaults) or an object
 * whose missing or undefined fields take their defaults; numbers may be given as numeric strings
 * (from a URL or the command line), `knock` as "100,101,102". Keys that are not parameters are
 * ignored, so a wider object (e.g. one that also names the generator) can be passed as it is.
 * Throws a `TraceParamError` (a `RangeError`) naming the parameter and its valid range.
 */
export function parseTraceParams(raw: unknown, options: ParseTraceParamsOptions = {}): TraceParams {
  if (raw === undefined || raw === null) return defaultTraceParams();
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new TraceParamError('params', `trace parameters must be an object such as { packets: 10000, seed: 1 }, not ${describe(raw)}`);
  }
  const clamp = options.clamp ?? false;
  const input = raw as Partial<Record<TraceParamName, unknown>>;
  const out = defaultTraceParams();
  for (const name of Object.keys(NUMERIC_PARAM_SPECS) as NumericParamName[]) {
    const value = input[name];
    if (value !== undefined) out[name] = parseNumeric(name, value, clamp);
  }
  if (input.arrival !== undefined) out.arrival = parseArrival(input.arrival);
  if (input.knock !== undefined) out.knock = parseKnock(input.knock);
  return out;
}
