import { describe, expect, it } from 'vitest';
import { DEFAULT_TRACE_PARAMS, defaultTraceParams, parseTraceParams, TraceParamError } from './params';

function errorOf(raw: unknown): TraceParamError {
  try {
    parseTraceParams(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(TraceParamError);
    expect(e).toBeInstanceOf(RangeError);
    return e as TraceParamError;
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be rejected`);
}

describe('parseTraceParams', () => {
  it('gives the defaults for nothing, and fresh copies each time', () => {
    const a = parseTraceParams(undefined);
    expect(a).toEqual(defaultTraceParams());
    expect(parseTraceParams(null)).toEqual(a);
    expect(parseTraceParams({})).toEqual(a);
    a.knock.push(7);
    expect(parseTraceParams({}).knock).toEqual([100, 101, 102]);
    expect(DEFAULT_TRACE_PARAMS.knock).toEqual([100, 101, 102]);
    expect(Object.isFrozen(DEFAULT_TRACE_PARAMS.knock)).toBe(true);
  });

  it('accepts values in range, numeric strings and knock lists as text; ignores other keys', () => {
    const p = parseTraceParams({
      packets: '5_000', flows: ' 200 ', skew: '0', elephantShare: 1, seed: -1, packetSize: 9000, rateMpps: '0.5',
      arrival: 'Poisson', concurrency: 4096, knock: '7, 8 9', generator: 'zipf',
    });
    expect(p).toEqual({
      packets: 5000, flows: 200, skew: 0, elephantShare: 1, seed: -1, packetSize: 9000, rateMpps: 0.5,
      arrival: 'exponential', concurrency: 4096, knock: [7, 8, 9],
    });
    expect(parseTraceParams({ seed: 4294967295, packets: 5_000_000, flows: 1_000_000, skew: 3 }).seed).toBe(4294967295);
    expect(parseTraceParams({ knock: [22] }).knock).toEqual([22]);
    expect(parseTraceParams({ arrival: 'constant' }).arrival).toBe('constant');
  });

  it.each([
    [{ packets: 0 }, 'packets', /packets must be from 1 to 5,000,000, not 0/],
    [{ packets: 5_000_001 }, 'packets', /1 to 5,000,000/],
    [{ packets: 10.5 }, 'packets', /whole number/],
    [{ packets: 'lots' }, 'packets', /packets must be a finite number, not "lots"/],
    [{ packets: '' }, 'packets', /must be a number/],
    [{ packets: Infinity }, 'packets', /finite/],
    [{ packets: NaN }, 'packets', /finite/],
    [{ flows: 0 }, 'flows', /flows must be from 1 to 1,000,000/],
    [{ flows: 2_000_000 }, 'flows', /flows/],
    [{ skew: -0.1 }, 'skew', /skew must be from 0 to 3, not -0.1/],
    [{ skew: 3.5 }, 'skew', /skew/],
    [{ elephantShare: 1.2 }, 'elephantShare', /elephantShare must be from 0 to 1/],
    [{ seed: 2 ** 32 }, 'seed', /seed/],
    [{ seed: 1.5 }, 'seed', /whole number/],
    [{ packetSize: 63 }, 'packetSize', /packetSize must be from 64 to 9000 B, not 63/],
    [{ packetSize: 9001 }, 'packetSize', /9000 B/],
    [{ rateMpps: 0 }, 'rateMpps', /rateMpps must be from 0.001 to 1000 Mpps/],
    [{ concurrency: 0 }, 'concurrency', /concurrency/],
    [{ arrival: 'bursty' }, 'arrival', /arrival must be one of constant, exponential, not "bursty"/],
    [{ knock: [] }, 'knock', /1 to 8 ports, not 0/],
    [{ knock: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 'knock', /not 9/],
    [{ knock: [100, 70000] }, 'knock', /knock port 2 must be a whole number from 1 to 65535/],
    [{ knock: 'a,b' }, 'knock', /knock port 1/],
    [{ knock: 5 }, 'knock', /list of TCP ports/],
    [{ packets: true }, 'packets', /must be a number, not true/],
  ])('rejects %j with a readable message', (raw, param, message) => {
    const e = errorOf(raw);
    expect(e.param).toBe(param);
    expect(e.message).toMatch(message);
  });

  it('rejects something that is not an object', () => {
    expect(errorOf(42).message).toMatch(/must be an object/);
    expect(errorOf([1, 2]).message).toMatch(/not a list/);
    expect(errorOf('packets=5').message).toMatch(/must be an object/);
  });

  it('clamps out-of-range numbers and rounds counts when asked to, but still rejects garbage', () => {
    const p = parseTraceParams(
      { packets: 1e9, flows: 0, skew: 7, elephantShare: -1, packetSize: 20, rateMpps: 1e6, concurrency: 10.4, seed: 2 ** 40 },
      { clamp: true },
    );
    expect(p).toMatchObject({
      packets: 5_000_000, flows: 1, skew: 3, elephantShare: 0, packetSize: 64, rateMpps: 1000, concurrency: 10, seed: 4294967295,
    });
    expect(() => parseTraceParams({ packets: 'x' }, { clamp: true })).toThrow(TraceParamError);
    expect(() => parseTraceParams({ packets: NaN }, { clamp: true })).toThrow(TraceParamError);
  });
});
