import { PROTO_TCP, PROTO_UDP, TCP_FIN, TCP_SYN } from '../packet';
import type { Trace } from '../trace/trace';
import { FLOW_KEY_RECORD_FIELDS, describeFlow, describeFlowKey, extractFlowFields, flowKeyOf, type FlowFields } from './flow-key';
import { formatCount, formatNs } from './format';
import type { ProgramDef } from './program';
import { booleanSetting, settingsObject, wholeNumberSetting } from './program-settings';
import { mapStateTable } from './state-table';

/**
 * The token-bucket policer, per 5-tuple (IPv4 TCP and UDP), with the artifact's numbers: one
 * token per 1024 ns, at most 16 tokens, one token per packet, and a new flow's bucket full, so
 * the bucket holds 15 tokens after the flow's first packet (the value the artifact stores).
 *
 * Decisions that differ from the artifact:
 * - a packet that is not IPv4 TCP or UDP passes and touches no state (the artifact drops it), so
 *   ARP, ICMP and IPv6 in a mixed trace are not counted as policed;
 * - any first packet creates the bucket (the artifact creates it only on a TCP SYN or a UDP
 *   packet), so traces that start in the middle of a connection are policed too;
 * - a TCP FIN passes without taking a token and deletes the bucket (the artifact polices the FIN,
 *   then deletes): the FIN's verdict then needs no entry;
 * - refill keeps the fraction of a token already earned (the last-refill time moves on by whole
 *   tokens only), where the artifact sets it to "now" and so never refills a flow whose packets
 *   come less than 1024 ns apart. A full bucket earns nothing, so its time is set to "now".
 * Time comes only from the record's timestamp; time going backwards refills nothing.
 *
 * `artifact: true` follows the artifact in the first, second and fourth of these (as the issue
 * describes it; its source was not at hand): a non-IPv4-TCP/UDP packet is dropped, a bucket is
 * created only by a TCP SYN or a UDP packet (any other packet of an unknown flow passes
 * untouched), and every refill sets the time to "now". The FIN is handled as above in both.
 */
export interface TokenBucketConfig {
  /** One token is added per this many nanoseconds. */
  nsPerToken: number;
  /** Most tokens a bucket holds. */
  capacity: number;
  /** Tokens in a new flow's bucket before its first packet takes one. */
  initialTokens: number;
  /** The artifact's behaviour (see above) instead of the teaching form; absent means false (links stay as they were). */
  artifact?: boolean;
}

export interface TokenBucketRecord extends FlowFields {
  /** Sequencer timestamp, whole nanoseconds. */
  tsNs: number;
  /** TCP_FIN and TCP_SYN bits only (0 for UDP). */
  flags: number;
}

export interface Bucket {
  tokens: number;
  /** The time up to which tokens have been credited, ns. */
  lastNs: number;
  /** Whether the latest packet of the flow passed (read by verdict). */
  passed: boolean;
}

export type TokenBucketState = Map<string, Bucket>;

export const MAX_NS_PER_TOKEN = 1_000_000_000_000;
export const MAX_BUCKET_CAPACITY = 1_000_000;

function describeBucket(bucket: Bucket, config: TokenBucketConfig): string {
  const last = bucket.passed ? 'last packet passed' : 'last packet DROPPED';
  return `${formatCount(bucket.tokens)} of ${formatCount(config.capacity)} tokens · ${last} · refilled to ${formatNs(bucket.lastNs)}`;
}

