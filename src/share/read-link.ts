/**
 * Reads a link's query string into a LinkState, checking every value with the engine's own
 * checks (program and its settings, trace generator and parameters, cores, history). Nothing
 * in a link is trusted: a value that cannot be used falls back to the default (or the scene's
 * value) and is listed in plain words in `notices`; out-of-range numbers are brought to the
 * nearest limit and listed too. Never throws, whatever the input.
 */
import type { AnyProgram } from '../engine/programs/program';
import { GENERATORS, NUMERIC_PARAM_SPECS, parseTraceParams, type TraceGenerator } from '../engine/trace/generators';
import type { TechniqueId } from '../engine/techniques/options';
import { SPEEDS } from '../store/playback-slice';
import { MAX_CORES, MIN_CORES } from '../store/scenario-slice';
import type { ThemeChoice } from '../store/view-slice';
import { messageOf } from '../worker/messages';
import type { Scenario, ScenarioEdit } from '../worker/protocol';
import { LOSS_PLACES, type LossPlace } from '../engine/scr/loss';
import { checkConfig, checkHistorySize, checkLoss, checkProgram } from '../worker/scenario-check';
import { DEFAULT_LINK_STATE, LINK_KEYS, TECHNIQUE_IDS, type LinkState } from './link-state';

export interface ReadLinkResult {
  state: LinkState;
  /** What was ignored or changed, one plain sentence each (values shortened, never markup). */
  notices: string[];
  /** Whether the link set anything about the run (else the scene's or the default run is shown). */
  setsRun: boolean;
}

/** A scene's setup as a link state, when `id` names a scene. */
export type SceneLookup = (id: string) => LinkState | null;

const MAX_QUERY_CHARS = 16_000;
const MAX_VALUE_CHARS = 400;
const MAX_EDITS_CHARS = 12_000;
const MAX_EDITS = 200;
const MAX_POSITION = 1e12;
const MAX_NOTICE_CHARS = 180;
const TRACE_PARAM_NAMES = [...Object.keys(NUMERIC_PARAM_SPECS), 'arrival'];
const LOSS_KEYS = { loss: 'rate', lossAt: 'where', lossSeed: 'seed', recovery: 'recovery', logSize: 'logSize' } as const;
const RUN_KEYS = ['program', 'cores', 'history', 'trace', 'knock', 'trace.knock', 'edits', ...Object.keys(LOSS_KEYS), ...TRACE_PARAM_NAMES];

/** A value as a notice may show it: control characters out, at most 40 characters. */
export function shownValue(raw: string): string {
  const clean = raw.replace(/\p{Cc}/gu, ' ');
  return `"${clean.length > 40 ? `${clean.slice(0, 39)}…` : clean}"`;
}

