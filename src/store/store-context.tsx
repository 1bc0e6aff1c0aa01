import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ExplorerState, ExplorerStore } from './create-store';

const StoreContext = createContext<ExplorerStore | null>(null);

export function ExplorerStoreProvider({ store, children }: { store: ExplorerStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useExplorerStore(): ExplorerStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useExplorerStore() outside <ExplorerStoreProvider>');
  return store;
}

/** Subscribes to one slice of the explorer's state; declare selectors at module level. */
export function useExplorer<T>(selector: (state: ExplorerState) => T): T {
  return useStore(useExplorerStore(), selector);
}
