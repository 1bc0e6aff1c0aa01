import { PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, ipv4ToString, protoName, tcpFlagsToString } from '../packet';
import type { Trace } from '../trace/trace';
import { ipv4Proto, isTcpOrUdp } from './flow-key';
import { formatCount, formatNs } from './format';
import { ConfigError, type ProgramDef, type StateKey } from './program';
import { settingsObject, wholeNumberSetting } from './program-settings';

/**
 * The NAT port allocator, the talk's example of state that sharding cannot partition: each
 * inside connection (inside address, port, protocol) gets an outside port from ONE pool shared by
 * all connections. Every IPv4 TCP/UDP packet is taken as outbound traffic from an inside host
 * (return traffic is not modelled: its record would need the destination too).
 *
 * - A TCP SYN (without ACK) or any UDP packet of an unmapped connection takes the LOWEST free
 *   port, so every replica picks the same one; with no free port the packet is dropped.
 * - A packet of a mapped connection is rewritten and sent (TX) and refreshes the mapping.
 * - A TCP FIN or RST is still sent, then returns the port to the pool. The entry stays, marked
 *   closed, so the verdict can be read from the state; it goes away with the idle timeout.
 * - Idle timeout: mappings (and closed entries) idle for longer than `timeoutNs` are reclaimed
 *   when the next port is handed out, i.e. only by updates that touch the pool anyway, oldest
 *   first. Until then a late packet still uses (and refreshes) its mapping.
 * - A TCP packet other than a SYN for an unmapped connection is dropped.
 */
export interface NatConfig {
  /** The pool: outside ports firstPort..lastPort. */
  firstPort: number;
  lastPort: number;
  /** A mapping idle for longer than this is reclaimed at the next allocation, ns. */
  timeoutNs: number;
}

export interface NatRecord {
  /** IP protocol; the sequencer writes 0 when the packet is not IPv4. */
  proto: number;
  srcIp: number;
  srcPort: number;
  /** TCP flags (SYN, ACK, FIN, RST); 0 for UDP. */
  flags: number;
  /** Sequencer timestamp, whole nanoseconds. */
  tsNs: number;
}

export interface NatMapping {
  /** The outside port (for a closed entry: the port it had, now back in the pool). */
  port: number;
  /** Timestamp of the connection's last sent packet, ns. */
  lastNs: number;
  /** False once a FIN or RST has closed the connection and returned its port. */
  open: boolean;
  /** Whether the connection's latest packet was translated and sent (read by verdict). */
  sent: boolean;
}

export interface NatState {
  /** Inside endpoint (natKey) -> mapping, least recently used first. */
  mappings: Map<number, NatMapping>;
  /** The global pool: used[i] is 1 while port firstPort + i is mapped. */
  readonly firstPort: number;
  used: Uint8Array;
  /** No port below firstPort + hint is free: the lowest-free scan starts here. */
  hint: number;
  /** Number of zeros in used. */
  free: number;
}

/** The key entries() uses for the global pool. */
export const FREE_PORTS_KEY = 'free ports';

/**
 * An inside endpoint as one number (all below 2^49, so exact): address, port and a bit for UDP.
 * Cheaper than a string key, and the NAT's per-packet work is exactly this lookup.
 */
export function natKey(srcIp: number, srcPort: number, proto: number): number {
  return srcIp * 131072 + srcPort * 2 + (proto === PROTO_UDP ? 1 : 0);
}

function describeNatKey(key: number): string {
  const ip = Math.floor(key / 131072);
  const rest = key - ip * 131072;
  return `${ipv4ToString(ip)}:${rest >>> 1} ${protoName(rest & 1 ? PROTO_UDP : PROTO_TCP)}`;
}

/** True for a packet that may open a mapping: a TCP SYN without ACK, or any UDP packet. */
function opens(rec: NatRecord): boolean {
  return rec.proto === PROTO_UDP || (rec.flags & (TCP_SYN | TCP_ACK | TCP_FIN | TCP_RST)) === TCP_SYN;
}

function closes(rec: NatRecord): boolean {
  return rec.proto === PROTO_TCP && (rec.flags & (TCP_FIN | TCP_RST)) !== 0;
}

/** The lowest free port, now taken, or -1 when the pool is empty. */
function allocatePort(state: NatState): number {
  if (state.free === 0) return -1;
  const used = state.used;
  let i = state.hint;
  while (used[i] === 1) i++;
  used[i] = 1;
  state.hint = i + 1;
  state.free -= 1;
  return state.firstPort + i;
}

