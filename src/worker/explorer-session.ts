/**
 * The explorer's engine side: one scenario, its timeline and the frames drawn from it. Every
 * EngineApi call as a plain synchronous method, so the worker only forwards calls and the whole
 * of it runs in Node tests. Nothing here touches worker or DOM globals.
 *
 * A call that fails throws an Error whose message is fit to show, and leaves the session as it
 * was: a new run is built completely first and only then replaces the old one.
 */
import { PROTO_TCP, PROTO_UDP, ipv4ToString } from '../engine/packet';
import { VERDICT_CODE, type AnyProgram, type StateKey } from '../engine/programs/program';
import { PROGRAMS, getProgram } from '../engine/programs/registry';
import { ConfigSchedule } from '../engine/scr/config-schedule';
import { LOSS_PLACES, resolveLoss, type LossPlace } from '../engine/scr/loss';
import { verifyScr } from '../engine/scr/verify';
import type { TimelineEvent } from '../engine/timeline/events';
import { Timeline, type Frame, type TimelineEdit } from '../engine/timeline/timeline';
import { CaptureError, CaptureReader } from '../engine/trace/capture';
import { GENERATORS } from '../engine/trace/generators';
import type { Trace } from '../engine/trace/trace';
import { packetPatch, typedPacket } from './edit-requests';
import { buildFrameView, logLine } from './frame-view';
import { asSentence, messageOf } from './messages';
import type { EditRequest, FrameView, LogLine, Pong, ReplicaView, RunInfo, RunTrace, Scenario, ScenarioEdit, StateRow, TraceSource } from './protocol';
import { generatorInfo, programInfo, runInfo, type CaptureFacts } from './run-info';
import { checkGenerator, checkLoss, checkRun, type CheckedRun } from './scenario-check';
import { selfCheckTrace } from './self-check-trace';
import { VerdictTotals } from './verdict-totals';
import { keyColour } from './key-colour';
import { traceToColumns } from './trace-columns';
import { DEFAULT_ROWS, MAX_ROWS, keyFromId, keyId, keysAreNumeric } from './watched-keys';

/** Events the log shows (the current one and the ones before it). */
export const LOG_LENGTH = 12;
/** A capture holds at most this many packets (as many as a generator may make); a larger one is refused, not cut. */
export const MAX_CAPTURE_PACKETS = 5_000_000;

interface LoadedCapture {
  name: string;
  trace: Trace;
  facts: CaptureFacts;
}

/** The run being shown, swapped in whole. */
interface Run {
  scenario: Scenario;
  timeline: Timeline;
  totals: VerdictTotals;
  info: RunInfo;
  capture: LoadedCapture | undefined;
  numericKeys: boolean;
}

/** The last frame: the timeline's cursor is still there, so its live replicas are still valid. */
interface LastFrame {
  timeline: Timeline;
  frame: Frame;
  log: LogLine[];
}

const now = (): number => globalThis.performance?.now() ?? 0;

export class ExplorerSession {
  private run: Run | null = null;
  private last: LastFrame | null = null;

  /** Proves the path to the engine works with a real run, and lists the programs and generators. */
  ping(): Pong {
    const started = now();
    const program = getProgram('portknock');
    const trace = selfCheckTrace();
    const result = verifyScr({ program, trace, cores: 4, compareStateEvery: 1 });
    return {
      engine: 'scr-engine',
      programs: PROGRAMS.map(programInfo),
      generators: GENERATORS.map(generatorInfo),
      selfCheck: {
        program: program.id,
        packets: trace.count,
        cores: 4,
        agree: result.agree,
        passed: result.verdicts.filter((v) => v === VERDICT_CODE.PASS).length,
      },
      tookMs: now() - started,
    };
  }

  /** The run info of the current run, if any. */
  get current(): RunInfo | null {
    return this.run?.info ?? null;
  }

