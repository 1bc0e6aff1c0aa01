import type { AnyProgram } from './program';
import { portKnocking } from './port-knocking';
import { ddosMitigator } from './ddos-mitigator';
import { heavyHitter } from './heavy-hitter';
import { tokenBucket } from './token-bucket';
import { conntrack } from './conntrack';
import { nat } from './nat';

/** Every program the engine knows, in menu order. Adding a program = one file + one line here. */
export const PROGRAMS: readonly AnyProgram[] = [portKnocking, ddosMitigator, heavyHitter, tokenBucket, conntrack, nat];

export type ProgramId = string;

export function programIds(): string[] {
  return PROGRAMS.map((p) => p.id);
}

/** The program with this id; throws with the list of valid ids otherwise. */
export function getProgram(id: string): AnyProgram {
  const found = PROGRAMS.find((p) => p.id === id);
  if (!found) throw new RangeError(`unknown program "${id}"; choose one of: ${programIds().join(', ')}`);
  return found;
}
