import { useCallback, useEffect, useRef, useState } from 'react';
import {
  HEAT_PERIODS,
  MAP_LAYERS,
  sceneName,
  type MapLayer,
  type Scene,
  type SceneBook,
} from '../../shared/briefing/scene';
import type { BusMessage, WallBus } from '../../shared/bus/messages';
import type { WallBridge } from '../../shared/ipc/contract';
import { useSecond } from '../app/useSecond';
import { useI18n } from '../i18n/I18nContext';
import type { StringKey } from '../i18n/strings';
import { captureScene } from './captureScene';
import { loadScenes, saveScenes } from './sceneShelf';
import type { TourView } from './useTour';

type CameraView = Extract<BusMessage, { kind: 'camera' }>['view'];

const LAYER_WORDS: Readonly<Record<MapLayer, StringKey>> = {
  buildings: 'layerBuildings',
  heat: 'layerHeat',
  cases: 'layerCases',
  cameras: 'layerCameras',
  grids: 'layerGrids',
  warnings: 'layerWarnings',
};
const HEAT_WORDS: Readonly<Record<(typeof HEAT_PERIODS)[number], StringKey>> = {
  hour: 'heatHour',
  day: 'heatDay',
  week: 'heatWeek',
  all: 'heatAll',
};

/**
 * The presenter's panel on the operator screen: the tour's buttons, the scenes in tour order
 * (name, dwell, order, show, delete), saving what the wall shows as a new scene, and the maps'
 * layer and heat switches. Everything it does goes over the wall bus, so every window of every
 * PC follows; the book is saved at each edit.
 */
