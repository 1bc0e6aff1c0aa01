import { useLayoutEffect } from 'react';
import { createRoot } from 'react-dom/client';
import type { ExplorerState, ExplorerStore } from '../../store/create-store';
import { createExplorerStore } from '../../store/create-store';
import { bridgeStoreToEngine } from '../../store/engine-bridge';
import { ExplorerStoreProvider, useExplorer } from '../../store/store-context';
import { connectEngine } from '../../worker/engine-client';
import { SteppedClock } from '../clock/animation-clock';
import { AnimationClockProvider } from '../clock/clock-context';
import { Stage } from '../stage/Stage';
import type { RecordTheme } from './record-options';

/** How long the engine may take to build the run for a recording before we say so. */
const READY_DEADLINE_MS = 60_000;

/**
 * A second explorer, never shown: its own store (a copy of what the screen shows), its own engine
 * worker and a stepped animation clock, drawing the real Stage into a box of the video's size
 * off screen. Recording moves only this one, so the screen's explorer (playhead, speed, panels)
 * is left exactly as it was, whatever happens.
 */
export class OffscreenExplorer {
  readonly store: ExplorerStore;
  readonly clock: SteppedClock;
  readonly host: HTMLDivElement;
  private readonly unmountRoot: () => void;
  private readonly stopEngine: () => void;
  private drawnPosition = -1;
  private waiters: { position: number; resolve: () => void }[] = [];

  constructor(source: ExplorerState, options: { width: number; height: number; theme: RecordTheme; frameMs: number; position: number; playing: boolean }) {
    this.clock = new SteppedClock(0, options.frameMs);
    this.store = createExplorerStore({
      scenario: source.run?.scenario ?? source.scenario,
      capture: source.capture,
      position: options.position,
      speedIndex: source.speedIndex,
      watchKey: source.watchKey,
      spotlight: source.spotlight,
      presenter: options.theme === 'presenter',
      playing: false,
    });
    this.host = document.createElement('div');
    this.host.className = 'record-host';
    this.host.setAttribute('aria-hidden', 'true');
    this.host.inert = true;
    Object.assign(this.host.style, { position: 'fixed', left: '-30000px', top: '0', width: `${options.width}px`, height: `${options.height}px`, pointerEvents: 'none' });
    document.body.append(this.host);
    const root = createRoot(this.host);
    root.render(
      <AnimationClockProvider clock={this.clock}>
        <ExplorerStoreProvider store={this.store}>
          <div className={`app record-frame${options.theme === 'presenter' ? ' presenter' : ''}`} style={{ width: options.width, height: options.height }}
            data-spotlight={source.spotlight.length > 0 ? source.spotlight.join(' ') : undefined}>
            <section className="stage" aria-label="Stage">
              <Stage />
            </section>
            <DrawnMarker onDrawn={(position) => this.drawn(position)} />
          </div>
        </ExplorerStoreProvider>
      </AnimationClockProvider>,
    );
    this.unmountRoot = () => root.unmount();
    this.stopEngine = bridgeStoreToEngine(this.store, connectEngine);
    if (options.playing) this.store.setState({ playing: true });
  }

  /** The stage's svg (what a frame rasterises). */
  svg(): SVGSVGElement | null {
    return this.host.querySelector('.stage-canvas svg');
  }

  /** Resolves once the run is built and the stage shows `position` at its full size. */
  async ready(position: number): Promise<void> {
    const giveUp = Date.now() + READY_DEADLINE_MS;
    for (;;) {
      const s = this.store.getState();
      if (s.engine.status === 'failed') throw new Error(s.engine.message);
      if (s.scenarioError) throw new Error(s.scenarioError);
      const svg = this.svg();
      const box = this.host.querySelector('.stage-canvas')?.getBoundingClientRect();
      // Laid out at the box's size: presenter mode lays out a smaller canvas and scales it up, so
      // compare shapes (and the scale Stage may apply), not widths.
      const view = svg?.viewBox.baseVal;
      const scale = view && box && view.width > 0 ? box.width / view.width : 0;
      const sized = view && box && box.height > 0 && scale > 0.999 && scale < 1.5 && Math.abs(view.width / view.height - box.width / box.height) < 0.005;
      if (s.run && sized && this.drawnPosition === position) return;
      if (Date.now() > giveUp) throw new Error('The engine took too long to prepare the recording.');
      await new Promise((r) => setTimeout(r, 16));
    }
  }

  /** Moves the playhead and resolves once the stage has drawn that position. */
  async show(position: number): Promise<void> {
    const clamped = Math.max(0, Math.min(position, this.store.getState().run?.eventCount ?? position));
    if (this.store.getState().position !== clamped) this.store.setState({ position: clamped });
    if (this.drawnPosition === clamped) return;
    await new Promise<void>((resolve) => this.waiters.push({ position: clamped, resolve }));
  }

  private drawn(position: number): void {
    this.drawnPosition = position;
    const done = this.waiters.filter((w) => w.position === position);
    this.waiters = this.waiters.filter((w) => w.position !== position);
    for (const w of done) w.resolve();
  }

  dispose(): void {
    this.stopEngine();
    this.unmountRoot();
    this.host.remove();
  }
}

const selectDrawn = (s: ExplorerState) => (s.frame && s.frame.position === s.position ? s.frame.position : -1);

/** Says, once React has committed it, which position the stage now shows. */
function DrawnMarker({ onDrawn }: { onDrawn: (position: number) => void }) {
  const drawn = useExplorer(selectDrawn);
  useLayoutEffect(() => {
    if (drawn >= 0) onDrawn(drawn);
  }, [drawn, onDrawn]);
  return null;
}
