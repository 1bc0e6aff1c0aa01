import { describe, expect, it } from 'vitest';
import { shortState, stateLegend } from './state-labels';

describe('short state labels', () => {
  it('shortens the port-knocking and conntrack states, keeps the rest', () => {
    expect(shortState('CLOSED_0')).toBe('C0');
    expect(shortState('CLOSED_12')).toBe('C12');
    expect(shortState('OPEN')).toBe('OPEN');
    expect(shortState('FIN_WAIT_1')).toBe('FW1');
    expect(shortState('ESTABLISHED')).toBe('EST');
    expect(shortState('—')).toBe('—');
    expect(shortState('42 packets')).toBe('42 packets');
  });

  it('explains the short forms in use, once each', () => {
    expect(stateLegend(['CLOSED_1', 'OPEN', 'CLOSED_0', 'CLOSED_2', 'CLOSED_1'])).toEqual(['C0–C2 = CLOSED_0–2']);
    expect(stateLegend(['CLOSED_1'])).toEqual(['C1 = CLOSED_1']);
    expect(stateLegend(['SYN_SENT', 'OPEN'])).toEqual(['SS = SYN_SENT']);
    expect(stateLegend(['OPEN', '—'])).toEqual([]);
  });
});
