import { describe, expect, it } from 'vitest';
import { generateTrace } from '../engine/trace/generators';
import { AnalysisSession } from '../worker/analysis-session';
import { traceToColumns } from '../worker/trace-columns';
import { createExplorerStore } from './create-store';

describe('technique stage playback', () => {
  const session = new AnalysisSession();
  session.setRun({ runId: 1, programId: 'ddos', columns: traceToColumns(generateTrace('zipf', { packets: 500, flows: 50, seed: 2 })) });

  it('seeks within the run, steps to events both ways, plays from the end again', () => {
    const store = createExplorerStore();
    store.getState().setStageTechnique('rss', 'scr');
    for (const t of ['rss', 'scr'] as const) store.getState().setStageRun(session.stage({ costs: {}, technique: t, cores: 4, offeredMpps: null }));
    const s = () => store.getState();
    s().stageSeek(-10);
    expect(s().stageTimeNs).toBe(0);
    s().stageStep(1);
    const first = s().stageTimeNs;
    expect(first).toBeGreaterThan(0);
    s().stageStep(1);
    expect(s().stageTimeNs).toBeGreaterThan(first);
    s().stageStep(-1);
    expect(s().stageTimeNs).toBe(first);
    s().stageSeek(1e15);
    const end = s().stageTimeNs;
    expect(end).toBeGreaterThan(first);
    s().stagePlay();
    expect(s()).toMatchObject({ stagePlaying: true, stageTimeNs: 0 });
    s().setStageTechnique('scr', 'scr');
    expect(s().compareTechnique).toBeNull();
  });
});
