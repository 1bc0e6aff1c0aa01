import { PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN, ipv4ToString, tcpFlagsToString } from '../packet';
import type { Trace } from '../trace/trace';
import { describeFlow, ipv4Proto } from './flow-key';
import { formatNs } from './format';
import type { ProgramDef, StateKey } from './program';
import { settingsObject, wholeNumberSetting } from './program-settings';
import { mapStateTable } from './state-table';

/**
 * The TCP connection tracker: one state machine per connection, keyed by the bidirectional
 * 5-tuple (both directions of a connection share one entry: the key lists the lower endpoint
 * first). The machine follows the handshake and the teardown as a middlebox sees them:
 *
 *   (none) --SYN--> SYN_SENT --SYN-ACK acking SYN+1--> SYN_RECV --ACK acking SYN-ACK+1--> ESTABLISHED
 *   ESTABLISHED --FIN from X--> FIN_WAIT_1 --ACK of that FIN from Y--> FIN_WAIT_2 (Y is in CLOSE_WAIT)
 *   FIN_WAIT_1 or FIN_WAIT_2 --FIN from Y--> LAST_ACK --ACK of Y's FIN from X--> TIME_WAIT
 *   any state --RST--> CLOSED; TIME_WAIT or CLOSED --SYN--> SYN_SENT (a new connection)
 *
 * A packet that is a valid step (or a harmless retransmission) passes; anything else is dropped
 * and leaves the state as it was. Simplifications: no sequence-window tracking (data segments
 * in ESTABLISHED are not checked), a RST is accepted without checking its sequence number, a
 * simultaneous close goes straight to LAST_ACK, and a FIN is acknowledged by any ack at or after
 * its sequence number + 1 (the record carries no payload length). TIME_WAIT ends lazily: the
 * first packet of the connection at least `timeWaitNs` after its last valid packet finds it
 * CLOSED (Linux conntrack keeps TIME_WAIT for 120 s, our default).
 */
export interface ConntrackConfig {
  /** How long a connection stays in TIME_WAIT, ns. */
  timeWaitNs: number;
}

export interface ConntrackRecord {
  /** IP protocol; the sequencer writes 0 when the packet is not IPv4. */
  proto: number;
  srcIp: number;
  dstIp: number;
  srcPort: number;
  dstPort: number;
  flags: number;
  seq: number;
  ack: number;
  /** Sequencer timestamp, whole nanoseconds. */
  tsNs: number;
  /** connectionKey() of the packet (same for both directions), '' when not IPv4 TCP. */
  key: string;
  /** True when the packet comes from the key's first (lower) endpoint. */
  fromLow: boolean;
}

export type TcpState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT_1' | 'FIN_WAIT_2' | 'LAST_ACK' | 'TIME_WAIT' | 'CLOSED';
export const TCP_STATES: readonly TcpState[] = ['SYN_SENT', 'SYN_RECV', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'LAST_ACK', 'TIME_WAIT', 'CLOSED'];

export interface Connection {
  state: TcpState;
  /** True when the SYN that opened the connection came from the key's lower endpoint. */
  initiatorIsLow: boolean;
  /** True when the first FIN came from the key's lower endpoint (from FIN_WAIT_1 on). */
  closerIsLow: boolean;
  /** Initiator's SYN sequence number + 1: what the SYN-ACK must acknowledge. */
  initiatorNext: number;
  /** Responder's SYN-ACK sequence number + 1: what the handshake's last ACK must acknowledge. */
  responderNext: number;
  /** The pending FIN's sequence number + 1: its acknowledgement must reach this. */
  finNext: number;
  /** Timestamp of the last valid packet, ns. */
  lastNs: number;
  /** Whether the latest packet of the connection passed (read by verdict). */
  passed: boolean;
}

/** connectionKey -> the connection's state machine. */
export type ConntrackState = Map<string, Connection>;

/** What a TCP segment is, for the transition table. */
export type Segment = 'SYN' | 'SYN-ACK' | 'ACK' | 'FIN' | 'RST' | 'INVALID';
/** Which endpoint a rule accepts the segment from. */
export type Side = 'any' | 'initiator' | 'responder' | 'closer' | 'peer';
export type Check = 'acks-syn' | 'acks-syn-ack' | 'acks-fin';
export type Effect = 'open' | 'note-syn-ack' | 'note-first-fin' | 'note-second-fin';

export interface Transition {
  on: Segment;
  from: Side;
  to: TcpState;
  check?: Check;
  effect?: Effect;
}

