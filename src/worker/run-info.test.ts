import { describe, expect, it } from 'vitest';
import { PROGRAMS } from '../engine/programs/registry';
import { GENERATORS } from '../engine/trace/generators';
import { disagreementSentence, generatorInfo, programInfo } from './run-info';

describe('run info', () => {
  it('describes every program and generator as plain data', () => {
    for (const p of PROGRAMS) {
      const info = programInfo(p);
      expect(structuredClone(info)).toEqual(info);
      expect(info.recordBytes).toBe(p.recordFields.reduce((n, f) => n + f.bytes, 0));
    }
    for (const g of GENERATORS) expect(generatorInfo(g).params.length).toBeGreaterThan(0);
  });

  it('words disagreements as sentences', () => {
    expect(disagreementSentence({ seq: 41, core: 1, what: 'verdict', expected: 'DROP', got: 'PASS' })).toBe(
      'packet #41 on core 1: verdict PASS, but a single core says DROP',
    );
    expect(disagreementSentence({ seq: 41, core: 1, what: 'state', expected: '3 entries', got: '2 entries' })).toBe(
      'after packet #41, the replica on core 1 holds 2 entries where a single core holds 3 entries',
    );
  });
});
