import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WallBus } from '../../shared/bus/messages';
import type { WallStore } from '../../shared/gateway/wallStore';
import type { CatalogueCamera } from '../../shared/video/catalogue';
import { linkedCameras } from '../../shared/video/linkage';
import { Rotation } from '../../shared/video/rotation';
import { isSplit, splitCells, SPLITS, type Split } from '../../shared/video/splits';
import { SharedBudget } from '../../shared/video/sharedBudget';
import { DEFAULT_BUDGET, PRIORITY } from '../../shared/video/streamBudget';
import { useStoreVersion } from '../app/useStore';
import { useI18n } from '../i18n/I18nContext';
import { CameraCatalogue } from './CameraCatalogue';
import { defaultGroups, loadCatalogue, streamUrl, type LoadedCatalogue } from './catalogueClient';
import { TileFrame } from './TileFrame';
import './videoWall.css';
import { TileWall } from './tileWall';
import { liveCounts, type TileStatus } from './videoTile';

export interface VideoWallProps {
  readonly store: WallStore;
  readonly bus: WallBus;
  /** Where the catalogue and the demo's streams come from (no trailing slash). */
  readonly hubBase: string;
  readonly params: Readonly<Record<string, string>>;
  readonly origin: string;
}

/**
 * The video wall: a split of tiles fed by rotation groups, cameras pinned near the selected
 * case, alarms that hold the rotation, and a catalogue to pick from. Players live in a
 * `TileWall` outside React; this component only says which camera goes where.
 */
