import type { WallBus } from '../../shared/bus/messages';
import { DEFAULT_FOLLOW } from '../../shared/domain/incidentFollow';
import { raisedFocusId } from '../../shared/domain/raisedCase';

/**
 * The coordinator raises a case to the emergency focus: every window (every PC) focuses on it,
 * and a wall not in the emergency profile switches to it, following the case as it follows an
 * incident (Home goes back). Said on the wall bus only: the platform is not written to.
 */
export function raiseCase(
  bus: WallBus,
  origin: string,
  caseId: string,
  activeProfile: string,
): void {
  const incidentId = raisedFocusId(caseId);
  bus.publish({ kind: 'incident', origin, incidentId });
  if (activeProfile === DEFAULT_FOLLOW.profileId) return;
  bus.publish({
    kind: 'incident.follow',
    origin,
    action: 'follow',
    incidentId,
    returnTo: activeProfile,
  });
  bus.publish({ kind: 'profile', origin, profileId: DEFAULT_FOLLOW.profileId });
}
