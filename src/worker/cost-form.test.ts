import { describe, expect, it } from 'vitest';
import { costDrafts, costFields, parseCostForm } from './cost-form';

describe('costs form', () => {
  it('lists every cost with its unit and the program default', () => {
    const fields = costFields('policer');
    expect(fields.find((f) => f.name === 'c2')).toMatchObject({ unit: 'ns', defaultValue: 20 });
    expect(fields.find((f) => f.name === 'nicGbps')).toMatchObject({ unit: 'Gbit/s', defaultValue: 100 });
  });

  it('keeps valid values, explains the rest, and treats empty as the default', () => {
    const { overrides, errors } = parseCostForm({ d: ' 120 ', c1: '', c2: 'fast', nicGbps: '1e9', lockAcquire: '-3' });
    expect(overrides).toEqual({ d: 120 });
    expect(errors.c2).toMatch(/"fast" is not a number/);
    expect(errors.nicGbps).toMatch(/^Cost nicGbps must be a number from 0 to 100000 Gbit\/s/);
    expect(errors.lockAcquire).toMatch(/from 0 to/);
    expect(errors.c1).toBeUndefined();
  });

  it('writes overrides back as text', () => {
    expect(costDrafts({ c1: 80, d: 0 })).toEqual({ d: '0', c1: '80' });
  });
});
