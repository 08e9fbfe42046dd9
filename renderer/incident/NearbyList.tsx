import type { IncidentRecord, UnitRecord } from '../../shared/domain/incidentBook';
import { distanceMetres } from '../../shared/geo/distance';
import type { Resource } from '../../shared/geo/resources';
import { useI18n } from '../i18n/I18nContext';
import { distanceText, resourceName } from './incidentText';

/** Within this a unit counts as on scene. */
const ON_SCENE_METRES = 60;

/**
 * The units sent to the incident (live positions, en route or on scene) and the pack's nearest
 * resources of each kind, by straight-line distance (the pack has no road graph to route on).
 */
export function NearbyList({
  incident,
  units,
  resources,
}: Readonly<{
  incident: IncidentRecord;
  units: readonly UnitRecord[];
  resources: readonly Resource[];
}>) {
  const { t } = useI18n();
  const spot: [number, number] = [incident.position.lon, incident.position.lat];
  const sent = units
    .filter((u) => u.incidentId === incident.id)
    .map((u) => ({ u, d: distanceMetres([u.position.lon, u.position.lat], spot) }))
    .sort((a, b) => a.d - b.d);
  // The nearest two of each kind, then all of them nearest first.
  const byKind = new Map<string, { r: Resource; d: number }[]>();
  for (const r of resources) {
    const list = byKind.get(r.kind) ?? [];
    list.push({ r, d: distanceMetres(r.position, spot) });
    byKind.set(r.kind, list);
  }
  const nearest = [...byKind.values()]
    .flatMap((list) => list.sort((a, b) => a.d - b.d).slice(0, 2))
    .sort((a, b) => a.d - b.d)
    .slice(0, 6);
  return (
    <>
      <section className="incident-panel incident-units" data-testid="incident-units">
        <h2>
          {t('incidentUnits')} <span className="muted">{sent.length}</span>
        </h2>
        <ul className="nearby">
          {sent.map(({ u, d }) => (
            <li key={u.id} data-unit={u.id}>
              <span className="nearby-name">{u.name ?? u.id}</span>
              <span className={d <= ON_SCENE_METRES ? 'nearby-state ok' : 'nearby-state warn'}>
                {d <= ON_SCENE_METRES
                  ? t('incidentArrived')
                  : `${t('incidentEnRoute')} ${distanceText(d)}`}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="incident-panel incident-resources" data-testid="incident-resources">
        <h2>
          {t('incidentResources')} <span className="muted">{t('incidentStraightLine')}</span>
        </h2>
        <ul className="nearby">
          {nearest.map(({ r, d }) => (
            <li key={r.id} className="nearby-resource">
              <span className="nearby-name">{r.name}</span>
              <span className="nearby-distance">{distanceText(d)}</span>
              <span className="nearby-sub">
                {resourceName(t, r.kind)}
                {r.kind === 'hospital' && r.beds !== undefined
                  ? ` · ${t('resourceBeds')} ${r.beds}`
                  : r.kind === 'shelter'
                    ? ` · ${r.capacity ?? ''} ${t('resourcePeople')} · ${r.open ? t('resourceOpen') : t('resourceShut')}`
                    : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
