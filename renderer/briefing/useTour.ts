import { useCallback, useEffect, useState } from 'react';
import type { WallBus } from '../../shared/bus/messages';
import type { Scene } from '../../shared/briefing/scene';
import {
  commandTour,
  sceneKey,
  startTour,
  tourAt,
  type Tour,
  type TourCommand,
} from '../../shared/briefing/tour';
import { keepTour, readTour } from './tourState';

export interface TourView {
  /** The tour as it stands now (none: no briefing tour on the wall). */
  readonly tour: Tour | undefined;
  /** The scene on screen, and a key that changes each time a scene comes on. */
  readonly scene: Scene | undefined;
  readonly sceneKey: string;
  /** A clicker's or a button's command; with no tour yet it starts one of `scenes()`. */
  readonly command: (command: TourCommand) => void;
  /** Shows one scene of a book (the tour stands on it, paused or playing). */
  readonly show: (scenes: readonly Scene[], index: number, playing: boolean) => void;
  readonly stop: () => void;
}

/** How often a window looks whether the tour moved on: a dwell is seconds, a change is seen at once. */
const TICK_MS = 250;

/**
 * The tour as this window follows it: from the bus (any window, any PC, commands it), kept for
 * the PC's windows, worked out on the wall clock. Re-renders only when another scene comes on.
 */
export function useTour(
  bus: WallBus,
  origin: string,
  scenes: () => Promise<readonly Scene[]>,
): TourView {
  const [tour, setTour] = useState<Tour | undefined>(() => {
    const kept = readTour();
    return kept ? tourAt(kept, Date.now()) : undefined;
  });

  useEffect(
    () =>
      bus.subscribe((m) => {
        if (m.kind !== 'tour') return;
        const next = m.tour ?? undefined;
        keepTour(next);
        setTour(next && tourAt(next, Date.now()));
      }),
    [bus],
  );
  useEffect(() => {
    if (!tour?.playing) return undefined;
    const timer = setInterval(() => {
      setTour((t) => (t ? tourAt(t, Date.now()) : t));
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [tour?.playing]);

  const publish = useCallback(
    (next: Tour | undefined) =>
      bus.publish({
        kind: 'tour',
        origin,
        tour: next ? { ...next, scenes: [...next.scenes] } : null,
      }),
    [bus, origin],
  );
  const command = useCallback(
    (cmd: TourCommand) => {
      const current = readTour() ?? tour;
      if (current) return publish(commandTour(current, cmd, Date.now()));
      void scenes().then((book) => {
        if (book.length === 0) return;
        const start = cmd === 'previous' ? book.length - 1 : 0;
        publish(startTour(book, start, Date.now(), cmd === 'play' || cmd === 'toggle'));
      });
    },
    [tour, publish, scenes],
  );
  const show = useCallback(
    (book: readonly Scene[], index: number, playing: boolean) =>
      publish(startTour(book, index, Date.now(), playing)),
    [publish],
  );
  const stop = useCallback(() => publish(undefined), [publish]);

  return {
    tour,
    scene: tour?.scenes[tour.index],
    sceneKey: tour ? sceneKey(tour) : '',
    command,
    show,
    stop,
  };
}