  /** Builds the run a scenario describes (replaying its edits); throws a readable Error when it is invalid. */
  configure(scenario: Scenario): RunInfo {
    const started = now();
    const checked = checkRun(scenario);
    const source = scenario.trace as TraceSource | undefined;
    let trace: Trace;
    let capture: LoadedCapture | undefined;
    if (source?.kind === 'generator') {
      const { generator, params } = checkGenerator(source.id, source.params);
      trace = generator.generate(params);
    } else if (source?.kind === 'capture') {
      const held = this.run?.capture;
      if (!held || held.name !== source.name) {
        throw new Error(`The capture file "${String(source.name)}" is no longer loaded: open the file again.`);
      }
      capture = held;
      trace = held.trace;
    } else {
      throw new Error('The trace must come from a generator or from a capture file.');
    }
    this.install(this.build(scenario, checked, trace, capture, started));
    return this.current as RunInfo;
  }

  /** Reads a capture file held in memory, then builds the scenario with it as the trace. */
  loadCapture(name: string, bytes: ArrayBuffer | Uint8Array, rest: Omit<Scenario, 'trace'>): RunInfo {
    const data = bytes instanceof ArrayBuffer
      ? new Uint8Array(bytes)
      : ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
    if (!data) throw new Error(`"${captureName(name)}" could not be read: no bytes arrived.`);
    const reader = this.beginCapture();
    this.pushCapture(name, reader, data);
    return this.finishCapture(name, reader, rest);
  }

  /** Starts reading a capture piece by piece (the worker streams a large file through it). */
  beginCapture(): CaptureReader {
    return new CaptureReader({ maxPackets: MAX_CAPTURE_PACKETS + 1 });
  }

  pushCapture(name: string, reader: CaptureReader, chunk: Uint8Array): void {
    captureErrors(name, () => reader.push(chunk));
  }

  /** Ends reading the capture and builds the scenario with it as the trace. */
  finishCapture(name: string, reader: CaptureReader, rest: Omit<Scenario, 'trace'>): RunInfo {
    const started = now();
    const fileName = captureName(name);
    const checked = checkRun(rest);
    const result = captureErrors(name, () => reader.finish());
    if (result.packets === 0) throw new Error(`"${fileName}" holds no packets.`);
    if (result.trace.count > MAX_CAPTURE_PACKETS) {
      // Refused before anything is built: the current run stays as it is.
      throw new Error(`"${fileName}" holds more than ${MAX_CAPTURE_PACKETS.toLocaleString('en-US')} packets, more than the explorer holds in memory: run it with the command line (--max-packets) or cut it first.`);
    }
    const facts: CaptureFacts = { format: result.format, linkTypes: result.linkTypes, undecoded: result.undecoded };
    if (result.truncatedAt) facts.truncated = asSentence(result.truncatedAt.message);
    const capture: LoadedCapture = { name: fileName, trace: result.trace, facts };
    const scenario: Scenario = { ...rest, trace: { kind: 'capture', name: fileName } };
    this.install(this.build(scenario, checked, result.trace, capture, started));
    return this.current as RunInfo;
  }

  /** The frame after `position` events (clamped to the run), with the last events for the log. */
  frame(position: number, options: { watchKey?: string | null; rows?: number } = {}): FrameView {
    const run = this.requireRun();
    const { timeline } = run;
    if (typeof position !== 'number' || Number.isNaN(position)) throw new Error(`The position must be a number of events, not ${String(position)}.`);
    const target = Math.max(0, Math.min(Math.floor(position), timeline.eventCount));
    const rowsAsked = options.rows ?? DEFAULT_ROWS;
    const rows = Number.isFinite(rowsAsked) ? Math.max(0, Math.min(MAX_ROWS, Math.floor(rowsAsked))) : DEFAULT_ROWS;
    const watchId = typeof options.watchKey === 'string' && options.watchKey !== '' ? options.watchKey : null;
    const watch: StateKey | null = watchId === null ? null : keyFromId(watchId, run.numericKeys);

    const { frame, log } = this.moveTo(timeline, target);
    return buildFrameView({ timeline, frame, log, totals: run.totals, watch, rows });
  }

