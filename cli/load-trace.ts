import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { CaptureError, CaptureReader, ExportError, writePcap, writePcapng, type CaptureResult } from '../src/engine/trace/capture';
import { generateTrace, generatorIds } from '../src/engine/trace/generators';
import type { Trace } from '../src/engine/trace/trace';
import { UsageError } from './args';

export interface LoadedTrace {
  trace: Trace;
  source: { kind: 'generator'; name: string; params: Record<string, unknown> } | { kind: 'capture'; path: string; capture: Omit<CaptureResult, 'trace'> };
}

const CAPTURE_FILE = /\.(pcap|pcapng|cap)$/i;

/** Streams a capture file through the reader in 1 MB chunks: the file is never held whole. */
async function readCaptureFile(path: string): Promise<CaptureResult> {
  if (!existsSync(path)) throw new UsageError(`no such capture file: ${path}`);
  const reader = new CaptureReader();
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) reader.push(chunk as Uint8Array);
    return reader.finish();
  } catch (error) {
    if (error instanceof CaptureError) throw new UsageError(`${path}: ${error.message}`);
    if ((error as NodeJS.ErrnoException).code) throw new UsageError(`${path}: ${(error as Error).message}`);
    throw error;
  }
}

export async function loadTrace(name: string, params: Record<string, unknown>): Promise<LoadedTrace> {
  if (CAPTURE_FILE.test(name) || existsSync(name)) {
    const { trace, ...capture } = await readCaptureFile(name);
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
