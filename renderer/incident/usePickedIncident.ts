import { useEffect, useState } from 'react';
import type { WallBus } from '../../shared/bus/messages';

/** The incident the coordinator picked on any window (the wall bus), starting from the URL's. */
export function usePickedIncident(bus: WallBus, initial?: string): string | undefined {
  const [picked, setPicked] = useState(initial);
  useEffect(
    () =>
      bus.subscribe((m) => {
        if (m.kind === 'incident') setPicked(m.incidentId);
      }),
    [bus],
  );
  return picked;
}
