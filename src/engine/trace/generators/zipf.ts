import { createZipfSampler } from '../../random';
import { buildFlowTable, COMMON_PARAMS, generateFlowTrace, STREAM_FLOWS, STREAM_PICK, streamRng, type TraceGenerator } from './common';

/** F flows with Zipf-distributed sizes: flow k (from 0) is picked with probability ~ 1/(k+1)^skew. */
export const zipfGenerator: TraceGenerator = {
  id: 'zipf',
  title: 'Heavy-tailed (Zipf) flows',
  description:
    'F flows whose sizes follow a Zipf law: the flow of rank k carries a share proportional to ' +
    '1/(k+1)^skew. With skew about 1 a handful of flows carry most packets, as in real traffic, ' +
    'and the core that owns them under sharding saturates.',
  params: [...COMMON_PARAMS, 'flows', 'skew', 'packetSize'],
  generate(params) {
    const flows = buildFlowTable(params.flows, streamRng(params.seed, STREAM_FLOWS));
    const sample = createZipfSampler(params.flows, params.skew, streamRng(params.seed, STREAM_PICK));
    return generateFlowTrace(params, flows, sample);
  },
};
