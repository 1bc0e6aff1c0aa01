/**
 * Helpers shared by the programs' tests (test support only; never imported by the app): run a
 * program over packets as one core would, and check the properties every program must have.
 */
import { expect } from 'vitest';
import { ETHERTYPE_IPV4, parseIpv4 } from '../packet';
import { traceFromPackets, type PacketInit } from '../trace/trace';
import type { ProgramDef, Verdict } from './program';

/** A dotted IPv4 address as the number the trace holds. */
export const ip = (text: string): number => parseIpv4(text) as number;

/** An IPv4 packet with these fields (the rest zero). */
export const ipv4Packet = (fields: PacketInit): PacketInit => ({ ethertype: ETHERTYPE_IPV4, ipVersion: 4, ...fields });

/**
 * Runs `program` over the packets one after another, as a single core would (extract, update,
 * verdict), yielding each packet's record and verdict right after its update, so that the caller
 * can look at the state then.
 */
export function* runSteps<C, R, S>(
  program: ProgramDef<C, R, S>,
  config: C,
  packets: readonly PacketInit[],
  state: S,
): Generator<{ rec: R; verdict: Verdict }> {
  const trace = traceFromPackets(packets);
  for (let i = 0; i < trace.count; i++) {
    const rec = program.extract(trace, i);
    program.update(state, rec, config);
    yield { rec, verdict: program.verdict(state, rec, config) };
  }
}

export interface ProgramRun<S> {
  /** The state after the last packet (the one passed in, if any). */
  state: S;
  verdicts: Verdict[];
  /**
   * Each packet's own state entry right after its update, as describeEntry puts it: null when
   * the packet has no key, undefined when its key has no entry.
   */
  entries: (string | null | undefined)[];
}

/** Runs `program` over the packets one after another (see runSteps), from `state` or a fresh one. */
export function runProgram<C, R, S>(
  program: ProgramDef<C, R, S>,
  config: C,
  packets: readonly PacketInit[],
  state: S = program.initState(config),
): ProgramRun<S> {
  const verdicts: Verdict[] = [];
  const entries: (string | null | undefined)[] = [];
  for (const { rec, verdict } of runSteps(program, config, packets, state)) {
    verdicts.push(verdict);
    const key = program.keyOf(rec);
    entries.push(key === null ? null : program.describeEntry(state, key, config));
  }
  return { state, verdicts, entries };
}

/**
 * The properties SCR rests on, checked on one packet sequence (call it from an fc.property):
 * - replaying the same records on two fresh states ends in equal states, with equal verdicts;
 * - a clone taken after the first `cutSeed % (records + 1)` records shares nothing with the
 *   original (updating the clone leaves the original as it was), and on the remaining records
 *   evolves exactly as the original does, ending equal to the full replay.
 * `invariant`, when given, is checked on the state after every update of the first replay.
 */
export function checkReplayAndClone<C, R, S>(
  program: ProgramDef<C, R, S>,
  config: C,
  packets: readonly PacketInit[],
  cutSeed: number,
  invariant?: (state: S) => void,
): void {
  const trace = traceFromPackets(packets);
  const recs = Array.from({ length: trace.count }, (_, i) => program.extract(trace, i));
  const a = program.initState(config);
  const b = program.initState(config);
  const va = recs.map((r) => {
    program.update(a, r, config);
    invariant?.(a);
    return program.verdict(a, r, config);
  });
  const vb = recs.map((r) => (program.update(b, r, config), program.verdict(b, r, config)));
  expect(program.stateEquals(a, b)).toBe(true);
  expect(vb).toEqual(va);

  const cut = cutSeed % (recs.length + 1);
  const s = program.initState(config);
  for (const r of recs.slice(0, cut)) program.update(s, r, config);
  const prefix = program.cloneState(s);
  const c = program.cloneState(s);
  for (const r of recs.slice(cut)) {
    program.update(c, r, config);
    expect(program.stateEquals(s, prefix)).toBe(true); // the clone shares nothing with s
  }
  for (const r of recs.slice(cut)) program.update(s, r, config);
  expect(program.stateEquals(s, c)).toBe(true);
  expect(program.stateEquals(s, a)).toBe(true);
}
