import { describe, expect, it } from 'vitest';
import { getProgram } from '../programs/registry';
import { generateTrace } from '../trace/generators';
import { modelOptions } from './options';
import { buildPlan } from './plan';
import { busyMaxOverMean, indexRecording, nextEventTime, previousEventTime, stageAt } from './stage-replay';
import { simulatePlan } from './simulate';
import { prepareWorkload } from './workload';

const zipf = prepareWorkload(getProgram('ddos'), generateTrace('zipf', { packets: 3000, flows: 200, skew: 1.2, seed: 7 }));
const elephant = prepareWorkload(getProgram('ddos'), generateTrace('elephant', { packets: 3000, flows: 200, elephantShare: 0.8, seed: 7 }));
const options = modelOptions('ddos');

function recorded(workload: typeof zipf, technique: 'locks' | 'rss' | 'rsspp' | 'scr' | 'single', cores: number, mpps: number) {
  const plan = buildPlan(workload, technique, cores, options);
  const result = simulatePlan(plan, mpps, { record: true });
  if (!result.recording) throw new Error('no recording');
  return { plan, result, ix: indexRecording(result.recording) };
}

describe('replaying a recorded simulation', () => {
  it('recording changes nothing the simulation reports', () => {
    const plan = buildPlan(zipf, 'locks', 8, options);
    const plain = simulatePlan(plan, 40);
    const { recording, ...withRecording } = simulatePlan(plan, 40, { record: true });
    expect(recording).toBeDefined();
    expect(withRecording).toEqual(plain);
  });

  it("at the run's end the stage's counters are the run's", () => {
    for (const technique of ['locks', 'rss', 'rsspp', 'scr', 'single'] as const) {
      const { result, ix } = recorded(elephant, technique, 8, 60);
      const end = stageAt(ix, result.durationNs);
      expect(end.offered).toBe(result.packets.offered);
      expect(end.forwarded).toBe(result.packets.served);
      expect(end.droppedRing).toBe(result.packets.droppedRing);
      expect(end.droppedLink).toBe(result.packets.droppedLink);
      expect(end.cores.map((c) => c.served)).toEqual(result.perCore.packets);
      end.cores.forEach((c, k) => expect(c.busyShare).toBeCloseTo(result.perCore.busyFraction[k] as number, 4));
      expect(end.cores.every((c) => c.queued === 0 && c.current === -1)).toBe(true);
    }
  });

  it('mid-run the rings hold what arrived and has not started, never more than the ring size', () => {
    const { ix } = recorded(elephant, 'rss', 8, 40);
    const mid = stageAt(ix, ix.rec.sendingNs * 0.6);
    const total = mid.cores.reduce((s, c) => s + c.queued + (c.current >= 0 ? 1 : 0) + c.served + c.dropped, 0);
    // Everything that reached a core is queued, in service, done or dropped there.
    expect(total + mid.droppedLink).toBeLessThanOrEqual(mid.offered);
    expect(Math.max(...mid.cores.map((c) => c.queued))).toBeLessThanOrEqual(options.ringSize);
    expect(busyMaxOverMean(mid)).toBeGreaterThan(3);
    expect(mid.table).not.toBeNull();
  });

  it('locks on a skewed trace: a core waits while another holds the same entry', () => {
    const { ix } = recorded(zipf, 'locks', 8, 40);
    let seen = false;
    for (let k = 0; k < ix.events.length && !seen; k += 7) {
      const s = stageAt(ix, ix.events[k] as number);
      for (const l of s.locks) if (l.waiters.length > 0 && l.holder >= 0 && l.waiters.every((w) => w.core !== l.holder)) seen = true;
    }
    expect(seen).toBe(true);
  });

  it('steps to the next and the previous arrival or completion', () => {
    const { ix } = recorded(zipf, 'scr', 4, 20);
    const a = nextEventTime(ix, 0);
    const b = nextEventTime(ix, a);
    expect(b).toBeGreaterThan(a);
    expect(previousEventTime(ix, b)).toBe(a);
    expect(previousEventTime(ix, 0)).toBe(0);
    expect(nextEventTime(ix, ix.rec.durationNs)).toBe(ix.rec.durationNs);
  });

  it('RSS++ moves buckets between periods; the heaviest bucket stays on one core', () => {
    const plan = buildPlan(elephant, 'rsspp', 8, modelOptions('ddos', { rebalanceEvery: 500 }));
    const result = simulatePlan(plan, 60, { record: true });
    const ix = indexRecording(result.recording!);
    const end = stageAt(ix, result.durationNs);
    expect(end.period).toBeGreaterThan(0);
    const moved = (ix.rec.rss?.tables ?? []).some((p, k, all) => k > 0 && p.table.some((c, b) => c !== all[k - 1]!.table[b]));
    expect(moved).toBe(true);
    expect(ix.heaviestBucket).toBeGreaterThanOrEqual(0);
  });

  it('a time outside the run is clamped', () => {
    const { result, ix } = recorded(zipf, 'single', 1, 5);
    expect(stageAt(ix, -5).t).toBe(0);
    expect(stageAt(ix, Number.NaN).t).toBe(0);
    expect(stageAt(ix, 1e18).t).toBe(result.durationNs);
  });
});
