import type { StateKey, Verdict } from '../programs/program';

/** A change to one state entry, described before and after (undefined: the entry is absent). */
interface Touch {
  key: StateKey | null;
  before: string | undefined;
  after: string | undefined;
}

/** One fine-grained step of the SCR system, as the explorer shows it and the event log tells it. */
export type TimelineEvent =
  | { kind: 'arrive'; index: number; seq: number; core: number }
  | {
      kind: 'dispatch';
      index: number;
      seq: number;
      core: number;
      ringIndex: number;
      /** Sequence numbers the packet carries, oldest first; -1 for an empty ring slot. */
      history: number[];
      /** The records among them this core has not applied yet, in the order it will apply them. */
      toApply: number[];
      /** The core is busy catching up after a loss: the packet waits in its queue. */
      queued: boolean;
    }
  | ({
      kind: 'apply';
      index: number;
      seq: number;
      core: number;
      /** Sequence number of the history record applied. */
      record: number;
      /** 1-based position among the records this packet makes the core apply. */
      step: number;
      of: number;
    } & Touch)
  | ({ kind: 'process'; index: number; seq: number; core: number; verdict: Verdict } & Touch)
  /** A packet lost on its way to the sequencer: it never gets a sequence number. `seq` is the number the next packet gets. */
  | { kind: 'lost-before'; index: number; seq: number; core: -1; lost: number }
  /** The sequencer sent packet `seq` with its history; it was lost on the link to `core`. */
  | { kind: 'lost-link'; index: number; seq: number; core: number; ringIndex: number; history: number[] }
  /** Packet `seq` was processed, then lost on its way out: no replica is affected. */
  | { kind: 'lost-after'; index: number; seq: number; core: number; verdict: Verdict }
  /**
   * Core `core`, handling packet `seq`, expected record `from` but the history starts at `to` + 1:
   * records from..to are missing. It advances its progress marker to `to`, then gives up
   * (congestion, a gap of N+1 or more), copies a peer's state (`copyFrom`), or reads the logs.
   */
  | { kind: 'gap'; index: number; seq: number; core: number; from: number; to: number; congestion: boolean; cores: number; copyFrom: number; mode: 'logs' | 'copy' }
  /** The core waits for `peer`, whose progress marker has not reached `record` yet. */
  | { kind: 'wait'; index: number; seq: number; core: number; peer: number; record: number; peerMarker: number }
  /** The core read `record` from `peer`'s log and applied it; `lacking` peers were tried first and did not hold it. */
  | ({ kind: 'read'; index: number; seq: number; core: number; peer: number; record: number; lacking: number[]; step: number; of: number } & Touch)
  /** No peer held `record`: every core lost it (nothing owed), or a log no longer held it (`overwritten`: may diverge). */
  | { kind: 'skip'; index: number; seq: number; core: number; record: number; lacking: number[]; overwritten: boolean }
  /** Copy mode: the core took `peer`'s whole state, which has applied every record up to `upTo`. */
  | { kind: 'copy'; index: number; seq: number; core: number; peer: number; upTo: number; entries: number }
  /** The core has caught up to `upTo` and carries on with the history its packet carries. */
  | { kind: 'recovered'; index: number; seq: number; core: number; upTo: number; read: number; lostEverywhere: number; unrecoverable: number; copiedFrom: number };

export type EventKindName = TimelineEvent['kind'];

/** The events that belong to catching up after a loss (the stage draws them at the core). */
export const RECOVERY_KINDS: ReadonlySet<EventKindName> = new Set(['gap', 'wait', 'read', 'skip', 'copy', 'recovered']);
