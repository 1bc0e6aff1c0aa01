import { ETHERTYPE_IPV4, PROTO_TCP, ipv4ToString, protoName } from '../packet';
import type { Trace } from '../trace/trace';
import { IntTable } from './int-table';
import { ConfigError, type ProgramDef } from './program';
import { booleanSetting } from './program-settings';

/**
 * The port-knocking firewall, the talk's running example. A source must send TCP packets to the
 * knock ports in order; then all its traffic passes. Follows the primer: a wrong port falls back
 * to CLOSED_0 (or to CLOSED_1 if it is the first knock port), and OPEN stays OPEN.
 *
 * Differences from the artifact: OPEN stays OPEN here, where the artifact's OPEN, like any other
 * state, falls back on a port that is not the next knock (as the issue describes it; the
 * artifact's source was not at hand). `artifact: true` does that: OPEN has no next knock, so any
 * packet falls back (to CLOSED_1 on the first knock port) and, as the verdict reads the state
 * after the update, only the packet that completes the knock passes. The knock ports are a
 * setting here (the artifact's are fixed).
 */
export interface PortKnockConfig {
  /** The knock sequence, 1 to 8 TCP ports. */
  knock: number[];
  /** OPEN falls back on a wrong port, as in the artifact; absent means false. */
  artifact?: boolean;
}

export interface PortKnockRecord {
  ethertype: number;
  proto: number;
  srcIp: number;
  dstPort: number;
}

/** Source IP -> number of correct knocks so far; knock.length means OPEN. */
export type PortKnockState = IntTable;

export const MAX_KNOCK_PORTS = 8;

export function knockStateName(level: number, knockLength: number): string {
  return level >= knockLength ? 'OPEN' : `CLOSED_${level}`;
}

function parseKnock(raw: unknown): number[] {
  const list = typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean).map(Number) : raw;
  if (!Array.isArray(list)) throw new ConfigError('the knock sequence must be a list of ports, e.g. 100,101,102');
  if (list.length < 1 || list.length > MAX_KNOCK_PORTS) {
    throw new ConfigError(`the knock sequence needs 1 to ${MAX_KNOCK_PORTS} ports, not ${list.length}`);
  }
  return list.map((p, i) => {
    const port = Number(p);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new ConfigError(`knock port ${i + 1} must be a whole number from 1 to 65535, not "${String(p)}"`);
    }
    return port;
  });
}

export const portKnocking: ProgramDef<PortKnockConfig, PortKnockRecord, PortKnockState> = {
  id: 'portknock',
  title: 'Port-knocking firewall',
  summary: 'Opens a source only after it knocks on a secret sequence of TCP ports.',
  description:
    'State: one small state machine per source IP (CLOSED_0, CLOSED_1, ... OPEN). Each IPv4/TCP ' +
    'packet to the next knock port moves its source one step on; a wrong port sends it back. ' +
    'A packet passes only if its source is OPEN after the update; everything else is dropped.',
  scope: { kind: 'per-key', hashedBy: 'src-ip' },
  defaultConfig: { knock: [100, 101, 102] },
  parseConfig(raw) {
    // Either the knock list itself or an object with knock and artifact.
    const settings = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { knock: raw };
    const knock = parseKnock(settings.knock);
    return booleanSetting(settings, 'artifact', 'the artifact switch', false) ? { knock, artifact: true } : { knock };
  },
  recordFields: [
    { name: 'l3 protocol', bytes: 2, about: 'ethertype, to skip non-IPv4 packets' },
    { name: 'l4 protocol', bytes: 1, about: 'IP protocol, to skip non-TCP packets' },
    { name: 'source IP', bytes: 4, about: 'the key of the state machine' },
    { name: 'TCP dst port', bytes: 2, about: 'the knock' },
  ],
  extract(trace: Trace, i: number): PortKnockRecord {
    return {
      ethertype: trace.ethertype[i] as number,
      proto: trace.proto[i] as number,
      srcIp: trace.srcIp[i] as number,
      dstPort: trace.dstPort[i] as number,
    };
  },
  initState: () => new IntTable(),
  update(state, rec, config) {
    if (rec.ethertype !== ETHERTYPE_IPV4 || rec.proto !== PROTO_TCP) return;
    const knock = config.knock;
    const level = state.get(rec.srcIp) ?? 0;
    if (level >= knock.length && !config.artifact) return; // OPEN stays OPEN
    let next: number;
    if (rec.dstPort === knock[level]) next = level + 1;
    else if (rec.dstPort === knock[0]) next = 1;
    else next = 0;
    state.set(rec.srcIp, next);
  },
  verdict(state, rec, config) {
    if (rec.ethertype !== ETHERTYPE_IPV4 || rec.proto !== PROTO_TCP) return 'DROP';
    return (state.get(rec.srcIp) ?? 0) >= config.knock.length ? 'PASS' : 'DROP';
  },
  cloneState: (state) => state.clone(),
  stateEquals: (a, b) => a.equals(b),
  stateBytes: (state) => state.byteLength,
  keyOf: (rec) => (rec.ethertype === ETHERTYPE_IPV4 && rec.proto === PROTO_TCP ? rec.srcIp : null),
  touchesGlobal: () => false,
  describeRecord(rec) {
    if (rec.ethertype !== ETHERTYPE_IPV4) return `not IPv4 (ethertype 0x${rec.ethertype.toString(16).padStart(4, '0')})`;
    if (rec.proto !== PROTO_TCP) return `${ipv4ToString(rec.srcIp)} ${protoName(rec.proto)} (not TCP)`;
    return `${ipv4ToString(rec.srcIp)} → :${rec.dstPort}`;
  },
  describeKey: (key) => ipv4ToString(Number(key)),
  describeEntry(state, key, config) {
    const level = state.get(Number(key));
    return level === undefined ? undefined : knockStateName(level, config.knock.length);
  },
  *entries(state, config) {
    for (const [ip, level] of state.entries()) yield [ip, knockStateName(level, config.knock.length)];
  },
  stateSize: (state) => state.size,
};
