import { useEffect, useState } from 'react';
import type { CaseRecord } from '../../shared/domain/caseStore';
import { LEVEL_COLOURS } from '../../shared/domain/incidentKinds';
import { emergencyFocus } from '../../shared/domain/raisedCase';
import type { WallBus } from '../../shared/bus/messages';
import type { Resource } from '../../shared/geo/resources';
import type { WallStore } from '../../shared/gateway/wallStore';
import { useOwned } from '../app/useOwned';
import { useSecond } from '../app/useSecond';
import { useStoreVersion } from '../app/useStore';
import { useI18n } from '../i18n/I18nContext';
import { BuildingLookup } from './buildingLookup';
import { BuildingPanel } from './BuildingPanel';
import { IncidentCard } from './IncidentCard';
import { IncidentTimeline } from './IncidentTimeline';
import { levelName, typeName } from './incidentText';
import { NearbyList } from './NearbyList';
import { usePickedIncident } from './usePickedIncident';
import { ResponsePlanList } from './ResponsePlanList';
import { WarningList } from '../map/WarningList';

/**
 * The emergency coordinator's region (`?view=incident`): the focused incident's card and plan,
 * its building in 3D, the units sent and the resources nearby, and its timeline. The focus is
 * the incident the URL or the wall bus names, else the gravest open one; with several open, a
 * row of tabs picks another on every window.
 */
export function IncidentView({
  store,
  bus,
  packBase,
  origin,
  focusParam,
  region,
}: Readonly<{
  store: WallStore;
  bus: WallBus;
  packBase: string;
  origin: string;
  focusParam?: string | undefined;
  /** The profile region: its parts (panels, PCs) turn the building view together. */
  region?: string;
}>) {
  useStoreVersion(store);
  const { t } = useI18n();
  const now = useSecond();
  const picked = usePickedIncident(bus, focusParam);
  const [resources, setResources] = useState<readonly Resource[]>([]);
  const lookup = useOwned(() => new BuildingLookup(packBase), [packBase]);
  useEffect(() => {
    if (!lookup) return;
    let current = true;
    lookup.ready.then(
      (loaded) => current && setResources(loaded.resources),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [lookup]);

  const book = store.cases.incidents;
  const open = book.open();
  const focus = emergencyFocus(store.cases, picked, true);
  if (!focus)
    return (
      <div className="incident-view incident-empty" data-testid="incident-view" data-incident="">
        <div className="incident-none">{t('incidentNone')}</div>
        <div className="muted">{t('incidentNoneNote')}</div>
      </div>
    );

  const linked = focus.caseIds
    .map((id) => store.cases.get(id))
    .filter((c): c is CaseRecord => c !== undefined);
  const units = [...book.allUnits()];
  const others = open.filter((i) => i.id !== focus.id);
  return (
    <div className="incident-view" data-testid="incident-view" data-incident={focus.id}>
      {others.length > 0 ? (
        <nav className="incident-tabs" data-testid="incident-tabs">
          <span className="muted">{t('incidentOthers')}</span>
          {others.map((i) => {
            const [r, g, b] = LEVEL_COLOURS[i.level];
            return (
              <button
                key={i.id}
                type="button"
                style={{ borderColor: `rgb(${r},${g},${b})` }}
                onClick={() => bus.publish({ kind: 'incident', origin, incidentId: i.id })}
              >
                {levelName(t, i.level).split(' ')[0]} {typeName(t, i.type)} · {i.title}
              </button>
            );
          })}
        </nav>
      ) : null}
      <div className="incident-grid">
        <div className="incident-column">
          <IncidentCard incident={focus} />
          <ResponsePlanList incident={focus} now={now} />
        </div>
        <BuildingPanel
          incident={focus}
          lookup={lookup}
          bus={bus}
          origin={origin}
          {...(region ? { region } : {})}
        />
        <div className="incident-column">
          <WarningList store={store} />
          <NearbyList incident={focus} units={units} resources={resources} />
          <IncidentTimeline incident={focus} linked={linked} now={now} />
        </div>
      </div>
    </div>
  );
}
