import { useCallback } from 'react';
import { dropPacket } from '../../commands/drop-packet';
import type { LossPlace } from '../../engine/scr/loss';
import { useExplorerStore } from '../../store/store-context';

/** Drops the clicked packet where it is flying. */
export function useDropPacket(): (seq: number, where: LossPlace) => void {
  const store = useExplorerStore();
  return useCallback((seq, where) => void dropPacket(store, where, seq), [store]);
}
