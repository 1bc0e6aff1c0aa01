/**
 * npm run bench:techniques: time for a full 5-technique x 16-core sweep of the timed model on a
 * 1,000,000-packet trace (target: under 5 s in Node on this machine), on one thread and on one
 * thread per CPU core, and where the time goes per technique. Prints figures; asserts nothing.
 */
import { availableParallelism } from 'node:os';
import { parallelSweep } from '../cli/parallel-sweep';
import { getProgram } from '../src/engine/programs/registry';
import { modelOptions, TECHNIQUES, type TechniqueId } from '../src/engine/techniques/options';
import { coreRange, sweep } from '../src/engine/techniques/sweep';
import { prepareWorkload } from '../src/engine/techniques/workload';
import { generateTrace } from '../src/engine/trace/generators';

const PACKETS = Number(process.env.BENCH_PACKETS ?? 1_000_000);
const CASES = [
  { program: 'ddos', trace: 'elephant' },
  { program: 'portknock', trace: 'uniform' },
  { program: 'nat', trace: 'uniform' },
];
const cores = coreRange(1, 16);
const threads = availableParallelism();
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

console.log(`Timed model: 5 techniques x 16 core counts on ${PACKETS.toLocaleString('en-US')}-packet traces (${threads} CPU cores here)`);
for (const { program, trace: traceName } of CASES) {
  const trace = generateTrace(traceName, { packets: PACKETS, seed: 1 });
  const options = modelOptions(program);

  // One thread, timing each technique's cells.
  let started = performance.now();
  const workload = prepareWorkload(getProgram(program), trace);
  const prepareMs = performance.now() - started;
  const perTechnique = new Map<TechniqueId, number>();
  let last = performance.now();
  for (const cell of sweep({ workload, options, cores })) {
    const now = performance.now();
    perTechnique.set(cell.technique, (perTechnique.get(cell.technique) ?? 0) + now - last);
    last = now;
  }
  const oneThreadMs = performance.now() - started;

  started = performance.now();
  await parallelSweep({ programId: program, trace, options, techniques: TECHNIQUES, cores, method: 'saturation', jobs: threads }, () => {});
  const parallelMs = performance.now() - started;

  const split = TECHNIQUES.map((t) => `${t} ${s(perTechnique.get(t) ?? 0)}`).join(', ');
  console.log(`  ${program} on ${traceName}: ${s(oneThreadMs)} on 1 thread (prepare ${s(prepareMs)}; ${split}); ${s(parallelMs)} on ${threads} threads`);
}
