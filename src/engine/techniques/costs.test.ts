import { describe, expect, it } from 'vitest';
import { programIds } from '../programs/registry';
import { COST_NAMES, checkCost, defaultCosts, linkNs, parseCostOverrides, scrClosedFormMpps, withCosts } from './costs';
import { modelOptions, parseTechniques, TECHNIQUES } from './options';

describe('costs', () => {
  it('every program has defaults where fast-forwarding is much cheaper than processing', () => {
    for (const id of programIds()) {
      const c = defaultCosts(id);
      expect(c.c2, id).toBeGreaterThan(0);
      expect(c.c2, id).toBeLessThan((c.d + c.c1) / 4);
      for (const name of COST_NAMES) expect(() => checkCost(name, c[name])).not.toThrow();
    }
  });

  it('defaultCosts returns a copy', () => {
    const a = defaultCosts('ddos');
    a.d = 1;
    expect(defaultCosts('ddos').d).not.toBe(1);
  });

  it('parses overrides typed on a command line', () => {
    expect(parseCostOverrides('d=100,c1=20 c2=5')).toEqual({ d: 100, c1: 20, c2: 5 });
    expect(withCosts(defaultCosts('ddos'), parseCostOverrides('nicGbps=0')).nicGbps).toBe(0);
  });

  it.each([
    ['d', /costs are written name=value/],
    ['x=3', /unknown cost "x"/],
    ['d=-1', /cost d must be a number from 0 to 1000000 ns, not -1/],
    ['c1=abc', /cost c1 must be a number/],
    ['c2=', /cost c2 must be a number/],
    ['nicGbps=1e9', /cost nicGbps must be a number from 0 to 100000 Gbit\/s/],
  ])('rejects %s with a clear message', (text, message) => {
    expect(() => parseCostOverrides(text)).toThrow(message);
  });

  it('the closed form is the primer\'s T(N) = 1000 N / (d + c1 + (N-1) c2)', () => {
    expect(scrClosedFormMpps({ d: 100, c1: 100, c2: 0 }, 4)).toBeCloseTo(20, 10);
    expect(scrClosedFormMpps({ d: 180, c1: 20, c2: 10 }, 1)).toBeCloseTo(5, 10);
    expect(scrClosedFormMpps({ d: 180, c1: 20, c2: 10 }, 11)).toBeCloseTo(11000 / 300, 10);
  });

  it('charges the link 8 bits per byte at its bandwidth, and nothing without a limit', () => {
    expect(linkNs({ ...defaultCosts('ddos'), nicGbps: 100 }, 100)).toBeCloseTo(8, 10);
    expect(linkNs({ ...defaultCosts('ddos'), nicGbps: 0 }, 100)).toBe(0);
  });
});

describe('model options', () => {
  it('parses technique lists', () => {
    expect(parseTechniques('all')).toEqual([...TECHNIQUES]);
    expect(parseTechniques('scr, rss++,lock,scr')).toEqual(['scr', 'rsspp', 'locks']);
    expect(() => parseTechniques('magic')).toThrow(/unknown technique "magic"/);
    expect(() => parseTechniques(' ')).toThrow(/at least one technique/);
  });

  it('merges cost overrides field by field and checks every setting', () => {
    const o = modelOptions('policer', { costs: { c1: 7 }, ringSize: 64 });
    expect(o.costs).toMatchObject({ c1: 7, c2: defaultCosts('policer').c2, d: defaultCosts('policer').d });
    expect(o.ringSize).toBe(64);
    expect(() => modelOptions('ddos', { ringSize: 0 })).toThrow(/ring size must be a whole number from 1/);
    expect(() => modelOptions('ddos', { lossThreshold: 1 })).toThrow(/loss threshold/);
    expect(() => modelOptions('ddos', { packetSize: 20 })).toThrow(/packet size must be a whole number from 64/);
    expect(() => modelOptions('ddos', { costs: { d: Number.NaN } })).toThrow(/cost d must be a number/);
    expect(() => modelOptions('ddos', { costs: { d: 0, c1: 0 } })).toThrow(/d \+ c1 must be above 0 ns/);
  });
});
