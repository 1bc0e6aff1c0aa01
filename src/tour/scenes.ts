/**
 * The guided tour, following the talk's storyline: why one core is not enough, why shared state
 * and sharding fall short, SCR's two ideas, the running example, the sequencer, the results, the
 * limits and packet loss. Narration in our own words. Each scene's starting playhead is checked
 * against the event it names (scenes.test.ts), so the words and the stage cannot drift apart.
 */
import { parseIpv4 } from '../engine/packet';
import type { Scenario } from '../worker/protocol';
import type { TourScene } from './scene';

const KNOCK = [100, 101, 102];
/** Alice's state key (as the tables and the watched key name it: her address as a number). */
const ALICE = String(parseIpv4('10.1.0.7'));

/** The port-knocking story (Alice knocks at #0, #3, #7), as the explorer opens. */
const STORY: Scenario = {
  programId: 'portknock',
  config: { knock: KNOCK },
  trace: { kind: 'generator', id: 'portknock', params: { packets: 2000, seed: 1, knock: KNOCK } },
  cores: 4,
};
const ONE_CORE: Scenario = { ...STORY, cores: 1 };
const EIGHT_CORES: Scenario = { ...STORY, cores: 8 };
const SIXTEEN_CORES: Scenario = { ...STORY, cores: 16 };
/** Per-source counters on skewed traffic: a few sources send most packets. */
const SKEWED: Scenario = {
  programId: 'ddos',
  config: { threshold: 100 },
  trace: { kind: 'generator', id: 'zipf', params: { packets: 3000, flows: 200, skew: 1.2, seed: 7 } },
  cores: 4,
};
/** One elephant flow carries most of the packets. */
const ELEPHANT: Scenario = {
  programId: 'ddos',
  config: { threshold: 100 },
  trace: { kind: 'generator', id: 'elephant', params: { packets: 3000, flows: 200, elephantShare: 0.8, seed: 7 } },
  cores: 4,
};
const ELEPHANT_8: Scenario = { ...ELEPHANT, cores: 8 };
/** The story with Alice's third knock (#7) lost on its link to core 3. */
const LOST_KNOCK: Scenario = { ...STORY, edits: [{ kind: 'drop', seq: 7, where: 'link' }] };
const NAT: Scenario = {
  programId: 'nat',
  config: { firstPort: 40000, lastPort: 40063, timeoutNs: 30_000_000_000 },
  trace: { kind: 'generator', id: 'datacenter', params: { packets: 2000, seed: 3 } },
  cores: 4,
};

