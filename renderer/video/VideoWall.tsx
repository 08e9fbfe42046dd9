import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Scene } from '../../shared/briefing/scene';
import type { WallBus } from '../../shared/bus/messages';
import type { WallStore } from '../../shared/gateway/wallStore';
import type { CatalogueCamera } from '../../shared/video/catalogue';
import { linkedCameras } from '../../shared/video/linkage';
import { partIndex, type RegionPart } from '../../shared/layout/regionPart';
import {
  cameraAlarms,
  planShare,
  sameAlarms,
  type CameraAlarm,
} from '../../shared/video/screenPlanner';
import { isSplit, splitCells, SPLITS, type Split } from '../../shared/video/splits';
import { SharedBudget } from '../../shared/video/sharedBudget';
import { DEFAULT_BUDGET } from '../../shared/video/streamBudget';
import { exposeTestHook } from '../app/testHooks';
import { useOwned } from '../app/useOwned';
import { useStoreSelector } from '../app/useStore';
import { usePickedIncident } from '../incident/usePickedIncident';
import { emergencyFocus } from '../../shared/domain/raisedCase';
import { useI18n } from '../i18n/I18nContext';
import { CameraCatalogue } from './CameraCatalogue';
import {
  defaultGroups,
  groupIdOf,
  loadCatalogue,
  streamUrl,
  type LoadedCatalogue,
} from './catalogueClient';
import { TileFrame } from './TileFrame';
import './videoWall.css';
import { RotationClock, type RotationInfo } from './rotationClock';
import { TileWall } from './tileWall';
import { liveCounts, type TileStatus } from './videoTile';

export interface VideoWallProps {
  readonly store: WallStore;
  readonly bus: WallBus;
  /** Where the catalogue and the demo's streams come from (no trailing slash). */
  readonly hubBase: string;
  readonly params: Readonly<Record<string, string>>;
  readonly origin: string;
  /** This window's part of a video region across panels: it shows its share of one split. */
  readonly part?: RegionPart;
  /** The briefing scene on screen: its pins (or its selection's cameras), once per `sceneKey`. */
  readonly scene?: Scene | undefined;
  readonly sceneKey?: string;
}

/**
 * The video wall: a split of tiles fed by rotation groups, cameras pinned near the selected
 * case, alarms that hold the rotation, and a catalogue to pick from. Players live in a
 * `TileWall` outside React; this component only says which camera goes where.
 */