function releasePort(state: NatState, port: number): void {
  const i = port - state.firstPort;
  if (state.used[i] !== 1) return;
  state.used[i] = 0;
  state.free += 1;
  if (i < state.hint) state.hint = i;
}

/** Drops the entries idle for longer than the timeout, oldest first, freeing their ports. */
function reclaimExpired(state: NatState, nowNs: number, timeoutNs: number): void {
  for (const [key, mapping] of state.mappings) {
    if (nowNs - mapping.lastNs <= timeoutNs) break;
    state.mappings.delete(key);
    if (mapping.open) releasePort(state, mapping.port);
  }
}

/** "40003, 40005..40063 (61 free)": the free ports as ranges. */
export function describePool(state: NatState): string {
  const used = state.used;
  const size = used.length;
  if (state.free === 0) return `none (all ${formatCount(size)} in use)`;
  const shownRanges = 8;
  const parts: string[] = [];
  let ranges = 0;
  let i = 0;
  while (i < size) {
    if (used[i] === 1) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < size && used[j + 1] === 0) j++;
    ranges++;
    if (parts.length < shownRanges) parts.push(i === j ? `${state.firstPort + i}` : `${state.firstPort + i}..${state.firstPort + j}`);
    i = j + 1;
  }
  if (ranges > shownRanges) return `${parts.join(', ')}, … (${formatCount(state.free)} free in ${formatCount(ranges)} ranges)`;
  return `${parts.join(', ')} (${formatCount(state.free)} free)`;
}

function describeMapping(m: NatMapping): string {
  const dropped = m.sent ? '' : ' · last packet DROPPED';
  return m.open
    ? `outside port ${m.port} · last packet at ${formatNs(m.lastNs)}${dropped}`
    : `closed, port ${m.port} back in the pool · at ${formatNs(m.lastNs)}${dropped}`;
}

export const MAX_NAT_TIMEOUT_NS = 86_400_000_000_000; // one day

