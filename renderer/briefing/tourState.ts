import { busMessageSchema } from '../../shared/bus/messages';
import type { Tour } from '../../shared/briefing/tour';

/**
 * The tour, kept where every window of this PC reads it (one origin, one localStorage): a
 * window that a scene's profile switch opened joins the tour at the scene on screen.
 */
const KEY = 'citywall.tour';

export function readTour(): Tour | undefined {
  try {
    const parsed = busMessageSchema.safeParse({
      kind: 'tour',
      origin: 'storage',
      tour: JSON.parse(localStorage.getItem(KEY) ?? 'null'),
    });
    return parsed.success && parsed.data.kind === 'tour'
      ? (parsed.data.tour ?? undefined)
      : undefined;
  } catch {
    return undefined;
  }
}

export function keepTour(tour: Tour | undefined): void {
  if (tour) localStorage.setItem(KEY, JSON.stringify(tour));
  else localStorage.removeItem(KEY);
}
