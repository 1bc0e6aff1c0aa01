import { describe, expect, it } from 'vitest';
import { ConfigError } from './program';
import { settingsObject, wholeNumberSetting } from './program-settings';

describe('program settings', () => {
  it('takes null and undefined as no settings, and rejects unknown keys and non-objects', () => {
    expect(settingsObject(undefined, 'widget', ['size'])).toEqual({});
    expect(settingsObject(null, 'widget', ['size'])).toEqual({});
    expect(settingsObject({ size: 3 }, 'widget', ['size'])).toEqual({ size: 3 });
    expect(() => settingsObject({ sise: 3 }, 'widget', ['size', 'colour'])).toThrow(
      new ConfigError('the widget has no setting "sise"; its settings are size, colour'),
    );
    expect(() => settingsObject('big', 'widget', ['size'])).toThrow(new ConfigError('the widget settings must be an object with size, not "big"'));
    expect(() => settingsObject([3], 'widget', ['size'])).toThrow(/not a list$/);
  });

  it('reads whole numbers from numbers or text with digit separators, within bounds', () => {
    const read = (value: unknown) => wholeNumberSetting({ size: value }, 'size', 'the size', 1, 10_000, 7);
    expect(wholeNumberSetting({}, 'size', 'the size', 1, 10_000, 7)).toBe(7);
    expect(read(5)).toBe(5);
    expect(read(' 1,000 ')).toBe(1000);
    expect(read('2_500')).toBe(2500);
    expect(() => read(0)).toThrow(new ConfigError('the size must be a whole number from 1 to 10,000, not 0'));
    expect(() => read(2.5)).toThrow(/not 2\.5$/);
    expect(() => read('')).toThrow(/not ""$/);
    expect(() => read('lots')).toThrow(/not "lots"$/);
    expect(() => read(null)).toThrow(/not null$/);
    expect(() => read({})).toThrow(/not an object$/);
  });
});
