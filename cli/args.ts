import { parseArgs } from 'node:util';
import { DEFAULT_LOG_SIZE, LOSS_PLACES, MAX_LOG_SIZE, RECOVERY_MODES, type LossPlace, type RecoveryMode } from '../src/engine/scr/loss';

/** A mistake in how the CLI was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface RunArgs {
  command: 'run';
  program: string;
  cores: number;
  historySize?: number;
  /** A generator id, or a path to a .pcap/.pcapng/.cap file. */
  trace: string;
  /** Generator parameters as typed (validated later by the generator's own parser). */
  traceParams: Record<string, unknown>;
  /** Program configuration (JSON object from --config, plus --knock for port knocking). */
  config: Record<string, unknown>;
  json: boolean;
  verdicts: boolean;
  exportPath?: string;
  /** Compare the whole replica state with the reference every k packets (0: never). */
  checkStatesEvery: number;
  /** Loss: a seeded rate at one place, drops by hand on links, the recovery mode and log size. */
  loss?: LossArgs;
}

export interface LossArgs {
  rate: number;
  where: LossPlace;
  seed: number;
  /** Packets lost on their link, by sequence number (with the core it was sent to, when given, checked). */
  drops: { seq: number; core?: number }[];
  recovery: RecoveryMode;
  logSize: number;
}

export type CliArgs = RunArgs | { command: 'help' };

const OPTIONS = {
  program: { type: 'string' },
  cores: { type: 'string' },
  history: { type: 'string' },
  trace: { type: 'string' },
  packets: { type: 'string' },
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
  verdicts: { type: 'boolean' },
  export: { type: 'string' },
  'check-states': { type: 'string' },
  loss: { type: 'string' },
  'loss-where': { type: 'string' },
  'loss-at': { type: 'string', multiple: true },
  'loss-seed': { type: 'string' },
  recovery: { type: 'string' },
  'log-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function wholeNumber(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  }
  return n;
}

function number(name: string, text: string | undefined): number | undefined {
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

/** A loss rate as a fraction ("0.01") or a percentage ("1%", "1.5 %"). */
function lossRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const percent = /^\s*([\d.]+)\s*%\s*$/.exec(text);
  const n = percent ? Number(percent[1]) / 100 : Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`--loss must be a fraction from 0 to 1 or a percentage (0.01 or 1%), not "${text}"`);
  }
  return n;
}

function drop(text: string): { seq: number; core?: number } {
  const m = /^\s*(\d+)\s*(?::\s*(\d+)\s*)?$/.exec(text);
  if (!m) throw new UsageError(`--loss-at takes SEQ or SEQ:CORE (the packet's sequence number and the core it goes to), not "${text}"`);
  return m[2] === undefined ? { seq: Number(m[1]) } : { seq: Number(m[1]), core: Number(m[2]) };
}

function oneOf<T extends string>(name: string, text: string | undefined, choices: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if (!(choices as readonly string[]).includes(text)) throw new UsageError(`--${name} must be one of ${choices.join(', ')}, not "${text}"`);
  return text as T;
}

function lossArgs(values: Record<string, unknown>, seed: number | undefined): LossArgs | undefined {
  const text = (name: string) => values[name] as string | undefined;
  const rate = lossRate(text('loss'));
  const drops = ((values['loss-at'] as string[] | undefined) ?? []).map(drop);
  const given = ['loss-where', 'loss-seed', 'recovery', 'log-size'].filter((name) => values[name] !== undefined);
  if (rate === undefined && drops.length === 0) {
    if (given.length > 0) throw new UsageError(`--${given[0]} needs --loss RATE or --loss-at SEQ:CORE`);
    return undefined;
  }
  const where = oneOf('loss-where', text('loss-where'), LOSS_PLACES, 'link');
  if (drops.length > 0 && where === 'before' && rate !== undefined && rate > 0) {
    throw new UsageError('--loss-at names packets by sequence number; with --loss-where before the numbering changes: use one or the other');
  }
  return {
    rate: rate ?? 0,
    where,
    seed: wholeNumber('loss-seed', text('loss-seed'), -2_147_483_648, 4_294_967_295) ?? seed ?? 1,
    drops,
    recovery: oneOf('recovery', text('recovery'), RECOVERY_MODES, 'logs'),
    logSize: wholeNumber('log-size', text('log-size'), 1, MAX_LOG_SIZE) ?? DEFAULT_LOG_SIZE,
  };
}

