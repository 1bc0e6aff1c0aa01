import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../src/engine/programs/program';

/**
 * Argument values shared by the CLI's commands: the trace options every command takes, and the
 * checks that turn typed text into numbers with one-line messages.
 */

/** A mistake in how the CLI was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Options that choose and shape the trace, for every command. */
export const TRACE_OPTIONS = {
  program: { type: 'string' },
  trace: { type: 'string' },
  packets: { type: 'string' },
  'max-packets': { type: 'string' },
  flows: { type: 'string' },
  skew: { type: 'string' },
  'elephant-share': { type: 'string' },
  seed: { type: 'string' },
  'packet-size': { type: 'string' },
  rate: { type: 'string' },
  arrival: { type: 'string' },
  concurrency: { type: 'string' },
  knock: { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function wholeNumber(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return n;
}

export function number(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, not "${text}"`);
  return n;
}

function knockList(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  return text.split(/[\s,]+/).filter(Boolean).map(Number);
}

function jsonObject(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--config must be a JSON object, e.g. '{"threshold": 50}'; could not parse "${text}"`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('--config must be a JSON object');
  return value as Record<string, unknown>;
}

type TraceValues = { [K in keyof typeof TRACE_OPTIONS]?: (typeof TRACE_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** The program, trace and their parameters as typed (checked later by the generator's own parser). */
export interface TraceChoice {
  program: string;
  /** A generator id, or a path to a .pcap/.pcapng/.cap file. */
  trace: string;
  traceParams: Record<string, unknown>;
  /** Program configuration (JSON object from --config, plus --knock for port knocking). */
  config: Record<string, unknown>;
  /** --max-packets: read at most this many packets of a capture file. */
  maxPackets?: number;
}

/** Packets a run holds by default, and at most with --max-packets (memory: see the README). */
export const DEFAULT_MAX_PACKETS = 2_000_000;
export const MAX_PACKETS_LIMIT = 5_000_000;

export function traceChoice(values: TraceValues): TraceChoice {
  const knock = knockList(values.knock);
  const traceParams: Record<string, unknown> = {
    packets: wholeNumber('packets', values.packets, 1, 5_000_000),
    flows: wholeNumber('flows', values.flows, 1, 1_000_000),
    skew: number('skew', values.skew),
    elephantShare: number('elephant-share', values['elephant-share']),
    seed: wholeNumber('seed', values.seed, -2_147_483_648, 4_294_967_295),
    packetSize: wholeNumber('packet-size', values['packet-size'], 64, 9000),
    rateMpps: number('rate', values.rate),
    arrival: values.arrival,
    concurrency: wholeNumber('concurrency', values.concurrency, 1, 4096),
    knock,
  };
  for (const key of Object.keys(traceParams)) if (traceParams[key] === undefined) delete traceParams[key];
  const config = jsonObject(values.config);
  if (knock !== undefined) config.knock = knock;
  const maxPackets = wholeNumber('max-packets', values['max-packets'], 1, MAX_PACKETS_LIMIT);
  return { program: values.program ?? 'portknock', trace: values.trace ?? 'portknock', traceParams, config, ...(maxPackets !== undefined ? { maxPackets } : {}) };
}

export const TRACE_HELP = `  --program ID        portknock (default), ddos, heavyhitter, policer, conntrack, nat
  --trace NAME|FILE   a generator (portknock, uniform, zipf, elephant, datacenter; default portknock)
                      or a capture file (.pcap, .pcapng)
  --packets N --flows N --skew S --elephant-share F --seed N --packet-size B --rate MPPS
  --arrival constant|exponential --concurrency N
                      generator parameters
  --max-packets N     read at most the first N packets of a capture file (1 to 5,000,000); without
                      it a capture of more than 2,000,000 packets is refused (memory)
  --knock 100,101,102 the knock sequence (port knocking; also shapes the portknock trace)
  --config JSON       program configuration, e.g. '{"threshold": 50}'
  --json              print the result as JSON`;

/** `text` when it is one of `choices` (undefined when not given); a UsageError otherwise. */
export function oneOf<T extends string>(name: string, text: string | undefined, choices: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not "${text}"`);
  return text as T;
}

/** Runs `parse`, turning the engine's ConfigError (a value the user gave) into a UsageError. */
export function inWords<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** node's parseArgs, strict, positionals allowed, its errors as one line without the advice about positionals. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T) {
  // A negative number after a value option (`--cores -1`) is its value, not an option: Node would
  // call it ambiguous. Joining them (`--cores=-1`) lets the value's own check word the problem.
  const args: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] as string;
    const name = a.startsWith('--') ? a.slice(2) : '';
    const next = argv[k + 1];
    if (options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      args.push(`${a}=${next}`);
      k++;
    } else args.push(a);
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(((error as Error).message.split('\n')[0] ?? 'bad arguments').replace(/\. To specify a positional.*/, ''));
  }
}
