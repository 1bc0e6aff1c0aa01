/**
 * The contract between the streaming CaptureReader and a file format. Both pcap and pcapng
 * files are a sequence of self-delimiting units (a file header, then packet records; or
 * blocks) whose length can be read from their first few bytes. The reader asks a format how
 * long the unit at a position is, waits until that many bytes are buffered, then hands the
 * whole unit over, so a format never sees a unit cut across chunks.
 */

/**
 * The largest unit accepted (16 MiB, above any real snap length). A longer length field is
 * treated as corruption rather than buffered, so a bad length cannot eat all memory.
 */
export const MAX_UNIT_BYTES = 16 * 1024 * 1024;

export interface UnitParser {
  readonly format: 'pcap' | 'pcapng';
  /**
   * Total length in bytes of the unit at `pos`, of which `avail` bytes are buffered. When the
   * buffered bytes are too few to tell, returns how many are needed to tell (more than
   * `avail`). Throws a CaptureError when the length is invalid. Never returns less than 1.
   */
  unitLength(view: DataView, pos: number, avail: number, fileOffset: number): number;
  /** Reads a complete unit of `length` bytes at `pos`; `fileOffset` is where it starts in the file. */
  parseUnit(view: DataView, pos: number, length: number, fileOffset: number): void;
  /**
   * What the file ends inside of, for the truncation message: e.g. `{ what: 'a packet record',
   * noun: 'record', fatal: false }`. Fatal when no packet can be read at all (a file header).
   */
  describeUnit(view: DataView, pos: number, avail: number): { what: string; noun: string; fatal: boolean };
}
