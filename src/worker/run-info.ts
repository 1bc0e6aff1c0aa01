/** The facts about a program, a generator and a whole run that the page shows, as plain data. */
import { recordBytes, type AnyProgram } from '../engine/programs/program';
import type { LossOptions } from '../engine/scr/loss';
import type { DivergenceReport } from '../engine/scr/scr-machine';
import { gapOutcome, type Disagreement } from '../engine/scr/verify';
import { overheadBytes, wireLayout } from '../engine/scr/wire-layout';
import type { Timeline } from '../engine/timeline/timeline';
import type { TraceGenerator } from '../engine/trace/generators';
import type { GeneratorInfo, LossInfo, ProgramInfo, RunInfo, Scenario } from './protocol';
import type { VerdictTotals } from './verdict-totals';

export function programInfo(p: AnyProgram): ProgramInfo {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    description: p.description,
    recordFields: p.recordFields.map((f) => ({ ...f })),
    recordBytes: recordBytes(p),
    defaultConfig: structuredClone(p.defaultConfig),
  };
}

export function generatorInfo(g: TraceGenerator): GeneratorInfo {
  return { id: g.id, title: g.title, description: g.description, params: [...g.params] };
}

/** One disagreement in a sentence, e.g. "packet #41 on core 1: verdict PASS, but a single core says DROP". */
export function disagreementSentence(d: Disagreement): string {
  if (d.what === 'verdict') return `packet #${d.seq} on core ${d.core}: verdict ${d.got}, but a single core says ${d.expected}`;
  return `after packet #${d.seq}, the replica on core ${d.core} holds ${d.got} where a single core holds ${d.expected}`;
}

/** A possible divergence a core reported, in a sentence for the badge. */
export function divergenceSentence(d: DivergenceReport, cores: number, differs: boolean): string {
  const records = d.from === d.to ? `#${d.from}` : `#${d.from} … #${d.to}`;
  const why = d.reason === 'congestion'
    ? `two losses in a row on its link, a gap of N+1 = ${cores + 1} or more (congestion)`
    : `a peer's log had already overwritten ${records} (log too small)`;
  const now = differs ? 'its replica now differs from a single core' : 'its replica may differ from a single core';
  return `core ${d.core} gave up on ${records} at packet #${d.seq}: ${why}; ${now}`;
}

export interface CaptureFacts {
  format: string;
  linkTypes: string[];
  undecoded: number;
  truncated?: string;
}

export function runInfo(args: {
  scenario: Scenario;
  timeline: Timeline;
  totals: VerdictTotals;
  capture: CaptureFacts | undefined;
  buildMs: number;
  /** The loss settings the scenario asked for (the run's drops by hand are in the timeline). */
  loss?: Required<LossOptions> | undefined;
}): RunInfo {
  const { scenario, timeline, totals, capture, buildMs } = args;
  const { program, historySize, agreement } = timeline;
  const unexplained = agreement.disagreements.filter((d) => !d.explained);
  const disagreements = unexplained.map(disagreementSentence);
  const recovery = agreement.recovery;
  const lostLink = recovery?.lostLink ?? 0;
  if (agreement.gaps > 0 && !recovery) {
    disagreements.push(`${agreement.gaps} time${agreement.gaps === 1 ? '' : 's'} a core needed a history record that never reached it`);
  }
  const processed = timeline.trace.count - lostLink;
  if (agreement.verdictsCompared < processed) {
    disagreements.push(`only ${agreement.verdictsCompared} of ${processed} packets were checked against a single core`);
  }
  const differing = new Set(agreement.disagreements.map((d) => d.core));
  const divergences = (recovery?.divergences ?? []).map((d) => ({
    position: d.eventIndex + 1,
    core: d.core,
    seq: d.seq,
    sentence: divergenceSentence(d, timeline.cores, differing.has(d.core)),
  }));
  const info: RunInfo = {
    scenario,
    program: programInfo(program),
    config: structuredClone(timeline.configs.initial),
    packets: timeline.trace.count,
    eventCount: timeline.eventCount,
    historySize,
    wire: { segments: wireLayout(program, historySize), overheadBytes: overheadBytes(program, historySize) },
    agreement: {
      agree: agreement.agree,
      verdictsCompared: agreement.verdictsCompared,
      statesCompared: agreement.statesCompared,
      disagreements,
      unexplained: agreement.unexplained + (disagreements.length - unexplained.length),
      divergences,
    },
    verdictTotals: totals.all(),
    buildMs,
  };
  if (capture) info.capture = { ...capture, linkTypes: [...capture.linkTypes] };
  if (recovery && timeline.loss) info.loss = lossInfo(recovery, timeline, args.loss);
  return info;
}

function lossInfo(recovery: NonNullable<Timeline['agreement']['recovery']>, timeline: Timeline, asked: Required<LossOptions> | undefined): LossInfo {
  const outcome = gapOutcome(recovery);
  const loss = timeline.loss as NonNullable<Timeline['loss']>;
  return {
    settings: { rate: asked?.rate ?? 0, where: asked?.where ?? 'link', seed: asked?.seed ?? 1, recovery: loss.recovery, logSize: loss.logSize },
    lost: { before: recovery.lostBefore, link: recovery.lostLink, after: recovery.lostAfter },
    gapsRecovered: outcome.recovered,
    unrecoverable: outcome.unrecoverable,
    recordsRead: recovery.recordsRead,
    recordsLostEverywhere: recovery.recordsLostEverywhere,
    copies: recovery.copies,
    waits: recovery.waits,
  };
}
