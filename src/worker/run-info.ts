/** The facts about a program, a generator and a whole run that the page shows, as plain data. */
import { recordBytes, type AnyProgram } from '../engine/programs/program';
import type { Disagreement } from '../engine/scr/verify';
import { overheadBytes, wireLayout } from '../engine/scr/wire-layout';
import type { Timeline } from '../engine/timeline/timeline';
import type { TraceGenerator } from '../engine/trace/generators';
import type { GeneratorInfo, ProgramInfo, RunInfo, Scenario } from './protocol';
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
}): RunInfo {
  const { scenario, timeline, totals, capture, buildMs } = args;
  const { program, historySize, agreement } = timeline;
  const disagreements = agreement.disagreements.map(disagreementSentence);
  if (agreement.gaps > 0) {
    disagreements.push(`${agreement.gaps} time${agreement.gaps === 1 ? '' : 's'} a core needed a history record that never reached it`);
  }
  if (agreement.verdictsCompared < timeline.trace.count) {
    disagreements.push(`only ${agreement.verdictsCompared} of ${timeline.trace.count} packets were checked against a single core`);
  }
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
    },
    verdictTotals: totals.all(),
    buildMs,
  };
  if (capture) info.capture = { ...capture, linkTypes: [...capture.linkTypes] };
  return info;
}
