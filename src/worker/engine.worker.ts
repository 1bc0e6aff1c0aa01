/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { PROGRAMS, getProgram } from '../engine/programs/registry';
import { recordBytes } from '../engine/programs/program';
import { verifyScr } from '../engine/scr/verify';
import { VERDICT_CODE } from '../engine/programs/program';
import { selfCheckTrace } from './self-check-trace';
import type { EngineApi, Pong } from './protocol';

const api: EngineApi = {
  async ping(): Promise<Pong> {
    const started = performance.now();
    const program = getProgram('portknock');
    const trace = selfCheckTrace();
    const result = verifyScr({ program, trace, cores: 4, compareStateEvery: 1 });
    return {
      engine: 'scr-engine',
      programs: PROGRAMS.map((p) => ({ id: p.id, title: p.title, summary: p.summary, recordBytes: recordBytes(p) })),
      selfCheck: {
        program: program.id,
        packets: trace.count,
        cores: 4,
        agree: result.agree,
        passed: result.verdicts.filter((v) => v === VERDICT_CODE.PASS).length,
      },
      tookMs: performance.now() - started,
    };
  },
};

Comlink.expose(api);
