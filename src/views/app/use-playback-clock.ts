import { useEffect } from 'react';
import type { ExplorerStore } from '../../store/create-store';
import { EVENTS_PER_SECOND_AT_1X, SPEEDS } from '../../store/playback-slice';

/**
 * While playing, advances the playhead in real time at the chosen speed. Runs on
 * requestAnimationFrame and only touches the store when a whole event has elapsed.
 */
export function usePlaybackClock(store: ExplorerStore): void {
  useEffect(() => {
    let handle = 0;
    let last = 0;
    let carry = 0;
    const tick = (now: number) => {
      const s = store.getState();
      if (s.playing && s.run) {
        const dt = last === 0 ? 0 : Math.min(250, now - last); // a hidden tab does not jump ahead
        carry += (dt / 1000) * EVENTS_PER_SECOND_AT_1X * (SPEEDS[s.speedIndex] ?? 1);
        const whole = Math.floor(carry);
        if (whole > 0) {
          carry -= whole;
          s.seek(s.position + whole);
        }
      } else {
        carry = 0;
      }
      last = now;
      handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [store]);
}
