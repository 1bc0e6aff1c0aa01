import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROGRAMS } from '../programs/registry';
import { portKnocking } from '../programs/port-knocking';
import { tokenBucket } from '../programs/token-bucket';
import { adversarialTrace, arbitraryKnock, arbitraryTrace } from '../testing/arbitraries';
import { ConfigSchedule } from './config-schedule';
import { verifyScr } from './verify';

/**
 * The SCR invariant: for every program, core count and trace, every SCR verdict equals the
 * single-core reference's, and every replica's state after packet s equals the reference state
 * after packet s.
 */
describe('SCR equals the sequential reference', () => {
  for (const program of PROGRAMS) {
    it(`${program.id}: verdicts and replica states, 1..16 cores, random traces`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 16 }), arbitraryTrace(), fc.integer({ min: 0, max: 3 }), (cores, trace, extraHistory) => {
          const result = verifyScr({ program, trace, cores, historySize: cores - 1 + extraHistory, compareStateEvery: 1 });
          expect(result.disagreements).toEqual([]);
          expect(result.agree).toBe(true);
          // After every packet, and every replica at the end.
          expect(result.statesCompared).toBe(trace.count + cores);
          expect(result.gaps).toBe(0);
        }),
        { numRuns: 60 },
      );
    });

    it(`${program.id}: adversarial traces (one source, all non-IP, knock storms)`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 16 }), adversarialTrace(), (cores, trace) => {
          const result = verifyScr({ program, trace, cores, compareStateEvery: 1 });
          expect(result.disagreements).toEqual([]);
          expect(result.agree).toBe(true);
        }),
        { numRuns: 40 },
      );
    });
  }

  // The artifact variants change the update itself, so they get the same check.
  for (const [program, config] of [[portKnocking, { knock: [100, 101, 102], artifact: true }], [tokenBucket, { ...tokenBucket.defaultConfig, artifact: true }]] as const) {
    it(`${program.id} (artifact): verdicts and replica states, 1..16 cores, random and adversarial traces`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 16 }), fc.oneof(arbitraryTrace(), adversarialTrace()), (cores, trace) => {
          const result = verifyScr({ program, trace, cores, configs: new ConfigSchedule<unknown>(config), compareStateEvery: 1 });
          expect(result.disagreements).toEqual([]);
          expect(result.agree).toBe(true);
        }),
        { numRuns: 40 },
      );
    });
  }

  it('port knocking with random knock sequences (repeated ports) and a mid-run change', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), arbitraryTrace({ shape: { udp: 0, icmp: 0, nonIp: 1, tcp: 10 } }), arbitraryKnock, arbitraryKnock, fc.nat(150),
        (cores, trace, knockA, knockB, changeAt) => {
          const configs = new ConfigSchedule<unknown>({ knock: knockA }, [{ fromSeq: changeAt, config: { knock: knockB } }]);
          const result = verifyScr({ program: portKnocking, trace, cores, configs, compareStateEvery: 1 });
          expect(result.disagreements).toEqual([]);
          expect(result.agree).toBe(true);
        }),
      { numRuns: 100 },
    );
  });

  it('can fail: a replica that skips a record is caught', () => {
    // Sanity check of the check itself: with a history shorter than N-1 the replicas miss
    // records, and the machine refuses to build such a system rather than hide it.
    expect(() => verifyScr({ program: portKnocking, trace: fc.sample(arbitraryTrace(), 1)[0]!, cores: 4, historySize: 2 })).toThrow(/needs at least 3/);
  });
});
