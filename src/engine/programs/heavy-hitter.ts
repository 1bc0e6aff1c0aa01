import { PROTO_TCP, TCP_FIN, TCP_SYN } from '../packet';
import type { Trace } from '../trace/trace';
import { FLOW_KEY_RECORD_FIELDS, describeFlow, describeFlowKey, extractFlowFields, flowKeyOf, type FlowFields } from './flow-key';
import { formatCount } from './format';
import type { ProgramDef } from './program';
import { settingsObject, wholeNumberSetting } from './program-settings';
import { mapStateTable } from './state-table';

/**
 * The heavy-hitter monitor: bytes per 5-tuple, with the flows above a threshold flagged. It only
 * watches, so every packet passes; the output is the state table.
 *
 * Flow life cycle, as in the artifact's heavy-hitter program: a TCP FIN deletes the flow's entry
 * (the table holds live flows only, and stays bounded). The artifact ignores SYN; here a SYN
 * starts the count afresh, so a 5-tuple reused by a new connection is not charged for the old
 * one when its FIN was never seen.
 */
export interface HeavyHitterConfig {
  /** A flow is flagged once its byte count exceeds this. */
  thresholdBytes: number;
}

export interface HeavyHitterRecord extends FlowFields {
  /** Frame length in bytes. */
  bytes: number;
  /** TCP_SYN and TCP_FIN bits only (0 for UDP). */
  flags: number;
}

export interface FlowCount {
  bytes: number;
  packets: number;
}

/** flowKey -> bytes and packets counted since the flow's first packet (or its latest SYN). */
export type HeavyHitterState = Map<string, FlowCount>;

/**
 * The artifact flags a flow at 1024 B, which a handful of full-size packets reach: on a Zipf
 * trace almost every flow would be a heavy hitter. 32 KiB flags only the few largest flows of a
 * classroom-sized trace (a few thousand packets).
 */
export const DEFAULT_HEAVY_HITTER_BYTES = 32 * 1024;
export const ARTIFACT_HEAVY_HITTER_BYTES = 1024;
export const MAX_HEAVY_HITTER_BYTES = 1_000_000_000_000;

function describeCount(count: FlowCount, config: HeavyHitterConfig): string {
  const text = `${formatCount(count.bytes)} B in ${formatCount(count.packets)} packet${count.packets === 1 ? '' : 's'}`;
  return count.bytes > config.thresholdBytes ? `${text} · HEAVY HITTER` : text;
}

export const heavyHitter: ProgramDef<HeavyHitterConfig, HeavyHitterRecord, HeavyHitterState> = {
  id: 'heavyhitter',
  title: 'Heavy-hitter monitor',
  summary: 'Adds up the bytes of every TCP/UDP flow and flags the few flows that grow past a threshold.',
  description:
    'State: a byte and packet count per 5-tuple (IPv4 TCP and UDP). Each packet adds its length ' +
    'to its flow, and a flow above the threshold is flagged as a heavy hitter; a TCP SYN starts ' +
    "the count afresh and a FIN deletes the flow's entry. It only watches: every packet passes.",
  scope: { kind: 'per-key', hashedBy: '5-tuple' },
  defaultConfig: { thresholdBytes: DEFAULT_HEAVY_HITTER_BYTES },
  parseConfig(raw) {
    const settings = settingsObject(raw, 'heavy-hitter monitor', ['thresholdBytes']);
    return {
      thresholdBytes: wholeNumberSetting(settings, 'thresholdBytes', 'the byte threshold', 1, MAX_HEAVY_HITTER_BYTES, DEFAULT_HEAVY_HITTER_BYTES),
    };
  },
  recordFields: [
    ...FLOW_KEY_RECORD_FIELDS,
    { name: 'size', bytes: 4, about: 'frame length in bytes, added to the count' },
    { name: 'SYN/FIN', bytes: 1, about: 'SYN restarts the count, FIN deletes the flow' },
  ],
  extract(trace: Trace, i: number): HeavyHitterRecord {
    // Every field spelled out: records built by spreading get a slower shape, for update too.
    const flow = extractFlowFields(trace, i);
    return {
      proto: flow.proto,
      srcIp: flow.srcIp,
      dstIp: flow.dstIp,
      srcPort: flow.srcPort,
      dstPort: flow.dstPort,
      key: flow.key,
      bytes: trace.wireLen[i] as number,
      flags: flow.proto === PROTO_TCP ? (trace.tcpFlags[i] as number) & (TCP_SYN | TCP_FIN) : 0,
    };
  },
  initState: () => new Map(),
  update(state, rec) {
    if (rec.key === '') return;
    if (rec.flags & TCP_FIN) {
      state.delete(rec.key);
      return;
    }
    const count = state.get(rec.key);
    if (count === undefined) {
      state.set(rec.key, { bytes: rec.bytes, packets: 1 });
    } else if (rec.flags & TCP_SYN) {
      count.bytes = rec.bytes;
      count.packets = 1;
    } else {
      count.bytes += rec.bytes;
      count.packets += 1;
    }
  },
  verdict: () => 'PASS',
  cloneState(state) {
    const out: HeavyHitterState = new Map();
    for (const [k, v] of state) out.set(k, { bytes: v.bytes, packets: v.packets });
    return out;
  },
  stateEquals(a, b) {
    if (a.size !== b.size) return false;
    for (const [k, va] of a) {
      const vb = b.get(k);
      if (vb === undefined || vb.bytes !== va.bytes || vb.packets !== va.packets) return false;
    }
    return true;
  },
  keyOf: flowKeyOf,
  touchesGlobal: () => false,
  describeRecord(rec) {
    const flow = describeFlow(rec);
    if (rec.key === '') return flow;
    const flags = rec.flags & TCP_SYN ? ' SYN' : rec.flags & TCP_FIN ? ' FIN' : '';
    return `${flow}${flags}, ${formatCount(rec.bytes)} B`;
  },
  describeKey: describeFlowKey,
  ...mapStateTable(String, describeCount),
};