export const TOUR: readonly TourScene[] = [
  {
    id: 'one-core',
    title: 'One core cannot keep up',
    narration:
      'A stateful program, here a port-knocking firewall, reads and updates its state for every packet and then decides PASS or DROP. ' +
      'At 100 Gbit/s a minimum-size packet arrives every 6.7 nanoseconds, far less time than one core needs per packet, and single cores are no longer getting much faster. ' +
      'So the work must be spread over several cores, and the state is what makes that hard.',
    tryThis: 'Press Space to pause, then → to follow one packet event by event: it arrives, is sent on, and gets its verdict.',
    scenario: ONE_CORE,
    start: 0,
    startsAt: '',
    spotlight: ['core-0', 'source'],
    charts: ['throughput'],
    technique: 'single',
    speedIndex: 5,
    autoplay: true,
  },
  {
    id: 'shared-state',
    title: 'Shared state, and the cores fighting over it',
    narration:
      'The first way out: let every core take packets and keep one table in shared memory, guarded by locks. ' +
      'Real traffic is skewed, a few sources send most of the packets, so the cores keep meeting on the same entries: the cache line bounces between them and they queue for the lock. ' +
      'An update larger than one atomic instruction, like most firewall logic, needs that lock anyway.',
    tryThis: 'Compare the contention chart with SCR’s line at zero; the stage shows the per-source counters the cores would share.',
    scenario: SKEWED,
    start: 0,
    startsAt: '',
    spotlight: ['charts', 'cores'],
    charts: ['contention', 'per-core-load'],
    technique: 'locks',
  },
  {
    id: 'sharding',
    title: 'Sharding, and the heavy flow it cannot split',
    narration:
      'The common answer today is sharding: the NIC hashes a few header fields (RSS) so that a flow always lands on the same core, which owns that flow’s state, without locks. ' +
      'But a single heavy flow can never use more than one core: here one elephant carries most of the traffic, so its core saturates while the others wait. ' +
      'RSS++ moves hash buckets between cores to even things out, yet it cannot split one flow either.',
    tryThis: 'Look at the per-core load bars and the flow sizes: one bar towers over the rest.',
    scenario: ELEPHANT,
    start: 0,
    startsAt: '',
    spotlight: ['charts'],
    charts: ['per-core-load', 'flow-sizes'],
    technique: 'rss',
  },
  {
    id: 'nat-pool',
    title: 'State that belongs to no flow: the NAT’s free ports',
    narration:
      'Some state cannot be sharded at all. A NAT gives every new inside connection an outside port from one pool of free ports, and every core that opens connections needs that same pool, whatever the hash says. ' +
      'With SCR each core keeps a whole copy of the pool: the “free outside ports” row changes the same way on every core, each one as it catches up.',
    tryThis: 'Step with → and follow the free-port row from core to core: the same ports leave the pool in the same order.',
    scenario: NAT,
    start: 12,
    startsAt: 'Core 2 processes its own packet #2',
    spotlight: ['cores'],
    charts: ['per-core-load'],
    technique: 'rss',
    watchKey: 'free ports',
  },
  {
    id: 'replicate',
    title: 'Idea 1: every core keeps a full copy of the state',
    narration:
      'Turn the problem around: give each core its own private copy of the state, and make sure every core sees every packet, in the same order. ' +
      'Each copy then goes through exactly the updates a single core would make, so all copies agree without a single lock. ' +
      'The catch: if every core has to process every packet, more cores buy no throughput at all.',
    tryThis: 'Alice’s row reads OPEN on all four cores; the badge at the top confirms that every replica agrees with a single core.',
    scenario: STORY,
    start: 60,
    startsAt: 'Core 2 processes its own packet #10',
    spotlight: ['cores', 'agreement'],
    charts: [],
    technique: 'scr',
    watchKey: ALICE,
  },
  {
    id: 'piggyback',
    title: 'Idea 2: piggyback a short history, then fast-forward',
    narration:
      'SCR keeps the copies but sends each packet to one core only, in turn. ' +
      'With the packet travels a short history: just the fields the state update reads (here the protocols, the source address and the destination port) of the packets the other cores got since this core’s previous one. ' +
      'The core first replays those records on its copy, which is called fast-forwarding, and only then handles its own packet, reaching exactly the state one core would have.',
    tryThis: 'Press → three times to watch core 0 use up the chips #5, #6 and #7 one by one; Alice’s row turns OPEN on the last.',
    scenario: STORY,
    start: 44,
    startsAt: 'sends packet #8 to core 0 with history #5, #6, #7',
    spotlight: ['packet', 'chips', 'core-0'],
    charts: [],
    technique: 'scr',
    watchKey: ALICE,
  },
  {
    id: 'port-knocking',
    title: 'Port knocking, one event at a time',
    narration:
      'The running example: a firewall opens a source only after it knocks on ports 100, 101 and 102 in order. ' +
      'Alice (10.1.0.7) knocks with packets #0, #3 and #7, which cores 0, 3 and 3 handle; the other cores learn of her knocks only from the histories. ' +
      'Her SSH packet #9 passes on core 1, which never saw one of her knocks itself.',
    tryThis: 'Press Shift+→ to go a packet at a time and ← to step back; every step is written out in the log.',
    scenario: STORY,
    start: 0,
    startsAt: '',
    spotlight: ['cores', 'event-log'],
    charts: [],
    technique: 'scr',
    watchKey: ALICE,
  },
  {
    id: 'sequencer',
    title: 'The sequencer: round-robin, a ring, piggybacking',
    narration:
      'In front of the cores sits the sequencer, on the NIC or on a top-of-rack switch. For every packet it picks the next core round-robin, writes the packet’s few fields into a ring of recent history, and attaches the last N−1 records to the packet. ' +
      'The ring index marks the oldest record, so the core knows where its history starts.',
    tryThis: 'Step with → and watch the ring fill and rotate while the packets go to cores 0, 1, 2, … in turn.',
    scenario: EIGHT_CORES,
    start: 174,
    startsAt: 'sends packet #20 to core 4 with history #13',
    spotlight: ['sequencer', 'ring'],
    charts: [],
    technique: 'scr',
  },
  {
    id: 'scaling',
    title: 'Scaling results',
    narration:
      'Every core gets the same share of the packets whatever the flow sizes, so SCR’s throughput grows with the number of cores, on skewed traffic just as on even traffic. ' +
      'Locks stop paying off after a few cores, and sharding flattens as soon as the heaviest flow fills its core. ' +
      'The charts run every technique on the elephant trace shown on the stage.',
    tryThis: 'Change the number of cores in the scenario bar and watch the marker move along the throughput lines.',
    scenario: ELEPHANT_8,
    start: 0,
    startsAt: '',
    spotlight: ['charts', 'cores'],
    charts: ['throughput', 'per-core-load'],
    technique: 'scr',
    speedIndex: 8,
    autoplay: true,
  },
  {
    id: 'limits',
    title: 'The limits: compute against dispatch, and history bytes',
    narration:
      'Fast-forwarding is not free: with N cores each one replays N−1 records for every packet it gets. ' +
      'While replaying a record is cheap next to receiving a packet, SCR scales almost linearly; as the program’s own work grows, the gain fades. ' +
      'And the history lengthens every packet, as the inspector shows for this one on 16 cores: more PCIe traffic, more cache pressure, and the NIC can become the bottleneck first.',
    tryThis: 'Read the packet’s wire layout in the inspector, then try 4 cores in the scenario bar and compare the overhead.',
    scenario: SIXTEEN_CORES,
    start: 674,
    startsAt: 'sends packet #44 to core 12 with history #29',
    spotlight: ['packet', 'chips', 'inspector'],
    charts: ['scr-costs'],
    technique: 'scr',
    selection: { kind: 'packet', seq: 44 },
  },
  {
    id: 'loss',
    title: 'Packet loss, and how a core recovers',
    narration:
      'A packet lost before the sequencer is harmless, since it never entered the history, and so is one lost after a core has processed it. ' +
      'The dangerous loss is between the sequencer and a core: here Alice’s third knock (#7) never reached core 3, which still has her at CLOSED_2 while the others say OPEN. ' +
      'Because the sequencer numbers every packet, core 3 notices the gap when #11 arrives and reads the missing records from core 0’s log before it goes on.',
    tryThis: 'Press → to watch core 3 find the gap, read records #4 to #7 from core 0’s log and open Alice; the badge stays green.',
    scenario: LOST_KNOCK,
    start: 58,
    startsAt: 'sends packet #11 to core 3 with history #8, #9, #10',
    spotlight: ['links', 'core-3', 'agreement'],
    charts: [],
    technique: 'scr',
    watchKey: ALICE,
  },
];

export function sceneById(id: string): TourScene | undefined {
  return TOUR.find((s) => s.id === id);
}

export function sceneIndex(id: string | null): number {
  return id === null ? -1 : TOUR.findIndex((s) => s.id === id);
}