export function VideoWall({ store, bus, hubBase, params, origin }: Readonly<VideoWallProps>) {
  const { t } = useI18n();
  const version = useStoreVersion(store);
  const [catalogue, setCatalogue] = useState<LoadedCatalogue>({ cameras: [], problems: [] });
  const [split, setSplit] = useState<Split>(isSplit(params.split) ? params.split : '9');
  const [groupId, setGroupId] = useState(params.group ?? 'all');
  const [scene, setScene] = useState<{ ids: readonly string[]; next: readonly string[] }>({
    ids: [],
    next: [],
  });
  const [pinned, setPinned] = useState<readonly string[]>([]);
  const [manual, setManual] = useState<Readonly<Record<number, string>>>({});
  const [focusSlot, setFocusSlot] = useState(0);
  const [enlarged, setEnlarged] = useState<number | undefined>();
  const [acked, setAcked] = useState<ReadonlySet<string>>(new Set());
  const [showCatalogue, setShowCatalogue] = useState(params.catalogue === '1');
  const [statuses, setStatuses] = useState<ReadonlyMap<string, TileStatus>>(new Map());
  const [rotationInfo, setRotationInfo] = useState({ index: 0, count: 1, paused: false });

  const byId = useMemo(
    () => new Map(catalogue.cameras.map((c) => [c.id, c] as const)),
    [catalogue.cameras],
  );
  // One player budget for all video windows of this PC, agreed over the wall bus.
  const [wall] = useState(
    () =>
      new TileWall(
        batchedStatuses(setStatuses),
        new SharedBudget(bus, {
          limits: DEFAULT_BUDGET,
          windowKey: `${origin}#${Math.random().toString(36).slice(2, 8)}`,
        }),
      ),
  );
  const holderRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    holderRef.current?.append(wall.holder);
    const onVisibility = () => wall.setVisible(document.visibilityState !== 'hidden');
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      wall.destroy();
    };
  }, [wall]);

  useEffect(() => {
    let live = true;
    void loadCatalogue(hubBase).then((loaded) => live && setCatalogue(loaded));
    return () => {
      live = false;
    };
  }, [hubBase]);

  const cells = useMemo(() => splitCells(split), [split]);
  const groups = useMemo(
    () => defaultGroups(catalogue.cameras, t('allCameras'), Number(params.dwell) || 15),
    [catalogue.cameras, t, params.dwell],
  );
  const group = groups.find((g) => g.id === groupId) ?? groups[0];

  // One rotation per group and split; a timer steps it and asks for the next screen in time.
  const rotationRef = useRef<Rotation | undefined>(undefined);
  useEffect(() => {
    if (!group) return;
    const rotation = new Rotation(group, cells.length, Date.now());
    rotationRef.current = rotation;
    const publish = () => {
      const next = rotation.shouldPreload(Date.now()) ? (rotation.next ?? NOTHING) : NOTHING;
      setScene((prev) =>
        prev.ids === rotation.current && prev.next === next
          ? prev
          : { ids: rotation.current, next },
      );
      setRotationInfo((prev) =>
        prev.index === rotation.sceneIndex &&
        prev.count === rotation.sceneCount &&
        prev.paused === rotation.paused
          ? prev
          : { index: rotation.sceneIndex, count: rotation.sceneCount, paused: rotation.paused },
      );
    };
    publish();
    const timer = setInterval(() => {
      rotation.tick(Date.now());
      publish();
    }, 500);
    return () => clearInterval(timer);
  }, [group, cells.length]);

  const slots = useMemo(() => {
    const rest = scene.ids.filter((id) => !pinned.includes(id));
    const ids: (string | undefined)[] = [...pinned, ...rest].slice(0, cells.length);
    for (const [slot, id] of Object.entries(manual)) ids[Number(slot)] = id;
    return cells.map((_, i) => ids[i]);
  }, [scene.ids, pinned, manual, cells]);

  // Unacknowledged alarms on cameras on screen hold the rotation.
  // Read on every store change, but a new map (and the tile placing that follows it) only when
  // the set of alarmed cameras itself changed, not on each case event.
  const alarmKey = useMemo(() => {
    void version;
    const entries: [string, { id: string; text: string }][] = [];
    for (const a of store.cases.activeAlarms())
      if (a.cameraId && !a.acknowledged && !acked.has(a.id))
        entries.push([a.cameraId, { id: a.id, text: a.message }]);
    return JSON.stringify(entries);
  }, [store, version, acked]);
  const alarms = useMemo(
    () => new Map(JSON.parse(alarmKey) as [string, { id: string; text: string }][]),
    [alarmKey],
  );

  useEffect(() => {
    const rotation = rotationRef.current;
    if (!rotation) return;
    const now = Date.now();
    const holding = new Set<string>();
    for (const id of slots) {
      const alarm = id ? alarms.get(id) : undefined;
      if (alarm) holding.add(`alarm:${alarm.id}`);
    }
    if (pinned.length > 0) holding.add('linkage');
    if (Object.keys(manual).length > 0) holding.add('manual');
    for (const reason of rotation.pauseReasons)
      if (!holding.has(reason)) rotation.resume(reason, now);
    for (const reason of holding) rotation.pause(reason, now);
    setRotationInfo((info) =>
      info.paused === rotation.paused ? info : { ...info, paused: rotation.paused },
    );
  }, [slots, alarms, pinned, manual]);

  useEffect(() => {
    const url = (id: string | undefined) => {
      const camera = id ? byId.get(id) : undefined;
      return camera ? streamUrl(camera.stream, hubBase) : undefined;
    };
    wall.show(
      slots.map((cameraId, i) => ({
        cameraId,
        url: url(cameraId),
        priority:
          enlarged === i
            ? PRIORITY.enlarged
            : enlarged !== undefined
              ? 0
              : cameraId && alarms.has(cameraId)
                ? PRIORITY.alarm
                : cameraId && pinned.includes(cameraId)
                  ? PRIORITY.pinned
                  : PRIORITY.visible,
      })),
      enlarged === undefined
        ? scene.next.map((cameraId) => ({ cameraId, url: url(cameraId) }))
        : [],
    );
  }, [wall, slots, scene.next, enlarged, alarms, pinned, byId, hubBase]);

  // Video linkage: a selected case pins the nearest online cameras; clearing releases them.
  useEffect(
    () =>
      bus.subscribe((m) => {
        if (m.kind !== 'selection' || m.origin === origin) return;
        if (!m.selection) return setPinned([]);
        if (m.selection.type === 'camera') return setPinned([m.selection.id]);
        if (m.selection.type !== 'case') return;
        const record = store.cases.get(m.selection.id);
        if (!record) return;
        const near = linkedCameras(catalogue.cameras, [record.position.lon, record.position.lat], {
          count: Math.min(4, cells.length),
          isOnline: (id) => store.cases.cameraOnline(id),
        });
        setPinned(near.map((c) => c.id));
      }),
    [bus, origin, store, catalogue.cameras, cells.length],
  );

  const snapshot = useCallback(
    (cameraId: string) => {
      const tile = wall.tileOf(cameraId);
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
    // Test and benchmark hooks, as the map has: what each tile reports, and what is alive.
    (window as unknown as { citywallVideo?: unknown }).citywallVideo = {
      statuses: () => wall.statuses(),
      slots: () => wall.slotIds(),
      counts: () => ({
        players: liveCounts.players,
        tiles: liveCounts.tiles,
        videos: document.querySelectorAll('video').length,
      }),
      rotation: () => ({
        index: rotationRef.current?.sceneIndex ?? -1,
        paused: rotationRef.current?.paused ?? false,
      }),
    };
  }, [wall]);

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
          {rotationInfo.paused
            ? t('rotationPaused')
            : `${t('scene')} ${rotationInfo.index + 1}/${rotationInfo.count}`}
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
                attachSlot={(el) => wall.attachSlot(i, el)}
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

const NOTHING: readonly string[] = [];

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
