import type { IncidentRecord } from './incidentBook';
import type { IncidentLevel } from './incidentKinds';

export interface FollowSettings {
  /** Incidents at this level or graver take the wall (default III, 较大); `off`: none does. */
  readonly minLevel: IncidentLevel | 'off';
  /** The banner's countdown before the wall switches (default 10 s). */
  readonly countdownMs: number;
  /** The profile the wall switches to (default `emergency`). */
  readonly profileId: string;
}

export const DEFAULT_FOLLOW: FollowSettings = {
  minLevel: 3,
  countdownMs: 10_000,
  profileId: 'emergency',
};

/** What the wall follows now: the incident, and the profile to go back to when it closes. */
export interface Following {
  readonly incidentId: string;
  readonly returnTo: string;
}

export type FollowStep =
  | { readonly kind: 'idle' }
  /** A banner on every window: the wall switches at `deadline` unless someone cancels. */
  | { readonly kind: 'countdown'; readonly incident: IncidentRecord; readonly deadline: number }
  | {
      readonly kind: 'switch';
      readonly incidentId: string;
      readonly profileId: string;
      readonly returnTo: string;
    }
  | { readonly kind: 'return'; readonly profileId: string }
  /** The followed incident ended while the wall was elsewhere: nothing to go back from. */
  | { readonly kind: 'done' };

/**
 * When the wall gives itself to an incident, and when it goes back. Every window (and every PC)
 * runs this on the same events and reaches the same answer at the same moment, because the
 * countdown runs from the incident's own time (when it was declared or escalated to the level),
 * not from when a window saw it. Pure: the caller keeps `Following` and the dismissed ids.
 */
export function followStep(
  book: { open(): readonly IncidentRecord[]; get(id: string): IncidentRecord | undefined },
  activeProfile: string,
  following: Following | undefined,
  dismissed: ReadonlySet<string>,
  now: number,
  settings: FollowSettings = DEFAULT_FOLLOW,
): FollowStep {
  if (following) {
    // Followed until it is known closed (a window that has not caught up yet knows nothing of
    // it: it must not send the wall back), then the wall returns.
    const followed = book.get(following.incidentId);
    if (followed?.closedAt === undefined) return { kind: 'idle' };
    return activeProfile === settings.profileId
      ? { kind: 'return', profileId: following.returnTo }
      : { kind: 'done' };
  }
  if (activeProfile === settings.profileId || settings.minLevel === 'off') return { kind: 'idle' };
  const minLevel = settings.minLevel;
  // The gravest qualifying incident not waved off; open() is gravest first.
  const incident = book.open().find((i) => i.level <= minLevel && !dismissed.has(i.id));
  if (!incident) return { kind: 'idle' };
  const deadline = reachedLevelAt(incident, minLevel) + settings.countdownMs;
  if (now < deadline) return { kind: 'countdown', incident, deadline };
  return {
    kind: 'switch',
    incidentId: incident.id,
    profileId: settings.profileId,
    returnTo: activeProfile,
  };
}

/** When the incident first stood at `minLevel` or graver (declared so, or escalated to it). */
function reachedLevelAt(incident: IncidentRecord, minLevel: IncidentLevel): number {
  for (const entry of incident.timeline)
    if (entry.level !== undefined && entry.level <= minLevel) return entry.at;
  return incident.updatedAt;
}

/**
 * The wall's follow settings from its configuration (`citywall.json`'s `emergency`, or the
 * preview's `followLevel` / `followCountdown` parameters): what is not said keeps its default.
 */
export function followSettings(
  given: { readonly followLevel?: IncidentLevel | 'off'; readonly countdownSeconds?: number } = {},
): FollowSettings {
  return {
    ...DEFAULT_FOLLOW,
    ...(given.followLevel !== undefined ? { minLevel: given.followLevel } : {}),
    ...(given.countdownSeconds !== undefined
      ? { countdownMs: Math.round(given.countdownSeconds * 1000) }
      : {}),
  };
}
