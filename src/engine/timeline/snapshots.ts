import { stateBytes, type AnyProgram } from '../programs/program';
import type { ConfigSchedule } from '../scr/config-schedule';
import { cloneTask, type CoreTask, type QueuedPacket, type ReplicaCore, type ScrMachine } from '../scr/scr-machine';

/** What a snapshot keeps of one core besides (perhaps) its state. */
interface CoreSnapshot {
  lastApplied: number;
  diverged: boolean;
  marker: number;
  irregular: boolean;
  /** Its own state, kept only when it is not base + in-order records (it has had a gap). */
  own?: unknown;
  log: Int32Array | null;
  /** Queued packets with the history each carried (copies that never change, so shared). */
  queue: QueuedPacket[];
  task: CoreTask;
}

/**
 * A snapshot of the SCR system just before packet `packet` arrives. It stores ONE copy of a
 * replica state, the base: the state after applying records 0..baseX in order. Every replica that
 * has applied an in-order prefix 0..x (that is, every replica that never had a gap) is the base
 * plus records baseX+1..x, because the program is deterministic; only a replica that has had a
 * gap after a loss (caught up, copied, or diverged) needs a copy of its own. So a snapshot costs
 * one state, not N. With loss it also keeps the logs, queues and catch-up tasks in progress.
 */
export interface Snapshot {
  packet: number;
  eventsDone: number;
  /** Packets lost before the sequencer told so far. */
  beforeDone: number;
  /** Cores waiting for a peer, in order. */
  waiting: number[];
  baseX: number;
  base: unknown;
  replicas: CoreSnapshot[];
}

const needsOwn = (r: { irregular: boolean; diverged: boolean }) => r.irregular || r.diverged;

/** Bytes a snapshot holds (its base, plus any replica's own copy and the logs), for the memory budget. */
export function snapshotBytes(snapshot: Snapshot, program: AnyProgram): number {
  let n = snapshot.base === undefined ? 0 : stateBytes(program, snapshot.base);
  for (const r of snapshot.replicas) {
    if (r.own !== undefined) n += stateBytes(program, r.own);
    if (r.log) n += r.log.byteLength;
    // A queued packet's carried history: a sequence number and a record reference per slot.
    for (const q of r.queue) n += q.wire.length * 12;
  }
  return n;
}

export function takeSnapshot(machine: ScrMachine): Snapshot {
  const { program } = machine.setup;
  let baseCore = -1;
  machine.replicas.forEach((r, c) => {
    if (!needsOwn(r) && (baseCore < 0 || r.lastApplied < (machine.replicas[baseCore] as ReplicaCore<unknown>).lastApplied)) baseCore = c;
  });
  const baseReplica = baseCore >= 0 ? (machine.replicas[baseCore] as ReplicaCore<unknown>) : undefined;
  return {
    packet: machine.sequencer.nextSeq,
    eventsDone: machine.eventsDone,
    beforeDone: machine.lostBeforeDone,
    waiting: [...machine.waiting],
    baseX: baseReplica?.lastApplied ?? -1,
    base: baseReplica ? program.cloneState(baseReplica.state) : undefined,
    replicas: machine.replicas.map((r) => ({
      lastApplied: r.lastApplied,
      diverged: r.diverged,
      marker: r.marker,
      irregular: r.irregular,
      ...(needsOwn(r) ? { own: program.cloneState(r.state) } : {}),
      log: r.log ? r.log.slice() : null,
      queue: [...r.queue],
      task: cloneTask(r.task),
    })),
  };
}

/** Fresh replicas for a snapshot: one replay pass over the records, one clone per replica. */
export function restoreReplicas(
  snapshot: Snapshot,
  program: AnyProgram,
  records: readonly unknown[],
  configs: ConfigSchedule<unknown>,
): ReplicaCore<unknown>[] {
  const out: ReplicaCore<unknown>[] = new Array(snapshot.replicas.length);
  const fresh = (r: CoreSnapshot, state: unknown): ReplicaCore<unknown> => ({
    state,
    lastApplied: r.lastApplied,
    diverged: r.diverged,
    marker: r.marker,
    irregular: r.irregular,
    log: r.log ? r.log.slice() : null,
    queue: [...r.queue],
    task: cloneTask(r.task),
  });
  const inOrder = snapshot.replicas
    .map((r, core) => ({ r, core }))
    .filter(({ r }) => !needsOwn(r))
    .sort((a, b) => a.r.lastApplied - b.r.lastApplied);
  const working = inOrder.length > 0 ? program.cloneState(snapshot.base) : undefined;
  let x = snapshot.baseX;
  inOrder.forEach(({ r, core }, k) => {
    while (x < r.lastApplied) {
      x++;
      program.update(working, records[x], configs.at(x));
    }
    // The most advanced replica takes the working copy itself: N clones in all, not N+1.
    out[core] = fresh(r, k === inOrder.length - 1 ? working : program.cloneState(working));
  });
  snapshot.replicas.forEach((r, core) => {
    if (needsOwn(r)) out[core] = fresh(r, program.cloneState(r.own));
  });
  return out;
}
