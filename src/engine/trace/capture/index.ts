/**
 * Real capture files: read classic pcap / pcapng into a Trace (streaming), write a Trace as pcap or pcapng.
 * See capture-reader.ts (reading and its decisions) and write-pcap.ts, write-pcapng.ts and synth-frame.ts (writing and its decisions).
 */
export { CaptureReader, readCapture, type CaptureReaderOptions, type CaptureResult } from './capture-reader';
export { CaptureError } from './capture-error';
export { ExportError, writePcap, type WritePcapOptions } from './write-pcap';
export { writePcapng, type WritePcapngOptions } from './write-pcapng';
export { linkTypeName } from './decode-frame';
export { formatIpv6, parseIpv6 } from './ipv6-text';
