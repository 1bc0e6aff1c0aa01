import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectRefused = (s: ExplorerState) => s.presenter && s.fullscreenRefused;

/** When the browser refused full screen, presenter mode fills the window and says how to get full screen by hand. */
export function PresenterNotice() {
  const refused = useExplorer(selectRefused);
  if (!refused) return null;
  return (
    <p className="notice presenter-notice" role="status">
      Presenter mode is on, but the browser did not allow full screen here: press <kbd>F11</kbd> (<kbd>⌃⌘F</kbd> on a Mac) for it. <kbd>f</kbd> leaves presenter mode.
    </p>
  );
}