export const nat: ProgramDef<NatConfig, NatRecord, NatState> = {
  id: 'nat',
  title: 'NAT port allocator',
  summary: 'Gives every inside connection an outside port from one shared pool: state that sharding cannot split.',
  description:
    'State: a mapping from each inside (address, port, protocol) to an outside port, plus ONE ' +
    'global pool of free ports. A TCP SYN or a UDP packet of an unmapped connection takes the ' +
    'lowest free port (it is dropped if none is left); packets of a mapped connection are ' +
    'rewritten and sent; a TCP FIN or RST returns the port, and mappings idle past the timeout ' +
    'are reclaimed when the next port is handed out.',
  // The mapping key is (inside address, port, protocol): only hashing the source address keeps
  // every packet of one key on one core (a 5-tuple hash would split a UDP socket talking to two
  // servers). The pool is global whatever the hash.
  scope: { kind: 'per-key-plus-global', hashedBy: 'src-ip', global: 'the pool of free outside ports' },
  defaultConfig: { firstPort: 40000, lastPort: 40063, timeoutNs: 30_000_000_000 },
  parseConfig(raw) {
    const settings = settingsObject(raw, 'NAT', ['firstPort', 'lastPort', 'timeoutNs']);
    const firstPort = wholeNumberSetting(settings, 'firstPort', 'the first pool port', 1, 65535, 40000);
    const lastPort = wholeNumberSetting(settings, 'lastPort', 'the last pool port', 1, 65535, Math.min(65535, firstPort + 63));
    if (lastPort < firstPort) {
      throw new ConfigError(`the last pool port (${lastPort}) must not be below the first (${firstPort})`);
    }
    const timeoutNs = wholeNumberSetting(settings, 'timeoutNs', 'the idle timeout (ns)', 1, MAX_NAT_TIMEOUT_NS, 30_000_000_000);
    return { firstPort, lastPort, timeoutNs };
  },
  recordFields: [
    { name: 'source IP', bytes: 4, about: 'inside address: mapping key' },
    { name: 'source port', bytes: 2, about: 'inside port: mapping key' },
    { name: 'l4 protocol', bytes: 1, about: 'TCP or UDP: mapping key; 0 when not IPv4' },
    { name: 'TCP flags', bytes: 1, about: 'SYN opens, FIN or RST frees the port' },
    { name: 'timestamp', bytes: 8, about: "sequencer's clock in ns, for the idle timeout" },
  ],
  extract(trace: Trace, i: number): NatRecord {
    const proto = ipv4Proto(trace, i);
    return {
      proto,
      srcIp: trace.srcIp[i] as number,
      srcPort: trace.srcPort[i] as number,
      flags: proto === PROTO_TCP ? (trace.tcpFlags[i] as number) : 0,
      tsNs: Math.floor(trace.tsNs[i] as number),
    };
  },
  initState(config) {
    const size = config.lastPort - config.firstPort + 1;
    return { mappings: new Map(), firstPort: config.firstPort, used: new Uint8Array(size), hint: 0, free: size };
  },
  update(state, rec, config) {
    if (!isTcpOrUdp(rec.proto)) return;
    const key = natKey(rec.srcIp, rec.srcPort, rec.proto);
    const mappings = state.mappings;
    const mapping = mappings.get(key);
    if (mapping !== undefined && mapping.open) {
      mappings.delete(key); // re-inserted last: the map stays in least-recently-used order
      mappings.set(key, mapping);
      mapping.lastNs = rec.tsNs;
      mapping.sent = true;
      if (closes(rec)) {
        mapping.open = false;
        releasePort(state, mapping.port);
      }
      return;
    }
    if (!opens(rec)) {
      if (mapping !== undefined) mapping.sent = false;
      return;
    }
    reclaimExpired(state, rec.tsNs, config.timeoutNs);
    const port = allocatePort(state);
    if (port < 0) {
      const stale = mappings.get(key);
      if (stale !== undefined) stale.sent = false;
      return;
    }
    mappings.delete(key);
    mappings.set(key, { port, lastNs: rec.tsNs, open: true, sent: true });
  },
  verdict(state, rec) {
    if (!isTcpOrUdp(rec.proto)) return 'PASS';
    return state.mappings.get(natKey(rec.srcIp, rec.srcPort, rec.proto))?.sent === true ? 'TX' : 'DROP';
  },
  cloneState(state) {
    const mappings = new Map<number, NatMapping>();
    for (const [k, m] of state.mappings) mappings.set(k, { port: m.port, lastNs: m.lastNs, open: m.open, sent: m.sent });
    return { mappings, firstPort: state.firstPort, used: state.used.slice(), hint: state.hint, free: state.free };
  },
  stateEquals(a, b) {
    // The hint is left out: it only speeds up the scan, the lowest free port is the same.
    if (a.firstPort !== b.firstPort || a.free !== b.free || a.used.length !== b.used.length) return false;
    if (a.mappings.size !== b.mappings.size) return false;
    for (let i = 0; i < a.used.length; i++) if (a.used[i] !== b.used[i]) return false;
    // Same entries in the same order: the order decides which mappings the timeout reclaims.
    const ib = b.mappings.entries();
    for (const [key, x] of a.mappings) {
      const next = ib.next();
      if (next.done === true) return false;
      const [keyB, y] = next.value;
      if (key !== keyB || x.port !== y.port || x.lastNs !== y.lastNs || x.open !== y.open || x.sent !== y.sent) return false;
    }
    return true;
  },
  keyOf: (rec) => (isTcpOrUdp(rec.proto) ? natKey(rec.srcIp, rec.srcPort, rec.proto) : null),
  touchesGlobal: (rec) => isTcpOrUdp(rec.proto) && (opens(rec) || closes(rec)),
  describeRecord(rec) {
    if (rec.proto === 0) return 'not IPv4';
    if (!isTcpOrUdp(rec.proto)) return `${ipv4ToString(rec.srcIp)} ${protoName(rec.proto)} (not translated)`;
    const flags = rec.proto === PROTO_TCP ? ` ${tcpFlagsToString(rec.flags)}` : '';
    return `${ipv4ToString(rec.srcIp)}:${rec.srcPort} ${protoName(rec.proto)}${flags} at ${formatNs(rec.tsNs)}`;
  },
  describeKey(key: StateKey) {
    return key === FREE_PORTS_KEY ? 'free outside ports (global)' : describeNatKey(Number(key));
  },
  describeEntry(state, key) {
    if (key === FREE_PORTS_KEY) return describePool(state);
    const mapping = state.mappings.get(Number(key));
    return mapping === undefined ? undefined : describeMapping(mapping);
  },
  *entries(state) {
    yield [FREE_PORTS_KEY, describePool(state)];
    for (const [key, mapping] of state.mappings) yield [key, describeMapping(mapping)];
  },
  stateSize: (state) => state.mappings.size + 1,
};
