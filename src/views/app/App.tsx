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
import { StageChooser, TechniqueStage } from '../technique-stage/TechniqueStage';
import { useTechniqueStage } from '../technique-stage/use-technique-stage';
import { BlankScreen } from '../talk/BlankScreen';
import { LinkNotice } from '../talk/LinkNotice';
import { OpenFullLink } from '../talk/OpenFullLink';
import { PresenterNotice } from '../talk/PresenterNotice';
import { RecordDialog } from '../record/RecordDialog';
import { ShareDialog } from '../talk/ShareDialog';
import { TalkControls } from '../talk/TalkControls';
import { useLoopRange } from '../talk/use-loop-range';
import { usePresenterFullscreen } from '../talk/use-presenter-fullscreen';
import { TourPanel } from '../tour/TourPanel';
import '../talk/talk.css';
import '../tour/tour.css';
import { useAnimationClock } from '../clock/clock-context';
import { useEngine } from './use-engine';
import { usePlaybackClock } from './use-playback-clock';

const selectTheme = (s: ExplorerState) => s.theme;
const selectProgram = (s: ExplorerState) => s.run?.program;
const selectSidePane = (s: ExplorerState) => s.sidePane;
const selectPresenter = (s: ExplorerState) => s.presenter;
const selectEmbed = (s: ExplorerState) => s.embed;
const selectSpotlight = (s: ExplorerState) => s.spotlight;

export function App() {
  const store = useExplorerStore();
  const theme = useExplorer(selectTheme);
  const program = useExplorer(selectProgram);
  const presenter = useExplorer(selectPresenter);
  const embed = useExplorer(selectEmbed);
  const spotlight = useExplorer(selectSpotlight);
  useEngine(store);
  useAnalysis(store);
  const techniqueStage = useTechniqueStage(store);
  const sidePane = useExplorer(selectSidePane);
  usePlaybackClock(store, useAnimationClock());
  useKeyboardShortcuts(store);
  useLoopRange(store);
  usePresenterFullscreen(store);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div
      className={`app${presenter ? ' presenter' : ''}${embed ? ' embed' : ''}`}
      // Names of the elements the tour's spotlight rings (see tour.css).
      data-spotlight={spotlight.length > 0 ? spotlight.join(' ') : undefined}
    >
      {!embed && (
        <header className="app-header">
          <h1>SCR Explorer</h1>
          <p className="tagline">{program ? `${program.title}: ${program.summary}` : 'State-Compute Replication, one event at a time'}</p>
          <AgreementBadge />
          <div className="talk-controls"><TalkControls /></div>
        </header>
      )}
      {!embed && !presenter && <ScenarioBar />}
      <PresenterNotice />
      <LinkNotice />
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
          {!embed && <StageChooser />}
          {techniqueStage ? <TechniqueStage /> : <Stage />}
          {embed && <OpenFullLink />}
        </section>
        {!embed && (
          <aside className="side-panel" aria-label={sidePane === 'charts' ? 'Charts' : 'Details'}>
            <TourPanel />
            <SidePaneTabs />
            <div id="side-pane" role="tabpanel" aria-labelledby={`side-tab-${sidePane}`}>
              {sidePane === 'charts' ? (
                <ChartsPanel />
              ) : (
                <>
                  <EventLog />
                  <Inspector />
                  <LossPanel />
                  {!presenter && <PacketForm />}
                </>
              )}
            </div>
          </aside>
        )}
      </main>
      <ControlBar />
      <HelpOverlay />
      <ShareDialog />
      <RecordDialog />
      <BlankScreen />
    </div>
  );
}