export function VideoWall({
  store,
  bus,
  hubBase,
  params,
  origin,
  part,
  scene,
  sceneKey = '',
}: Readonly<VideoWallProps>) {
  const { t } = useI18n();
  const [catalogue, setCatalogue] = useState<LoadedCatalogue>({ cameras: [], problems: [] });
  const [split, setSplit] = useState<Split>(isSplit(params.split) ? params.split : '9');
  const [groupId, setGroupId] = useState(groupIdOf(params.group));
  const [pinned, setPinned] = useState<readonly string[]>([]);
  const [manual, setManual] = useState<Readonly<Record<number, string>>>({});
  const [focusSlot, setFocusSlot] = useState(0);
  const [enlarged, setEnlarged] = useState<number | undefined>();
  const [acked, setAcked] = useState<ReadonlySet<string>>(new Set());
  const [showCatalogue, setShowCatalogue] = useState(params.catalogue === '1');
  const [statuses, setStatuses] = useState<ReadonlyMap<string, TileStatus>>(new Map());

  const byId = useMemo(
    () => new Map(catalogue.cameras.map((c) => [c.id, c] as const)),
    [catalogue.cameras],
  );

  // The players live in a TileWall made in the effect that destroys it (StrictMode runs effects
  // twice: a wall made once in state would be reused after its shared budget was closed). One
  // player budget for all video windows of this PC, agreed over the wall bus.
  const holderRef = useRef<HTMLDivElement>(null);
  const wall = useOwned(
    () =>
      new TileWall(
        batchedStatuses(setStatuses),
        new SharedBudget(bus, {
          limits: DEFAULT_BUDGET,
          windowKey: `${origin}#${Math.random().toString(36).slice(2, 8)}`,
        }),
      ),
    [bus, origin],
  );
  useEffect(() => {
    if (!wall) return undefined;
    holderRef.current?.append(wall.holder);
    const onVisibility = () => wall.setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [wall]);

  useEffect(() => {
    let live = true;
    void loadCatalogue(hubBase).then((loaded) => live && setCatalogue(loaded));
    return () => {
      live = false;
    };
  }, [hubBase]);

  const cells = useMemo(() => splitCells(split), [split]);
  // A region across panels is one split of cells × panels tiles; this window shows its share.
  const { index: shareIndex, count: shareCount } = partIndex(part);
  const groups = useMemo(
    () =>
      defaultGroups(
        catalogue.cameras,
        { all: t('allCameras'), west: t('westCameras'), east: t('eastCameras') },
        Number(params.dwell) || 15,
      ),
    [catalogue.cameras, t, params.dwell],
  );
  const group = groups.find((g) => g.id === groupId) ?? groups[0];

  // One rotation per group and split, in one place: the clock, which the view reads.
  const clock = useOwned(
    () => (group ? new RotationClock(group, cells.length * shareCount, shareCount > 1) : undefined),
    [group, cells.length, shareCount],
  );
  const rotation = useSyncExternalStore(
    clock?.subscribe ?? noSubscription,
    clock?.snapshot ?? noRotation,
  );

  // The emergency profile's video follows the open incident in focus: the cameras that see the
  // spot stay pinned while it is open (a person's own pick still comes first).
  const picked = usePickedIncident(bus);
  const followed = useStoreSelector(store, (s) =>
    params.follow === 'incident' ? emergencyFocus(s.cases, picked) : undefined,
  );
  const incidentCameras = useMemo(
    () =>
      followed
        ? linkedCameras(catalogue.cameras, [followed.position.lon, followed.position.lat], {
            count: Math.min(4, cells.length),
            isOnline: (id) => store.cases.cameraOnline(id),
          }).map((c) => c.id)
        : [],
    [followed, catalogue.cameras, cells.length, store],
  );

  // Unacknowledged alarms on cameras: a new map only when they changed, not on each case event.
  const alarms = useCameraAlarms(store, acked);

  const plan = useMemo(
    () =>
      planShare(
        {
          cells: cells.length,
          scene: { ids: rotation.ids, next: rotation.next },
          pinned: pinned.length > 0 ? pinned : incidentCameras,
          manual,
          alarms,
          ...(enlarged !== undefined ? { enlarged } : {}),
        },
        { index: shareIndex, count: shareCount },
      ),
    [
      cells.length,
      rotation.ids,
      rotation.next,
      pinned,
      incidentCameras,
      manual,
      alarms,
      enlarged,
      shareIndex,
      shareCount,
    ],
  );
  const slots = useMemo(() => plan.slots.map((s) => s.cameraId), [plan]);

  useEffect(() => clock?.hold(plan.holdReasons), [clock, plan]);

  useEffect(() => {
    if (!wall) return;
    const url = (id: string | undefined) => {
      const camera = id ? byId.get(id) : undefined;
      return camera ? streamUrl(camera.stream, hubBase) : undefined;
    };
    wall.show(
      plan.slots.map(({ cameraId, priority }) => ({ cameraId, url: url(cameraId), priority })),
      plan.preload.map((cameraId) => ({ cameraId, url: url(cameraId) })),
    );
  }, [wall, plan, byId, hubBase]);

  // Video linkage: a selected case pins the nearest online cameras; clearing releases them.
  const camerasNear = useCallback(
    (caseId: string): string[] | undefined => {
      const record = store.cases.get(caseId);
      if (!record) return undefined;
      return linkedCameras(catalogue.cameras, [record.position.lon, record.position.lat], {
        count: Math.min(4, cells.length),
        isOnline: (id) => store.cases.cameraOnline(id),
      }).map((c) => c.id);
    },
    [store, catalogue.cameras, cells.length],
  );
  const pinnedNow = useRef(pinned);
  useEffect(() => {
    pinnedNow.current = pinned;
  }, [pinned]);
  useEffect(
    () =>
      bus.subscribe((m) => {
        // Saving the wall as a scene: the cameras held on screen go with it.
        if (m.kind === 'scene.capture' && pinnedNow.current.length > 0)
          bus.publish({
            kind: 'scene.part',
            origin,
            requestId: m.requestId,
            pins: [...pinnedNow.current],
          });
        if (m.kind !== 'selection' || m.origin === origin) return;
        if (!m.selection) return setPinned([]);
        if (m.selection.type === 'camera') return setPinned([m.selection.id]);
        if (m.selection.type !== 'case') return;
        const near = camerasNear(m.selection.id);
        if (near) setPinned(near);
      }),
    [bus, origin, camerasNear],
  );
  // A briefing scene: its pins, else its selection's cameras, else none (the rotation runs).
  // Once per scene shown, and again when the catalogue it needs comes in; set while rendering.
  const sceneApplied = `${sceneKey}|${catalogue.cameras.length > 0}`;
  const [pinsFrom, setPinsFrom] = useState('');
  if (scene && pinsFrom !== sceneApplied) {
    setPinsFrom(sceneApplied);
    const selection = scene.selection;
    if (scene.pins) setPinned(scene.pins);
    else if (selection?.type === 'camera') setPinned([selection.id]);
    else if (selection?.type === 'case') setPinned(camerasNear(selection.id) ?? []);
    else setPinned([]);
  }

  const snapshot = useCallback(
    (cameraId: string) => {
      const tile = wall?.tileOf(cameraId);
      if (!tile) return;
      void tile.snapshot().then((blob) => {
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        a.download = `${byId.get(cameraId)?.name ?? cameraId}-${stamp}.png`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
      });
    },
    [wall, byId],
  );

  useEffect(() => {
    if (!wall || import.meta.env.MODE !== 'e2e') return undefined;
    // Test hooks (test builds only): what each tile reports, what is alive, the rotation.
    return exposeTestHook('citywallVideo', {
      statuses: () => wall.statuses(),
      slots: () => wall.slotIds(),
      counts: () => ({
        players: liveCounts.players,
        tiles: liveCounts.tiles,
        videos: document.querySelectorAll('video').length,
      }),
      rotation: () => clock?.snapshot() ?? noRotation(),
      hasCase: (id: string) => store.cases.get(id) !== undefined,
    });
  }, [wall, clock, store]);

  return (
    <div className="video-wall" data-testid="video-wall">
      <div className="video-toolbar">
        {SPLITS.map((s) => (
          <button
            key={s}
            type="button"
            className={s === split ? 'active' : ''}
            onClick={() => {
              setSplit(s);
              setManual({});
              setEnlarged(undefined);
            }}
            data-testid={`split-${s}`}
          >
            {s}
          </button>
        ))}
        <select
          value={group?.id ?? 'all'}
          onChange={(e) => setGroupId(e.target.value)}
          aria-label={t('rotation')}
        >
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {t('rotation')} · {g.name} ({g.cameraIds.length})
            </option>
          ))}
        </select>
        <span className="rotation-state" data-testid="rotation-state">
          {rotation.paused
            ? t('rotationPaused')
            : `${t('scene')} ${rotation.index + 1}/${rotation.count}`}
        </span>
        {Object.keys(manual).length > 0 || pinned.length > 0 ? (
          <button
            type="button"
            onClick={() => {
              setManual({});
              setPinned([]);
            }}
          >
            {t('rotationResume')}
          </button>
        ) : null}
        <button
          type="button"
          className={showCatalogue ? 'active' : ''}
          onClick={() => setShowCatalogue((v) => !v)}
        >
          {t('catalogue')}
        </button>
        {catalogue.problems.length > 0 ? (
          <span
            className="catalogue-problems"
            title={catalogue.problems.map((p) => `${p.id ?? p.index}: ${p.reason}`).join('\n')}
          >
            {t('catalogueProblems')}: {catalogue.problems.length}
          </span>
        ) : null}
      </div>
      <div className="video-body">
        <div className="video-grid">
          {cells.map((cell, i) => {
            const id = slots[i];
            return (
              <TileFrame
                key={`${split}-${i}`}
                index={i}
                cell={cell}
                name={id ? (byId.get(id)?.name ?? id) : undefined}
                status={id ? statuses.get(id) : undefined}
                alarm={id ? alarms.get(id)?.text : undefined}
                pinned={id !== undefined && pinned.includes(id)}
                enlarged={enlarged === i}
                hidden={enlarged !== undefined && enlarged !== i}
                attachSlot={(el) => wall?.attachSlot(i, el)}
                onSelect={() => {
                  setFocusSlot(i);
                  if (id)
                    bus.publish({ kind: 'selection', origin, selection: { type: 'camera', id } });
                }}
                onToggleEnlarge={() => setEnlarged((e) => (e === i ? undefined : i))}
                onSnapshot={() => id && snapshot(id)}
                onAcknowledge={() => {
                  const alarm = id ? alarms.get(id) : undefined;
                  if (alarm) setAcked((prev) => new Set([...prev, alarm.id]));
                }}
              />
            );
          })}
        </div>
        {showCatalogue ? (
          <CameraCatalogue
            cameras={catalogue.cameras}
            isOnline={(id) => store.cases.cameraOnline(id)}
            onPick={(id: CatalogueCamera['id']) => setManual((m) => ({ ...m, [focusSlot]: id }))}
          />
        ) : null}
      </div>
      <div ref={holderRef} />
    </div>
  );
}