export function BriefingPanel({
  bridge,
  bus,
  origin,
  tour,
  activeProfile,
}: Readonly<{
  bridge: WallBridge;
  bus: WallBus;
  origin: string;
  tour: TourView;
  activeProfile: string;
}>) {
  const { t, language } = useI18n();
  const now = useSecond();
  const [book, setBook] = useState<SceneBook | undefined>();
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [saving, setSaving] = useState(false);
  const [layers, setLayers] = useState<readonly MapLayer[]>(MAP_LAYERS);
  const [heat, setHeat] = useState<(typeof HEAT_PERIODS)[number]>('day');
  const [selection, setSelection] = useState<Scene['selection']>();

  useEffect(() => {
    let live = true;
    loadScenes(bridge).then(
      (list) => {
        if (!live) return;
        setBook(list.book);
        setProblems(list.warnings);
      },
      (e: Error) => live && setProblems([e.message]),
    );
    return () => {
      live = false;
    };
  }, [bridge]);
  // Where each map region was last moved to: a map too busy to answer the capture still counts.
  const cameras = useRef(new Map<string, CameraView>());
  // The last case or camera someone picked on any window: a saved scene keeps it.
  useEffect(
    () =>
      bus.subscribe((m) => {
        if (m.kind === 'camera') cameras.current.set(m.region, m.view);
        if (m.kind !== 'selection') return;
        const s = m.selection;
        setSelection(
          s && (s.type === 'case' || s.type === 'camera') ? { type: s.type, id: s.id } : undefined,
        );
      }),
    [bus],
  );

  const { tour: running, show } = tour;
  /** Saves the book; a tour running on the old one goes on with the new, on the same scene. */
  const save = useCallback(
    (next: SceneBook) => {
      setBook(next);
      saveScenes(bridge, next).then(
        (list) => setProblems(list.warnings),
        (e: Error) => setProblems([e.message]),
      );
      if (!running || next.scenes.length === 0) return;
      const onScreen = running.scenes[running.index]?.id;
      const index = Math.max(
        0,
        next.scenes.findIndex((s) => s.id === onScreen),
      );
      show(next.scenes, index, running.playing);
    },
    [bridge, running, show],
  );

  const scenes = book?.scenes ?? [];
  const edit = (i: number, change: Partial<Scene>) =>
    save({ version: 1, scenes: scenes.map((s, k) => (k === i ? { ...s, ...change } : s)) });
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= scenes.length) return;
    const next = [...scenes];
    [next[i], next[j]] = [next[j] as Scene, next[i] as Scene];
    save({ version: 1, scenes: next });
  };
  const remove = (i: number) => save({ version: 1, scenes: scenes.filter((_, k) => k !== i) });
  const saveWall = async () => {
    setSaving(true);
    const scene = await captureScene(
      bus,
      origin,
      {
        id: `scene-${Date.now().toString(36)}`,
        name: `${t('sceneNew')} ${scenes.length + 1}`,
        dwellSeconds: 30,
        profile: activeProfile,
      },
      selection,
      { cameras: cameras.current, layers: [...layers], heat },
    );
    setSaving(false);
    save({ version: 1, scenes: [...scenes, scene] });
  };
  const style = (next: { layers?: readonly MapLayer[]; heat?: (typeof HEAT_PERIODS)[number] }) => {
    if (next.layers) setLayers(next.layers);
    if (next.heat) setHeat(next.heat);
    bus.publish({
      kind: 'map.style',
      origin,
      ...(next.layers ? { layers: [...next.layers] } : {}),
      ...(next.heat ? { heat: next.heat } : {}),
    });
  };

  const current = running?.scenes[running.index];
  const left = running?.playing
    ? Math.max(0, Math.ceil(((current?.dwellSeconds ?? 0) * 1000 - (now - running.since)) / 1000))
    : undefined;
  const playing = running?.playing ?? false;
  return (
    <section className="briefing-panel" data-testid="briefing-panel">
      <header className="briefing-head">
        <h2>{t('scenes')}</h2>
        <div
          className="tour-status"
          data-testid="tour-status"
          data-scene={current?.id ?? ''}
          data-playing={playing ? 'true' : 'false'}
        >
          {current && running
            ? `${running.index + 1}/${running.scenes.length} ${sceneName(current, language)} · ${
                left !== undefined ? `${t('tourLeft')} ${left} s` : t('tourPaused')
              }`
            : t('tourIdle')}
        </div>
      </header>
      <div className="tour-buttons" role="group" aria-label={t('scenes')}>
        <button type="button" onClick={() => tour.command('previous')} data-testid="tour-previous">
          ◀ {t('tourPrevious')}
        </button>
        <button type="button" onClick={() => tour.command('toggle')} data-testid="tour-toggle">
          {playing ? `‖ ${t('tourPause')}` : `▷ ${t('tourPlay')}`}
        </button>
        <button type="button" onClick={() => tour.command('next')} data-testid="tour-next">
          {t('tourNext')} ▶
        </button>
        <button type="button" onClick={tour.stop} disabled={!running} data-testid="tour-stop">
          ■ {t('tourStop')}
        </button>
        <span className="tour-keys">{t('tourKeys')}</span>
      </div>
      <ol className="scene-list" data-testid="scene-list">
        {scenes.map((scene, i) => (
          <li
            key={scene.id}
            className={scene.id === current?.id ? 'scene scene-current' : 'scene'}
            data-testid="scene-row"
            data-scene={scene.id}
          >
            <span className="scene-index">{i + 1}</span>
            <input
              className="scene-name"
              aria-label={t('sceneName')}
              defaultValue={sceneName(scene, language)}
              maxLength={60}
              onBlur={(e) => {
                const name = e.target.value.trim();
                if (name && name !== sceneName(scene, language))
                  edit(i, { name, nameEn: undefined });
              }}
              data-testid="scene-name"
            />
            <label className="scene-dwell">
              {t('sceneDwell')}
              <input
                type="number"
                min={5}
                max={3600}
                defaultValue={scene.dwellSeconds}
                onBlur={(e) => {
                  const dwell = Math.round(Number(e.target.value));
                  if (dwell >= 5 && dwell <= 3600 && dwell !== scene.dwellSeconds)
                    edit(i, { dwellSeconds: dwell });
                }}
                data-testid="scene-dwell"
              />
            </label>
            <button type="button" onClick={() => show(scenes, i, false)} data-testid="scene-show">
              {t('sceneShow')}
            </button>
            <button type="button" onClick={() => move(i, -1)} disabled={i === 0}>
              ↑ {t('sceneUp')}
            </button>
            <button type="button" onClick={() => move(i, 1)} disabled={i === scenes.length - 1}>
              ↓ {t('sceneDown')}
            </button>
            <button type="button" onClick={() => remove(i)} data-testid="scene-delete">
              {t('sceneDelete')}
            </button>
          </li>
        ))}
      </ol>
      <div className="briefing-actions">
        <button
          type="button"
          onClick={() => void saveWall()}
          disabled={saving || !book}
          data-testid="scene-save"
        >
          {saving ? t('sceneSaving') : `＋ ${t('sceneSave')}`}
        </button>
      </div>
      <fieldset className="map-switches">
        <legend>{t('mapLayers')}</legend>
        {MAP_LAYERS.map((layer) => (
          <label key={layer}>
            <input
              type="checkbox"
              checked={layers.includes(layer)}
              onChange={(e) =>
                style({
                  layers: e.target.checked
                    ? MAP_LAYERS.filter((l) => l === layer || layers.includes(l))
                    : layers.filter((l) => l !== layer),
                })
              }
              data-testid={`layer-${layer}`}
            />
            {t(LAYER_WORDS[layer])}
          </label>
        ))}
        <label>
          {t('heatPeriod')}
          <select
            value={heat}
            onChange={(e) => style({ heat: e.target.value as (typeof HEAT_PERIODS)[number] })}
            data-testid="heat-period"
          >
            {HEAT_PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(HEAT_WORDS[p])}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      {problems.length > 0 ? (
        <ul className="briefing-problems" data-testid="briefing-problems">
          {problems.map((p) => (
            <li key={p}>⚠ {p}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
