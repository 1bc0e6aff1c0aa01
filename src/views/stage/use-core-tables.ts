import { useMemo } from 'react';
import type { FrameView } from '../../worker/protocol';
import { needsShortValues, rowText, tableColumns, type TableColumns } from './core-table';
import type { StageLayout } from './layout';
import { stateLegend } from './state-labels';

/**
 * The columns of every core's table, and whether this frame's values need the short labels (all
 * cores switch together, so the tables keep lining up), with the legend of the short ones in use.
 */
export function useCoreTables(layout: StageLayout, frame: FrameView | null): { columns: TableColumns[]; short: boolean; legend: string[] } {
  return useMemo(() => {
    const views = frame?.cores ?? [];
    const columns = layout.cores.map((box, c) => tableColumns(box.x, box.w, (views[c]?.rows.slice(0, layout.rowsPerCore) ?? []).map((r) => r.keyText)));
    const e = frame?.event;
    const touch = e && (e.kind === 'apply' || e.kind === 'process') ? e : null;
    const values: string[] = [];
    const texts: string[] = [];
    const valueW = Math.min(...columns.map((c) => c.valueW));
    views.slice(0, layout.cores.length).forEach((view) => {
      for (const row of view.rows.slice(0, layout.rowsPerCore)) {
        const flashing = touch !== null && touch.core === view.core && touch.key !== null && String(touch.key) === row.key;
        values.push(row.value);
        if (flashing) values.push(touch.before ?? '', touch.after ?? '');
        texts.push(rowText(row.value, flashing ? touch : null, false));
      }
    });
    const short = needsShortValues(valueW, texts);
    return { columns, short, legend: short ? stateLegend(values) : [] };
  }, [layout, frame]);
}
