/**
 * The state-table side of a program (describeEntry, entries, stateSize) for the common case of a
 * state that is one Map, one value per key, each value described on its own.
 */
import type { ProgramDef, StateKey } from './program';

export type MapStateTable<K, V, C> = Pick<ProgramDef<C, unknown, ReadonlyMap<K, V>>, 'describeEntry' | 'entries' | 'stateSize'>;

/**
 * describeEntry, entries and stateSize for a Map state. `toKey` turns a key handed back by the
 * UI into the Map's key type (String or Number); `describe` puts one value in a person's words.
 */
export function mapStateTable<K extends StateKey, V, C>(
  toKey: (key: StateKey) => K,
  describe: (value: V, config: C, key: K) => string,
): MapStateTable<K, V, C> {
  return {
    describeEntry(state, key, config) {
      const k = toKey(key);
      const value = state.get(k);
      return value === undefined ? undefined : describe(value, config, k);
    },
    *entries(state, config) {
      for (const [key, value] of state) yield [key, describe(value, config, key)];
    },
    stateSize: (state) => state.size,
  };
}
