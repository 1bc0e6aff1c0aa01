import type { ExplorerStore } from '../store/create-store';

/**
 * Presenter mode: large type and high contrast, full screen when the browser allows it. When it
 * refuses (no user gesture, an iframe without allowfullscreen, a kiosk policy) the mode still
 * applies and fills the window, and the page says how to get full screen by hand.
 */
export async function enterPresenter(store: ExplorerStore): Promise<void> {
  store.getState().setPresenter(true);
  const root = typeof document === 'undefined' ? null : document.documentElement;
  if (!root || !document.fullscreenEnabled || typeof root.requestFullscreen !== 'function') {
    store.getState().setPresenter(true, true);
    return;
  }
  try {
    if (!document.fullscreenElement) await root.requestFullscreen({ navigationUI: 'hide' });
  } catch {
    if (store.getState().presenter) store.getState().setPresenter(true, true);
  }
}

export function leavePresenter(store: ExplorerStore): void {
  store.getState().setPresenter(false);
  if (typeof document !== 'undefined' && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
}

export function togglePresenter(store: ExplorerStore): void {
  if (store.getState().presenter) leavePresenter(store);
  else void enterPresenter(store);
}
