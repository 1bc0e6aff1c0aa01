/** The `run` command's packet-loss options: a seeded rate at one place, drops by hand, recovery. */
import { DEFAULT_LOG_SIZE, LOSS_PLACES, MAX_LOG_SIZE, RECOVERY_MODES, type LossPlace, type RecoveryMode } from '../src/engine/scr/loss';
import { UsageError, oneOf, wholeNumber } from './arg-values';

export interface LossArgs {
  rate: number;
  where: LossPlace;
  seed: number;
  /** Packets lost on their link, by sequence number (with the core it was sent to, when given, checked). */
  drops: { seq: number; core?: number }[];
  recovery: RecoveryMode;
  logSize: number;
}

export const LOSS_OPTIONS = {
  loss: { type: 'string' },
  'loss-where': { type: 'string' },
  'loss-at': { type: 'string', multiple: true },
  'loss-seed': { type: 'string' },
  recovery: { type: 'string' },
  'log-size': { type: 'string' },
} as const;

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

/** The loss options as given, or undefined when none was; `seed` is the trace's, the default loss seed. */
export function lossArgs(values: Record<string, unknown>, seed: number | undefined): LossArgs | undefined {
  const text = (name: string) => values[name] as string | undefined;
  const rate = lossRate(text('loss'));
  const drops = ((values['loss-at'] as string[] | undefined) ?? []).map(drop);
  const given = ['loss-where', 'loss-seed', 'recovery', 'log-size'].filter((name) => values[name] !== undefined);
  if (rate === undefined && drops.length === 0) {
    if (given.length > 0) throw new UsageError(`--${given[0]} needs --loss RATE or --loss-at SEQ:CORE`);
    return undefined;
  }
  const where = oneOf('loss-where', text('loss-where'), LOSS_PLACES) ?? 'link';
  if (drops.length > 0 && where === 'before' && rate !== undefined && rate > 0) {
    throw new UsageError('--loss-at names packets by sequence number; with --loss-where before the numbering changes: use one or the other');
  }
  return {
    rate: rate ?? 0,
    where,
    seed: wholeNumber('loss-seed', text('loss-seed'), -2_147_483_648, 4_294_967_295) ?? seed ?? 1,
    drops,
    recovery: oneOf('recovery', text('recovery'), RECOVERY_MODES) ?? 'logs',
    logSize: wholeNumber('log-size', text('log-size'), 1, MAX_LOG_SIZE) ?? DEFAULT_LOG_SIZE,
  };
}

export const LOSS_HELP = `Packet loss and recovery:
  --loss RATE         lose packets at random with this probability: 0.01 or 1% (seeded)
  --loss-where W      where: link (sequencer to core, default), before (the sequencer), after (processing)
  --loss-at SEQ:CORE  lose packet SEQ on its link to core CORE (SEQ mod cores); repeatable
  --loss-seed N       seed of the random losses (default: --seed, else 1)
  --recovery MODE     logs: read the missing records from the peers' logs (default);
                      copy: copy the whole state of a core that is further along
  --log-size N        records each core's log keeps (default 1024)`;
