/**
 * A trace as plain column buffers, to hand it from the explorer worker to the analysis worker
 * through the page without copying twice: the columns are copied once into buffers of their own,
 * then transferred (moved, not cloned) at each hop.
 */
import { TRACE_COLUMNS, type Trace } from '../engine/trace/trace';

type ColumnName = (typeof TRACE_COLUMNS)[number];

export interface TraceColumns {
  count: number;
  columns: { [K in ColumnName]: Trace[K] };
  ipv6: [number, { src: string; dst: string }][];
}

/** A copy of the trace's columns in buffers of their own (so they can be transferred). */
export function traceToColumns(trace: Trace): TraceColumns {
  const columns = {} as Record<ColumnName, unknown>;
  for (const name of TRACE_COLUMNS) columns[name] = trace[name].slice();
  return { count: trace.count, columns: columns as TraceColumns['columns'], ipv6: [...trace.ipv6] };
}

/** The buffers to list as transferables. */
export function columnBuffers(columns: TraceColumns): ArrayBuffer[] {
  return TRACE_COLUMNS.map((name) => columns.columns[name].buffer as ArrayBuffer);
}

/** The trace again; checks that every column is there and long enough. */
export function columnsToTrace(data: TraceColumns): Trace {
  const count = data?.count;
  if (!Number.isInteger(count) || count < 0) throw new Error('The trace sent to the analysis has no packet count.');
  const out = { count, ipv6: new Map(data.ipv6 ?? []) } as Record<string, unknown>;
  for (const name of TRACE_COLUMNS) {
    const column = data.columns?.[name];
    if (!ArrayBuffer.isView(column) || (column as unknown as { length: number }).length < count) {
      throw new Error(`The trace sent to the analysis lacks its ${name} column.`);
    }
    out[name] = column;
  }
  return out as unknown as Trace;
}
