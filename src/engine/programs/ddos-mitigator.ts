import { ETHERTYPE_IPV4, ipv4ToString } from '../packet';
import type { Trace } from '../trace/trace';
import { formatCount } from './format';
import type { ProgramDef } from './program';
import { settingsObject, wholeNumberSetting } from './program-settings';
import { mapStateTable } from './state-table';

/**
 * The DDoS mitigator: a packet counter per IPv4 source address. A source that sends more than
 * `threshold` packets is on the block list from then on and its packets are dropped.
 *
 * Counting is cumulative (counts never reset): a time window would need the sequencer's
 * timestamp in every record (8 more bytes), and the primer's record for this program is only the
 * source address and the ethertype. The artifact fills its block list from user space; the
 * counter that fills it here is ours.
 */
export interface DdosConfig {
  /** A source may send this many packets; from the next one on it is blocked. */
  threshold: number;
}

export interface DdosRecord {
  ethertype: number;
  srcIp: number;
}

/** Source IPv4 address -> packets counted so far. Blocked means count > threshold. */
export type DdosState = Map<number, number>;

export const DDOS_MAX_THRESHOLD = 1_000_000_000;

function isBlocked(count: number, config: DdosConfig): boolean {
  return count > config.threshold;
}

function describeCount(count: number, config: DdosConfig): string {
  // Short enough for a replica table cell on a projector: "17 / 100" or "104 BLOCKED".
  if (isBlocked(count, config)) return `${formatCount(count)} BLOCKED`;
  return `${formatCount(count)} / ${formatCount(config.threshold)}`;
}

export const ddosMitigator: ProgramDef<DdosConfig, DdosRecord, DdosState> = {
  id: 'ddos',
  title: 'DDoS mitigator',
  summary: 'Counts the packets of every source address and drops the sources that send too many.',
  description:
    'State: one packet counter per IPv4 source address. Every IPv4 packet adds one to its ' +
    "source's counter; once a source has sent more than the threshold it is on the block list " +
    'and all its further packets are dropped (counts never reset). Packets that are not IPv4 ' +
    'pass and change nothing.',
  scope: { kind: 'per-key', hashedBy: 'src-ip' },
  defaultConfig: { threshold: 100 },
  parseConfig(raw) {
    const settings = settingsObject(raw, 'DDoS mitigator', ['threshold']);
    return { threshold: wholeNumberSetting(settings, 'threshold', 'threshold', 1, DDOS_MAX_THRESHOLD, 100) };
  },
  recordFields: [
    { name: 'source IP', bytes: 4, about: 'the key of the packet counter' },
    { name: 'l3 protocol', bytes: 2, about: 'ethertype, to skip non-IPv4 packets' },
  ],
  extract(trace: Trace, i: number): DdosRecord {
    return { ethertype: trace.ethertype[i] as number, srcIp: trace.srcIp[i] as number };
  },
  initState: () => new Map(),
  update(state, rec) {
    if (rec.ethertype !== ETHERTYPE_IPV4) return;
    state.set(rec.srcIp, (state.get(rec.srcIp) ?? 0) + 1);
  },
  verdict(state, rec, config) {
    if (rec.ethertype !== ETHERTYPE_IPV4) return 'PASS';
    return isBlocked(state.get(rec.srcIp) ?? 0, config) ? 'DROP' : 'PASS';
  },
  cloneState: (state) => new Map(state),
  stateEquals(a, b) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (b.get(k) !== v) return false;
    return true;
  },
  keyOf: (rec) => (rec.ethertype === ETHERTYPE_IPV4 ? rec.srcIp : null),
  touchesGlobal: () => false,
  describeRecord(rec) {
    if (rec.ethertype !== ETHERTYPE_IPV4) return `not IPv4 (ethertype 0x${rec.ethertype.toString(16).padStart(4, '0')})`;
    return `from ${ipv4ToString(rec.srcIp)}`;
  },
  describeKey: (key) => ipv4ToString(Number(key)),
  ...mapStateTable(Number, describeCount),
};
