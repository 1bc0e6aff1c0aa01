/**
 * The one error type of the capture reader. Every problem with a file (empty, not a capture,
 * corrupt length, cut short) is reported as a CaptureError whose message says what is wrong
 * and where, and whose `byteOffset` is the position in the file of the record, block or
 * header at fault (0 for problems with the file as a whole).
 */
export class CaptureError extends Error {
  override readonly name = 'CaptureError';

  constructor(
    message: string,
    /** Offset in the file (from its first byte) of the header, record or block at fault. */
    readonly byteOffset: number,
  ) {
    super(message.includes(' at byte ') ? message : `${message} at byte ${byteOffset}`);
  }
}

/** Formats a number as 0x-prefixed hex, zero-padded to `digits`. */
export function hex(value: number, digits = 8): string {
  return `0x${(value >>> 0).toString(16).padStart(digits, '0')}`;
}
