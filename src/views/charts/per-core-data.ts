/** The per-core load chart's data: bars per technique and core, table, summary. */
import type { LiveView } from '../../worker/analysis-protocol';
import type { DataTable } from './csv';
import { formatCount, formatMpps, formatPercent } from './format';
import { TECHNIQUE_STYLE } from './technique-style';

export type LoadMetric = 'busy' | 'packets';

/** What the live runs cover, in words: "packets #0 to #41 of 2,000" or "the whole trace". */
export function liveScopeText(live: LiveView): string {
  return live.wholeTrace ? `the whole trace (${formatCount(live.totalPackets)} packets)` : `packets #0 to #${formatCount(live.packets - 1)} of ${formatCount(live.totalPackets)}`;
}

export function perCoreTable(live: LiveView): DataTable {
  const header = ['technique', 'core', 'packets', 'busy_fraction', 'lock_wait_ns', 'cache_line_transfers'];
  const rows: (string | number)[][] = [];
  for (const t of live.techniques) {
    for (let c = 0; c < t.cores; c++) {
      rows.push([t.technique, c, t.packets[c] ?? 0, t.busyFraction[c] ?? 0, Math.round(t.lockWaitNs[c] ?? 0), t.cacheLineTransfers[c] ?? 0]);
    }
  }
  return { header, rows };
}

export function perCoreSummary(live: LiveView): string {
  const parts = live.techniques.map((t) => {
    const busiest = Math.max(...t.busyFraction);
    const least = Math.min(...t.busyFraction);
    const spread = t.cores > 1 ? `cores from ${formatPercent(least)} to ${formatPercent(busiest)} busy` : `${formatPercent(busiest)} busy`;
    return `${TECHNIQUE_STYLE[t.technique].title}: ${spread}, imbalance ${t.imbalance.toFixed(2)}, ${formatPercent(t.loss)} lost`;
  });
  return `Per-core load over ${liveScopeText(live)} at ${formatMpps(live.offeredMpps)} offered${live.offeredAuto ? ' (single-core MLFFR × cores)' : ''}. ${parts.join('; ')}.`;
}
