import { useEffect } from 'react';
import type { ExplorerState, ExplorerStore } from '../../store/create-store';
import { EVENTS_PER_SECOND_AT_1X, SPEEDS } from '../../store/playback-slice';
import { useExplorer } from '../../store/store-context';
import type { AnimationClock } from '../clock/animation-clock';
import { PlaybackTicker } from './playback-ticker';

const selectPlaying = (s: ExplorerState) => s.playing;

/**
 * While playing, advances the playhead on the animation clock at the chosen speed, touching the
 * store only when a whole event has elapsed. Paused, it asks the clock for no frames.
 */
export function usePlaybackClock(store: ExplorerStore, clock: AnimationClock): void {
  const playing = useExplorer(selectPlaying);
  useEffect(() => {
    if (!playing) return;
    const ticker = new PlaybackTicker();
    return clock.subscribe((now) => {
      const s = store.getState();
      if (!s.playing || !s.run) return;
      const due = ticker.tick(now, EVENTS_PER_SECOND_AT_1X * (SPEEDS[s.speedIndex] ?? 1));
      if (due > 0) s.seek(s.position + due);
    });
  }, [store, clock, playing]);
}
