/**
 * Applying a tour scene to the store: its scenario, playhead, watched key, selection, spotlight
 * and technique. Everything stays explorable afterwards; moving to another scene sets it up anew.
 */
import { DEFAULT_LINK_STATE, type LinkState } from '../share/link-state';
import type { ExplorerState, ExplorerStore } from '../store/create-store';
import { DEFAULT_SPEED_INDEX } from '../store/playback-slice';
import type { TourScene } from './scene';
import { sceneById, sceneIndex, TOUR } from './scenes';

/** A scene's setup as a link state (the base a `?scene=` link starts from). */
export function sceneLinkState(id: string): LinkState | null {
  const scene = sceneById(id);
  if (!scene) return null;
  return {
    ...DEFAULT_LINK_STATE,
    sceneId: scene.id,
    scenario: scene.scenario,
    position: scene.start,
    speedIndex: scene.speedIndex ?? DEFAULT_SPEED_INDEX,
    technique: scene.technique,
    watchKey: scene.watchKey ?? null,
  };
}

export function sceneSpotlight(id: string): readonly string[] {
  return sceneById(id)?.spotlight ?? [];
}

/** Plays once the scene's run is built (or at once when it already is), unless something else moved first. */
function playWhenBuilt(store: ExplorerStore, scene: TourScene): void {
  const ready = (s: ExplorerState) => s.sceneId === scene.id && !s.building && s.run !== null && s.scenario === scene.scenario && !s.scenarioError;
  if (ready(store.getState()) && store.getState().run?.scenario.cores === scene.scenario.cores) {
    store.getState().play();
    return;
  }
  const unsubscribe = store.subscribe((s, previous) => {
    if (s.sceneId !== scene.id || s.scenario !== scene.scenario) return unsubscribe();
    if (previous.building && ready(s)) {
      unsubscribe();
      s.play();
    }
  });
}

export function goToScene(store: ExplorerStore, id: string): void {
  const scene = sceneById(id);
  if (!scene) return;
  const s = store.getState();
  store.setState({
    sceneId: scene.id,
    spotlight: scene.spotlight,
    technique: scene.technique,
    // The same scenario object as the current one is not rebuilt: scenes that share a run switch at once.
    scenario: scene.scenario,
    position: scene.start,
    watchKey: scene.watchKey ?? null,
    selection: scene.selection ?? null,
    speedIndex: scene.speedIndex ?? s.speedIndex,
    playing: false,
    blanked: false,
    loop: null,
    looping: false,
  });
  if (scene.autoplay && !store.getState().startPaused) playWhenBuilt(store, scene);
}

/** Moves `step` scenes on (or back); from outside the tour, "next" starts it. */
export function stepScene(store: ExplorerStore, step: 1 | -1): void {
  const here = sceneIndex(store.getState().sceneId);
  const next = here < 0 ? (step > 0 ? 0 : -1) : here + step;
  const scene = TOUR[next];
  if (scene) goToScene(store, scene.id);
}

export function leaveTour(store: ExplorerStore): void {
  store.setState({ sceneId: null, spotlight: [] });
}
