/** The traffic generator and the NIC/PCIe link in front of the cores (see simulate.ts for the model). */
import { linkNs } from './costs';
import type { Plan } from './plan';

/** Where every packet reaches its core, after the traffic generator and the link. */
export interface Arrivals {
  /** Time packet i reaches its core's RX ring (ns); when the link dropped it, -1 - its arrival time. */
  reach: Float64Array;
  droppedLink: number;
  /** Time the link spent transmitting (ns). */
  linkBusy: number;
}

/**
 * The traffic generator and the link, for the first n packets at one inter-packet gap. The link's
 * fate of a packet depends only on the packets before it, whatever the cores do, so it is
 * computed once, before the cores. `sent`, when given, receives every packet's send time (a recording).
 */
export function arrivalsThroughLink(plan: Plan, n: number, gap: number, sent: Float64Array | null = null): Arrivals {
  const { workload, options } = plan;
  const costs = options.costs;
  const frame = workload.trace.wireLen;
  const fixedFrame = options.packetSize ?? -1;
  const linkExtra = costs.frameOverhead + plan.historyBytes;
  const nsPerByte = linkNs(costs, 1);
  const B = options.burst;
  const spacing = Math.min(gap, ((fixedFrame > 0 ? fixedFrame : workload.meanFrameBytes) + costs.frameOverhead) * nsPerByte);
  const burstGap = B * gap;
  const reach = new Float64Array(n);
  const nicQ = options.nicQueue;
  // Start times of the link's last nicQ accepted packets: a packet arriving before the oldest
  // of them started finds the queue full.
  const nicRing = new Float64Array(nicQ).fill(-Infinity);
  let nicPos = 0;
  let nicFree = 0;
  let linkBusy = 0;
  let droppedLink = 0;
  let burstNo = 0;
  let inBurst = 0;
  for (let i = 0; i < n; i++) {
    const a = burstNo * burstGap + inBurst * spacing;
    if (++inBurst === B) {
      inBurst = 0;
      burstNo++;
    }
    if (sent !== null) sent[i] = a;
    if (nsPerByte <= 0) {
      reach[i] = a;
      continue;
    }
    if ((nicRing[nicPos] as number) > a) {
      reach[i] = -1 - a;
      droppedLink++;
      continue;
    }
    const s = a > nicFree ? a : nicFree;
    const tau = ((fixedFrame > 0 ? fixedFrame : (frame[i] as number)) + linkExtra) * nsPerByte;
    nicFree = s + tau;
    linkBusy += tau;
    nicRing[nicPos] = s;
    if (++nicPos === nicQ) nicPos = 0;
    reach[i] = nicFree;
  }
  return { reach, droppedLink, linkBusy };
}

