import { describe, expect, it } from 'vitest';
import { ETHERTYPE_ARP, PROTO_TCP, PROTO_UDP } from '../packet';
import type { PacketInit } from '../trace/trace';
import { ConfigError } from './program';
import { portKnocking as pk, type PortKnockConfig } from './port-knocking';
import { ipv4Packet, runProgram } from './testing';

const A = 0x0a000001;
const B = 0x0a000002;
const tcp = (srcIp: number, dstPort: number): PacketInit => ipv4Packet({ proto: PROTO_TCP, srcIp, dstPort });

/** Runs the program sequentially; returns each packet's verdict and the state name of its source after it. */
function run(packets: PacketInit[], config: PortKnockConfig = pk.defaultConfig) {
  const { verdicts, entries } = runProgram(pk, config, packets);
  return verdicts.map((verdict, i) => [verdict, entries[i] === null ? '-' : entries[i]]);
}

describe('port knocking (primer semantics)', () => {
  it('opens after the right sequence and stays open', () => {
    expect(run([tcp(A, 100), tcp(A, 101), tcp(A, 102), tcp(A, 22), tcp(A, 9999)])).toEqual([
      ['DROP', 'CLOSED_1'], ['DROP', 'CLOSED_2'], ['PASS', 'OPEN'], ['PASS', 'OPEN'], ['PASS', 'OPEN'],
    ]);
  });

  it('a wrong port goes back to CLOSED_0, the first knock port to CLOSED_1', () => {
    expect(run([tcp(A, 100), tcp(A, 101), tcp(A, 555), tcp(A, 100), tcp(A, 100), tcp(A, 101), tcp(A, 102)])).toEqual([
      ['DROP', 'CLOSED_1'], ['DROP', 'CLOSED_2'], ['DROP', 'CLOSED_0'], ['DROP', 'CLOSED_1'],
      // knock[1] is 101, not 100, but 100 is knock[0]: stays in CLOSED_1
      ['DROP', 'CLOSED_1'], ['DROP', 'CLOSED_2'], ['PASS', 'OPEN'],
    ]);
  });

  it('keeps one state machine per source', () => {
    expect(run([tcp(A, 100), tcp(B, 100), tcp(A, 101), tcp(B, 102), tcp(A, 102), tcp(B, 22)])).toEqual([
      ['DROP', 'CLOSED_1'], ['DROP', 'CLOSED_1'], ['DROP', 'CLOSED_2'], ['DROP', 'CLOSED_0'], ['PASS', 'OPEN'], ['DROP', 'CLOSED_0'],
    ]);
  });

  it('drops and ignores everything that is not IPv4/TCP', () => {
    const udp = ipv4Packet({ proto: PROTO_UDP, srcIp: A, dstPort: 100 });
    const arp: PacketInit = { ethertype: ETHERTYPE_ARP };
    expect(run([udp, arp, tcp(A, 100)])).toEqual([['DROP', '-'], ['DROP', '-'], ['DROP', 'CLOSED_1']]);
  });

  it('handles repeated ports in the knock sequence', () => {
    const config = { knock: [100, 100, 101] };
    expect(run([tcp(A, 100), tcp(A, 100), tcp(A, 100), tcp(A, 101)], config)).toEqual([
      ['DROP', 'CLOSED_1'], ['DROP', 'CLOSED_2'], ['DROP', 'CLOSED_1'], ['DROP', 'CLOSED_0'],
    ]);
    expect(run([tcp(A, 100), tcp(A, 100), tcp(A, 101)], config).at(-1)).toEqual(['PASS', 'OPEN']);
  });

  it('artifact: OPEN falls back on the next packet, so only the packet completing the knock passes', () => {
    const config = pk.parseConfig({ knock: [100, 101, 102], artifact: true });
    expect(config).toEqual({ knock: [100, 101, 102], artifact: true });
    expect(run([tcp(A, 100), tcp(A, 101), tcp(A, 102), tcp(A, 22), tcp(A, 100), tcp(A, 101), tcp(A, 102), tcp(A, 100)], config)).toEqual([
      ['DROP', 'CLOSED_1'], ['DROP', 'CLOSED_2'], ['PASS', 'OPEN'], ['DROP', 'CLOSED_0'],
      ['DROP', 'CLOSED_1'], ['DROP', 'CLOSED_2'], ['PASS', 'OPEN'], ['DROP', 'CLOSED_1'],
    ]);
    expect(pk.parseConfig({ knock: [7], artifact: 'false' })).toEqual({ knock: [7] });
    expect(() => pk.parseConfig({ knock: [7], artifact: 1 })).toThrow(new ConfigError('the artifact switch must be true or false, not 1'));
  });

  it('a one-port knock opens at once', () => {
    expect(run([tcp(A, 7), tcp(A, 8)], { knock: [7] })).toEqual([['PASS', 'OPEN'], ['PASS', 'OPEN']]);
  });

  it('parses and rejects knock sequences with readable messages', () => {
    expect(pk.parseConfig({ knock: '7, 8 9' })).toEqual({ knock: [7, 8, 9] });
    expect(pk.parseConfig([1, 2])).toEqual({ knock: [1, 2] });
    expect(() => pk.parseConfig({ knock: [] })).toThrow(ConfigError);
    expect(() => pk.parseConfig({ knock: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toThrow(/1 to 8 ports, not 9/);
    expect(() => pk.parseConfig({ knock: [100, 70000] })).toThrow(/knock port 2 must be a whole number from 1 to 65535/);
    expect(() => pk.parseConfig({ knock: 'abc' })).toThrow(/not "NaN"|not "abc"/);
  });

  it('record is 9 bytes as in the primer', () => {
    expect(pk.recordFields.reduce((s, f) => s + f.bytes, 0)).toBe(9);
  });
});
