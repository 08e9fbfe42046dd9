import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { tileTemplateProblem, type TileSource } from '../../shared/geo/tiles';
import { followSettings, type FollowSettings } from '../../shared/domain/incidentFollow';
import type { IncidentLevel } from '../../shared/domain/incidentKinds';
import { mirrorInto } from '../../shared/gateway/mirror';
import { WallStore } from '../../shared/gateway/wallStore';
import type { Language, ProfileList, ViewChange, WallBridge } from '../../shared/ipc/contract';
import { parseRegionPart } from '../../shared/layout/regionPart';
import { BriefingPanel } from '../briefing/BriefingPanel';
import { loadScenes } from '../briefing/sceneShelf';
import { useTour } from '../briefing/useTour';
import { sceneOnScreen } from '../../shared/briefing/tour';
import { CaseBoard } from '../cases/CaseBoard';
import { I18nContext, makeI18n } from '../i18n/I18nContext';
import { IncidentAlert } from '../incident/IncidentAlert';
import { IncidentView } from '../incident/IncidentView';
import { ANALYSIS_PERIODS, type AnalysisPeriod } from '../analysis/analysisData';
import { KpiView } from '../kpi/KpiView';
import { MapView } from '../map/MapView';
import { VideoWall } from '../video/VideoWall';
import { PendingView } from './PendingView';
import { RegionFrame } from './RegionFrame';
import { ProfileSwitcher } from './ProfileSwitcher';
import { useStoreSelector } from './useStore';
import { createBus, onParentViewChange, previewProfiles } from './wallBus';

// ECharts (about a megabyte) is loaded only by a window that shows the analysis.
const AnalysisView = lazy(() =>
  import('../analysis/AnalysisView').then((m) => ({ default: m.AnalysisView })),
);
const ReportView = lazy(() =>
  import('../analysis/ReportView').then((m) => ({ default: m.ReportView })),
);