function t(on: Segment, from: Side, to: TcpState, check?: Check, effect?: Effect): Transition {
  const rule: Transition = { on, from, to };
  if (check !== undefined) rule.check = check;
  if (effect !== undefined) rule.effect = effect;
  return rule;
}

/**
 * The transition table: for each state (NONE = no entry yet), the first rule matching the
 * segment, its sender and its check wins; no match means the packet is invalid (dropped).
 */
export const TCP_TRANSITIONS: Readonly<Record<TcpState | 'NONE', readonly Transition[]>> = {
  NONE: [t('SYN', 'any', 'SYN_SENT', undefined, 'open')],
  SYN_SENT: [
    t('SYN', 'initiator', 'SYN_SENT', undefined, 'open'), // retransmitted (or re-numbered) SYN
    t('SYN-ACK', 'responder', 'SYN_RECV', 'acks-syn', 'note-syn-ack'),
    t('RST', 'any', 'CLOSED'),
  ],
  SYN_RECV: [
    t('ACK', 'initiator', 'ESTABLISHED', 'acks-syn-ack'),
    t('SYN-ACK', 'responder', 'SYN_RECV', 'acks-syn', 'note-syn-ack'), // retransmission
    t('SYN', 'initiator', 'SYN_RECV'), // retransmission
    t('RST', 'any', 'CLOSED'),
  ],
  ESTABLISHED: [
    t('ACK', 'any', 'ESTABLISHED'),
    t('FIN', 'any', 'FIN_WAIT_1', undefined, 'note-first-fin'),
    t('RST', 'any', 'CLOSED'),
  ],
  FIN_WAIT_1: [
    t('ACK', 'peer', 'FIN_WAIT_2', 'acks-fin'),
    t('ACK', 'any', 'FIN_WAIT_1'),
    t('FIN', 'peer', 'LAST_ACK', undefined, 'note-second-fin'),
    t('FIN', 'closer', 'FIN_WAIT_1'), // retransmission
    t('RST', 'any', 'CLOSED'),
  ],
  FIN_WAIT_2: [
    t('ACK', 'any', 'FIN_WAIT_2'), // the peer may still send data (CLOSE_WAIT)
    t('FIN', 'peer', 'LAST_ACK', undefined, 'note-second-fin'),
    t('FIN', 'closer', 'FIN_WAIT_2'), // retransmission
    t('RST', 'any', 'CLOSED'),
  ],
  LAST_ACK: [
    t('ACK', 'closer', 'TIME_WAIT', 'acks-fin'),
    t('ACK', 'any', 'LAST_ACK'),
    t('FIN', 'any', 'LAST_ACK'), // retransmission
    t('RST', 'any', 'CLOSED'),
  ],
  TIME_WAIT: [
    t('SYN', 'any', 'SYN_SENT', undefined, 'open'),
    t('ACK', 'any', 'TIME_WAIT'), // retransmitted last ACK
    t('FIN', 'any', 'TIME_WAIT'), // retransmitted FIN
    t('RST', 'any', 'CLOSED'),
  ],
  CLOSED: [t('SYN', 'any', 'SYN_SENT', undefined, 'open')],
};

export function classifySegment(flags: number): Segment {
  if (flags & TCP_RST) return flags & TCP_SYN ? 'INVALID' : 'RST';
  if (flags & TCP_SYN) {
    if (flags & TCP_FIN) return 'INVALID';
    return flags & TCP_ACK ? 'SYN-ACK' : 'SYN';
  }
  if (flags & TCP_FIN) return 'FIN';
  if (flags & TCP_ACK) return 'ACK';
  return 'INVALID';
}

const KEY_SEPARATOR = '<>';

/** The bidirectional key: the lower (address, port) endpoint first, e.g. "10.0.0.7:5000<>10.0.0.9:80". */
export function connectionKey(ipA: number, portA: number, ipB: number, portB: number): string {
  return isLowEndpoint(ipA, portA, ipB, portB)
    ? `${ipv4ToString(ipA)}:${portA}${KEY_SEPARATOR}${ipv4ToString(ipB)}:${portB}`
    : `${ipv4ToString(ipB)}:${portB}${KEY_SEPARATOR}${ipv4ToString(ipA)}:${portA}`;
}

function isLowEndpoint(ipA: number, portA: number, ipB: number, portB: number): boolean {
  return ipA < ipB || (ipA === ipB && portA <= portB);
}

function endpointsOf(key: StateKey): [string, string] {
  const text = String(key);
  const at = text.indexOf(KEY_SEPARATOR);
  return at < 0 ? [text, '?'] : [text.slice(0, at), text.slice(at + KEY_SEPARATOR.length)];
}

