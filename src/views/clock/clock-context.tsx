import { createContext, useContext, type ReactNode } from 'react';
import type { AnimationClock } from './animation-clock';
import { browserClock } from './page-clock';

const ClockContext = createContext<AnimationClock | null>(null);

/** Gives every animation below it this clock (the page's, a stepped one in tests or recording). */
export function AnimationClockProvider({ clock, children }: { clock: AnimationClock; children: ReactNode }) {
  return <ClockContext.Provider value={clock}>{children}</ClockContext.Provider>;
}

/** The clock animations read: the provided one, else the browser's frame clock. */
export function useAnimationClock(): AnimationClock {
  return useContext(ClockContext) ?? browserClock();
}
