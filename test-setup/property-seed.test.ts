import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPERTY_SEED, propertySeed } from './property-seed';

describe('propertySeed', () => {
  it('is fixed unless told otherwise, so the suite explores the same cases every run', () => {
    expect(propertySeed(undefined)).toBe(DEFAULT_PROPERTY_SEED);
    expect(propertySeed('  ')).toBe(DEFAULT_PROPERTY_SEED);
    expect(propertySeed('12345')).toBe(12345);
    expect(propertySeed('random', () => 0.5)).toBe(Math.floor(0.5 * 0x7fffffff));
    expect(() => propertySeed('1.5')).toThrow(/integer or "random"/);
    expect(() => propertySeed('abc')).toThrow(/integer or "random"/);
  });

  it('is the seed every property of the run uses, and a failure names it with the replay command', () => {
    expect(fc.readConfigureGlobal().seed).toBe(propertySeed(process.env.SCR_PROPERTY_SEED));
    const failing = () => fc.assert(fc.property(fc.integer(), (n) => n < 10));
    expect(failing).toThrow(/seed: -?\d+/);
    expect(failing).toThrow(/Replay this run: SCR_PROPERTY_SEED=-?\d+/);
  });
});
