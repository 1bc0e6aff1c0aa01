import { useEffect } from 'react';
import type { ExplorerStore } from '../../store/create-store';

/** Leaving full screen (Esc, the browser's own button) leaves presenter mode too, unless full screen was refused from the start. */
export function usePresenterFullscreen(store: ExplorerStore): void {
  useEffect(() => {
    let wasFullscreen = document.fullscreenElement !== null;
    const onChange = () => {
      const now = document.fullscreenElement !== null;
      const s = store.getState();
      if (wasFullscreen && !now && s.presenter && !s.fullscreenRefused) s.setPresenter(false);
      wasFullscreen = now;
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [store]);
}
