import { useEffect } from 'react';
import { useKeyboardShortcuts } from '../../commands/use-keyboard-shortcuts';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer, useExplorerStore } from '../../store/store-context';
import { ControlBar } from '../controls/ControlBar';
import { HelpOverlay } from '../help/HelpOverlay';
import { Inspector } from '../inspector/Inspector';
import { AgreementBadge } from '../panel/AgreementBadge';
import { EngineNotice } from '../panel/EngineNotice';
import { EventLog } from '../panel/EventLog';
import { LossPanel } from '../panel/LossPanel';
import { PacketForm } from '../panel/PacketForm';
import { openCaptureFile } from '../scenario/open-capture';
import { ScenarioBar } from '../scenario/ScenarioBar';
import { ChartsPanel } from '../charts/ChartsPanel';
import { SidePaneTabs } from '../charts/SidePaneTabs';
import { useAnalysis } from '../charts/use-analysis';
import { Stage } from '../stage/Stage';
import { useEngine } from './use-engine';
import { usePlaybackClock } from './use-playback-clock';

const selectTheme = (s: ExplorerState) => s.theme;
const selectProgram = (s: ExplorerState) => s.run?.program;
const selectSidePane = (s: ExplorerState) => s.sidePane;

export function App() {
  const store = useExplorerStore();
  const theme = useExplorer(selectTheme);
  const program = useExplorer(selectProgram);
  useEngine(store);
  useAnalysis(store);
  const sidePane = useExplorer(selectSidePane);
  usePlaybackClock(store);
  useKeyboardShortcuts(store);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>SCR Explorer</h1>
        <p className="tagline">{program ? `${program.title}: ${program.summary}` : 'State-Compute Replication, one event at a time'}</p>
        <AgreementBadge />
      </header>
      <ScenarioBar />
      <main className={sidePane === 'charts' ? 'app-main with-charts' : 'app-main'}>
        <section
          className="stage"
          aria-label="Stage"
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            e.preventDefault();
            const file = e.dataTransfer.files[0];
            if (file) openCaptureFile(store, file);
          }}
        >
          <EngineNotice />
          <Stage />
        </section>
        <aside className="side-panel" aria-label={sidePane === 'charts' ? 'Charts' : 'Details'}>
          <SidePaneTabs />
          <div id="side-pane" role="tabpanel" aria-labelledby={`side-tab-${sidePane}`}>
            {sidePane === 'charts' ? (
              <ChartsPanel />
            ) : (
              <>
                <EventLog />
                <Inspector />
                <LossPanel />
                <PacketForm />
              </>
            )}
          </div>
        </aside>
      </main>
      <ControlBar />
      <HelpOverlay />
    </div>
  );
}
