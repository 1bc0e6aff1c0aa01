import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { CaptureError, CaptureReader, ExportError, writePcap, writePcapng, type CaptureResult } from '../src/engine/trace/capture';
import { generateTrace, generatorIds } from '../src/engine/trace/generators';
import type { Trace } from '../src/engine/trace/trace';
import { UsageError } from './args';
import { DEFAULT_MAX_PACKETS, MAX_PACKETS_LIMIT } from './arg-values';

export interface LoadedTrace {
  trace: Trace;
  source: { kind: 'generator'; name: string; params: Record<string, unknown> } | { kind: 'capture'; path: string; capture: Omit<CaptureResult, 'trace'> };
}

const CAPTURE_FILE = /\.(pcap|pcapng|cap)$/i;

/**
 * Streams a capture file through the reader in 1 MB chunks: the file is never held whole. A run
 * holds every packet (trace, records, verdicts, replicas), so a capture of more than `limit`
 * packets is refused with one line naming --max-packets, before it can exhaust memory; with
 * `explicit` (the user gave --max-packets) the first `limit` packets are read instead.
 */
export async function readCaptureFile(path: string, limit = DEFAULT_MAX_PACKETS, explicit = false): Promise<CaptureResult> {
  if (!existsSync(path)) throw new UsageError(`no such capture file: ${path}`);
  const reader = new CaptureReader({ maxPackets: explicit ? limit : limit + 1 });
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
      reader.push(chunk as Uint8Array);
      if (reader.limitReached) break;
    }
    const result = reader.finish();
    if (!explicit && result.trace.count > limit) {
      throw new UsageError(
        `${path} holds more than ${limit.toLocaleString('en-US')} packets, more than a run holds in memory: give --max-packets N to run its first N (up to ${MAX_PACKETS_LIMIT.toLocaleString('en-US')})`,
      );
    }
    return result;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (error instanceof CaptureError) throw new UsageError(`${path}: ${error.message}`);
    if ((error as NodeJS.ErrnoException).code) throw new UsageError(`${path}: ${(error as Error).message}`);
    throw error;
  }
}

export async function loadTrace(name: string, params: Record<string, unknown>, maxPackets?: number): Promise<LoadedTrace> {
  if (CAPTURE_FILE.test(name) || existsSync(name)) {
    const { trace, ...capture } = await readCaptureFile(name, maxPackets ?? DEFAULT_MAX_PACKETS, maxPackets !== undefined);
    return { trace, source: { kind: 'capture', path: name, capture } };
  }
  if (!generatorIds().includes(name)) {
    throw new UsageError(`--trace must be a generator (${generatorIds().join(', ')}) or a .pcap/.pcapng file, not "${name}"`);
  }
  try {
    return { trace: generateTrace(name, params), source: { kind: 'generator', name, params } };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Writes the trace as pcapng (a name ending in .pcapng, with `comment` in its section header) or classic pcap. */
export function exportTrace(trace: Trace, path: string, comment: string): number {
  let bytes: Uint8Array;
  try {
    bytes = /\.pcapng$/i.test(path) ? writePcapng(trace, { comment }) : writePcap(trace);
  } catch (error) {
    if (error instanceof ExportError) throw new UsageError(`cannot write ${path}: ${error.message}`);
    throw error;
  }
  try {
    writeFileSync(path, bytes);
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
  return bytes.length;
}
