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
