import { describe, expect, it } from 'vitest';
import { generateTrace } from '../engine/trace/generators';
import { TRACE_COLUMNS } from '../engine/trace/trace';
import { columnBuffers, columnsToTrace, traceToColumns } from './trace-columns';

describe('trace columns', () => {
  it('round-trip a trace through buffers of their own', () => {
    const trace = generateTrace('zipf', { packets: 500, seed: 2 });
    const columns = traceToColumns(trace);
    const buffers = columnBuffers(columns);
    expect(buffers).toHaveLength(TRACE_COLUMNS.length);
    expect(new Set(buffers).size).toBe(buffers.length);
    const back = columnsToTrace(structuredClone(columns));
    expect(back.count).toBe(500);
    for (const name of TRACE_COLUMNS) expect(Array.from(back[name])).toEqual(Array.from(trace[name]));
  });

  it('refuses a trace with a missing or short column', () => {
    const columns = traceToColumns(generateTrace('uniform', { packets: 10, seed: 1 }));
    expect(() => columnsToTrace({ ...columns, count: 11 })).toThrow(/lacks its tsNs column/);
    expect(() => columnsToTrace({ ...columns, count: -1 })).toThrow(/no packet count/);
  });
});
