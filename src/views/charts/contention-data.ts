/** The contention chart's data: lock wait and cache-line transfers over time and for the top keys. */
import type { LiveTechnique, LiveView } from '../../worker/analysis-protocol';
import type { DataTable } from './csv';
import { formatDuration, formatPercent } from './format';
import { liveScopeText } from './per-core-data';
import { TECHNIQUE_STYLE } from './technique-style';

/** Techniques drawn as lines: those taking locks, plus SCR (its zero is the point). */
export function contentionLines(live: LiveView): LiveTechnique[] {
  return live.techniques.filter((t) => t.takesLocks || t.technique === 'scr');
}

/** The technique whose keys are listed: locks if shown, else the one that waited most. */
export function topKeysOwner(live: LiveView): LiveTechnique | null {
  const locked = live.techniques.filter((t) => t.takesLocks && t.topKeys.length > 0);
  return locked.find((t) => t.technique === 'locks') ?? locked.sort((a, b) => b.lockWaitShare - a.lockWaitShare)[0] ?? null;
}

export function contentionCsvTable(live: LiveView): DataTable {
  const header = ['technique', 'what', 'at', 'lock_wait_share', 'cache_lines_per_us', 'lock_wait_ns', 'cache_line_transfers'];
  const rows: (string | number)[][] = [];
  for (const t of live.techniques) {
    t.lockWaitSeries.forEach((w, k) => {
      rows.push([t.technique, 'time_us', Number(((k + 0.5) * live.bucketUs).toPrecision(6)), Number(w.toPrecision(5)), Number((t.transferSeries[k] ?? 0).toPrecision(5)), '', '']);
    });
    for (const key of t.topKeys) rows.push([t.technique, 'key', key.key, '', '', Math.round(key.lockWaitNs), key.cacheLineTransfers]);
  }
  return { header, rows };
}

/** The table view: the totals per technique and the top keys. */
export function contentionTable(live: LiveView): DataTable {
  const header = ['technique', 'key', 'lock wait', 'cache-line transfers'];
  const rows: (string | number)[][] = [];
  for (const t of live.techniques) {
    const wait = t.lockWaitNs.reduce((a, b) => a + b, 0);
    const lines = t.cacheLineTransfers.reduce((a, b) => a + b, 0);
    rows.push([TECHNIQUE_STYLE[t.technique].title, t.takesLocks ? 'all (total)' : 'no locks', formatDuration(wait), lines]);
    for (const key of t.topKeys) rows.push([TECHNIQUE_STYLE[t.technique].title, key.key, formatDuration(key.lockWaitNs), key.cacheLineTransfers]);
  }
  return { header, rows };
}

export function contentionSummary(live: LiveView): string {
  const parts = live.techniques.map((t) => {
    if (!t.takesLocks) return `${TECHNIQUE_STYLE[t.technique].title} takes no locks (zero wait, zero transfers)`;
    const lines = t.cacheLineTransfers.reduce((a, b) => a + b, 0);
    const top = t.topKeys[0];
    return `${TECHNIQUE_STYLE[t.technique].title} spends ${formatPercent(t.lockWaitShare)} of its core time waiting for locks, with ${lines.toLocaleString('en-US')} cache-line transfers${top ? `; the hottest key is ${top.key}` : ''}`;
  });
  return `Contention over ${liveScopeText(live)}: ${parts.join('; ')}.`;
}
