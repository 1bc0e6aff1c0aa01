import { commandById } from '../../commands/registry';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer, useExplorerStore } from '../../store/store-context';

const selectPresenter = (s: ExplorerState) => s.presenter;
const selectLoop = (s: ExplorerState) => s.loop;
const selectLooping = (s: ExplorerState) => s.looping;
const selectStartPaused = (s: ExplorerState) => s.startPaused;
const selectSetStartPaused = (s: ExplorerState) => s.setStartPaused;
const selectHasRun = (s: ExplorerState) => (s.run?.eventCount ?? 0) > 0;

/** Presenter, share, and the live-demo options (start paused, loop a range); every button runs a registry command. */
export function TalkControls() {
  const store = useExplorerStore();
  const presenter = useExplorer(selectPresenter);
  const loop = useExplorer(selectLoop);
  const looping = useExplorer(selectLooping);
  const startPaused = useExplorer(selectStartPaused);
  const setStartPaused = useExplorer(selectSetStartPaused);
  const hasRun = useExplorer(selectHasRun);
  const run = (id: string) => () => commandById(id).run(store);
  const keys = (id: string) => commandById(id).keys.join(' ');

  return (
    <>
      <button type="button" onClick={run('share.open')} aria-keyshortcuts={keys('share.open')} title="Share this moment: link, QR code, embed code (s)">
        Share
      </button>
      <button type="button" onClick={run('presenter.toggle')} aria-keyshortcuts={keys('presenter.toggle')} aria-pressed={presenter}
        title="Presenter mode: full screen, large type, high contrast (f)">
        Present
      </button>
      <details className="demo-options">
        <summary>Demo</summary>
        <div className="demo-panel" role="group" aria-label="Live demo options">
          <label className="check">
            <input type="checkbox" checked={startPaused} onChange={(e) => setStartPaused(e.target.checked)} />
            Start scenes paused
          </label>
          <p className="muted">Loop a stretch of the run while playing:</p>
          <div className="row">
            <button type="button" disabled={!hasRun} onClick={run('loop.from')} aria-keyshortcuts="[">Mark start here <kbd>[</kbd></button>
            <button type="button" disabled={!hasRun} onClick={run('loop.to')} aria-keyshortcuts="]">Mark end here <kbd>]</kbd></button>
          </div>
          <label className="check">
            <input type="checkbox" checked={looping} disabled={!loop || loop.to <= loop.from} aria-keyshortcuts="l"
              onChange={(e) => store.getState().setLooping(e.target.checked)} />
            {loop ? `Loop events ${loop.from.toLocaleString('en-US')}–${loop.to.toLocaleString('en-US')}` : 'Loop (mark a start and an end first)'}
          </label>
          {loop && <button type="button" onClick={() => store.getState().setLoop(null)}>Clear the marks</button>}
          <button type="button" disabled={!hasRun} onClick={run('record.open')} aria-keyshortcuts={keys('record.open')}>Record a video… <kbd>r</kbd></button>
        </div>
      </details>
    </>
  );
}
