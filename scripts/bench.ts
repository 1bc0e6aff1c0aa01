/**
 * npm run bench: prints the engine's figures (never a timed test).
 *  1. records applied per second by the full SCR replica simulation (port knocking, 8 cores,
 *     1,000,000 packets), against a minimal hand-written sequential port-knocking loop over the
 *     same trace, and their ratio (target: within 3x per record);
 *  2. building the timeline for that run, and seek latency at random points (target < 20 ms);
 *  3. peak memory.
 */
import { ETHERTYPE_IPV4, PROTO_TCP } from '../src/engine/packet';
import { IntTable } from '../src/engine/programs/int-table';
import { portKnocking } from '../src/engine/programs/port-knocking';
import { ConfigSchedule } from '../src/engine/scr/config-schedule';
import { ScrMachine, extractRecords } from '../src/engine/scr/scr-machine';
import { Timeline } from '../src/engine/timeline/timeline';
import { generateTrace } from '../src/engine/trace/generators';
import type { Trace } from '../src/engine/trace/trace';
import { createRng } from '../src/engine/random';

const PACKETS = Number(process.env.BENCH_PACKETS ?? 1_000_000);
const CORES = 8;
const KNOCK = [100, 101, 102];

let peakRss = 0;
const sampleMemory = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const memoryTimer = setInterval(sampleMemory, 20);

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1048576, 0)} MB`;

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

/**
 * The baseline: the least a single core could do, written by hand over the trace's columns, with
 * a plain Map or with the engine's IntTable (which the port-knocking program uses) for the state.
 */
function minimalPortKnocking(trace: Trace, state: { get(key: number): number | undefined; set(key: number, value: number): unknown }): { passed: number } {
  const open = KNOCK.length;
  let passed = 0;
  for (let i = 0; i < trace.count; i++) {
    if (trace.ethertype[i] !== ETHERTYPE_IPV4 || trace.proto[i] !== PROTO_TCP) continue;
    const src = trace.srcIp[i] as number;
    const port = trace.dstPort[i] as number;
    let level = state.get(src) ?? 0;
    if (level < open) {
      level = port === KNOCK[level] ? level + 1 : port === KNOCK[0] ? 1 : 0;
      state.set(src, level);
    }
    if (level >= open) passed++;
  }
  return { passed };
}

function best<T>(runs: number, fn: () => T): [T, number] {
  let bestMs = Infinity;
  let value!: T;
  for (let r = 0; r < runs; r++) {
    const [v, ms] = time(fn);
    value = v;
    bestMs = Math.min(bestMs, ms);
  }
  return [value, bestMs];
}

function main(): void {
  console.log(`SCR Explorer benchmark: port knocking, ${CORES} cores, ${fmt(PACKETS)} packets (Node ${process.version})\n`);
  const [trace, genMs] = time(() => generateTrace('portknock', { packets: PACKETS, seed: 7, knock: KNOCK }));
  console.log(`trace generated in ${fmt(genMs)} ms`);

  const configs = new ConfigSchedule<unknown>({ knock: KNOCK });
  const [records, extractMs] = time(() => extractRecords(portKnocking, trace));
  console.log(`records extracted (the sequencer's work) in ${fmt(extractMs)} ms`);

  const [baseline, baseMs] = best(5, () => minimalPortKnocking(trace, new Map()));
  const baseRate = trace.count / (baseMs / 1000);
  const [, tableMs] = best(5, () => minimalPortKnocking(trace, new IntTable()));
  const tableRate = trace.count / (tableMs / 1000);

  const [machine, scrMs] = best(3, () => {
    const m = new ScrMachine({ program: portKnocking, records, configs, cores: CORES, historySize: CORES - 1 });
    m.runToEnd();
    return m;
  });
  let applied = 0;
  for (let s = 0; s < trace.count; s++) applied += Math.min(s, CORES - 1) + 1;
  const scrRate = applied / (scrMs / 1000);
  const scrPassed = machine.verdicts.reduce((n, v) => n + (v === 1 ? 1 : 0), 0);

  console.log('\n1. Records applied per second');
  console.log(`   minimal sequential loop : ${fmt(baseRate / 1e6, 1)} M records/s  (${fmt(trace.count)} records in ${fmt(baseMs, 1)} ms, state in a Map)`);
  console.log(`   same loop, IntTable     : ${fmt(tableRate / 1e6, 1)} M records/s  (${fmt(tableMs, 1)} ms)`);
  console.log(`   SCR replica simulation  : ${fmt(scrRate / 1e6, 1)} M records/s  (${fmt(applied)} records on ${CORES} replicas in ${fmt(scrMs, 1)} ms)`);
  console.log(`   ratio (per record)      : ${fmt(baseRate / scrRate, 2)}x slower than the minimal Map loop, ${fmt(tableRate / scrRate, 2)}x slower than the IntTable loop (target: within 3x)`);
  console.log(`   same verdicts           : ${scrPassed === baseline.passed ? 'yes' : 'NO'} (${fmt(scrPassed)} packets passed)`);

  const [timeline, buildMs] = time(() => new Timeline({ program: portKnocking, trace, cores: CORES, configs }));
  console.log(`\n2. Timeline (time travel)`);
  console.log(`   built in ${fmt(buildMs)} ms: ${fmt(timeline.eventCount)} events, snapshot every ${fmt(timeline.snapshotEvery)} packets, checked against one core: ${timeline.agreement.agree ? 'agree' : 'DISAGREE'}`);
  const rng = createRng(99);
  const latencies: number[] = [];
  for (let k = 0; k < 200; k++) {
    const target = rng.int(timeline.eventCount + 1);
    latencies.push(time(() => timeline.seek(target))[1]);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] as number;
  console.log(`   seek to 200 random positions: median ${fmt(pct(0.5), 2)} ms, p95 ${fmt(pct(0.95), 2)} ms, max ${fmt(pct(1), 2)} ms (target: < 20 ms)`);
  const [, stepMs] = time(() => {
    for (let k = 0; k < 1000; k++) timeline.seek(timeline.position + 1);
  });
  console.log(`   step forward: ${fmt((stepMs / 1000) * 1000, 1)} µs per event`);
  const [, backMs] = time(() => {
    for (let k = 0; k < 100; k++) timeline.seek(timeline.position - 1);
  });
  console.log(`   step back: ${fmt(backMs / 100, 2)} ms per event`);

  sampleMemory();
  clearInterval(memoryTimer);
  const heap = process.memoryUsage();
  console.log(`\n3. Memory: peak RSS ${mb(peakRss)}; heap used now ${mb(heap.heapUsed)}`);
}

main();
