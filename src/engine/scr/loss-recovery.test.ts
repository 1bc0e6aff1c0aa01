import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERDICTS, type AnyProgram } from '../programs/program';
import { PROGRAMS } from '../programs/registry';
import { arbitraryLossPattern, arbitraryTrace } from '../testing/arbitraries';
import { packetAt, selectPackets, type Trace } from '../trace/trace';
import { ConfigSchedule } from './config-schedule';
import { FATE_LOST_AFTER, FATE_LOST_LINK, noLoss, recordsLostEverywhere, resolveLoss, type LossSetup, type RecoveryMode } from './loss';
import { runReference } from './reference';
import { NO_VERDICT, extractRecords } from './scr-machine';
import { verifyScr, type VerifyResult } from './verify';

/**
 * Loss and recovery, checked against ground truth computed here, independently of the machine:
 * which records reached no core, and the gap every core meets (from the loss pattern alone).
 */

/** A loss setup losing the given sequence numbers on their links. */
function linkLoss(count: number, lost: readonly number[], recovery: RecoveryMode = 'logs', logSize?: number): LossSetup {
  const loss = noLoss(count, recovery, logSize);
  for (const s of lost) if (s < count) loss.fate[s] = FATE_LOST_LINK;
  return loss;
}

/**
 * The gap each delivered packet shows its core: the oldest record it carries minus the one the
 * core expects (one past its previous own packet, which it processed). Ground truth, no recovery.
 */
function gapsOf(fate: Uint8Array, cores: number, historySize: number): { core: number; seq: number; gap: number }[] {
  const previous = new Array<number>(cores).fill(-1);
  const out: { core: number; seq: number; gap: number }[] = [];
  for (let s = 0; s < fate.length; s++) {
    if (fate[s] === FATE_LOST_LINK) continue;
    const c = s % cores;
    const gap = Math.max(0, s - historySize) - ((previous[c] as number) + 1);
    if (gap > 0) out.push({ core: c, seq: s, gap });
    previous[c] = s;
  }
  return out;
}

/** The single core's state after record x (leaving out `skip`), for every x asked, and its verdicts. */
function reference(program: AnyProgram, trace: Trace, skip: Uint8Array) {
  const records = extractRecords(program, trace);
  const configs = new ConfigSchedule<unknown>(program.defaultConfig);
  const kept = records.map((r, x) => (skip[x] ? null : r));
  const stateAfter = (x: number) => {
    const upTo = kept.slice(0, x + 1).filter((r) => r !== null);
    return runReference(program, upTo, configs).state;
  };
  // Verdicts of the kept records, by sequence number.
  const keptIdx = kept.flatMap((r, x) => (r === null ? [] : [x]));
  const v = runReference(program, keptIdx.map((x) => records[x]), configs).verdicts;
  const verdicts = new Map(keptIdx.map((x, k) => [x, v[k] as number]));
  return { stateAfter, verdicts };
}

/** Every replica not flagged as diverged equals the single core: final state and every verdict it gave. */
function expectSoundness(program: AnyProgram, trace: Trace, result: VerifyResult, fate: Uint8Array, historySize: number) {
  const skip = recordsLostEverywhere(fate, historySize);
  const ref = reference(program, trace, skip);
  const m = result.machine;
  m.replicas.forEach((r, c) => {
    if (r.diverged) return;
    expect(program.stateEquals(r.state, ref.stateAfter(r.lastApplied)), `core ${c} state after #${r.lastApplied}`).toBe(true);
  });
  for (let s = 0; s < trace.count; s++) {
    if (fate[s] === FATE_LOST_LINK) {
      expect(result.verdicts[s]).toBe(NO_VERDICT);
      continue;
    }
    const core = s % result.cores;
    if (m.replicas[core]!.diverged) continue;
    expect(VERDICTS[result.verdicts[s]!], `verdict of #${s}`).toBe(VERDICTS[ref.verdicts.get(s)!]);
  }
}

const someLosses = (max: number) => fc.uniqueArray(fc.nat(119), { maxLength: max });

/** The sequence numbers a pattern loses in a trace of `count` packets. */
const lostIn = (pattern: readonly boolean[], count: number) => pattern.flatMap((lost, s) => (lost && s < count ? [s] : []));

/** The pattern without the losses that would make a gap of N+1 or more: no core loses two own packets in a row. */
function withoutCongestion(lost: readonly number[], cores: number): number[] {
  const set = new Set<number>();
  for (const s of lost) if (!set.has(s - cores)) set.add(s);
  return [...set];
}