function sideMatches(side: Side, conn: Connection | undefined, fromLow: boolean): boolean {
  if (side === 'any') return true;
  if (conn === undefined) return false;
  switch (side) {
    case 'initiator': return fromLow === conn.initiatorIsLow;
    case 'responder': return fromLow !== conn.initiatorIsLow;
    case 'closer': return fromLow === conn.closerIsLow;
    case 'peer': return fromLow !== conn.closerIsLow;
  }
}

function checkPasses(check: Check, conn: Connection, rec: ConntrackRecord): boolean {
  switch (check) {
    case 'acks-syn': return rec.ack === conn.initiatorNext;
    case 'acks-syn-ack': return rec.ack === conn.responderNext;
    // Sequence-number arithmetic (mod 2^32): the ack is at or after the FIN's seq + 1.
    case 'acks-fin': return (rec.flags & TCP_ACK) !== 0 && ((rec.ack - conn.finNext) | 0) >= 0;
  }
}

function applyEffect(effect: Effect, conn: Connection, rec: ConntrackRecord): void {
  const next = (rec.seq + 1) >>> 0;
  switch (effect) {
    case 'open':
      conn.initiatorIsLow = rec.fromLow;
      conn.closerIsLow = false;
      conn.initiatorNext = next;
      conn.responderNext = 0;
      conn.finNext = 0;
      break;
    case 'note-syn-ack':
      conn.responderNext = next;
      break;
    case 'note-first-fin':
      conn.closerIsLow = rec.fromLow;
      conn.finNext = next;
      break;
    case 'note-second-fin':
      conn.finNext = next;
      break;
  }
}

function describeConnection(conn: Connection, key: StateKey): string {
  const [low, high] = endpointsOf(key);
  const initiator = conn.initiatorIsLow ? low : high;
  const closer = conn.closerIsLow ? low : high;
  const peer = conn.closerIsLow ? high : low;
  let detail: string;
  switch (conn.state) {
    case 'SYN_SENT':
    case 'SYN_RECV':
    case 'ESTABLISHED':
      detail = `opened by ${initiator}`;
      break;
    case 'FIN_WAIT_1':
      detail = `${closer} sent FIN`;
      break;
    case 'FIN_WAIT_2':
      detail = `${closer} closed, ${peer} in CLOSE_WAIT`;
      break;
    case 'LAST_ACK':
      detail = `both sent FIN, waiting for ${closer}'s last ACK`;
      break;
    case 'TIME_WAIT':
      detail = 'closed, waiting for stray packets';
      break;
    case 'CLOSED':
      detail = 'closed';
      break;
  }
  const dropped = conn.passed ? '' : ' · last packet DROPPED';
  return `${conn.state} · ${detail}${dropped} · last valid packet at ${formatNs(conn.lastNs)}`;
}

export const MAX_TIME_WAIT_NS = 86_400_000_000_000; // one day

