/**
 * Reading a program's settings object (from the UI, a URL or the command line) into its config,
 * with ConfigError messages worded for the person who typed the settings.
 */
import { formatCount } from './format';
import { ConfigError } from './program';

function shown(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'number') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * The settings object of a program's configuration: {} for null/undefined, otherwise a plain
 * object whose keys must all be known (a typo is reported rather than silently ignored).
 */
export function settingsObject(raw: unknown, what: string, known: readonly string[]): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`the ${what} settings must be an object with ${known.join(', ')}, not ${shown(raw)}`);
  }
  const settings = raw as Record<string, unknown>;
  for (const key of Object.keys(settings)) {
    if (!known.includes(key)) {
      throw new ConfigError(`the ${what} has no setting "${key}"; its settings are ${known.join(', ')}`);
    }
  }
  return settings;
}

/**
 * A whole number setting in [min, max]; the fallback when absent. Accepts numbers and numeric
 * text (from a URL or the command line), with optional "," or "_" digit separators.
 */
export function wholeNumberSetting(
  settings: Record<string, unknown>,
  field: string,
  label: string,
  min: number,
  max: number,
  fallback: number,
): number {
  const value = settings[field];
  if (value === undefined) return fallback;
  let n: unknown = value;
  if (typeof value === 'string') {
    const text = value.trim().replaceAll(',', '').replaceAll('_', '');
    n = text === '' ? Number.NaN : Number(text);
  }
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${label} must be a whole number from ${formatCount(min)} to ${formatCount(max)}, not ${shown(value)}`);
  }
  return n;
}

/** A yes/no setting: true or false (or that text, from a URL or the command line); the fallback when absent. */
export function booleanSetting(settings: Record<string, unknown>, field: string, label: string, fallback: boolean): boolean {
  const value = settings[field];
  if (value === undefined) return fallback;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new ConfigError(`${label} must be true or false, not ${shown(value)}`);
}
