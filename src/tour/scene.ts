/**
 * A tour scene, declared as data: what to set up, what to say, what to point at. The tour panel
 * applies it (`go-to-scene.ts`); after that everything stays explorable, nothing is locked.
 */
import type { TechniqueId } from '../engine/techniques/options';
import type { ChartId } from '../store/analysis-slice';
import type { Selection } from '../store/selection-slice';
import type { Scenario } from '../worker/protocol';

/** The charts a scene shows, by the charts' own ids (`showChart` takes the same). */
export type TourChartId = ChartId;

/**
 * Elements the spotlight can ring. Stage nodes carry them as `data-stage` attributes; page
 * regions as `data-spotlight-target` (see views/tour/spotlight.css).
 */
export type SpotlightTarget =
  | 'source' | 'sequencer' | 'ring' | 'cores' | 'core-0' | 'core-1' | 'core-2' | 'core-3' | 'links' | 'packet' | 'chips' | 'sink-pass' | 'sink-drop'
  | 'agreement' | 'timeline' | 'event-log' | 'inspector' | 'charts';

export interface TourScene {
  /** Stable: it is in the URL (`?scene=`). */
  id: string;
  title: string;
  /** Two to four sentences, our own words. */
  narration: string;
  /** What to try before moving on (one sentence), shown under the narration. */
  tryThis: string;
  scenario: Scenario;
  /** The playhead the scene opens at (an event number). */
  start: number;
  /**
   * A fragment of the event log's sentence at `start` (checked by the scene tests, so the
   * starting playhead cannot drift from what the narration describes). Empty for position 0.
   */
  startsAt: string;
  spotlight: readonly SpotlightTarget[];
  charts: readonly TourChartId[];
  technique: TechniqueId;
  watchKey?: string;
  selection?: Selection;
  speedIndex?: number;
  /** Starts playing on arrival (unless the presenter chose "start paused"). */
  autoplay?: boolean;
}
