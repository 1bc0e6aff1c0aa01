import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { formatDuration, formatMpps, formatPercent, plainNumber } from './format';

describe('CSV', () => {
  it('quotes only what needs quoting and ends lines with CRLF', () => {
    expect(toCsv({ header: ['technique', 'cores', 'Mpps'], rows: [['SCR', 4, 17.5], ['a "b", c', 1, Number.NaN]] }))
      .toBe('technique,cores,Mpps\r\nSCR,4,17.5\r\n"a ""b"", c",1,\r\n');
  });
});

describe('formats', () => {
  it('prints rates, shares and durations in readable units', () => {
    expect(formatMpps(4.6321)).toBe('4.63 Mpps');
    expect(formatMpps(31.24)).toBe('31.2 Mpps');
    expect(formatMpps(Number.POSITIVE_INFINITY)).toBe('no limit');
    expect(formatPercent(0.8712)).toBe('87 %');
    expect(formatPercent(0.8712, 1)).toBe('87.1 %');
    expect(formatDuration(850)).toBe('850 ns');
    expect(formatDuration(12_340)).toBe('12.3 µs');
    expect(formatDuration(3_200_000)).toBe('3.2 ms');
    expect(plainNumber(1 / 3)).toBe('0.333333');
    expect(plainNumber(12)).toBe('12');
    expect(plainNumber(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