export const conntrack: ProgramDef<ConntrackConfig, ConntrackRecord, ConntrackState> = {
  id: 'conntrack',
  title: 'TCP connection tracker',
  summary: 'Follows every TCP connection through its handshake and teardown, and drops packets that do not fit.',
  description:
    'State: one TCP state machine per connection, shared by both directions (SYN_SENT, SYN_RECV, ' +
    'ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, LAST_ACK, TIME_WAIT, CLOSED), with the sequence ' +
    'numbers the next step must acknowledge. A SYN opens a connection and a packet that is a ' +
    'valid next step moves it on and passes; anything else (an ACK for an unknown connection, a ' +
    'SYN-ACK acknowledging the wrong number) is dropped. Packets that are not TCP pass untouched.',
  scope: { kind: 'per-key', hashedBy: 'bidirectional-5-tuple' },
  defaultConfig: { timeWaitNs: 120_000_000_000 },
  parseConfig(raw) {
    const settings = settingsObject(raw, 'connection tracker', ['timeWaitNs']);
    return { timeWaitNs: wholeNumberSetting(settings, 'timeWaitNs', 'the TIME_WAIT duration (ns)', 1, MAX_TIME_WAIT_NS, 120_000_000_000) };
  },
  recordFields: [
    { name: 'l4 protocol', bytes: 1, about: 'IP protocol; 0 when not IPv4; only TCP is tracked' },
    { name: 'source IP', bytes: 4, about: 'connection key and direction' },
    { name: 'destination IP', bytes: 4, about: 'connection key and direction' },
    { name: 'source port', bytes: 2, about: 'connection key and direction' },
    { name: 'destination port', bytes: 2, about: 'connection key and direction' },
    { name: 'TCP flags', bytes: 1, about: 'SYN, ACK, FIN, RST: the event' },
    { name: 'sequence number', bytes: 4, about: 'noted from SYN, SYN-ACK and FIN' },
    { name: 'ack number', bytes: 4, about: 'must acknowledge the expected number' },
    { name: 'timestamp', bytes: 8, about: "sequencer's clock in ns, for TIME_WAIT" },
  ],
  extract(trace: Trace, i: number): ConntrackRecord {
    const proto = ipv4Proto(trace, i);
    const srcIp = trace.srcIp[i] as number;
    const dstIp = trace.dstIp[i] as number;
    const srcPort = trace.srcPort[i] as number;
    const dstPort = trace.dstPort[i] as number;
    const tcp = proto === PROTO_TCP;
    return {
      proto,
      srcIp,
      dstIp,
      srcPort,
      dstPort,
      flags: tcp ? (trace.tcpFlags[i] as number) : 0,
      seq: tcp ? (trace.tcpSeq[i] as number) : 0,
      ack: tcp ? (trace.tcpAck[i] as number) : 0,
      tsNs: Math.floor(trace.tsNs[i] as number),
      key: tcp ? connectionKey(srcIp, srcPort, dstIp, dstPort) : '',
      fromLow: isLowEndpoint(srcIp, srcPort, dstIp, dstPort),
    };
  },
  initState: () => new Map(),
  update(state, rec, config) {
    if (rec.key === '') return;
    let conn = state.get(rec.key);
    if (conn !== undefined && conn.state === 'TIME_WAIT' && rec.tsNs - conn.lastNs >= config.timeWaitNs) {
      conn.state = 'CLOSED';
    }
    const rules = TCP_TRANSITIONS[conn === undefined ? 'NONE' : conn.state];
    const segment = classifySegment(rec.flags);
    for (let r = 0; r < rules.length; r++) {
      const rule = rules[r] as Transition;
      if (rule.on !== segment || !sideMatches(rule.from, conn, rec.fromLow)) continue;
      if (rule.check !== undefined && (conn === undefined || !checkPasses(rule.check, conn, rec))) continue;
      if (conn === undefined) {
        conn = {
          state: rule.to,
          initiatorIsLow: rec.fromLow,
          closerIsLow: false,
          initiatorNext: 0,
          responderNext: 0,
          finNext: 0,
          lastNs: rec.tsNs,
          passed: true,
        };
        state.set(rec.key, conn);
      }
      if (rule.effect !== undefined) applyEffect(rule.effect, conn, rec);
      conn.state = rule.to;
      conn.lastNs = rec.tsNs;
      conn.passed = true;
      return;
    }
    if (conn !== undefined) conn.passed = false;
  },
  verdict(state, rec) {
    if (rec.key === '') return 'PASS';
    return state.get(rec.key)?.passed === true ? 'PASS' : 'DROP';
  },
  cloneState(state) {
    const out: ConntrackState = new Map();
    for (const [k, c] of state) {
      out.set(k, {
        state: c.state,
        initiatorIsLow: c.initiatorIsLow,
        closerIsLow: c.closerIsLow,
        initiatorNext: c.initiatorNext,
        responderNext: c.responderNext,
        finNext: c.finNext,
        lastNs: c.lastNs,
        passed: c.passed,
      });
    }
    return out;
  },
  stateEquals(a, b) {
    if (a.size !== b.size) return false;
    for (const [k, x] of a) {
      const y = b.get(k);
      if (
        y === undefined ||
        x.state !== y.state ||
        x.initiatorIsLow !== y.initiatorIsLow ||
        x.closerIsLow !== y.closerIsLow ||
        x.initiatorNext !== y.initiatorNext ||
        x.responderNext !== y.responderNext ||
        x.finNext !== y.finNext ||
        x.lastNs !== y.lastNs ||
        x.passed !== y.passed
      ) {
        return false;
      }
    }
    return true;
  },
  keyOf: (rec) => (rec.key === '' ? null : rec.key),
  touchesGlobal: () => false,
  describeRecord(rec) {
    if (rec.key === '') return rec.proto === PROTO_UDP ? `${describeFlow(rec)} (not TCP)` : describeFlow(rec);
    return `${ipv4ToString(rec.srcIp)}:${rec.srcPort} → ${ipv4ToString(rec.dstIp)}:${rec.dstPort} ${tcpFlagsToString(rec.flags)} seq ${rec.seq} ack ${rec.ack}`;
  },
  describeKey(key) {
    const [low, high] = endpointsOf(key);
    return `${low} ⇄ ${high} TCP`;
  },
  ...mapStateTable(String, (conn: Connection, _config, key) => describeConnection(conn, key)),
};
