/** The throughput chart's data: lines per technique from the sweep cells, references, table, summary. */
import type { ScrCostView, SweepCellView, TechniqueId } from '../../worker/analysis-protocol';
import type { DataTable } from './csv';
import { formatMpps } from './format';
import { TECHNIQUE_STYLE } from './technique-style';

export interface LinePoint {
  cores: number;
  mpps: number;
}

export interface TechniqueLine {
  technique: TechniqueId;
  points: (LinePoint & { cell: SweepCellView })[];
}

/** One line per chosen technique, points by core count (only the cells computed so far). */
export function throughputLines(cells: readonly SweepCellView[], techniques: readonly TechniqueId[]): TechniqueLine[] {
  return techniques.map((technique) => ({
    technique,
    points: cells
      .filter((c) => c.technique === technique && Number.isFinite(c.throughputMpps))
      .map((cell) => ({ cores: cell.cores, mpps: cell.throughputMpps, cell }))
      .sort((a, b) => a.cores - b.cores),
  }));
}

/** The primer's T(N) for the core counts of the sweep. */
export function closedFormLine(costs: ScrCostView | null, cores: readonly number[]): LinePoint[] {
  if (!costs) return [];
  return cores
    .map((n) => ({ cores: n, mpps: costs.closedFormMpps[n - 1] ?? Number.NaN }))
    .filter((p) => Number.isFinite(p.mpps));
}

/** Linear scaling from one core: the single-core figure times N. */
export function linearLine(cells: readonly SweepCellView[], cores: readonly number[]): LinePoint[] {
  const one = cells.find((c) => c.technique === 'single' && c.cores === 1)?.throughputMpps;
  return one === undefined ? [] : cores.map((n) => ({ cores: n, mpps: one * n }));
}

/** Rows by core count, a column per technique (Mpps): the table view. */
export function throughputTable(cells: readonly SweepCellView[], techniques: readonly TechniqueId[], closedForm: readonly LinePoint[]): DataTable {
  const cores = [...new Set(cells.map((c) => c.cores))].sort((a, b) => a - b);
  const header = ['cores', ...techniques.map((t) => `${TECHNIQUE_STYLE[t].label} (Mpps)`)];
  if (closedForm.length) header.push('SCR closed form (Mpps)');
  const rows = cores.map((n) => {
    const row: (string | number)[] = [n];
    for (const t of techniques) {
      const cell = cells.find((c) => c.technique === t && c.cores === n);
      row.push(cell ? round(cell.throughputMpps) : '');
    }
    if (closedForm.length) {
      const p = closedForm.find((q) => q.cores === n);
      row.push(p ? round(p.mpps) : '');
    }
    return row;
  });
  return { header, rows };
}

/** Every figure of every cell: the CSV. */
export function throughputCsvTable(cells: readonly SweepCellView[], techniques: readonly TechniqueId[]): DataTable {
  const header = ['technique', 'cores', 'throughput_mpps', 'mlffr_offered_mpps', 'loss', 'bottleneck', 'method', 'imbalance_max_over_mean', 'lock_wait_share', 'cache_lines_per_packet', 'history_bytes_per_packet', 'link_gbps'];
  const rows = cells
    .filter((c) => techniques.includes(c.technique))
    .map((c) => [c.technique, c.cores, round(c.throughputMpps), round(c.offeredMpps), round(c.loss), c.bottleneck, c.method, round(c.imbalance), round(c.lockWaitShare), round(c.cacheLinesPerPacket), c.historyBytesPerPacket, round(c.linkGbps)]);
  return { header, rows };
}

function round(x: number): number {
  return Number(x.toPrecision(5));
}

/** One or two sentences that say what the chart shows, for a screen reader and the caption. */
export function throughputSummary(cells: readonly SweepCellView[], techniques: readonly TechniqueId[], total: number, cores: number): string {
  if (cells.length === 0) return 'The scaling sweep has not produced any figures yet.';
  const maxCores = Math.max(...cells.map((c) => c.cores));
  const parts = techniques
    .map((t) => {
      const line = cells.filter((c) => c.technique === t).sort((a, b) => a.cores - b.cores);
      const first = line[0];
      const last = line.at(-1);
      if (!first || !last) return null;
      return `${TECHNIQUE_STYLE[t].title} ${formatMpps(first.throughputMpps)} on ${first.cores} core${first.cores === 1 ? '' : 's'} to ${formatMpps(last.throughputMpps)} on ${last.cores}`;
    })
    .filter(Boolean);
  const progress = cells.length < total ? ` (sweep in progress: ${cells.length} of ${total} figures)` : '';
  const here = cells.filter((c) => c.cores === cores && techniques.includes(c.technique));
  const best = here.sort((a, b) => b.throughputMpps - a.throughputMpps)[0];
  const current = best ? ` At the stage's ${cores} cores, ${TECHNIQUE_STYLE[best.technique].title} is fastest with ${formatMpps(best.throughputMpps)}.` : '';
  return `Throughput (MLFFR) from 1 to ${maxCores} cores: ${parts.join('; ')}${progress}.${current}`;
}
