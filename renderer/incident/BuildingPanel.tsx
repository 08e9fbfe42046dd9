import { useEffect, useRef, useState } from 'react';
import type { IncidentRecord } from '../../shared/domain/incidentBook';
import { floorsOf } from '../../shared/geo/buildingsNear';
import { exposeTestHook } from '../app/testHooks';
import type { WallBus } from '../../shared/bus/messages';
import { useI18n } from '../i18n/I18nContext';
import type { BuildingLookup } from './buildingLookup';
import { BuildingScene, type BuildingModel } from './buildingScene';
import { floorLabel } from './incidentText';

/** Neighbours drawn around the building, nearest first. */
const NEIGHBOURS = 200;

/**
 * The incident's building in three.js: floor slabs with the incident's floor pulsing in the
 * level's colour, the floors at risk tinted, the neighbours inside the cordon as glass blocks.
 * Drag to orbit, wheel to zoom, the slider or [ and ] to pull the floors apart.
 */
export function BuildingPanel({
  incident,
  lookup,
  bus,
  origin,
  region,
}: Readonly<{
  incident: IncidentRecord;
  lookup: BuildingLookup | undefined;
  bus: WallBus;
  origin: string;
  /** A region across panels: its parts share the camera and the floors' spread over the bus. */
  region?: string;
}>) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const host = useRef<HTMLElement>(null);
  const [scene, setScene] = useState<BuildingScene>();
  const [explode, setExplode] = useState(0);
  const [floors, setFloors] = useState<number>();

  useEffect(() => {
    const made = new BuildingScene(
      host.current as HTMLElement,
      canvas.current as HTMLCanvasElement,
      region
        ? ({ position, target }) =>
            bus.publish({
              kind: 'building.view',
              origin,
              region,
              camera: { position: [...position], target: [...target] },
            })
        : undefined,
    );
    const offBus = bus.subscribe((m) => {
      if (m.kind !== 'building.view' || m.region !== region || m.origin === origin) return;
      if (m.camera) made.setView(m.camera);
      if (m.explode !== undefined) setExplode(m.explode);
    });
    // The one object this panel owns outside React; it must exist only while mounted.
    setScene(made);
    const offHook = exposeTestHook('__citywallBuilding', {
      info: () => made.info(),
      show: (model: BuildingModel) => made.show(model),
      canvas: () => canvas.current,
      view: () => made.view,
    });
    return () => {
      offBus();
      offHook();
      made.destroy();
    };
  }, [bus, origin, region]);

  /** A spread a person chose here: this part takes it, and the region's others too. */
  const spread = (value: number) => {
    setExplode(value);
    if (region) bus.publish({ kind: 'building.view', origin, region, explode: value });
  };

  const { id, type, level, radiusMetres, floor, position, buildingId } = incident;
  useEffect(() => {
    if (!scene || !lookup) return;
    let current = true;
    void lookup.near(position, radiusMetres, buildingId, NEIGHBOURS).then((near) => {
      if (!current) return;
      const target = near.target
        ? { ...near.target, floors: floorsOf(near.target.height) }
        : undefined;
      setFloors(target?.floors);
      scene.show({
        key: id,
        type,
        level,
        radiusMetres,
        neighbours: near.neighbours,
        ...(target ? { target } : {}),
        ...(floor !== undefined ? { incidentFloor: floor } : {}),
      });
    });
    return () => {
      current = false;
    };
  }, [scene, lookup, id, type, level, radiusMetres, floor, position, buildingId]);

  useEffect(() => scene?.setExplode(explode), [scene, explode]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '[') spread(Math.max(0, explode - 0.25));
      if (event.key === ']') spread(Math.min(1, explode + 0.25));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section className="incident-building" data-testid="incident-building" ref={host}>
      <canvas ref={canvas} className="building-canvas" />
      <div className="building-legend">
        <span>{t('incidentBuilding')}</span>
        {floors !== undefined ? (
          <b>
            {incident.floor !== undefined ? `${floorLabel(incident.floor)} · ` : ''}
            {t('incidentFloors').replace('{n}', String(floors))}
          </b>
        ) : (
          <b>{t('incidentNoBuilding')}</b>
        )}
      </div>
      <label className="building-explode">
        {t('incidentExplode')}
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={explode}
          onChange={(e) => spread(Number(e.target.value))}
          data-testid="incident-explode"
        />
      </label>
    </section>
  );
}
