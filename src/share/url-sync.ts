/**
 * The page's address follows the explorer: what the store shows is written into the query string
 * (replaced, never pushed, so Back still leaves the page), at most a few times a second. On
 * opening, the link's state becomes the store's initial state; if the worker cannot build the run
 * the link describes, the explorer falls back and says why.
 */
import type { ExplorerState, ExplorerStore } from '../store/create-store';
import { DEFAULT_SCENARIO } from '../store/scenario-slice';
import { linkStateOf, writeLink, type LinkState } from './link-state';
import type { ReadLinkResult } from './read-link';

/** Writes at most this often while the playhead moves (browsers throttle faster history updates). */
export const URL_WRITE_INTERVAL_MS = 400;

/** The store's initial state for an opened link. */
export function initialStateFromLink(link: ReadLinkResult, spotlightOf: (sceneId: string) => readonly string[] = () => []): Partial<ExplorerState> {
  const s: LinkState = link.state;
  return {
    // A link state's fields are the store's own names.
    ...s,
    spotlight: s.sceneId ? spotlightOf(s.sceneId) : [],
    linkNotices: link.notices,
  };
}

/** The fields of the store a link carries: when none of them changed, the address needs no update. */
const LINKED_FIELDS = [
  'scenario', 'position', 'speedIndex', 'technique', 'stageTechnique', 'compareTechnique', 'watchKey', 'embed', 'presenter', 'startPaused', 'loop', 'looping', 'theme', 'sceneId',
] as const satisfies readonly (keyof ExplorerState)[];

export interface AddressBar {
  current(): { pathname: string; search: string; hash: string };
  replace(url: string): void;
}

export const browserAddressBar: AddressBar = {
  current: () => window.location,
  replace: (url) => window.history.replaceState(window.history.state, '', url),
};

/** Keeps the address bar's query in step with the store; returns the unsubscribe. */
export function syncStoreToAddress(store: ExplorerStore, bar: AddressBar = browserAddressBar, now: () => number = () => performance.now()): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastWrite = -Infinity;
  const write = () => {
    timer = undefined;
    lastWrite = now();
    const state = linkStateOf(store.getState());
    if (!state) return; // a capture file's run cannot travel in a link: leave the address as it was
    const { pathname, search, hash } = bar.current();
    const query = `?${writeLink(state)}`;
    if (query !== search) bar.replace(`${pathname}${query}${hash}`);
  };
  const schedule = () => {
    if (timer !== undefined) return;
    const wait = Math.max(0, lastWrite + URL_WRITE_INTERVAL_MS - now());
    timer = setTimeout(write, wait);
  };
  const unsubscribe = store.subscribe((state, previous) => {
    if (LINKED_FIELDS.some((f) => state[f] !== previous[f])) schedule();
  });
  schedule();
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * After the first build of a link's run: if the worker refused it, retry without the typed
 * edits, then with the default run, adding a notice each time; if the link's playhead is past the
 * end of the run, say that the end is shown. Stops watching once a run is built.
 */
export function watchLinkBuild(store: ExplorerStore, requestedPosition: number): () => void {
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.building || !previous.building) return;
    const notices = [...state.linkNotices];
    if (state.run && !state.scenarioError) {
      if (requestedPosition > state.run.eventCount) {
        notices.push(`The link's playhead (event ${requestedPosition.toLocaleString('en-US')}) is past the end of this run, so its last event (${state.run.eventCount.toLocaleString('en-US')}) is shown.`);
        store.getState().setLinkNotices(notices);
      }
      unsubscribe();
      return;
    }
    if (!state.scenarioError || state.run) return;
    const reason = state.scenarioError;
    if (state.scenario.edits?.length) {
      const { edits: _dropped, ...rest } = state.scenario;
      notices.push(`The link's typed packets and changes could not be replayed (${reason}); the run is shown without them.`);
      store.setState({ linkNotices: notices, scenario: rest });
    } else if (state.scenario !== DEFAULT_SCENARIO) {
      notices.push(`The link's run could not be built (${reason}); the default run is shown instead.`);
      store.setState({ linkNotices: notices, scenario: DEFAULT_SCENARIO, position: 0 });
    } else {
      unsubscribe();
    }
  });
  return unsubscribe;
}