describe('loss between the sequencer and a core', () => {
  for (const program of PROGRAMS) {
    it(`${program.id}: any single loss is recovered; every replica equals the single core over the sequenced packets`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 16 }), arbitraryTrace({ minPackets: 1, maxPackets: 80 }), fc.nat(), fc.integer({ min: 0, max: 3 }), fc.constantFrom<RecoveryMode>('logs', 'copy'),
          (cores, trace, atDraw, extra, recovery) => {
            const at = atDraw % trace.count;
            const historySize = cores - 1 + extra;
            const loss = linkLoss(trace.count, [at], recovery);
            const result = verifyScr({ program, trace, cores, historySize, compareStateEvery: 1, loss: { setup: loss } });
            expect(result.recovery?.divergences).toEqual([]);
            expect(result.disagreements).toEqual([]);
            expect(result.agree).toBe(true);
            // With two cores or more the next packet carries the lost record to another core: nothing
            // is lost everywhere, so the reference is the single core over every sequenced packet.
            // (A lost last packet reaches no one: it is as if it never entered.)
            if (cores >= 2 && at + 1 < trace.count) expect(result.recovery?.recordsLostEverywhere).toBe(0);
            expectSoundness(program, trace, result, loss.fate, historySize);
            // The core that lost it caught up past it once a later packet reached it.
            const core = at % cores;
            if (at + cores < trace.count) expect(result.machine.replicas[core]!.lastApplied).toBeGreaterThanOrEqual(at);
            const expectedGap = gapsOf(loss.fate, cores, historySize).length;
            expect(result.recovery?.gaps).toBe(expectedGap);
          }),
        { numRuns: 40 },
      );
    });

    it(`${program.id}: any set of losses whose gaps stay under N+1 is recovered exactly`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 16 }), arbitraryTrace({ minPackets: 20, maxPackets: 100 }), arbitraryLossPattern(), fc.integer({ min: 0, max: 2 }), fc.constantFrom<RecoveryMode>('logs', 'copy'),
          (cores, trace, pattern, extra, recovery) => {
            const historySize = cores - 1 + extra;
            const loss = linkLoss(trace.count, withoutCongestion(lostIn(pattern, trace.count), cores), recovery);
            expect(gapsOf(loss.fate, cores, historySize).every((g) => g.gap < cores + 1)).toBe(true);
            const result = verifyScr({ program, trace, cores, historySize, compareStateEvery: 1, loss: { setup: loss } });
            expect(result.recovery?.divergences).toEqual([]);
            expect(result.disagreements).toEqual([]);
            expect(result.agree).toBe(true);
            expectSoundness(program, trace, result, loss.fate, historySize);
            expect(result.recovery?.recordsLostEverywhere).toBe([...recordsLostEverywhere(loss.fate, historySize)].filter(Boolean).length);
          }),
        { numRuns: 40 },
      );
    });

    it(`${program.id}: a divergence is reported exactly when a gap reaches N+1, and every unflagged replica is right`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 16 }), arbitraryTrace({ minPackets: 20, maxPackets: 100 }), arbitraryLossPattern(), fc.constantFrom<RecoveryMode>('logs', 'copy'),
          (cores, trace, pattern, recovery) => {
            const historySize = cores - 1;
            const loss = linkLoss(trace.count, lostIn(pattern, trace.count), recovery);
            const result = verifyScr({ program, trace, cores, historySize, compareStateEvery: 1, loss: { setup: loss } });
            const congested = gapsOf(loss.fate, cores, historySize).filter((g) => g.gap >= cores + 1);
            // Reported whenever it can happen, never when it cannot (the default log never wraps here).
            // Cores report in the order they meet their gaps, not in sequence order: compare as sets.
            const bySeq = (a: number[], b: number[]) => (a[1] as number) - (b[1] as number) || (a[0] as number) - (b[0] as number);
            expect(result.recovery!.divergences.map((d) => [d.core, d.seq]).sort(bySeq)).toEqual(congested.map((g) => [g.core, g.seq]).sort(bySeq));
            expect(result.recovery!.divergences.every((d) => d.reason === 'congestion')).toBe(true);
            // Every difference from the single core is on a core that said it may diverge.
            expect(result.unexplained).toBe(0);
            expectSoundness(program, trace, result, loss.fate, historySize);
            if (congested.length === 0) expect(result.agree).toBe(true);
          }),
        { numRuns: 40 },
      );
    });
  }

  it('small logs: a record a peer overwrote is reported as a possible divergence, and unflagged replicas stay right', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), arbitraryTrace({ minPackets: 20, maxPackets: 100 }), arbitraryLossPattern(), fc.integer({ min: 1, max: 6 }), (cores, trace, pattern, logSize) => {
        const program = PROGRAMS[0]!;
        const loss = linkLoss(trace.count, lostIn(pattern, trace.count), 'logs', logSize);
        const result = verifyScr({ program, trace, cores, compareStateEvery: 1, loss: { setup: loss } });
        expect(result.unexplained).toBe(0);
        expectSoundness(program, trace, result, loss.fate, cores - 1);
      }),
      { numRuns: 150 },
    );
  });
});

