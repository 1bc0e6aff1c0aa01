import { describe, expect, it } from 'vitest';
import { generateTrace } from '../trace/generators';
import { TRACE_COLUMNS, TraceBuilder } from '../trace/trace';
import { loopTrace } from './replay';

describe('loopTrace', () => {
  it('repeats the whole trace until it is long enough, time still increasing', () => {
    const trace = generateTrace('portknock', { packets: 300, seed: 1 });
    const looped = loopTrace(trace, 1000);
    expect(looped.count).toBe(1200);
    for (const name of TRACE_COLUMNS) {
      if (name === 'tsNs') continue;
      expect(Array.from(looped[name].subarray(900, 1200))).toEqual(Array.from(trace[name]));
    }
    for (let i = 1; i < looped.count; i++) expect(looped.tsNs[i]).toBeGreaterThanOrEqual(looped.tsNs[i - 1] as number);
    expect(looped.tsNs[300]).toBeGreaterThan(trace.tsNs[299] as number);
  });

  it('leaves a long or empty trace alone and copies IPv6 addresses to every copy', () => {
    const trace = generateTrace('uniform', { packets: 500, seed: 1 });
    expect(loopTrace(trace, 500)).toBe(trace);
    const b = new TraceBuilder();
    b.push({ ipVersion: 6, srcIp6: '::1', dstIp6: '::2' });
    b.push({ ipVersion: 4 });
    const looped = loopTrace(b.build(), 5);
    expect(looped.count).toBe(6);
    expect([...looped.ipv6.keys()]).toEqual([0, 2, 4]);
    expect(loopTrace(new TraceBuilder().build(), 5).count).toBe(0);
  });
});
