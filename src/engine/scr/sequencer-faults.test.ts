import { describe, expect, it } from 'vitest';
import { PROGRAMS } from '../programs/registry';
import { generateTrace } from '../trace/generators';
import type { SequencerFault } from './sequencer';
import { verifyScr } from './verify';

/**
 * Mutation tests: a broken sequencer must fail the agreement check, for every program. Replicas
 * read only what their packets carry, so each of these faults reaches a replica's state.
 */

/** Garbage in a carried record: every third record's source address (and flow key) bit-flipped on the wire. */
const garbage = (rec: unknown, seq: number): unknown => {
  if (seq % 3 !== 1) return rec;
  const r = rec as { srcIp: number; key?: unknown };
  return { ...r, srcIp: (r.srcIp ^ 0x5a5a5a5a) >>> 0, ...(r.key !== undefined ? { key: `${String(r.key)}~` } : {}) };
};

const faults = (cores: number): [string, SequencerFault][] => [
  ['a ring of N-2 records', { ringSize: cores - 2 }],
  ['garbage in a carried record', { garble: garbage }],
  ['a ring index one slot late', { ringIndexOffset: 1 }],
  ['a ring index one slot early', { ringIndexOffset: -1 }],
  ['a sequencer that skips a core', { skipCore: 1 }],
];

const traceFor = (programId: string, seed: number) =>
  programId === 'portknock' ? generateTrace('portknock', { packets: 400, seed }) : programId === 'conntrack' ? generateTrace('datacenter', { packets: 400, seed }) : generateTrace('zipf', { packets: 400, seed, flows: 12 });

describe('a broken sequencer fails the agreement check', () => {
  for (const program of PROGRAMS) {
    for (const cores of [3, 4, 8]) {
      const trace = traceFor(program.id, cores);
      it(`${program.id}, ${cores} cores: the sound sequencer agrees (the control)`, () => {
        const result = verifyScr({ program, trace, cores, compareStateEvery: 1 });
        expect(result.disagreements).toEqual([]);
        expect(result.agree).toBe(true);
      });
      for (const [name, fault] of faults(cores)) {
        it(`${program.id}, ${cores} cores: ${name}`, () => {
          const result = verifyScr({ program, trace, cores, compareStateEvery: 1, sequencerFault: fault });
          expect(result.agree).toBe(false);
          expect(result.unexplained + result.disagreements.filter((d) => d.explained).length).toBeGreaterThan(0);
        });
      }
    }
  }
});
