import { describe, expect, it } from 'vitest';
import { ETHERTYPE_IPV4, PROTO_TCP, PROTO_UDP } from '../engine/packet';
import { heavyHitter } from '../engine/programs/heavy-hitter';
import { portKnocking } from '../engine/programs/port-knocking';
import { extractRecords } from '../engine/scr/scr-machine';
import { traceFromPackets, type PacketInit } from '../engine/trace/trace';
import { keyFromId, keyId, keysAreNumeric, watchedKeys, type WatchedKeysInput } from './watched-keys';

const tcp = (srcIp: number, dstPort = 100): PacketInit => ({ ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp, dstPort });
const udp = (srcIp: number): PacketInit => ({ ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_UDP, srcIp, dstPort: 53 });

// sources 1..9 by sequence number; packet 5 is UDP (no key)
const sources = [1, 2, 3, 1, 4, 5, 6, 7, 8, 9];
const trace = traceFromPackets(sources.map((s, i) => (i === 5 ? udp(s) : tcp(s))));
const records = extractRecords(portKnocking, trace);
const base: WatchedKeysInput = { program: portKnocking, records, packet: 8, history: [6, 7], touched: null, watch: null, rows: 6 };

describe('watchedKeys', () => {
  it('lists the packet, its history, then recent keys before the history', () => {
    // packet 8 (source 8), history 6, 7 (sources 6, 7), then back from #5 (UDP, no key): sources 4, 1, 3
    expect(watchedKeys(base)).toEqual([8, 6, 7, 4, 1, 3]);
  });

  it('skips repeats and keyless records', () => {
    expect(watchedKeys({ ...base, rows: 10 })).toEqual([8, 6, 7, 4, 1, 3, 2]);
  });

  it('puts the watched key after the history and never cuts it', () => {
    expect(watchedKeys({ ...base, watch: 9 })).toEqual([8, 6, 7, 9, 4, 1]);
    expect(watchedKeys({ ...base, watch: 9, rows: 2 })).toEqual([8, 9]);
    // a watched key with no entry anywhere still gets its row
    expect(watchedKeys({ ...base, watch: 12345, rows: 3 })).toEqual([8, 6, 12345]);
  });

  it('keeps the key the last event touched when rows are short, in its place', () => {
    expect(watchedKeys({ ...base, touched: 7, rows: 2 })).toEqual([8, 7]);
    expect(watchedKeys({ ...base, touched: 7, watch: 9, rows: 3 })).toEqual([8, 7, 9]);
  });

  it('gives no rows when none are asked for, and none before the first packet', () => {
    expect(watchedKeys({ ...base, rows: 0 })).toEqual([]);
    expect(watchedKeys({ ...base, packet: -1, history: [] })).toEqual([]);
    expect(watchedKeys({ ...base, packet: -1, history: [], watch: 3 })).toEqual([3]);
  });

  it('a keyless packet shows its history and what came before', () => {
    expect(watchedKeys({ ...base, packet: 5, history: [3, 4] })).toEqual([1, 4, 3, 2]);
  });
});

describe('keys as text', () => {
  it('round-trips numeric and string keys', () => {
    expect(keyFromId(keyId(167837703), true)).toBe(167837703);
    expect(keyFromId('10.0.0.7:5000 → 10.0.0.9:80 TCP', true)).toBe('10.0.0.7:5000 → 10.0.0.9:80 TCP');
    expect(keyFromId('42', false)).toBe('42');
  });

  it('knows whether a program keys its state by numbers', () => {
    expect(keysAreNumeric(portKnocking, records)).toBe(true);
    expect(keysAreNumeric(heavyHitter, extractRecords(heavyHitter, trace))).toBe(false);
  });
});