  /** Applies an edit at `position`: the future forks. Returns the new run and the position to show. */
  edit(request: EditRequest, position: number): { run: RunInfo; position: number } {
    const started = now();
    const run = this.requireRun();
    if (typeof position !== 'number' || Number.isNaN(position)) throw new Error(`The position must be a number of events, not ${String(position)}.`);
    const at = Math.max(0, Math.min(Math.floor(position), run.timeline.eventCount));
    const applied = applyEdit(run.timeline, request, at);
    const scenario = withRecordedEdit(run.scenario, applied.recorded);
    this.install(this.finish(scenario, applied.timeline, run.capture, started));
    return { run: this.current as RunInfo, position: applied.position };
  }

  /** Core `core`'s whole replica after `position` events: its first `limit` entries and how many there are. */
  replica(position: number, core: number, limit = 200): ReplicaView {
    const run = this.requireRun();
    const { timeline } = run;
    const target = Math.max(0, Math.min(Math.floor(Number(position) || 0), timeline.eventCount));
    const { frame } = this.moveTo(timeline, target);
    const replica = frame.replicas[core];
    if (!Number.isInteger(core) || !replica) throw new Error(`There is no core ${String(core)} in this run of ${timeline.cores} cores.`);
    const program = timeline.program;
    const config = timeline.configs.at(Math.max(0, replica.lastApplied));
    const rows: StateRow[] = [];
    const cap = Math.max(0, Math.min(Math.floor(limit), 5000));
    for (const [key, value] of program.entries(replica.state, config)) {
      if (rows.length >= cap) break;
      rows.push({ key: keyId(key), keyText: program.describeKey(key), value, colour: keyColour(key) });
    }
    return { core, lastApplied: replica.lastApplied, total: program.stateSize(replica.state), rows };
  }

  /** The position just before packet `seq` arrives (clamped to the run). */
  positionOfPacket(seq: number): number {
    const { timeline } = this.requireRun();
    if (typeof seq !== 'number' || Number.isNaN(seq)) throw new Error(`A packet is given by its sequence number, not ${String(seq)}.`);
    return timeline.positionBeforePacket(Math.floor(seq));
  }

  /** A copy of the current run's trace (edits included) in buffers of its own, to transfer, with its program. */
  traceColumns(): RunTrace {
    const { timeline } = this.requireRun();
    return { programId: timeline.program.id, columns: traceToColumns(timeline.trace) };
  }

  private requireRun(): Run {
    if (!this.run) throw new Error('No scenario has been built yet: choose a program and a trace first.');
    return this.run;
  }

  private install(run: Run): void {
    this.run = run;
    this.last = null;
  }

  private build(scenario: Scenario, checked: CheckedRun, trace: Trace, capture: LoadedCapture | undefined, started: number): Run {
    const lossy = checked.loss ? resolveLoss(trace, checked.loss) : undefined;
    let timeline = new Timeline({
      program: checked.program,
      trace: lossy?.trace ?? trace,
      cores: checked.cores,
      historySize: checked.historySize,
      configs: new ConfigSchedule<unknown>(checked.config),
      ...(lossy ? { loss: lossy.loss } : {}),
    });
    const edits = Array.isArray(scenario.edits) ? scenario.edits : [];
    edits.forEach((edit, i) => {
      try {
        timeline = replayEdit(timeline, edit);
      } catch (error) {
        throw new Error(`Edit ${i + 1} of ${edits.length} (${editWords(edit)}) no longer fits this run: ${messageOf(error)}`);
      }
    });
    const normalised: Scenario = { ...scenario, config: checked.config };
    if (edits.length === 0) delete normalised.edits;
    return this.finish(normalised, timeline, capture, started);
  }

  private finish(scenario: Scenario, timeline: Timeline, capture: LoadedCapture | undefined, started: number): Run {
    const totals = new VerdictTotals(timeline.verdicts);
    const numericKeys = keysAreNumeric(timeline.program, timeline.records);
    const info = runInfo({ scenario, timeline, totals, capture: capture?.facts, buildMs: now() - started, loss: checkLoss(scenario.loss) });
    return { scenario, timeline, totals, info, capture, numericKeys };
  }

