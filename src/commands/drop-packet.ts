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
    const event = store.getState().frame?.event;
    const which = event && (event.kind === 'lost-link' || event.kind === 'lost-after' || event.kind === 'lost-before') ? ` #${event.seq}` : '';
    const what = event?.kind === 'lost-before' ? 'A packet was lost before the sequencer' : `Packet${which || (seq === undefined ? '' : ` #${seq}`)} is lost ${PLACES[where]}`;
    store.getState().setLossNotice({ text: `${what}. Step on to watch its core catch up.`, error: false });
  } catch (error) {
    store.getState().setLossNotice({ text: error instanceof Error ? error.message : String(error), error: true });
  }
}
