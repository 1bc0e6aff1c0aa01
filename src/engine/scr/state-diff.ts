import type { AnyProgram, StateKey } from '../programs/program';

/**
 * The first entry where two states differ, in a person's words: "10.0.0.7: OPEN" against
 * "10.0.0.7: CLOSED_2", or "no entry". Walks the entries only when the states already differ.
 * When every listed entry agrees (a difference the program does not list), says the sizes.
 */
export function firstDifference(program: AnyProgram, expected: unknown, got: unknown, config: unknown): { expected: string; got: string } {
  const want = new Map<StateKey, string>(program.entries(expected, config));
  const have = new Map<StateKey, string>(program.entries(got, config));
  const word = (key: StateKey, value: string | undefined) => `${program.describeKey(key)}: ${value ?? 'no entry'}`;
  for (const [key, value] of want) {
    if (have.get(key) !== value) return { expected: word(key, value), got: word(key, have.get(key)) };
  }
  for (const [key, value] of have) {
    if (!want.has(key)) return { expected: word(key, undefined), got: word(key, value) };
  }
  const size = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
  return { expected: size(program.stateSize(expected)), got: `${size(program.stateSize(got))}, differing where no entry shows it` };
}
