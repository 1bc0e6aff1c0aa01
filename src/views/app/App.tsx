import { useEffect } from 'react';
import { useKeyboardShortcuts } from '../../commands/use-keyboard-shortcuts';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer, useExplorerStore } from '../../store/store-context';
import { ControlBar } from '../controls/ControlBar';
import { HelpOverlay } from '../help/HelpOverlay';
import { SidePanel } from '../panel/SidePanel';
import { PipelineStage } from '../stage/PipelineStage';
import { useEngine } from './use-engine';

const selectTheme = (s: ExplorerState) => s.theme;

export function App() {
  const store = useExplorerStore();
  const theme = useExplorer(selectTheme);
  const { restart } = useEngine(store);
  useKeyboardShortcuts(store);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>SCR Explorer</h1>
        <p className="tagline">How State-Compute Replication runs one stateful packet program on many cores</p>
      </header>
      <main className="app-main">
        <section className="stage" aria-label="Stage">
          <PipelineStage />
        </section>
        <SidePanel onRestartEngine={restart} />
      </main>
      <ControlBar />
      <HelpOverlay />
    </div>
  );
}
