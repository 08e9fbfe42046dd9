import { useEffect, useState } from 'react';
import type { WallBus } from '../../shared/bus/messages';

/** The case the wall has selected (on any window of any PC), as the bus last said; none at first. */
export function useSelectedCase(bus: WallBus): string | undefined {
  const [selected, setSelected] = useState<string | undefined>();
  useEffect(
    () =>
      bus.subscribe((m) => {
        if (m.kind === 'selection')
          setSelected(m.selection?.type === 'case' ? m.selection.id : undefined);
      }),
    [bus],
  );
  return selected;
}
