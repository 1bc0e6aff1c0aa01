import { stateBytes, type AnyProgram } from '../programs/program';
import type { ConfigSchedule } from '../scr/config-schedule';
import type { ReplicaCore, ScrMachine } from '../scr/scr-machine';

/**
 * A snapshot of the SCR system just before packet `packet` arrives. It stores ONE copy of a
 * replica state, the base: the state after applying records 0..baseX in order. Every replica that
 * has applied an in-order prefix 0..x (that is, every replica that has not diverged) is the base
 * plus records baseX+1..x, because the program is deterministic; only a diverged replica needs a
 * copy of its own. So a snapshot costs one state, not N.
 */
export interface Snapshot {
  packet: number;
  eventsDone: number;
  baseX: number;
  base: unknown;
  replicas: { lastApplied: number; diverged: boolean; own?: unknown }[];
}

/** Bytes a snapshot holds (its base, plus any diverged replica's own copy), for the memory budget. */
export function snapshotBytes(snapshot: Snapshot, program: AnyProgram): number {
  let n = snapshot.base === undefined ? 0 : stateBytes(program, snapshot.base);
  for (const r of snapshot.replicas) if (r.own !== undefined) n += stateBytes(program, r.own);
  return n;
}

export function takeSnapshot(machine: ScrMachine): Snapshot {
  const { program } = machine.setup;
  let baseCore = -1;
  machine.replicas.forEach((r, c) => {
    if (!r.diverged && (baseCore < 0 || r.lastApplied < (machine.replicas[baseCore] as ReplicaCore<unknown>).lastApplied)) baseCore = c;
  });
  const baseReplica = baseCore >= 0 ? (machine.replicas[baseCore] as ReplicaCore<unknown>) : undefined;
  return {
    packet: machine.sequencer.nextSeq,
    eventsDone: machine.eventsDone,
    baseX: baseReplica?.lastApplied ?? -1,
    base: baseReplica ? program.cloneState(baseReplica.state) : undefined,
    replicas: machine.replicas.map((r) => ({
      lastApplied: r.lastApplied,
      diverged: r.diverged,
      ...(r.diverged ? { own: program.cloneState(r.state) } : {}),
    })),
  };
}

/** Fresh replica states for a snapshot: one replay pass over the records, one clone per replica. */
export function restoreReplicas(
  snapshot: Snapshot,
  program: AnyProgram,
  records: readonly unknown[],
  configs: ConfigSchedule<unknown>,
): ReplicaCore<unknown>[] {
  const out: ReplicaCore<unknown>[] = new Array(snapshot.replicas.length);
  const inOrder = snapshot.replicas
    .map((r, core) => ({ ...r, core }))
    .filter((r) => !r.diverged)
    .sort((a, b) => a.lastApplied - b.lastApplied);
  const working = inOrder.length > 0 ? program.cloneState(snapshot.base) : undefined;
  let x = snapshot.baseX;
  inOrder.forEach((r, k) => {
    while (x < r.lastApplied) {
      x++;
      program.update(working, records[x], configs.at(x));
    }
    // The most advanced replica takes the working copy itself: N clones in all, not N+1.
    const state = k === inOrder.length - 1 ? working : program.cloneState(working);
    out[r.core] = { state, lastApplied: r.lastApplied, diverged: false };
  });
  snapshot.replicas.forEach((r, core) => {
    if (r.diverged) out[core] = { state: program.cloneState(r.own), lastApplied: r.lastApplied, diverged: true };
  });
  return out;
}
