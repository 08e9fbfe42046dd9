import { useSyncExternalStore } from 'react';
import type { WallStore } from '../../shared/gateway/wallStore';

/**
 * Re-renders a view when the wall store changed, at most once per frame (the store batches its
 * notifications); the version number stands in for deep comparison.
 */
export function useStoreVersion(store: WallStore): number {
  return useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => store.version,
  );
}

/**
 * Re-renders only when the selected part of the store changes (compared with Object.is), so a
 * view that reads the city is not re-rendered by every event batch.
 */
export function useStoreSelector<T>(store: WallStore, select: (store: WallStore) => T): T {
  return useSyncExternalStore(
    (listener) => store.subscribe(listener),
    () => select(store),
  );
}
