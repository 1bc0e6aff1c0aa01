import { buildFlowTable, COMMON_PARAMS, generateFlowTrace, STREAM_FLOWS, STREAM_PICK, streamRng, type TraceGenerator } from './common';

/**
 * One elephant flow (flow 0) carries `elephantShare` of the packets, in expectation; the other
 * packets are spread uniformly over the F-1 mice. With a single flow, it carries everything.
 */
export const elephantGenerator: TraceGenerator = {
  id: 'elephant',
  title: 'One elephant flow',
  description:
    'One elephant flow carries a chosen share of the packets (default 80 %) and the rest is spread ' +
    'evenly over the mice. Sharding pins the elephant to one core, whatever the number of cores.',
  params: [...COMMON_PARAMS, 'flows', 'elephantShare', 'packetSize'],
  generate(params) {
    const flows = buildFlowTable(params.flows, streamRng(params.seed, STREAM_FLOWS));
    const rng = streamRng(params.seed, STREAM_PICK);
    const share = params.elephantShare;
    const mice = params.flows - 1;
    const pick = mice === 0 ? () => 0 : () => (rng.next() < share ? 0 : 1 + rng.int(mice));
    return generateFlowTrace(params, flows, pick);
  },
};