  /**
   * Moves the timeline to `target`, collecting the last LOG_LENGTH events on the way: one seek to
   * LOG_LENGTH events before the target, then single steps, so the log costs no extra restore.
   * From the last frame's position, a target a few events ahead is reached by stepping alone.
   */
  private moveTo(timeline: Timeline, target: number): { frame: Frame; log: LogLine[] } {
    // The cursor is where the last frame left it unless something else moved it.
    const last = this.last?.timeline === timeline && timeline.position === this.last.frame.position ? this.last : null;
    if (last && last.frame.position === target) return last;
    const start = Math.max(0, target - LOG_LENGTH);
    let frame: Frame;
    let log: LogLine[];
    if (last && last.frame.position < target && last.frame.position >= start) {
      frame = last.frame;
      log = last.log.filter((line) => line.index >= start);
    } else {
      frame = timeline.seek(start);
      log = [];
    }
    while (frame.position < target) {
      frame = timeline.step();
      log.push(logLine(frame.event as TimelineEvent, timeline));
    }
    this.last = { timeline, frame, log };
    return { frame, log };
  }
}

/** The result of one edit: the forked timeline, where to show it, and the edit as the scenario remembers it. */
interface AppliedEdit {
  timeline: Timeline;
  position: number;
  recorded: ScenarioEdit;
}

function isObject(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object';
}

function checkSeq(raw: unknown, what: string): number {
  if (typeof raw !== 'number' || !Number.isInteger(raw)) throw new Error(`${what} must be a packet's sequence number, not ${String(raw)}.`);
  return raw;
}

/** Runs a timeline fork, turning the engine's errors into sentences. */
function fork(timeline: Timeline, edit: TimelineEdit, position: number): { timeline: Timeline; position: number } {
  try {
    return timeline.fork(edit, position);
  } catch (error) {
    throw new Error(asSentence(edit.kind === 'config' ? `${timeline.program.title}: ${messageOf(error)}` : messageOf(error)));
  }
}

export function applyEdit(timeline: Timeline, request: EditRequest, position: number): AppliedEdit {
  if (!isObject(request)) throw new Error('The edit is missing: say what to change.');
  switch (request.kind) {
    case 'config': {
      const fromSeq = timeline.firstUnarrivedAt(position);
      const config = mergeConfig(timeline.program, timeline.configs.at(fromSeq), request.config);
      const forked = fork(timeline, { kind: 'config', config }, position);
      return { ...forked, recorded: { kind: 'config', fromSeq, config: forked.timeline.configs.at(fromSeq) } };
    }
    case 'packet': {
      const seq = checkSeq(request.seq, 'The packet to change');
      if (seq < 0 || seq >= timeline.trace.count) {
        throw new Error(`There is no packet #${seq}: this trace has packets #0 to #${timeline.trace.count - 1}.`);
      }
      const patch = packetPatch(request.patch);
      const forked = fork(timeline, { kind: 'packet', seq, patch }, position);
      return { ...forked, recorded: { kind: 'packet', seq, patch: { ...patch } } };
    }
    case 'drop': {
      const where = request.where as LossPlace;
      if (!LOSS_PLACES.includes(where)) throw new Error(`A packet can be dropped before the sequencer, on its link or after processing, not "${String(where)}".`);
      const seq = request.seq === undefined ? packetToDrop(timeline, position, where) : checkSeq(request.seq, 'The packet to drop');
      if (seq < 0 || seq >= timeline.trace.count) {
        throw new Error(timeline.trace.count === 0 ? 'There is no packet left to drop.' : `There is no packet #${seq} to drop: this run has packets #0 to #${timeline.trace.count - 1}.`);
      }
      if (where !== 'before' && (timeline.loss?.fate[seq] ?? 0) !== 0) throw new Error(`Packet #${seq} is already lost.`);
      const forked = fork(timeline, { kind: 'drop', seq, where }, position);
      return { ...forked, recorded: { kind: 'drop', seq, where } };
    }
    case 'insert-packet': {
      const seq = checkSeq(request.seq, 'Where the new packet goes');
      if (seq < 0 || seq > timeline.trace.count) {
        throw new Error(`A new packet can go at #0 to #${timeline.trace.count}, not at #${seq}.`);
      }
      const packet = typedPacket(request.packet, timeline.trace, seq);
      const forked = fork(timeline, { kind: 'insert', seq, packet }, position);
      const proto = packet.proto === PROTO_TCP ? 'TCP' : packet.proto === PROTO_UDP ? 'UDP' : 'ICMP';
      const typed = { srcIp: ipv4ToString(packet.srcIp ?? 0), dstPort: packet.dstPort ?? 0, proto } as const;
      return { ...forked, recorded: { kind: 'insert-packet', seq, packet: typed } };
    }
    default:
      throw new Error(`There is no edit of kind ${JSON.stringify((request as { kind?: unknown }).kind)}: use config, packet, insert-packet or drop.`);
  }
}

