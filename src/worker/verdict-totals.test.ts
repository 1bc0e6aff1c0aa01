import { describe, expect, it } from 'vitest';
import { VERDICT_CODE } from '../engine/programs/program';
import { VerdictTotals } from './verdict-totals';

describe('VerdictTotals', () => {
  const { PASS, DROP, TX } = VERDICT_CODE;
  const totals = new VerdictTotals(Uint8Array.from([DROP, PASS, PASS, TX, DROP, PASS]));

  it('counts the verdicts of the first k packets', () => {
    expect(totals.firstPackets(0)).toEqual({ PASS: 0, DROP: 0, TX: 0 });
    expect(totals.firstPackets(1)).toEqual({ PASS: 0, DROP: 1, TX: 0 });
    expect(totals.firstPackets(4)).toEqual({ PASS: 2, DROP: 1, TX: 1 });
    expect(totals.all()).toEqual({ PASS: 3, DROP: 2, TX: 1 });
  });

  it('clamps k to the run', () => {
    expect(totals.firstPackets(-3)).toEqual({ PASS: 0, DROP: 0, TX: 0 });
    expect(totals.firstPackets(99)).toEqual(totals.all());
    expect(new VerdictTotals(new Uint8Array(0)).all()).toEqual({ PASS: 0, DROP: 0, TX: 0 });
  });
});
