/**
 * How a core's table is laid out in its box: a key column as wide as the longest key shown (keys
 * are never shortened) and the value in the rest, with the short designed state labels when a full
 * value (or the old → new flash) would not fit. Pure.
 */
import { fits, pickLabel, textWidth } from './fit-text';
import { FONT } from './layout';
import { shortState } from './state-labels';

export const KEY_INSET = 26;
const VALUE_GAP = 10;
const RIGHT_PAD = 8;

export interface TableColumns {
  keyX: number;
  valueX: number;
  valueW: number;
}

export function tableColumns(boxX: number, boxW: number, keys: readonly string[]): TableColumns {
  const keyW = Math.max(textWidth('0.0.0.0', FONT.row), ...keys.map((k) => textWidth(k, FONT.row)));
  const keyX = boxX + KEY_INSET;
  const valueX = keyX + keyW + VALUE_GAP;
  return { keyX, valueX, valueW: boxX + boxW - RIGHT_PAD - valueX };
}

/**
 * A value as a row shows it, flashing "old → new" while it changes; where even the short labels of
 * both do not fit `valueW`, the flash keeps "→ new", or only the new value
 * in a very narrow column (the row's flash marks the change; the log's sentence and the tooltip say both).
 */
export function rowText(value: string, flash: { before?: string | null; after?: string | null } | null, short: boolean, valueW = Infinity): string {
  const label = (v: string) => (short ? shortState(v) : v);
  if (flash && flash.before !== flash.after) {
    const after = flash.after == null ? '—' : label(flash.after);
    return pickLabel([`${flash.before == null ? 'new' : label(flash.before)} → ${after}`, `→ ${after}`, after], valueW, FONT.row, true);
  }
  return label(value);
}

/** Whether the tables need the short labels: some value (or the flash) does not fit in full. */
export function needsShortValues(valueW: number, texts: readonly string[]): boolean {
  return texts.some((t) => !fits(t, valueW, FONT.row, true));
}

/** The core's progress in its title line, as long as the room beside "Core 12" allows. */
export function progressLabel(lastApplied: number, roomW: number): string {
  const labels = lastApplied < 0 ? ['nothing applied yet', 'none yet', 'none'] : [`applied up to #${lastApplied}`, `up to #${lastApplied}`, `#${lastApplied}`];
  return pickLabel(labels, roomW, FONT.sub);
}
