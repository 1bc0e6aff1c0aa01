/**
 * The state a link carries: everything that decides what the stage shows at one moment (scene,
 * program, trace generator and parameters, seed, cores, history, edits, loss, technique, knock
 * sequence, speed, playhead, watched key) and how it is shown (embed, presenter, start paused,
 * loop, theme). `linkStateOf` reads it from the store, `writeLink` turns it into a query string;
 * `readLink` (read-link.ts) does the reverse and checks every value.
 */
import { TECHNIQUES, type TechniqueId } from '../engine/techniques/options';
import type { ExplorerState } from '../store/create-store';
import { DEFAULT_SCENARIO } from '../store/scenario-slice';
import { DEFAULT_SPEED_INDEX, SPEEDS } from '../store/playback-slice';
import type { LoopRange } from '../store/talk-slice';
import type { ThemeChoice } from '../store/view-slice';
import type { Scenario } from '../worker/protocol';

export interface LinkState {
  sceneId: string | null;
  /** Always a generator trace: a capture file cannot travel in a link. */
  scenario: Scenario;
  position: number;
  speedIndex: number;
  technique: TechniqueId;
  /** The technique stage shown instead of the SCR machine (null: the machine), and compare mode's second. */
  stageTechnique: TechniqueId | null;
  compareTechnique: TechniqueId | null;
  watchKey: string | null;
  embed: boolean;
  presenter: boolean;
  startPaused: boolean;
  loop: LoopRange | null;
  looping: boolean;
  theme: ThemeChoice;
}

export const DEFAULT_LINK_STATE: LinkState = {
  sceneId: null,
  scenario: DEFAULT_SCENARIO,
  position: 0,
  speedIndex: DEFAULT_SPEED_INDEX,
  technique: 'scr',
  stageTechnique: null,
  compareTechnique: null,
  watchKey: null,
  embed: false,
  presenter: false,
  startPaused: false,
  loop: null,
  looping: false,
  theme: 'system',
};

/** Every query key a link may hold (program settings are `cfg.<name>`, trace parameters their own names). */
export const LINK_KEYS = [
  'scene', 'program', 'cores', 'history', 'trace', 'knock', 'trace.knock', 'edits', 'loss', 'lossAt', 'lossSeed', 'recovery', 'logSize',
  'technique', 'stage', 'compare', 'speed', 'at', 'watch',
  'embed', 'present', 'paused', 'loop', 'looping', 'theme',
] as const;

export const TECHNIQUE_IDS: readonly TechniqueId[] = TECHNIQUES;

/** What the store holds, as a link state; null for a run from a capture file (it cannot be shared). */
export function linkStateOf(s: ExplorerState): LinkState | null {
  if (s.scenario.trace.kind !== 'generator') return null;
  return {
    sceneId: s.sceneId,
    scenario: s.scenario,
    position: s.position,
    speedIndex: s.speedIndex,
    technique: s.technique,
    stageTechnique: s.stageTechnique,
    compareTechnique: s.compareTechnique,
    watchKey: s.watchKey,
    embed: s.embed,
    presenter: s.presenter,
    startPaused: s.startPaused,
    loop: s.loop,
    looping: s.looping,
    theme: s.theme,
  };
}

function listText(value: unknown): string | null {
  return Array.isArray(value) ? value.join(',') : null;
}

/** The query string for a link state (without the leading "?"). Keys at their defaults are left out where that is unambiguous. */
export function writeLink(state: LinkState): string {
  const q = new URLSearchParams();
  const { scenario } = state;
  if (state.sceneId) q.set('scene', state.sceneId);
  q.set('program', scenario.programId);
  q.set('cores', String(scenario.cores));
  if (scenario.historySize !== undefined) q.set('history', String(scenario.historySize));
  const config = (scenario.config ?? {}) as Record<string, unknown>;
  const configKnock = scenario.programId === 'portknock' ? listText(config.knock) : null;
  if (configKnock !== null) q.set('knock', configKnock);
  else {
    for (const [name, value] of Object.entries(config)) {
      if (typeof value === 'number' || typeof value === 'string') q.set(`cfg.${name}`, String(value));
    }
  }
  if (scenario.trace.kind === 'generator') {
    q.set('trace', scenario.trace.id);
    for (const [name, value] of Object.entries(scenario.trace.params)) {
      if (name === 'knock') {
        const text = listText(value);
        if (text !== null && text !== configKnock) q.set(configKnock === null ? 'knock' : 'trace.knock', text);
      } else if (typeof value === 'number' || typeof value === 'string') {
        q.set(name, String(value));
      }
    }
  }
  if (scenario.edits?.length) q.set('edits', JSON.stringify(scenario.edits));
  if (scenario.loss) {
    const { rate, where, seed, recovery, logSize } = scenario.loss;
    if (rate !== undefined) q.set('loss', String(rate));
    if (where !== undefined) q.set('lossAt', where);
    if (seed !== undefined) q.set('lossSeed', String(seed));
    if (recovery !== undefined) q.set('recovery', recovery);
    if (logSize !== undefined) q.set('logSize', String(logSize));
  }
  if (state.technique !== 'scr') q.set('technique', state.technique);
  if (state.stageTechnique) q.set('stage', state.stageTechnique);
  if (state.stageTechnique && state.compareTechnique) q.set('compare', state.compareTechnique);
  q.set('speed', `${SPEEDS[state.speedIndex] ?? 1}x`);
  q.set('at', String(state.position));
  if (state.watchKey !== null) q.set('watch', state.watchKey);
  if (state.loop) q.set('loop', `${state.loop.from}-${state.loop.to}`);
  if (state.looping) q.set('looping', '1');
  if (state.startPaused) q.set('paused', '1');
  if (state.presenter) q.set('present', '1');
  if (state.embed) q.set('embed', '1');
  if (state.theme !== 'system') q.set('theme', state.theme);
  return q.toString();
}
