/**
 * Vitest setup for every property test (fast-check): one seed for the whole run, so `npm test`
 * explores the same cases every time and a failure is reproducible at once.
 *
 * - By default the seed is fixed (DEFAULT_PROPERTY_SEED): the suite cannot flake.
 * - `SCR_PROPERTY_SEED=<integer>` replays a run (fast-check's failure report names the seed;
 *   this setup also prints it with the replay command).
 * - `SCR_PROPERTY_SEED=random` explores new cases with a fresh seed, printed before the run.
 */
import fc from 'fast-check';

export const DEFAULT_PROPERTY_SEED = 20_251_204;

/** The seed a run uses, from the environment variable's text (undefined: not set). */
export function propertySeed(text: string | undefined, random: () => number = Math.random): number {
  if (text === undefined || text.trim() === '') return DEFAULT_PROPERTY_SEED;
  if (text.trim() === 'random') return Math.floor(random() * 0x7fffffff);
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`SCR_PROPERTY_SEED must be an integer or "random", not "${text}"`);
  return seed;
}

const seed = propertySeed(process.env.SCR_PROPERTY_SEED);
if (process.env.SCR_PROPERTY_SEED?.trim() === 'random') console.log(`property tests: seed ${seed} (replay with SCR_PROPERTY_SEED=${seed})`);

fc.configureGlobal({
  seed,
  // fast-check reports the seed and the shrunk counterexample; say how to replay it here.
  reporter: (details) => {
    if (!details.failed) return;
    const report = fc.defaultReportMessage(details);
    throw new Error(`${report}\n\nReplay this run: SCR_PROPERTY_SEED=${seed} npx vitest run <file> -t "<test name>"`);
  },
});
