import { buildFlowTable, COMMON_PARAMS, generateFlowTrace, STREAM_FLOWS, STREAM_PICK, streamRng, type TraceGenerator } from './common';

/** F flows; every packet belongs to a flow chosen uniformly at random. */
export const uniformGenerator: TraceGenerator = {
  id: 'uniform',
  title: 'Uniform flows',
  description:
    'Every packet belongs to one of F flows chosen uniformly at random: no flow is heavier than ' +
    'another, the easy case for sharding (RSS).',
  params: [...COMMON_PARAMS, 'flows', 'packetSize'],
  generate(params) {
    const flows = buildFlowTable(params.flows, streamRng(params.seed, STREAM_FLOWS));
    const rng = streamRng(params.seed, STREAM_PICK);
    const f = params.flows;
    return generateFlowTrace(params, flows, () => rng.int(f));
  },
};