export const tokenBucket: ProgramDef<TokenBucketConfig, TokenBucketRecord, TokenBucketState> = {
  id: 'policer',
  title: 'Token-bucket policer',
  summary: 'Holds every TCP/UDP flow to a steady packet rate, allowing a short burst.',
  description:
    'State: a bucket of tokens per 5-tuple (IPv4 TCP and UDP) with the time it was last ' +
    'refilled. A packet first adds one token per elapsed interval, up to the capacity, then takes ' +
    'a token and passes, or is dropped when the bucket is empty. A new flow starts with a full ' +
    'bucket; a TCP FIN passes and deletes the bucket; other packets pass untouched.',
  scope: { kind: 'per-key', hashedBy: '5-tuple' },
  defaultConfig: { nsPerToken: 1024, capacity: 16, initialTokens: 16 },
  parseConfig(raw) {
    const settings = settingsObject(raw, 'token-bucket policer', ['nsPerToken', 'capacity', 'initialTokens', 'artifact']);
    const nsPerToken = wholeNumberSetting(settings, 'nsPerToken', 'the refill interval (ns per token)', 1, MAX_NS_PER_TOKEN, 1024);
    const capacity = wholeNumberSetting(settings, 'capacity', 'the bucket capacity', 1, MAX_BUCKET_CAPACITY, 16);
    const initialTokens = wholeNumberSetting(settings, 'initialTokens', 'the initial tokens', 0, capacity, capacity);
    const artifact = booleanSetting(settings, 'artifact', "the artifact switch", false);
    return artifact ? { nsPerToken, capacity, initialTokens, artifact } : { nsPerToken, capacity, initialTokens };
  },
  recordFields: [
    ...FLOW_KEY_RECORD_FIELDS,
    { name: 'timestamp', bytes: 8, about: "sequencer's clock in ns, for the refill" },
    { name: 'FIN, SYN', bytes: 1, about: 'TCP FIN: the flow ends, its bucket is deleted; SYN: starts one (artifact)' },
  ],
  extract(trace: Trace, i: number): TokenBucketRecord {
    // Every field spelled out: records built by spreading get a slower shape, for update too.
    const flow = extractFlowFields(trace, i);
    return {
      proto: flow.proto,
      srcIp: flow.srcIp,
      dstIp: flow.dstIp,
      srcPort: flow.srcPort,
      dstPort: flow.dstPort,
      key: flow.key,
      tsNs: Math.floor(trace.tsNs[i] as number),
      flags: flow.proto === PROTO_TCP ? (trace.tcpFlags[i] as number) & (TCP_FIN | TCP_SYN) : 0,
    };
  },
  initState: () => new Map(),
  update(state, rec, config) {
    if (rec.key === '') return;
    if (rec.flags & TCP_FIN) {
      state.delete(rec.key);
      return;
    }
    let bucket = state.get(rec.key);
    if (bucket === undefined) {
      if (config.artifact && !(rec.flags & TCP_SYN) && rec.proto !== PROTO_UDP) return;
      bucket = { tokens: config.initialTokens, lastNs: rec.tsNs, passed: false };
      state.set(rec.key, bucket);
    } else {
      const elapsed = rec.tsNs - bucket.lastNs;
      if (elapsed > 0) {
        if (config.artifact) {
          bucket.tokens = Math.min(config.capacity, bucket.tokens + Math.floor(elapsed / config.nsPerToken));
          bucket.lastNs = rec.tsNs;
        } else if (bucket.tokens >= config.capacity) {
          bucket.lastNs = rec.tsNs;
        } else {
          // Whole numbers of ns below 2^53: this division and floor are exact.
          const earned = Math.floor(elapsed / config.nsPerToken);
          if (bucket.tokens + earned >= config.capacity) {
            bucket.tokens = config.capacity;
            bucket.lastNs = rec.tsNs;
          } else {
            bucket.tokens += earned;
            bucket.lastNs += earned * config.nsPerToken;
          }
        }
      }
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.passed = true;
    } else {
      bucket.passed = false;
    }
  },
  verdict(state, rec, config) {
    if (rec.key === '') return config.artifact ? 'DROP' : 'PASS';
    if (rec.flags & TCP_FIN) return 'PASS';
    const bucket = state.get(rec.key);
    // The artifact passes a packet of a flow that has no bucket (one that did not start with a SYN).
    if (bucket === undefined) return config.artifact ? 'PASS' : 'DROP';
    return bucket.passed ? 'PASS' : 'DROP';
  },
  cloneState(state) {
    const out: TokenBucketState = new Map();
    for (const [k, v] of state) out.set(k, { tokens: v.tokens, lastNs: v.lastNs, passed: v.passed });
    return out;
  },
  stateEquals(a, b) {
    if (a.size !== b.size) return false;
    for (const [k, va] of a) {
      const vb = b.get(k);
      if (vb === undefined || vb.tokens !== va.tokens || vb.lastNs !== va.lastNs || vb.passed !== va.passed) return false;
    }
    return true;
  },
  keyOf: flowKeyOf,
  touchesGlobal: () => false,
  describeRecord(rec) {
    const flow = describeFlow(rec);
    if (rec.key === '') return flow;
    return `${flow}${rec.flags & TCP_FIN ? ' FIN' : ''} at ${formatNs(rec.tsNs)}`;
  },
  describeKey: describeFlowKey,
  ...mapStateTable(String, describeBucket),
};