function sentence(text: string): string {
  const t = text.length > MAX_NOTICE_CHARS ? `${text.slice(0, MAX_NOTICE_CHARS - 1)}…` : text;
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

function plainNumber(raw: string): number {
  const text = raw.trim();
  return text === '' ? Number.NaN : Number(text);
}

function parseFlag(raw: string): boolean | null {
  const t = raw.trim().toLowerCase();
  if (t === '1' || t === 'true' || t === 'yes' || t === '') return true;
  if (t === '0' || t === 'false' || t === 'no') return false;
  return null;
}

function isObject(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}

/** The edits' shape (the worker checks what they mean when it builds the run). */
function parseEdits(raw: string): ScenarioEdit[] {
  if (raw.length > MAX_EDITS_CHARS) throw new Error(`the list is too long (${raw.length.toLocaleString('en-US')} characters)`);
  const list: unknown = JSON.parse(raw);
  if (!Array.isArray(list)) throw new Error('it is not a list');
  if (list.length > MAX_EDITS) throw new Error(`at most ${MAX_EDITS} edits fit in a link`);
  const whole = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 1e9;
  list.forEach((edit: unknown, i) => {
    const ok = isObject(edit) && (
      (edit.kind === 'config' && whole(edit.fromSeq) && 'config' in edit) ||
      (edit.kind === 'insert-packet' && whole(edit.seq) && isObject(edit.packet)) ||
      (edit.kind === 'packet' && whole(edit.seq) && isObject(edit.patch)) ||
      (edit.kind === 'drop' && whole(edit.seq) && LOSS_PLACES.includes(edit.where as LossPlace))
    );
    if (!ok) throw new Error(`edit ${i + 1} is not one the explorer makes`);
  });
  return list as ScenarioEdit[];
}

/** Reads `search` (with or without "?"); `scenes` supplies a scene's setup as the base. */
export function readLink(search: string, scenes: SceneLookup = () => null): ReadLinkResult {
  const notices: string[] = [];
  const note = (text: string) => notices.push(sentence(text));
  if (search.length > MAX_QUERY_CHARS) {
    note(`The link is too long (${search.length.toLocaleString('en-US')} characters) to be read; the default run is shown`);
    return { state: DEFAULT_LINK_STATE, notices, setsRun: false };
  }
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(search);
  } catch {
    return { state: DEFAULT_LINK_STATE, notices: ['The link could not be read; the default run is shown.'], setsRun: false };
  }
  /** The first value of `key`, unless it is too long to be real. */
  const get = (key: string): string | null => {
    const v = q.get(key);
    if (v !== null && v.length > (key === 'edits' ? MAX_EDITS_CHARS : MAX_VALUE_CHARS)) {
      note(`${key}: the value is too long (${v.length.toLocaleString('en-US')} characters) and was ignored`);
      return null;
    }
    return v;
  };

  const unknown = [...new Set([...q.keys()])].filter(
    (k) => !(LINK_KEYS as readonly string[]).includes(k) && !TRACE_PARAM_NAMES.includes(k) && !k.startsWith('cfg.'),
  );
  if (unknown.length > 0) {
    const listed = unknown.slice(0, 4).map(shownValue).join(', ');
    note(`Unknown setting${unknown.length === 1 ? '' : 's'} ${listed}${unknown.length > 4 ? ` and ${unknown.length - 4} more` : ''} ignored`);
  }

  let base = DEFAULT_LINK_STATE;
  let sceneId: string | null = null;
  const sceneRaw = get('scene');
  if (sceneRaw !== null) {
    const scene = scenes(sceneRaw);
    if (scene) {
      base = scene;
      sceneId = sceneRaw;
    } else {
      note(`There is no tour scene ${shownValue(sceneRaw)}; the explorer is shown without one`);
    }
  }
  const setsRun = RUN_KEYS.some((k) => q.has(k)) || [...q.keys()].some((k) => k.startsWith('cfg.'));
  const scenario = readScenario(base.scenario, q, get, note);

  const state: LinkState = { ...base, sceneId, scenario };

  const technique = get('technique');
  if (technique !== null) {
    if (TECHNIQUE_IDS.includes(technique as TechniqueId)) state.technique = technique as TechniqueId;
    else note(`technique ${shownValue(technique)} is not one of ${TECHNIQUE_IDS.join(', ')}; ${state.technique} is used`);
  }

  for (const [name, field] of [['stage', 'stageTechnique'], ['compare', 'compareTechnique']] as const) {
    const raw = get(name);
    if (raw === null) continue;
    if (TECHNIQUE_IDS.includes(raw as TechniqueId)) state[field] = raw as TechniqueId;
    else note(`${name} ${shownValue(raw)} is not one of ${TECHNIQUE_IDS.join(', ')}; it is left out`);
  }
  if (!state.stageTechnique || state.compareTechnique === state.stageTechnique) state.compareTechnique = null;

  const speed = get('speed');
  if (speed !== null) {
    const factor = plainNumber(speed.replace(/x$/i, ''));
    const index = SPEEDS.findIndex((s) => s === factor);
    if (index >= 0) state.speedIndex = index;
    else note(`speed ${shownValue(speed)} is not one of ${SPEEDS.map((s) => `${s}x`).join(', ')}; ${SPEEDS[state.speedIndex]}x is used`);
  }

  const at = get('at');
  if (at !== null) {
    const n = plainNumber(at);
    if (Number.isFinite(n) && n >= 0 && n <= MAX_POSITION) state.position = Math.round(n);
    else note(`at ${shownValue(at)} is not an event number (a whole number from 0); the run starts at event ${state.position}`);
  }

  const watch = get('watch');
  if (watch !== null) {
    // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
    if (watch.length <= 100 && !/[\u0000-\u001f\u007f]/.test(watch)) state.watchKey = watch === '' ? null : watch;
    else note(`watch ${shownValue(watch)} is not a state key; nothing is watched`);
  }

  for (const [key, field] of [['embed', 'embed'], ['present', 'presenter'], ['paused', 'startPaused'], ['looping', 'looping']] as const) {
    const raw = get(key);
    if (raw === null) continue;
    const flag = parseFlag(raw);
    if (flag === null) note(`${key} ${shownValue(raw)} should be 1 or 0; it was ignored`);
    else state[field] = flag;
  }

  const loop = get('loop');
  if (loop !== null) {
    const m = /^\s*(\d{1,13})\s*-\s*(\d{1,13})\s*$/.exec(loop);
    const from = m ? Number(m[1]) : Number.NaN;
    const to = m ? Number(m[2]) : Number.NaN;
    if (m && from < to) state.loop = { from, to };
    else note(`loop ${shownValue(loop)} should be two event numbers such as 120-340, the first below the second; no loop is set`);
  }
  if (state.looping && !state.loop) state.looping = false;

  const theme = get('theme');
  if (theme !== null) {
    if (theme === 'system' || theme === 'light' || theme === 'dark') state.theme = theme as ThemeChoice;
    else note(`theme ${shownValue(theme)} should be light, dark or system; it was ignored`);
  }

  return { state, notices, setsRun };
}

