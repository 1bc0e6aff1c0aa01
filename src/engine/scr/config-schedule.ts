/**
 * Which program configuration is in force for each packet. A change (say, a new knock sequence)
 * takes effect at a sequence number, so every replica and the reference apply record s with the
 * same configuration: the way a real control-plane update would have to be sequenced too.
 */
export interface ConfigChange<Config> {
  fromSeq: number;
  config: Config;
}

export class ConfigSchedule<Config> {
  private readonly changes: ConfigChange<Config>[];

  constructor(initial: Config, later: readonly ConfigChange<Config>[] = []) {
    this.changes = [{ fromSeq: 0, config: initial }, ...[...later].sort((a, b) => a.fromSeq - b.fromSeq)];
  }

  /** The configuration for the record of packet `seq`. */
  at(seq: number): Config {
    const c = this.changes;
    if (c.length === 1) return (c[0] as ConfigChange<Config>).config;
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((c[mid] as ConfigChange<Config>).fromSeq <= seq) lo = mid;
      else hi = mid - 1;
    }
    return (c[lo] as ConfigChange<Config>).config;
  }

  /** A new schedule in which `config` applies from `fromSeq` on; later changes are discarded (the future forks). */
  withChange(fromSeq: number, config: Config): ConfigSchedule<Config> {
    const kept = this.changes.slice(1).filter((ch) => ch.fromSeq < fromSeq);
    const initial = fromSeq <= 0 ? config : this.initial;
    return new ConfigSchedule(initial, fromSeq <= 0 ? [] : [...kept, { fromSeq, config }]);
  }

  get initial(): Config {
    return (this.changes[0] as ConfigChange<Config>).config;
  }

  get list(): readonly ConfigChange<Config>[] {
    return this.changes;
  }
}