/** One window of the wall: its own store mirrored from the gateway, and the view its URL names. */
export function App({ bridge, params }: Readonly<{ bridge: WallBridge; params: URLSearchParams }>) {
  const store = useMemo(() => new WallStore(), []);
  const bus = useMemo(() => createBus(bridge), [bridge]);
  const [language, setLanguage] = useState<Language>(params.get('lang') === 'en' ? 'en' : 'zh-CN');
  const [showDiagnostics, setShowDiagnostics] = useState(params.has('diagnostics'));
  const [warnings, setWarnings] = useState<readonly string[]>([]);
  const [mapTiles, setMapTiles] = useState<TileSource | undefined>(() => tilesFromUrl(params));
  const [follow, setFollow] = useState<FollowSettings>(() => followFromUrl(params));
  const [view, setView] = useState<ViewChange>(() => ({
    view: params.get('view') ?? 'cases',
    params: Object.fromEntries(params),
  }));
  const [profiles, setProfiles] = useState<ProfileList>(() =>
    previewProfiles(params.get('profile')),
  );
  // The window itself reads only the city; each view subscribes to what it reads.
  const city = useStoreSelector(store, (s) => s.city);

  useEffect(() => mirrorInto(store, bridge), [store, bridge]);
  // One clock per store: overdue cases turn overdue in every window, whatever it shows.
  useEffect(() => store.startClock(), [store]);
  useEffect(() => () => bus.close(), [bus]);
  useEffect(() => {
    void bridge.windowInfo().then((info) => {
      if (!params.has('lang')) setLanguage(info.language);
      setWarnings(info.warnings);
      if (info.mapTiles) setMapTiles(info.mapTiles);
      if (info.follow) setFollow(info.follow);
    });
    void bridge.profiles?.().then(setProfiles);
    const offs = [
      bridge.onLanguage(setLanguage),
      bridge.onViewChange?.(setView) ?? onParentViewChange(setView),
      bridge.onProfiles?.(setProfiles) ?? (() => undefined),
      bus.subscribe((m) => {
        if (m.kind === 'profile') setProfiles((p) => ({ ...p, active: m.profileId }));
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [bridge, bus, params]);
  const origin = params.get('window') ?? 'page';
  const scenesOf = useCallback(() => loadScenes(bridge).then((l) => l.book.scenes), [bridge]);
  const tour = useTour(bus, origin, scenesOf);
  const { command: tourCommand, scene, sceneKey } = tour;
  // A scene that comes on while this window is open switches the wall to its profile (every
  // window says so; main and the simulator switch once). Not at start: a window the switch
  // opened, or one reloaded mid-scene, finds the wall as the scene left it.
  const sceneSeen = useRef(sceneKey);
  useEffect(() => {
    if (sceneKey === sceneSeen.current) return;
    sceneSeen.current = sceneKey;
    if (scene && scene.profile !== profiles.active)
      bus.publish({ kind: 'profile', origin, profileId: scene.profile });
    // Once per scene.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sceneKey]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      // What presentation clickers send: every window and PC takes them, through the bus.
      if (event.key === 'PageDown') tourCommand('next');
      if (event.key === 'PageUp') tourCommand('previous');
      if (event.key === 'p' || event.key === 'P') tourCommand('toggle');
      if (event.key === 'c' || event.key === 'C')
        bus.publish({ kind: 'annotation', origin, action: 'clear' });
      if (event.key === 'd' || event.key === 'D') setShowDiagnostics((v) => !v);
      if (event.key === 'l' || event.key === 'L')
        void bridge.setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bridge, bus, origin, language, tourCommand]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  // This window's share of a region across panels; the same strings give the same object.
  const partText = view.params.part;
  const cellText = view.params.cell;
  const part = useMemo(
    () => parseRegionPart({ part: partText, cell: cellText }),
    [partText, cellText],
  );
  const region = view.params.region ?? params.get('region') ?? undefined;
  // A map may look where another region looks (`camera=map`: the presenter's operator map).
  const mapRegion = view.params.camera ?? region;

  // The analysis period: the scene's while one is on, else the region's.
  // A scene is on screen while the wall shows its profile: after a briefing left paused, the
  // duty officer's switch back to duty must not bring the briefing's map along.
  const { scene: onScreen, key: onScreenKey } = sceneOnScreen(scene, sceneKey, profiles.active);
  const period = analysisPeriod(onScreen?.analysis?.period ?? view.params.period);
  const isAnalysis = view.view === 'analysis';
  useEffect(
    () =>
      bus.subscribe((m) => {
        if (m.kind === 'scene.capture' && isAnalysis)
          bus.publish({ kind: 'scene.part', origin, requestId: m.requestId, analysis: { period } });
      }),
    [bus, origin, isAnalysis, period],
  );

  const i18n = useMemo(() => makeI18n(language), [language]);
  const allWarnings = [...warnings, ...profiles.warnings];
  return (
    <I18nContext.Provider value={i18n}>
      <div
        className={part || view.view === 'kpi' ? 'wall wall-part' : 'wall'}
        data-view={view.view}
        data-scene={sceneKey}
        data-testid="wall-window"
      >
        {view.view === 'cases' ? (
          <RegionFrame part={part}>
            <header className="wall-header">
              <div>
                <h1>{i18n.t('title')}</h1>
                <div className="subtitle">
                  {i18n.t('subtitle')}
                  {city ? ` · ${language === 'zh-CN' ? city.name : city.nameEn}` : ''}
                </div>
              </div>
              <div className="header-tools">
                <ProfileSwitcher
                  profiles={profiles}
                  onSwitch={(id) => bus.publish({ kind: 'profile', origin, profileId: id })}
                />
                <button
                  type="button"
                  onClick={() => setShowDiagnostics((v) => !v)}
                  data-testid="toggle-diagnostics"
                >
                  {i18n.t('diagnostics')}
                </button>
                <button
                  type="button"
                  onClick={() => void bridge.setLanguage(language === 'zh-CN' ? 'en' : 'zh-CN')}
                  data-testid="toggle-language"
                >
                  {i18n.t('language')}
                </button>
              </div>
            </header>
            <CaseBoard
              store={store}
              bus={bus}
              origin={origin}
              showDiagnostics={showDiagnostics}
              warnings={allWarnings}
              activeProfile={profiles.active}
            />
          </RegionFrame>
        ) : view.view === 'map' ? (
          <MapView
            store={store}
            bus={bus}
            packBase={packBase(params)}
            heatWindow={view.params.heat ?? 'day'}
            {...(view.params.follow ? { follow: view.params.follow } : {})}
            origin={origin}
            {...(mapRegion ? { region: mapRegion } : {})}
            {...(part ? { part } : {})}
            {...(mapTiles ? { tiles: mapTiles } : {})}
            scene={onScreen}
            sceneKey={onScreenKey}
            hubBase={hubBase(params)}
            drawable={view.params.draw === '1'}
          />
        ) : view.view === 'video' ? (
          <VideoWall
            store={store}
            bus={bus}
            hubBase={hubBase(params)}
            params={view.params}
            origin={origin}
            {...(part ? { part } : {})}
            scene={onScreen}
            sceneKey={onScreenKey}
          />
        ) : view.view === 'kpi' ? (
          <RegionFrame part={part}>
            <KpiView store={store} large={view.params.scale === 'large'} part={part} />
          </RegionFrame>
        ) : view.view === 'analysis' ? (
          <RegionFrame part={part}>
            <Suspense fallback={null}>
              <AnalysisView store={store} base={hubBase(params)} period={period} part={part} />
            </Suspense>
          </RegionFrame>
        ) : view.view === 'report' ? (
          <Suspense fallback={null}>
            <ReportView
              store={store}
              base={hubBase(params)}
              period={analysisPeriod(view.params.period)}
              printPdf={bridge.printPdf}
            />
          </Suspense>
        ) : view.view === 'briefing' ? (
          <RegionFrame part={part}>
            <BriefingPanel
              bridge={bridge}
              bus={bus}
              origin={origin}
              tour={tour}
              activeProfile={profiles.active}
            />
          </RegionFrame>
        ) : view.view === 'incident' ? (
          <RegionFrame part={part}>
            <IncidentView
              store={store}
              bus={bus}
              packBase={packBase(params)}
              origin={origin}
              focusParam={view.params.incident}
              {...(region ? { region } : {})}
            />
          </RegionFrame>
        ) : (
          <RegionFrame part={part}>
            <PendingView view={view.view} params={view.params} />
          </RegionFrame>
        )}
        <IncidentAlert
          store={store}
          bus={bus}
          origin={origin}
          activeProfile={profiles.active}
          settings={follow}
        />
      </div>
    </I18nContext.Provider>
  );
}

/** The city pack: through app:// in Electron (main fetches it from the hub), from the hub in a browser. */
/** The preview's raster base map: `&tiles=<URL template>&tilesMaxZoom=18`. */
function tilesFromUrl(params: URLSearchParams): TileSource | undefined {
  const url = params.get('tiles');
  if (!url || tileTemplateProblem(url)) return undefined;
  const maxZoom = Number(params.get('tilesMaxZoom'));
  return { url, ...(maxZoom > 0 ? { maxZoom } : {}) };
}

/** A key pressed while typing (a scene's name) is the text's, not the tour's. */
function isTyping(target: EventTarget | null): boolean {
  const tag = (target as HTMLElement | null)?.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA';
}

/** The analysis page's period, a week unless the region says a day or a month. */
function analysisPeriod(given: string | undefined): AnalysisPeriod {
  return (ANALYSIS_PERIODS as readonly string[]).includes(given ?? '')
    ? (given as AnalysisPeriod)
    : 'week';
}

/** The preview's follow settings: `&followLevel=2|off&followCountdown=5` (seconds). */
function followFromUrl(params: URLSearchParams): FollowSettings {
  const level = params.get('followLevel');
  const countdown = Number(params.get('followCountdown') ?? NaN);
  return followSettings({
    ...(level === 'off' ? { followLevel: 'off' as const } : {}),
    ...(level && /^[1-4]$/.test(level) ? { followLevel: Number(level) as IncidentLevel } : {}),
    ...(countdown >= 0 && countdown <= 300 ? { countdownSeconds: countdown } : {}),
  });
}

function packBase(params: URLSearchParams): string {
  return `${hubBase(params)}/citypack/`;
}

/** The hub's HTTP side: through app:// in Electron (main forwards to the hub), else the hub itself. */
function hubBase(params: URLSearchParams): string {
  if (window.location.protocol === 'app:') return window.location.origin;
  return (params.get('hub') ?? window.location.origin).replace(/\/+$/, '');
}
