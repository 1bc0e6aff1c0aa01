/** The flow-size chart's data. */
import type { FlowSizeView } from '../../worker/analysis-protocol';
import type { DataTable } from './csv';
import { formatCount, formatPercent } from './format';

export function flowTable(flows: FlowSizeView): DataTable {
  return {
    header: ['rank', 'packets', 'share_of_packets'],
    rows: flows.points.map((p) => [p.rank, p.packets, Number((p.packets / Math.max(1, flows.packets)).toPrecision(5))]),
  };
}

export function flowSummary(flows: FlowSizeView): string {
  if (flows.flows === 0) return 'The trace holds no packets.';
  const largest = flows.largest[0];
  return `${formatCount(flows.packets)} packets in ${formatCount(flows.flows)} flows. The largest flow${largest ? ` (${largest.text})` : ''} carries ${formatPercent(flows.largestShare, 1)} of the packets, the ten largest ${formatPercent(flows.top10Share, 1)}.`;
}
