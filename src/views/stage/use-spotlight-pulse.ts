import { useEffect, type RefObject } from 'react';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';
import { useAnimationClock } from '../clock/clock-context';
import { prefersReducedMotion } from './event-animation';

const selectSpotlit = (s: ExplorerState) => s.spotlight.length > 0;

/** One breath of the spotlight's ring, from full to faint and back. */
export const SPOTLIGHT_PERIOD_MS = 3200;
const FAINTEST = 0.55;

/** The ring's opacity at `now`: 1 at the start of each period, FAINTEST halfway, eased both ways. */
export function spotlightOpacity(now: number): number {
  const phase = (2 * Math.PI * now) / SPOTLIGHT_PERIOD_MS;
  return FAINTEST + ((1 - FAINTEST) * (1 + Math.cos(phase))) / 2;
}

/**
 * While the tour spotlights something, the stage's rings pulse gently on the animation clock
 * (tour.css reads `--spot-opacity`), so a stepped clock holds them still like everything else.
 * Reduced motion: no pulse. Only the stage's svg gets the property: nothing else restyles.
 */
export function useSpotlightPulse(svg: RefObject<SVGSVGElement | null>): void {
  const spotlit = useExplorer(selectSpotlit);
  const clock = useAnimationClock();
  useEffect(() => {
    const el = svg.current;
    if (!spotlit || !el || prefersReducedMotion()) return;
    const leave = clock.subscribe((now) => el.style.setProperty('--spot-opacity', spotlightOpacity(now).toFixed(3)));
    return () => {
      leave();
      el.style.removeProperty('--spot-opacity');
    };
  }, [svg, spotlit, clock]);
}
