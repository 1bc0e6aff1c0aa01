import { useEffect } from 'react';
import type { ExplorerStore } from '../../store/create-store';

/**
 * While looping and playing, the playhead runs from the loop's start to its end and jumps back;
 * pressing Play outside the range starts at its beginning. Stepping by hand is never looped.
 */
export function useLoopRange(store: ExplorerStore): void {
  useEffect(
    () =>
      store.subscribe((s, previous) => {
        const { loop, looping } = s;
        if (!looping || !loop) return;
        const end = Math.min(loop.to, s.run?.eventCount ?? loop.to);
        const startedPlaying = s.playing && !previous.playing;
        const outside = s.position < loop.from || s.position >= end;
        if (startedPlaying && outside) {
          s.seek(loop.from);
        } else if (previous.playing && s.position >= end && s.position !== previous.position) {
          // Reached the end mark (or the run's end, which stops playback): go round again.
          store.setState({ position: Math.min(loop.from, s.run?.eventCount ?? loop.from), playing: true });
        }
      }),
    [store],
  );
}
