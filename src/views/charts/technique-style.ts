/**
 * One look per technique, the same in every chart: an Okabe-Ito colour (a CSS variable, so the
 * light and dark themes each get a readable shade of the same hue), a dash pattern and a marker
 * shape, so colour is never the only cue.
 */
import type { TechniqueId } from '../../worker/analysis-protocol';

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'triangle-down' | 'diamond';

export interface TechniqueStyle {
  label: string;
  /** The longer name, for summaries and tables. */
  title: string;
  colour: string;
  dash: string;
  marker: MarkerShape;
}

export const TECHNIQUE_STYLE: Readonly<Record<TechniqueId, TechniqueStyle>> = {
  single: { label: 'single core', title: 'single core', colour: 'var(--tech-single)', dash: '2 5', marker: 'square' },
  locks: { label: 'locks', title: 'shared state + locks', colour: 'var(--tech-locks)', dash: '12 4 3 4', marker: 'triangle-down' },
  rss: { label: 'RSS', title: 'sharding (RSS)', colour: 'var(--tech-rss)', dash: '9 5', marker: 'triangle' },
  rsspp: { label: 'RSS++', title: 'RSS++', colour: 'var(--tech-rsspp)', dash: '16 4 4 4', marker: 'diamond' },
  scr: { label: 'SCR', title: 'SCR', colour: 'var(--tech-scr)', dash: '', marker: 'circle' },
};

/** Neutral ink for what belongs to no technique (the trace's flows, references). */
export const NEUTRAL_COLOUR = 'var(--chart-neutral)';
