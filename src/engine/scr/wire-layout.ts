import { recordBytes, type AnyProgram } from '../programs/program';

/**
 * The bytes a sprayed packet carries in front of the original frame:
 * [dummy Ethernet header][sequence number][ring index][history records][original packet].
 * The history sits in front so the original frame stays contiguous.
 */
export interface WireSegment {
  name: string;
  bytes: number;
  about: string;
}

export const DUMMY_ETHERNET_BYTES = 14;
export const SEQUENCE_NUMBER_BYTES = 4;

export function ringIndexBytes(historySize: number): number {
  return historySize <= 256 ? 1 : 2;
}

export function wireLayout(program: AnyProgram, historySize: number): WireSegment[] {
  const rec = recordBytes(program);
  return [
    { name: 'dummy Ethernet header', bytes: DUMMY_ETHERNET_BYTES, about: 'lets the server NIC accept the frame' },
    { name: 'sequence number', bytes: SEQUENCE_NUMBER_BYTES, about: 'packet number from the sequencer, for loss detection' },
    { name: 'ring index', bytes: ringIndexBytes(historySize), about: 'slot of the oldest history record' },
    { name: `history (${historySize} × ${rec} B)`, bytes: historySize * rec, about: program.recordFields.map((f) => f.name).join(', ') },
  ];
}

/** Extra bytes per packet that SCR adds on the wire and over PCIe. */
export function overheadBytes(program: AnyProgram, historySize: number): number {
  return wireLayout(program, historySize).reduce((sum, s) => sum + s.bytes, 0);
}
