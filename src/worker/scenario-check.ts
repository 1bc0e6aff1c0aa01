/**
 * Checks a Scenario from the page before anything is built, with a message a person can act on
 * for whatever is wrong (and the list of valid choices where there is one).
 */
import { ConfigError, type AnyProgram } from '../engine/programs/program';
import { checkLossOptions, type LossOptions } from '../engine/scr/loss';
import { PROGRAMS } from '../engine/programs/registry';
import { GENERATORS, parseTraceParams, type TraceGenerator, type TraceParams } from '../engine/trace/generators';
import { asSentence, messageOf } from './messages';
import type { Scenario } from './protocol';

export const MIN_CORES = 1;
/** The engine's limit; the stage draws up to 16 and summarises the rest. */
export const MAX_CORES = 64;
/** Longest history ring: every packet carries the whole ring. */
export const MAX_HISTORY = 1024;

export interface CheckedRun {
  program: AnyProgram;
  config: unknown;
  cores: number;
  historySize: number;
  /** Loss settings, checked (absent: nothing is lost unless dropped by hand). */
  loss?: Required<LossOptions>;
}

/** The loss settings, checked, with the defaults filled in. */
export function checkLoss(raw: unknown): Required<LossOptions> | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (!isPlainObject(raw)) throw new Error('The loss settings must say a rate, where, a recovery mode and a log size.');
  try {
    return checkLossOptions(raw as LossOptions);
  } catch (error) {
    throw new Error(asSentence(`Packet loss: ${messageOf(error)}`));
  }
}

function shown(raw: unknown): string {
  if (typeof raw === 'string') return `"${raw}"`;
  if (raw === undefined) return 'nothing';
  if (raw === null) return 'null';
  if (typeof raw === 'object') return Array.isArray(raw) ? 'a list' : 'an object';
  return String(raw);
}

function isPlainObject(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}

export function checkProgram(id: unknown): AnyProgram {
  const found = PROGRAMS.find((p) => p.id === id);
  if (!found) {
    throw new Error(`There is no program ${shown(id)}. Choose one of: ${PROGRAMS.map((p) => `${p.id} (${p.title})`).join(', ')}.`);
  }
  return found;
}

/** The program's configuration: the given fields over the defaults, checked by the program. */
export function checkConfig(program: AnyProgram, raw: unknown): unknown {
  const merged = raw === undefined || raw === null ? program.defaultConfig : isPlainObject(raw) ? { ...program.defaultConfig, ...raw } : raw;
  try {
    return program.parseConfig(merged);
  } catch (error) {
    if (error instanceof ConfigError) throw new Error(asSentence(`${program.title}: ${error.message}`));
    throw new Error(`The ${program.title} configuration could not be read: ${messageOf(error)}`);
  }
}

export function checkCores(raw: unknown): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < MIN_CORES || raw > MAX_CORES) {
    throw new Error(`The number of cores must be a whole number from ${MIN_CORES} to ${MAX_CORES}, not ${shown(raw)}.`);
  }
  return raw;
}

export function checkHistorySize(raw: unknown, cores: number): number {
  if (raw === undefined || raw === null) return cores - 1;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) {
    throw new Error(`The history size must be a whole number of records, not ${shown(raw)}.`);
  }
  if (raw < cores - 1) {
    throw new Error(
      `A history of ${raw} record${raw === 1 ? '' : 's'} is too short for ${cores} cores: each packet must carry the ${cores - 1} ` +
        `record${cores - 1 === 1 ? '' : 's'} the other cores processed since its core's previous packet (at least cores − 1).`,
    );
  }
  if (raw > MAX_HISTORY) throw new Error(`The history can hold at most ${MAX_HISTORY} records, not ${raw}.`);
  return raw;
}

/** Everything about a scenario except its trace. */
export function checkRun(scenario: Omit<Scenario, 'trace'>): CheckedRun {
  if (!isPlainObject(scenario)) throw new Error('The scenario is missing: choose a program, a trace and a number of cores.');
  const program = checkProgram(scenario.programId);
  const config = checkConfig(program, scenario.config);
  const cores = checkCores(scenario.cores);
  const historySize = checkHistorySize(scenario.historySize, cores);
  const loss = checkLoss(scenario.loss);
  return { program, config, cores, historySize, ...(loss ? { loss } : {}) };
}

export function checkGenerator(id: unknown, rawParams: unknown): { generator: TraceGenerator; params: TraceParams } {
  const generator = GENERATORS.find((g) => g.id === id);
  if (!generator) {
    throw new Error(`There is no trace generator ${shown(id)}. Choose one of: ${GENERATORS.map((g) => g.id).join(', ')}.`);
  }
  try {
    return { generator, params: parseTraceParams(rawParams) };
  } catch (error) {
    throw new Error(asSentence(`Trace parameters: ${messageOf(error)}`));
  }
}