/** Parses the CLI's arguments; throws UsageError with a one-line message. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(((error as Error).message.split('\n')[0] ?? 'bad arguments').replace(/\. To specify a positional.*/, ''));
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? 'help';
  if (values.help || command === 'help') return { command: 'help' };
  if (command !== 'run') throw new UsageError(`unknown command "${command}"; try "run" or "help"`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);

  const cores = wholeNumber('cores', values.cores, 1, 64) ?? 4;
  const historySize = wholeNumber('history', values.history, 0, 1024);
  if (historySize !== undefined && historySize < cores - 1) {
    throw new UsageError(`--history ${historySize} cannot cover ${cores} cores: it needs at least ${cores - 1} records`);
  }
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
  if (values.export !== undefined && !/\.pcap$/i.test(values.export)) {
    throw new UsageError(`--export writes classic pcap: give a file name ending in .pcap, not "${values.export}"`);
  }
  return {
    command: 'run',
    program: values.program ?? 'portknock',
    cores,
    ...(historySize !== undefined ? { historySize } : {}),
    trace: values.trace ?? 'portknock',
    traceParams,
    config,
    json: values.json ?? false,
    verdicts: values.verdicts ?? false,
    ...(values.export !== undefined ? { exportPath: values.export } : {}),
    checkStatesEvery: wholeNumber('check-states', values['check-states'], 0, 1_000_000_000) ?? 1000,
    ...withLoss(lossArgs(values, traceParams.seed as number | undefined)),
  };
}

function withLoss(loss: LossArgs | undefined): { loss?: LossArgs } {
  return loss ? { loss } : {};
}

export const HELP = `SCR Explorer command line: run State-Compute Replication on a trace and check it against one core.

Usage: npm run scr -- run [options]

  --program ID        portknock (default), ddos, heavyhitter, policer, conntrack, nat
  --cores N           cores, 1 to 64 (default 4)
  --history H         records in the sequencer's ring (default cores-1; at least cores-1)
  --trace NAME|FILE   a generator (portknock, uniform, zipf, elephant, datacenter; default portknock)
                      or a capture file (.pcap, .pcapng)
  --packets N --flows N --skew S --elephant-share F --seed N --packet-size B --rate MPPS
  --arrival constant|exponential --concurrency N
                      generator parameters
  --knock 100,101,102 the knock sequence (port knocking; also shapes the portknock trace)
  --config JSON       program configuration, e.g. '{"threshold": 50}'
  --check-states K    compare every replica's whole state with one core's every K packets (default 1000; 1: all)
  --json              print the summary as JSON
  --verdicts          add the per-packet verdicts, in sequence order
  --export FILE.pcap  write the trace as a pcap file (opens in Wireshark)

Packet loss and recovery:
  --loss RATE         lose packets at random with this probability: 0.01 or 1% (seeded)
  --loss-where W      where: link (sequencer to core, default), before (the sequencer), after (processing)
  --loss-at SEQ:CORE  lose packet SEQ on its link to core CORE (SEQ mod cores); repeatable
  --loss-seed N       seed of the random losses (default: --seed, else 1)
  --recovery MODE     logs: read the missing records from the peers' logs (default);
                      copy: copy the whole state of a core that is further along
  --log-size N        records each core's log keeps (default 1024)

Exit codes: 0 ok (every loss recovered); 2 bad arguments or unreadable input; 3 SCR disagreed with
the single-core reference and no loss explains it; 4 a core could not recover from a loss (a gap of
N+1 or more, congestion, or a log too small) and reported that its replica may diverge: every
difference found is on such a core (the summary says whether its state actually differs).`;
