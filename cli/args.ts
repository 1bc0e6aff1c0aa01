import { TRACE_HELP, TRACE_OPTIONS, UsageError, parseOptions, traceChoice, wholeNumber, type TraceChoice } from './arg-values';
import { LOSS_HELP, LOSS_OPTIONS, lossArgs, type LossArgs } from './loss-args';
import { SWEEP_HELP, parseSweepArgs, type SweepArgs } from './sweep-args';

export { UsageError } from './arg-values';
export type { LossArgs } from './loss-args';

export interface RunArgs extends TraceChoice {
  command: 'run';
  cores: number;
  historySize?: number;
  json: boolean;
  verdicts: boolean;
  exportPath?: string;
  /** Compare the whole replica state with the reference every k packets (0: never). */
  checkStatesEvery: number;
  /** Loss: a seeded rate at one place, drops by hand on links, the recovery mode and log size. */
  loss?: LossArgs;
}

export type CliArgs = RunArgs | SweepArgs | { command: 'help' };

const OPTIONS = {
  ...TRACE_OPTIONS,
  ...LOSS_OPTIONS,
  cores: { type: 'string' },
  history: { type: 'string' },
  verdicts: { type: 'boolean' },
  export: { type: 'string' },
  'check-states': { type: 'string' },
} as const;

/** Parses the CLI's arguments; throws UsageError with a one-line message. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  if (argv[0] === 'sweep') return parseSweepArgs(argv.slice(1));
  const { values, positionals } = parseOptions(argv, OPTIONS);
  const command = positionals[0] ?? 'help';
  if (values.help || command === 'help') return { command: 'help' };
  if (command !== 'run') throw new UsageError(`unknown command "${command}"; try "run", "sweep" or "help"`);
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);

  const cores = wholeNumber('cores', values.cores, 1, 64) ?? 4;
  const historySize = wholeNumber('history', values.history, 0, 1024);
  if (historySize !== undefined && historySize < cores - 1) {
    throw new UsageError(`--history ${historySize} cannot cover ${cores} cores: it needs at least ${cores - 1} records`);
  }
  const choice = traceChoice(values);
  if (values.export !== undefined && !/\.pcap(ng)?$/i.test(values.export)) {
    throw new UsageError(`--export writes pcap or pcapng: give a file name ending in .pcap or .pcapng, not "${values.export}"`);
  }
  const loss = lossArgs(values, choice.traceParams.seed as number | undefined);
  return {
    command: 'run',
    ...choice,
    cores,
    ...(historySize !== undefined ? { historySize } : {}),
    json: values.json ?? false,
    verdicts: values.verdicts ?? false,
    ...(values.export !== undefined ? { exportPath: values.export } : {}),
    checkStatesEvery: wholeNumber('check-states', values['check-states'], 0, 1_000_000_000) ?? 1000,
    ...(loss ? { loss } : {}),
  };
}

export const HELP = `SCR Explorer command line: run State-Compute Replication on a trace and check it against one core,
or compare how the techniques scale.

Usage: npm run scr -- run [options]

  --cores N           cores, 1 to 64 (default 4)
  --history H         records in the sequencer's ring (default cores-1; at least cores-1)
${TRACE_HELP}
  --check-states K    compare every replica's whole state with one core's every K packets (default 1000; 1: all)
  --verdicts          add the per-packet verdicts, in sequence order
  --export FILE       write the trace as FILE.pcap (classic pcap) or FILE.pcapng (with a comment
                      naming the program, cores and seed); both open in Wireshark

${LOSS_HELP}

Exit codes: 0 ok (every loss recovered); 2 bad arguments or unreadable input; 3 SCR disagreed with
the single-core reference and no loss explains it; 4 a core could not recover from a loss (a gap of
N+1 or more, congestion, or a log too small) and reported that its replica may diverge: every
difference found is on such a core (the summary says whether its state actually differs).

${SWEEP_HELP}`;