const NO_ROTATION: RotationInfo = {
  ids: [],
  next: [],
  index: 0,
  count: 1,
  paused: false,
  heldSwaps: 0,
};
const noRotation = () => NO_ROTATION;
const noSubscription = () => () => undefined;

/** The store's unacknowledged camera alarms, as a map that stays the same object until they change. */
function useCameraAlarms(
  store: WallStore,
  ackedHere: ReadonlySet<string>,
): ReadonlyMap<string, CameraAlarm> {
  const last = useRef<ReadonlyMap<string, CameraAlarm>>(new Map());
  const read = useCallback(() => {
    const next = cameraAlarms(store.cases.activeAlarms(), ackedHere);
    if (!sameAlarms(next, last.current)) last.current = next;
    return last.current;
  }, [store, ackedHere]);
  return useSyncExternalStore((listener) => store.subscribe(listener), read);
}

/** Tiles report one by one; the view takes their reports at most once a frame. */
function batchedStatuses(
  set: (update: (prev: ReadonlyMap<string, TileStatus>) => ReadonlyMap<string, TileStatus>) => void,
): (cameraId: string, status: TileStatus) => void {
  let pending = new Map<string, TileStatus>();
  return (cameraId, status) => {
    if (pending.size === 0)
      requestAnimationFrame(() => {
        const batch = pending;
        pending = new Map();
        set((prev) => new Map([...prev, ...batch]));
      });
    pending.set(cameraId, status);
  };
}