function readScenario(base: Scenario, q: URLSearchParams, get: (key: string) => string | null, note: (text: string) => void): Scenario {
  let program: AnyProgram = checkProgram(base.programId);
  let config: unknown = base.config;
  let edits = base.edits;
  const programRaw = get('program');
  if (programRaw !== null) {
    try {
      const chosen = checkProgram(programRaw);
      if (chosen.id !== program.id) {
        program = chosen;
        config = chosen.defaultConfig;
        edits = undefined;
      }
    } catch {
      note(`There is no program ${shownValue(programRaw)}; ${program.title} is shown instead`);
    }
  }

  // Program settings: knock=... for port knocking, cfg.<name>=... for the others; each checked by the program.
  const settings: Record<string, string> = {};
  const knockRaw = get('knock');
  if (program.id === 'portknock' && knockRaw !== null) settings.knock = knockRaw;
  for (const key of new Set(q.keys())) {
    if (!key.startsWith('cfg.')) continue;
    const value = get(key);
    if (value !== null) settings[key.slice(4)] = value;
  }
  if (Object.keys(settings).length > 0) {
    const keep: Record<string, string> = {};
    const known = Object.keys(program.defaultConfig as object);
    for (const [name, value] of Object.entries(settings)) {
      if (!known.includes(name)) {
        note(`${program.title} has no setting ${shownValue(name)} (its settings: ${known.join(', ')}); it was ignored`);
        continue;
      }
      try {
        checkConfig(program, { ...(config as object), [name]: value });
        keep[name] = value;
      } catch (error) {
        note(`${name} ${shownValue(value)}: ${messageOf(error)} The setting was ignored`);
      }
    }
    try {
      config = checkConfig(program, { ...(config as object), ...keep });
    } catch (error) {
      note(`The ${program.title} settings do not fit together (${messageOf(error)}); its defaults are used`);
      config = checkConfig(program, undefined);
    }
  } else {
    config = checkConfig(program, config);
  }

  let cores = base.cores;
  const coresRaw = get('cores');
  if (coresRaw !== null) {
    const n = plainNumber(coresRaw);
    if (!Number.isFinite(n)) note(`cores ${shownValue(coresRaw)} is not a number; ${cores} cores are used`);
    else {
      cores = Math.max(MIN_CORES, Math.min(MAX_CORES, Math.round(n)));
      if (cores !== n) note(`cores ${shownValue(coresRaw)} must be a whole number from ${MIN_CORES} to ${MAX_CORES}; ${cores} is used`);
    }
  }

  let historySize = base.historySize;
  const historyRaw = get('history');
  if (historyRaw !== null) {
    try {
      historySize = checkHistorySize(plainNumber(historyRaw), cores);
    } catch (error) {
      note(`history ${shownValue(historyRaw)}: ${messageOf(error)} The automatic size (cores − 1) is used`);
      historySize = undefined;
    }
  } else if (historySize !== undefined) {
    try {
      checkHistorySize(historySize, cores);
    } catch {
      historySize = undefined;
    }
  }

  let generator: TraceGenerator = GENERATORS.find((g) => base.trace.kind === 'generator' && g.id === base.trace.id) ?? (GENERATORS[0] as TraceGenerator);
  let params: Record<string, unknown> = base.trace.kind === 'generator' ? { ...base.trace.params } : {};
  const traceRaw = get('trace');
  if (traceRaw !== null) {
    const found = GENERATORS.find((g) => g.id === traceRaw);
    if (found) {
      if (found.id !== generator.id) params = Object.fromEntries(Object.entries(params).filter(([k]) => (found.params as readonly string[]).includes(k)));
      generator = found;
    } else {
      note(`There is no trace ${shownValue(traceRaw)}; the ${generator.id} trace is used. Traces: ${GENERATORS.map((g) => g.id).join(', ')}`);
    }
  }
  for (const name of TRACE_PARAM_NAMES) {
    const raw = get(name);
    if (raw === null) continue;
    if (!(generator.params as readonly string[]).includes(name)) {
      note(`${name} is not used by the ${generator.id} trace and was ignored`);
      continue;
    }
    try {
      const value = parseTraceParams({ [name]: raw }, { clamp: true })[name as keyof typeof NUMERIC_PARAM_SPECS];
      if (typeof value === 'number' && value !== plainNumber(raw.replace(/_/g, ''))) {
        note(`${name} ${shownValue(raw)} is out of range; ${value.toLocaleString('en-US')} is used`);
      }
      params[name] = value;
    } catch (error) {
      note(`${messageOf(error)}; the ${name} of the default run is used`);
    }
  }
  if (generator.params.includes('knock')) {
    // The trace knocks the program's sequence unless the link gives the trace one of its own.
    const ownRaw = get('trace.knock') ?? (program.id === 'portknock' ? null : knockRaw);
    if (ownRaw !== null) {
      try {
        params.knock = parseTraceParams({ knock: ownRaw }).knock;
      } catch (error) {
        note(`${messageOf(error)}; the trace keeps its knock sequence`);
      }
    } else if (program.id === 'portknock') {
      params.knock = [...(config as { knock: number[] }).knock];
    }
  } else if (knockRaw !== null && program.id !== 'portknock') {
    note('knock is only used by port knocking and was ignored');
  }

  const editsRaw = get('edits');
  if (editsRaw !== null) {
    try {
      edits = parseEdits(editsRaw);
    } catch (error) {
      note(`The typed packets and changes in the link could not be read (${error instanceof SyntaxError ? 'not valid JSON' : messageOf(error)}); they were left out`);
      edits = undefined;
    }
  }

  let loss = base.loss;
  if (Object.keys(LOSS_KEYS).some((k) => q.has(k))) {
    const raw: Record<string, unknown> = { ...loss };
    for (const [key, field] of Object.entries(LOSS_KEYS)) {
      const value = get(key);
      if (value === null) continue;
      const text = value.trim();
      raw[field] = field === 'where' || field === 'recovery' ? text : plainNumber(text);
      try {
        checkLoss(raw);
      } catch (error) {
        note(`${key} ${shownValue(value)}: ${messageOf(error)} It was ignored`);
        raw[field] = (loss as Record<string, unknown> | undefined)?.[field];
        if (raw[field] === undefined) delete raw[field];
      }
    }
    loss = Object.keys(raw).length > 0 ? (raw as Scenario['loss']) : undefined;
  }

  const scenario: Scenario = { programId: program.id, config, trace: { kind: 'generator', id: generator.id, params }, cores };
  if (historySize !== undefined) scenario.historySize = historySize;
  if (edits?.length) scenario.edits = edits;
  if (loss) scenario.loss = loss;
  return scenario;
}
