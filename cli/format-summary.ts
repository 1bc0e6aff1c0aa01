import type { RunSummary } from './run';

const n = (x: number) => x.toLocaleString('en-US');
const pct = (part: number, whole: number) => (whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`);

const plural = (k: number, one: string, many = `${one}s`) => `${n(k)} ${k === 1 ? one : many}`;

function lossLines(s: RunSummary): string[] {
  const l = s.loss as NonNullable<RunSummary['loss']>;
  const rate = l.rate > 0 ? `${(l.rate * 100).toFixed(2).replace(/\.?0+$/, '')} % ${l.where === 'link' ? 'on the links' : l.where === 'before' ? 'before the sequencer' : 'after processing'} (seed ${l.seed})` : 'no random loss';
  const drops = l.drops.length > 0 ? ` + ${plural(l.drops.length, 'packet')} dropped by hand` : '';
  const how = l.recovery === 'logs' ? `read from peers' logs of ${n(l.logSize)} records` : "copy a further core's state";
  const out = [
    `loss      ${rate}${drops}: ${n(l.lost.link)} lost on links, ${n(l.lost.before)} before the sequencer, ${n(l.lost.after)} after processing; recovery: ${how}`,
    `recovery  ${plural(l.recovered, 'gap')} recovered (${plural(l.recordsRead, 'record')} read, ${plural(l.statesCopied, 'state')} copied, ${n(l.recordsLostEverywhere)} lost at every core, ${plural(l.waits, 'wait')}), ${n(l.unrecoverable)} unrecoverable, ${n(l.divergent.length)} divergent core${l.divergent.length === 1 ? '' : 's'}`,
  ];
  for (const d of l.divergences.slice(0, 5)) {
    const why = d.reason === 'congestion' ? 'congestion: a gap of N+1 or more' : "a peer's log had overwritten it";
    const differs = l.actuallyDiffer.includes(d.core) ? 'and it does differ' : 'though its state still matches';
    out.push(`          core ${d.core} gave up on #${d.from}${d.to > d.from ? ` … #${d.to}` : ''} at packet #${d.seq} (${why}): it may diverge, ${differs}`);
  }
  return out;
}

/** The run summary as a person reads it in a terminal. */
export function formatSummary(s: RunSummary): string {
  const lines: string[] = [];
  const total = s.trace.packets;
  lines.push(`${s.program.title} on ${s.cores} core${s.cores === 1 ? '' : 's'} (SCR, history of ${s.historySize} records)`);
  if (s.trace.kind === 'generator') {
    const params = Object.entries(s.trace.params).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
    lines.push(`trace     ${s.trace.name}: ${n(total)} packets${params.length ? ` (${params.join(', ')})` : ''}`);
  } else {
    const c = s.trace.capture;
    lines.push(`trace     ${s.trace.path}: ${n(total)} packets, ${c.format}, ${c.linkTypes.join(' + ') || 'no interfaces'}, ${n(c.undecoded)} not decoded as IP`);
    if (c.truncatedAt) lines.push(`          note: ${c.truncatedAt.message}; the packets before it were kept`);
  }
  lines.push(`config    ${JSON.stringify(s.program.config)}`);
  lines.push(`verdicts  PASS ${n(s.verdicts.PASS)} (${pct(s.verdicts.PASS, total)})   DROP ${n(s.verdicts.DROP)} (${pct(s.verdicts.DROP, total)})   TX ${n(s.verdicts.TX)} (${pct(s.verdicts.TX, total)})${s.loss && s.loss.lost.link > 0 ? `   no verdict ${n(s.loss.lost.link)} (lost on links)` : ''}`);
  const a = s.agreement;
  if (s.loss) lines.push(...lossLines(s));
  lines.push(
    a.agree
      ? `agreement SCR equals a single core: ${n(a.verdictsCompared)} verdicts and ${n(a.statesCompared)} whole replica states compared, 0 differences`
      : a.unexplained === 0 && s.loss
        ? `agreement SCR differs from a single core only on cores that reported a possible divergence (${n(a.disagreementCount)} difference(s), first at packet #${a.disagreements[0]?.seq ?? '?'} on core ${a.disagreements[0]?.core ?? '?'})`
        : `agreement SCR DIFFERS from a single core: ${n(a.disagreementCount ?? a.disagreements.length)} difference(s), first at packet #${a.disagreements[0]?.seq ?? '?'} on core ${a.disagreements[0]?.core ?? '?'} (${a.disagreements[0]?.what ?? '?'}: expected ${a.disagreements[0]?.expected ?? '?'}, got ${a.disagreements[0]?.got ?? '?'})`,
  );
  lines.push(`overhead  ${s.wire.overheadBytesPerPacket} B per packet: ${s.wire.segments.map((g) => `${g.name} ${g.bytes}`).join(' + ')}`);
  lines.push(`per core  ${s.perCore.map((c) => `#${c.core}: ${n(c.packets)} pkts, ${n(c.recordsApplied)} records`).join('; ')}`);
  lines.push(`time      ${n(Math.round(s.timing.simulateMs))} ms (${n(Math.round(s.timing.packetsPerSecond))} packets/s simulated and checked)`);
  if (s.exported) lines.push(`exported  ${s.exported.path} (${n(s.exported.bytes)} bytes, pcap)`);
  if (s.verdictList) lines.push('verdicts in sequence order:', ...s.verdictList.map((v, i) => `${i}\t${v}`));
  return lines.join('\n');
}
