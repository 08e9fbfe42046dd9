import { useEffect, useState } from 'react';
import type { WallBus } from '../../shared/bus/messages';
import { readFollowing } from './followState';

/**
 * The incident the coordinator picked on any window (the wall bus), starting from the URL's, or
 * the one the wall follows (a window the switch opened was not there to hear it picked).
 */
export function usePickedIncident(bus: WallBus, initial?: string): string | undefined {
  const [picked, setPicked] = useState(() => initial ?? readFollowing()?.incidentId);
  useEffect(
    () =>
      bus.subscribe((m) => {
        if (m.kind === 'incident') setPicked(m.incidentId);
      }),
    [bus],
  );
  return picked;
}
