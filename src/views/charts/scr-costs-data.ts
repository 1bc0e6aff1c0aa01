/** The SCR costs chart's data: history bytes and link load per core count, compute against dispatch. */
import type { ComputeCurve, ScrCostView, SweepCellView } from '../../worker/analysis-protocol';
import type { DataTable } from './csv';
import { formatMpps } from './format';

export interface LinkPoint {
  cores: number;
  gbps: number;
  bottleneck: 'cores' | 'link';
}

/** SCR's link load at its throughput, from the sweep. */
export function linkLoad(cells: readonly SweepCellView[]): LinkPoint[] {
  return cells
    .filter((c) => c.technique === 'scr')
    .map((c) => ({ cores: c.cores, gbps: c.linkGbps, bottleneck: c.bottleneck }))
    .sort((a, b) => a.cores - b.cores);
}

/** The curve chosen in the compute-vs-dispatch control (null: the program's own costs). */
export function chosenCurve(costs: ScrCostView, index: number | null): ComputeCurve | undefined {
  const curves = costs.compute.curves;
  return index === null ? curves.at(-1) : curves[Math.max(0, Math.min(curves.length - 2, index))];
}

export function scrCostsTable(costs: ScrCostView, cells: readonly SweepCellView[], curve: ComputeCurve | undefined): DataTable {
  const link = linkLoad(cells);
  return {
    header: [
      'cores', 'history_bytes_per_packet', 'closed_form_mpps', 'link_limit_mpps', 'scr_mlffr_mpps', 'scr_link_gbps', 'bottleneck', `speedup_c1_${curve ? Math.round(curve.c1) : ''}ns`,
      ...costs.loss.map((l) => `scr_mpps_loss_${lossText(l.rate).replace('.', '_').replace(' %', 'pct')}`),
    ],
    rows: costs.cores.map((n, i) => {
      const cell = cells.find((c) => c.technique === 'scr' && c.cores === n);
      const l = link.find((p) => p.cores === n);
      return [
        n,
        costs.historyBytes[i] ?? '',
        Number((costs.closedFormMpps[i] ?? Number.NaN).toPrecision(5)),
        Number.isFinite(costs.linkLimitMpps[i]) ? Number((costs.linkLimitMpps[i] as number).toPrecision(5)) : 'no limit',
        cell ? Number(cell.throughputMpps.toPrecision(5)) : '',
        l ? Number(l.gbps.toPrecision(4)) : '',
        l?.bottleneck ?? '',
        curve && Number.isFinite(curve.speedup[i]) ? Number((curve.speedup[i] as number).toPrecision(4)) : '',
        ...costs.loss.map((l) => Number((l.mpps[i] ?? Number.NaN).toPrecision(4))),
      ];
    }),
  };
}

/** A loss rate as people say it: 0.005 -> "0.5 %". */
export function lossText(rate: number): string {
  return `${Number((rate * 100).toFixed(2))} %`;
}

/** One sentence on the cost of recovery at the largest core count, or '' without loss curves. */
export function lossSentence(costs: ScrCostView): string {
  const n = costs.cores.length;
  const clean = costs.loss.find((l) => l.rate === 0)?.mpps[n - 1];
  const worst = costs.loss.at(-1);
  const lossy = worst?.mpps[n - 1];
  if (!worst || worst.rate === 0 || clean === undefined || lossy === undefined || !(clean > 0)) return '';
  return ` With ${lossText(worst.rate)} of the packets lost on the way to the cores and recovered from the peers' logs, SCR on ${n} cores forwards ${formatMpps(lossy)} (${(100 * (1 - lossy / clean)).toFixed(1)} % less).`;
}

/** The first core count at which SCR is limited by the link rather than the cores, if any. */
export function firstLinkBound(cells: readonly SweepCellView[]): number | null {
  return linkLoad(cells).find((p) => p.bottleneck === 'link')?.cores ?? null;
}

export function scrCostsSummary(costs: ScrCostView, cells: readonly SweepCellView[], curve: ComputeCurve | undefined): string {
  const n = costs.cores.length;
  const linkBound = firstLinkBound(cells);
  const nic = costs.nicGbps > 0
    ? linkBound ? ` From ${linkBound} cores the ${costs.nicGbps} Gbit/s link, not the cores, limits SCR.` : ` The ${costs.nicGbps} Gbit/s link never limits SCR up to ${n} cores.`
    : ' The link has no limit.';
  const speed = curve && Number.isFinite(curve.speedup[n - 1])
    ? ` With c1 = ${Math.round(curve.c1)} ns against d = ${Math.round(costs.compute.d)} ns (c2 = ${curve.c2.toFixed(1)} ns), ${n} cores give ${(curve.speedup[n - 1] as number).toFixed(1)}× one core (closed form ${formatMpps((1000 * n) / (costs.compute.d + curve.c1 + (n - 1) * curve.c2))}).`
    : '';
  return `SCR adds ${costs.historyBytes[0]} bytes to every packet on 1 core and ${costs.historyBytes[n - 1]} bytes on ${n} (${costs.recordBytes}-byte records).${nic}${speed}${lossSentence(costs)}`;
}
