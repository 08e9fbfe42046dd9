import { useEffect, useState, type DependencyList } from 'react';

/**
 * An object a view owns (a tile wall, a rotation clock): made in the effect that destroys it,
 * so StrictMode's second run of effects gets a fresh one instead of one already destroyed.
 * Undefined until the effect has run, and after `deps` change until the new one is made.
 */
export function useOwned<T extends { destroy(): void }>(
  create: () => T | undefined,
  deps: DependencyList,
): T | undefined {
  const [owned, setOwned] = useState<T | undefined>();
  useEffect(() => {
    const made = create();
    // The one place a view hands React an object it made outside render: it must exist only
    // between this effect and its cleanup, and the view must re-render to use it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setOwned(made);
    return () => {
      made?.destroy();
      setOwned(undefined);
    };
    // The caller's deps decide when a new one is made, as with useMemo.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return owned;
}
