import { useSyncExternalStore } from 'react';

/** The window's inner size in CSS pixels, re-read on resize (a panel's share of its region). */
export function useWindowSize(): { width: number; height: number } {
  const key = useSyncExternalStore(subscribe, read);
  const [width, height] = key.split('x').map(Number) as [number, number];
  return { width, height };
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('resize', listener);
  return () => window.removeEventListener('resize', listener);
}

/** A string, so that the same size read twice is the same snapshot. */
function read(): string {
  return `${window.innerWidth}x${window.innerHeight}`;
}