/** A config edit may give only the fields it changes; the others stay as they are in force. */
function mergeConfig(program: AnyProgram, inForce: unknown, raw: unknown): unknown {
  if (raw === undefined || raw === null) throw new Error(`${program.title}: the new configuration is missing.`);
  if (typeof raw === 'object' && !Array.isArray(raw) && isObject(inForce)) return { ...inForce, ...raw };
  return raw;
}

/** Replays a remembered edit: at the packet it names, wherever the playhead was. */
function replayEdit(timeline: Timeline, edit: ScenarioEdit): Timeline {
  if (!isObject(edit)) throw new Error('it is not an edit');
  if (edit.kind === 'config') {
    const fromSeq = checkSeq(edit.fromSeq, 'The packet a config change takes effect from');
    if (fromSeq < 0 || fromSeq > timeline.trace.count) throw new Error(`there is no packet #${fromSeq} to take effect from`);
    return applyEdit(timeline, { kind: 'config', config: edit.config }, timeline.positionBeforePacket(fromSeq)).timeline;
  }
  const seq = checkSeq(edit.seq, 'The packet edited');
  return applyEdit(timeline, edit, timeline.positionBeforePacket(seq)).timeline;
}

function editWords(edit: ScenarioEdit): string {
  if (!isObject(edit)) return 'unknown';
  if (edit.kind === 'config') return `a config change from packet #${String(edit.fromSeq)}`;
  if (edit.kind === 'packet') return `a change to packet #${String(edit.seq)}`;
  if (edit.kind === 'insert-packet') return `a packet typed in at #${String(edit.seq)}`;
  if (edit.kind === 'drop') return `packet #${String(edit.seq)} dropped ${edit.where === 'link' ? 'on its link' : edit.where === 'before' ? 'before the sequencer' : 'after processing'}`;
  return 'unknown';
}

/**
 * The scenario with an edit remembered. A config change from packet 0 becomes the scenario's
 * config (it replaces every config change before it, so those are forgotten).
 */
export function withRecordedEdit(scenario: Scenario, edit: ScenarioEdit): Scenario {
  const before = scenario.edits ?? [];
  if (edit.kind === 'config' && edit.fromSeq === 0) {
    const edits = before.filter((e) => e.kind !== 'config');
    const next: Scenario = { ...scenario, config: edit.config, edits };
    if (edits.length === 0) delete next.edits;
    return next;
  }
  return { ...scenario, edits: [...before, edit] };
}

/**
 * The packet a drop without a number means: the one in flight at that place (just arrived at the
 * sequencer, on its way to its core, on its way out), else the next one to get there.
 */
export function packetToDrop(timeline: Timeline, position: number, where: LossPlace): number {
  const event = timeline.seek(position).event;
  const next = timeline.firstUnarrivedAt(position);
  if (!event) return next;
  if (where === 'before') return event.kind === 'arrive' ? event.seq : next;
  if (where === 'link') return event.kind === 'arrive' || event.kind === 'dispatch' ? event.seq : next;
  return event.kind === 'process' ? event.seq : event.kind === 'lost-after' || event.kind === 'lost-link' || event.seq < 0 ? next : event.seq;
}

function captureName(name: string): string {
  return typeof name === 'string' && name !== '' ? name : 'capture';
}

/** Runs a step of reading a capture, turning its errors into a sentence that names the file. */
function captureErrors<T>(name: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const reason = error instanceof CaptureError ? asSentence(error.message) : messageOf(error);
    throw new Error(`"${captureName(name)}" could not be read: ${reason}`);
  }
}
