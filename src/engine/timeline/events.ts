import type { StateKey, Verdict } from '../programs/program';

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
    }
  | {
      kind: 'apply';
      index: number;
      seq: number;
      core: number;
      /** Sequence number of the history record applied. */
      record: number;
      /** 1-based position among the records this packet makes the core apply. */
      step: number;
      of: number;
      key: StateKey | null;
      before: string | undefined;
      after: string | undefined;
    }
  | {
      kind: 'process';
      index: number;
      seq: number;
      core: number;
      verdict: Verdict;
      key: StateKey | null;
      before: string | undefined;
      after: string | undefined;
    };

export type EventKindName = TimelineEvent['kind'];