describe('loss before the sequencer and after processing', () => {
  for (const program of PROGRAMS) {
    it(`${program.id}: losing packets before the sequencer equals the single core over the trace without them`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 16 }), arbitraryTrace({ maxPackets: 80 }), someLosses(20), (cores, trace, lostList) => {
          const lost = new Set(lostList.filter((i) => i < trace.count));
          const kept = [...Array(trace.count).keys()].filter((i) => !lost.has(i));
          const sequenced = selectPackets(trace, kept);
          const loss = noLoss(sequenced.count);
          const order = [...lost].sort((a, b) => a - b);
          loss.lostBefore = { trace: selectPackets(trace, order), beforeSeq: Int32Array.from(order.map((i) => kept.filter((k) => k < i).length)) };
          const result = verifyScr({ program, trace: sequenced, cores, compareStateEvery: 1, loss: { setup: loss } });
          expect(result.agree).toBe(true);
          expect(result.recovery?.gaps).toBe(0);
          expect(result.recovery?.lostBefore).toBe(lost.size);
          const without = runReference(program, extractRecords(program, sequenced), new ConfigSchedule<unknown>(program.defaultConfig));
          expect([...result.verdicts]).toEqual([...without.verdicts]);
        }),
        { numRuns: 30 },
      );
    });

    it(`${program.id}: a seeded loss rate before the sequencer keeps the other packets in order`, () => {
      fc.assert(
        fc.property(arbitraryTrace({ maxPackets: 80 }), fc.double({ min: 0, max: 0.6, noNaN: true }), fc.nat(1000), (trace, rate, seed) => {
          const { trace: sequenced, loss } = resolveLoss(trace, { rate, where: 'before', seed });
          const { trace: lostTrace, beforeSeq } = loss.lostBefore;
          expect(sequenced.count + lostTrace.count).toBe(trace.count);
          // Interleave them back: the lost packets before the packet that followed them.
          const rebuilt: unknown[] = [];
          let k = 0;
          for (let s = 0; s <= sequenced.count; s++) {
            while (k < lostTrace.count && beforeSeq[k] === s) rebuilt.push({ ...packetAt(lostTrace, k++), index: 0 });
            if (s < sequenced.count) rebuilt.push({ ...packetAt(sequenced, s), index: 0 });
          }
          expect(rebuilt).toEqual([...Array(trace.count).keys()].map((i) => ({ ...packetAt(trace, i), index: 0 })));
          expect(resolveLoss(trace, { rate, where: 'before', seed }).loss.lostBefore.beforeSeq).toEqual(beforeSeq);
        }),
        { numRuns: 20 },
      );
    });

    it(`${program.id}: losing packets after processing changes no replica and no verdict`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 16 }), arbitraryTrace({ maxPackets: 80 }), fc.double({ min: 0, max: 0.5, noNaN: true }), fc.nat(1000), (cores, trace, rate, seed) => {
          const result = verifyScr({ program, trace, cores, compareStateEvery: 1, loss: { rate, where: 'after', seed } });
          expect(result.agree).toBe(true);
          expect(result.recovery?.gaps).toBe(0);
          const lostAfter = [...result.machine.setup.loss!.fate].filter((f) => f === FATE_LOST_AFTER).length;
          expect(result.recovery?.lostAfter).toBe(lostAfter);
          const ref = runReference(program, extractRecords(program, trace), new ConfigSchedule<unknown>(program.defaultConfig));
          expect([...result.verdicts]).toEqual([...ref.verdicts]);
        }),
        { numRuns: 30 },
      );
    });
  }
});
