import type { Following } from '../../shared/domain/incidentFollow';

/**
 * Kept where every window of this PC reads it (one origin, one localStorage): a window the
 * switch replaced still knows which incident the wall follows and where it goes back to.
 */
export const FOLLOW_KEY = 'citywall.incidentFollow';
export const DISMISSED_KEY = 'citywall.incidentDismissed';

export function readFollowing(): Following | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(FOLLOW_KEY) ?? 'null') as Following | null;
    return value && typeof value.incidentId === 'string' && typeof value.returnTo === 'string'
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}
