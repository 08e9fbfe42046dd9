import { useCallback, useEffect, useState } from 'react';
import { MAX_MARKS, markSchema, type Mark } from '../../shared/briefing/annotations';
import type { WallBus } from '../../shared/bus/messages';

/** Kept for the PC's windows: a map window a profile switch opened shows the marks already made. */
const KEY = 'citywall.annotations';

function readMarks(): Mark[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((m) => {
      const checked = markSchema.safeParse(m);
      return checked.success ? [checked.data] : [];
    });
  } catch {
    return [];
  }
}

/**
 * The presenter's marks as this map window holds them: added and cleared over the wall bus (any
 * window, any PC), cleared too when another scene comes on, kept for the PC's other windows.
 */
export function useAnnotations(
  bus: WallBus,
  origin: string,
  sceneKey: string,
): { marks: readonly Mark[]; add: (mark: Mark) => void; clear: () => void } {
  const [marks, setMarks] = useState<readonly Mark[]>(readMarks);
  const [sceneFrom, setSceneFrom] = useState(sceneKey);
  // Another scene wipes the board (set while rendering, as React advises for a prop change).
  if (sceneFrom !== sceneKey) {
    setSceneFrom(sceneKey);
    setMarks([]);
  }
  useEffect(
    () =>
      bus.subscribe((m) => {
        if (m.kind !== 'annotation') return;
        if (m.action === 'clear') setMarks([]);
        else if (m.mark) {
          const mark = m.mark;
          setMarks((all) => [...all.filter((x) => x.id !== mark.id), mark].slice(-MAX_MARKS));
        }
      }),
    [bus],
  );
  useEffect(() => {
    if (marks.length > 0) localStorage.setItem(KEY, JSON.stringify(marks));
    else localStorage.removeItem(KEY);
  }, [marks]);
  const add = useCallback(
    (mark: Mark) => bus.publish({ kind: 'annotation', origin, action: 'add', mark }),
    [bus, origin],
  );
  const clear = useCallback(
    () => bus.publish({ kind: 'annotation', origin, action: 'clear' }),
    [bus, origin],
  );
  return { marks, add, clear };
}
