/**
 * The trace generators: seeded, deterministic synthetic traces. Same parameters and seed, same
 * trace, on every machine. Adding a generator = one file + one line in GENERATORS.
 */
import type { Trace } from '../trace';
import type { TraceGenerator } from './common';
import { datacenterGenerator } from './datacenter';
import { elephantGenerator } from './elephant';
import { parseTraceParams, type ParseTraceParamsOptions } from './params';
import { portknockGenerator } from './portknock';
import { uniformGenerator } from './uniform';
import { zipfGenerator } from './zipf';

export type { TraceGenerator } from './common';
export { TCP_FRAME_OVERHEAD, tcpPayloadBytes } from './common';
export {
  ARRIVAL_MODES, DEFAULT_TRACE_PARAMS, defaultTraceParams, MAX_KNOCK_PORTS, NUMERIC_PARAM_SPECS, parseTraceParams,
  TraceParamError, type ArrivalMode, type NumericParamSpec, type ParseTraceParamsOptions, type TraceParamName,
  type TraceParams,
} from './params';
export { PORTKNOCK_SERVER, portknockRole, type PortknockRole } from './portknock';
export { datacenterGenerator, elephantGenerator, portknockGenerator, uniformGenerator, zipfGenerator };

/** Every generator, in menu order. */
export const GENERATORS: readonly TraceGenerator[] = [
  portknockGenerator,
  uniformGenerator,
  zipfGenerator,
  elephantGenerator,
  datacenterGenerator,
];

export type GeneratorId = 'portknock' | 'uniform' | 'zipf' | 'elephant' | 'datacenter';

export function generatorIds(): string[] {
  return GENERATORS.map((g) => g.id);
}

/** The generator with this id; throws a RangeError listing the valid ids otherwise. */
export function getGenerator(id: string): TraceGenerator {
  const found = GENERATORS.find((g) => g.id === id);
  if (!found) throw new RangeError(`unknown trace generator "${id}"; choose one of: ${generatorIds().join(', ')}`);
  return found;
}

/** Parses `rawParams` (see parseTraceParams) and generates the trace. */
export function generateTrace(id: string, rawParams?: unknown, options?: ParseTraceParamsOptions): Trace {
  const generator = getGenerator(id);
  return generator.generate(parseTraceParams(rawParams, options));
}
