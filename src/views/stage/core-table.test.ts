import { describe, expect, it } from 'vitest';
import { fits } from './fit-text';
import { needsShortValues, progressLabel, rowText, tableColumns } from './core-table';
import { FONT } from './layout';

describe("a core's table", () => {
  it('gives the key column the longest key in full', () => {
    const wide = tableColumns(0, 300, ['10.1.0.7', '10.148.33.107']);
    const narrow = tableColumns(0, 300, ['10.1.0.7']);
    expect(wide.valueX).toBeGreaterThan(narrow.valueX);
    expect(fits('10.148.33.107', wide.valueX - wide.keyX, FONT.row)).toBe(true);
  });

  it('uses the short labels only when the full ones do not fit', () => {
    expect(rowText('CLOSED_1', null, false)).toBe('CLOSED_1');
    expect(rowText('CLOSED_1', null, true)).toBe('C1');
    expect(rowText('CLOSED_1', { before: 'CLOSED_0', after: 'CLOSED_1' }, true)).toBe('C0 → C1');
    expect(rowText('CLOSED_0', { before: null, after: 'CLOSED_0' }, false)).toBe('new → CLOSED_0');
    // Too narrow even for both short labels: the new value, with the arrow.
    expect(rowText('CLOSED_1', { before: null, after: 'CLOSED_1' }, true, 50)).toBe('→ C1');
    expect(rowText('CLOSED_1', { before: 'CLOSED_0', after: 'CLOSED_1' }, true, 30)).toBe('C1');
    expect(needsShortValues(260, ['CLOSED_0 → CLOSED_1'])).toBe(false);
    expect(needsShortValues(80, ['CLOSED_0 → CLOSED_1'])).toBe(true);
  });

  it('says how far the core got, as long as there is room', () => {
    expect(progressLabel(7, 300)).toBe('applied up to #7');
    expect(progressLabel(1234, 100)).toBe('up to #1234');
    expect(progressLabel(1234, 40)).toBe('#1234');
    expect(progressLabel(-1, 300)).toBe('nothing applied yet');
  });
});
