import { useEffect, useState } from 'react';
import type { WallBus } from '../../shared/bus/messages';
import {
  followStep,
  type FollowSettings,
  type Following,
} from '../../shared/domain/incidentFollow';
import { LEVEL_COLOURS } from '../../shared/domain/incidentKinds';
import type { WallStore } from '../../shared/gateway/wallStore';
import { useSecond } from '../app/useSecond';
import { useStoreVersion } from '../app/useStore';
import { useI18n } from '../i18n/I18nContext';
import { DISMISSED_KEY, FOLLOW_KEY, readFollowing } from './followState';
import { levelName, typeName } from './incidentText';

function readDismissed(): Set<string> {
  try {
    const value = JSON.parse(localStorage.getItem(DISMISSED_KEY) ?? '[]') as unknown;
    return new Set(
      Array.isArray(value) ? value.filter((v) => typeof v === 'string').slice(-200) : [],
    );
  } catch {
    return new Set();
  }
}

/**
 * On every window: when an incident at the configured level is declared, a banner counts down
 * and the whole wall then switches to the emergency profile focused on it (Esc cancels, on any
 * window); when it closes, or on Home, the wall goes back to the profile it had.
 */
export function IncidentAlert({
  store,
  bus,
  origin,
  activeProfile,
  settings,
}: Readonly<{
  store: WallStore;
  bus: WallBus;
  origin: string;
  activeProfile: string;
  /** The level that takes the wall and the countdown (the configuration's, else defaults). */
  settings?: FollowSettings;
}>) {
  useStoreVersion(store);
  const { t } = useI18n();
  const now = useSecond();
  const [following, setFollowing] = useState<Following | undefined>(readFollowing);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(readDismissed);

  useEffect(
    () =>
      bus.subscribe((m) => {
        if (m.kind !== 'incident.follow') return;
        if (m.action === 'follow' && m.returnTo)
          setFollowing({ incidentId: m.incidentId, returnTo: m.returnTo });
        if (m.action === 'return') setFollowing(undefined);
        if (m.action === 'cancel' || m.action === 'return')
          setDismissed((d) => new Set([...d, m.incidentId]));
      }),
    [bus],
  );
  useEffect(() => {
    if (following) localStorage.setItem(FOLLOW_KEY, JSON.stringify(following));
    else localStorage.removeItem(FOLLOW_KEY);
  }, [following]);
  useEffect(() => localStorage.setItem(DISMISSED_KEY, JSON.stringify([...dismissed])), [dismissed]);

  const step = followStep(
    store.cases.incidents,
    activeProfile,
    following,
    dismissed,
    now,
    settings,
  );
  const stepKey =
    step.kind === 'switch'
      ? `switch:${step.incidentId}`
      : step.kind === 'return'
        ? `return:${step.profileId}`
        : '';
  useEffect(() => {
    if (step.kind === 'switch') {
      bus.publish({ kind: 'incident', origin, incidentId: step.incidentId });
      bus.publish({
        kind: 'incident.follow',
        origin,
        action: 'follow',
        incidentId: step.incidentId,
        returnTo: step.returnTo,
      });
      bus.publish({ kind: 'profile', origin, profileId: step.profileId });
    } else if (step.kind === 'return' && following) {
      bus.publish({
        kind: 'incident.follow',
        origin,
        action: 'return',
        incidentId: following.incidentId,
      });
      bus.publish({ kind: 'profile', origin, profileId: step.profileId });
    } else if (step.kind === 'done' && following) {
      // Every window forgets it through the bus, this one too.
      bus.publish({
        kind: 'incident.follow',
        origin,
        action: 'return',
        incidentId: following.incidentId,
      });
    }
    // Once per decision, not on every render that reaches it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stepKey]);

  const countdown = step.kind === 'countdown' ? step : undefined;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && countdown)
        bus.publish({
          kind: 'incident.follow',
          origin,
          action: 'cancel',
          incidentId: countdown.incident.id,
        });
      if (event.key === 'Home' && following) {
        bus.publish({
          kind: 'incident.follow',
          origin,
          action: 'return',
          incidentId: following.incidentId,
        });
        bus.publish({ kind: 'profile', origin, profileId: following.returnTo });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bus, origin, countdown, following]);

  if (!countdown) return null;
  const { incident, deadline } = countdown;
  const [r, g, b] = LEVEL_COLOURS[incident.level];
  const seconds = Math.max(0, Math.ceil((deadline - now) / 1000));
  return (
    <div
      className="incident-banner"
      style={{ borderColor: `rgb(${r},${g},${b})` }}
      role="alert"
      data-testid="incident-banner"
      data-incident={incident.id}
    >
      <span className="incident-banner-level" style={{ background: `rgb(${r},${g},${b})` }}>
        {levelName(t, incident.level)}
      </span>
      <span className="incident-banner-title">
        {typeName(t, incident.type)} · {incident.title}
      </span>
      <span className="incident-banner-count">
        {t('incidentBannerSwitch').replace('{s}', String(seconds))}
      </span>
      <button
        type="button"
        onClick={() =>
          bus.publish({
            kind: 'incident.follow',
            origin,
            action: 'cancel',
            incidentId: incident.id,
          })
        }
        data-testid="incident-banner-cancel"
      >
        {t('incidentBannerCancel')}
      </button>
    </div>
  );
}
