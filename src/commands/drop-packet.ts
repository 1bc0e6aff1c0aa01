import type { LossPlace } from '../engine/scr/loss';
import type { ExplorerStore } from '../store/create-store';

const PLACES: Record<LossPlace, string> = { before: 'before the sequencer', link: 'on its link', after: 'on its way out, after processing' };

/**
 * Drops a packet by hand (the one given, or the one in flight or next at that place): pauses, asks
 * the worker to fork the run, and says what happened, or why not, in the loss notice.
 */
export async function dropPacket(store: ExplorerStore, where: LossPlace, seq?: number): Promise<void> {
  const s = store.getState();
  s.pause();
  const actions = s.engineActions;
  if (!actions) return;
  try {
    await actions.edit({ kind: 'drop', where, ...(seq === undefined ? {} : { seq }) });
    const state = store.getState();
    const recorded = state.run?.scenario.edits?.at(-1);
    const dropped = recorded?.kind === 'drop' ? recorded.seq : seq;
    const shown = state.frame?.event;
    const now = shown && (shown.kind === 'lost-link' || shown.kind === 'lost-after' || shown.kind === 'lost-before');
    const what = where === 'before' ? `Packet #${dropped} never reaches the sequencer (the packets after it are numbered one less)` : `Packet #${dropped} is lost ${PLACES[where]}`;
    state.setLossNotice({ text: `${what}. ${now ? 'Step on' : 'Play or step forward'} to watch what its core does.`, error: false });
  } catch (error) {
    store.getState().setLossNotice({ text: error instanceof Error ? error.message : String(error), error: true });
  }
}
