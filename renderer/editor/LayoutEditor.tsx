import { useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { DisplayInfo, Rect } from '../../shared/layout/displays';
import {
  addRegion,
  moveBy,
  removeRegion,
  resizeBy,
  saveAs,
  setRegionRect,
  setRegionView,
  snapRect,
  surfacesOf,
  type SurfaceName,
} from '../../shared/layout/editing';
import { displayName, planWall } from '../../shared/layout/planWall';
import {
  checkProfile,
  VIEW_NAMES,
  type FracRect,
  type Profile,
  type ViewName,
} from '../../shared/layout/profile';

interface Drag {
  readonly id: string;
  readonly mode: 'move' | 'resize';
  readonly x: number;
  readonly y: number;
  readonly rect: FracRect;
}

export interface EditorProps {
  readonly displays: readonly DisplayInfo[];
  readonly profiles: readonly Profile[];
  readonly initial: string;
  readonly onSave: (profile: Profile) => Promise<void>;
  /** Where "preview" goes: the simulated hall in a browser, the real wall in Electron. */
  readonly previewUrl?: (profileId: string) => string;
}

const FIT_WIDTH = 1400;
const FIT_HEIGHT = 760;

/**
 * The layout editor: a to-scale miniature of the displays with the profile's regions on it.
 * Drag a region to move it, its corner to resize it; edges snap to panels on the wall. The
 * windows the planner would open are drawn beneath, so what you see is what the wall gets.
 */
export function LayoutEditor({ displays, profiles, initial, onSave, previewUrl }: EditorProps) {
  const [draft, setDraft] = useState<Profile>(
    () => profiles.find((p) => p.id === initial) ?? (profiles[0] as Profile),
  );
  const [selected, setSelected] = useState<string | undefined>(draft.regions[0]?.id);
  const [snap, setSnap] = useState(true);
  const [names, setNames] = useState({
    id: `${draft.id}-custom`,
    zh: `${draft.name.zh}（自定义）`,
    en: `${draft.name.en} (custom)`,
  });
  const [status, setStatus] = useState('');
  const drag = useRef<Drag | undefined>(undefined);

  const plan = useMemo(() => planWall(displays, draft), [displays, draft]);
  const panels = draft.panels;
  const bezel = draft.bezel;
  const surfaces = useMemo(
    () => surfacesOf(displays, { ...(panels ? { panels } : {}), ...(bezel ? { bezel } : {}) }),
    [displays, panels, bezel],
  );
  const [dragging, setDragging] = useState(false);
  if (!surfaces) return <p>No displays</p>;

  const all = [...displays.map((d) => d.bounds)];
  const minX = Math.min(...all.map((b) => b.x));
  const minY = Math.min(...all.map((b) => b.y));
  const scale = Math.min(
    FIT_WIDTH / (Math.max(...all.map((b) => b.x + b.width)) - minX),
    FIT_HEIGHT / (Math.max(...all.map((b) => b.y + b.height)) - minY),
  );
  const box = (r: Rect) => ({
    left: (r.x - minX) * scale,
    top: (r.y - minY) * scale,
    width: r.width * scale,
    height: r.height * scale,
  });
  const surfaceRect = (kind: SurfaceName): Rect =>
    kind === 'operator' && surfaces.operator ? surfaces.operator : surfaces.wall;
  const onSurface = (kind: SurfaceName, f: FracRect): Rect => {
    const s = surfaceRect(kind);
    return {
      x: s.x + f.x * s.width,
      y: s.y + f.y * s.height,
      width: f.w * s.width,
      height: f.h * s.height,
    };
  };

  const start = (event: ReactPointerEvent, id: string, mode: Drag['mode']) => {
    const region = draft.regions.find((r) => r.id === id);
    if (!region) return;
    event.stopPropagation();
    (event.target as Element).setPointerCapture(event.pointerId);
    drag.current = { id, mode, x: event.clientX, y: event.clientY, rect: region.target.rect };
    setSelected(id);
    setDragging(true);
  };
  const move = (event: ReactPointerEvent) => {
    const d = drag.current;
    const region = d && draft.regions.find((r) => r.id === d.id);
    if (!d || !region) return;
    const s = surfaceRect(region.target.kind === 'operator' ? 'operator' : 'wall');
    const dx = (event.clientX - d.x) / (s.width * scale);
    const dy = (event.clientY - d.y) / (s.height * scale);
    setDraft((p) =>
      setRegionRect(p, d.id, d.mode === 'move' ? moveBy(d.rect, dx, dy) : resizeBy(d.rect, dx, dy)),
    );
  };
  const end = () => {
    const d = drag.current;
    drag.current = undefined;
    setDragging(false);
    const region = d && draft.regions.find((r) => r.id === d.id);
    if (!region || !snap) return;
    const panels =
      region.target.kind === 'wall'
        ? { cols: surfaces.cols, rows: surfaces.rows }
        : { cols: 4, rows: 4 };
    setDraft((p) =>
      setRegionRect(p, region.id, snapRect(region.target.rect, panels.cols, panels.rows)),
    );
  };

  const current = draft.regions.find((r) => r.id === selected);
  const save = async () => {
    const candidate = saveAs(draft, names.id, names.zh, names.en);
    const checked = checkProfile(candidate);
    if (!checked.ok) {
      setStatus(`✗ ${checked.error}`);
      return;
    }
    await onSave(checked.profile);
    setStatus(`✓ ${checked.profile.id}`);
  };

  return (
    <div className="editor" data-testid="editor">
      <div className="editor-bar">
        <select
          value={draft.id}
          onChange={(e) => setDraft(profiles.find((p) => p.id === e.target.value) ?? draft)}
          data-testid="editor-profile"
        >
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name.zh} / {p.name.en}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" checked={snap} onChange={(e) => setSnap(e.target.checked)} />{' '}
          吸附到屏 snap to panels
        </label>
        <button
          type="button"
          onClick={() => setDraft((p) => addRegion(p, 'wall', 'map'))}
          data-testid="editor-add-wall"
        >
          + 大屏区域 wall region
        </button>
        <button type="button" onClick={() => setDraft((p) => addRegion(p, 'operator', 'cases'))}>
          + 席位区域 operator region
        </button>
        <input
          value={names.id}
          onChange={(e) => setNames({ ...names, id: e.target.value })}
          data-testid="editor-id"
          aria-label="profile id"
        />
        <input
          value={names.zh}
          onChange={(e) => setNames({ ...names, zh: e.target.value })}
          data-testid="editor-name-zh"
          aria-label="中文名"
        />
        <input
          value={names.en}
          onChange={(e) => setNames({ ...names, en: e.target.value })}
          data-testid="editor-name-en"
          aria-label="English name"
        />
        <button type="button" onClick={() => void save()} data-testid="editor-save">
          保存 Save
        </button>
        <NumberPair
          label="拼接屏 panels"
          min={1}
          max={16}
          values={[draft.panels?.cols, draft.panels?.rows]}
          names={['panel columns', 'panel rows']}
          testId="editor-panels"
          onChange={([cols, rows]) => setDraft((p) => withPanels(p, cols, rows))}
        />
        <NumberPair
          label="拼缝 bezel px"
          min={0}
          max={200}
          values={[draft.bezel?.x ?? 0, draft.bezel?.y ?? 0]}
          names={['bezel x', 'bezel y']}
          testId="editor-bezel"
          onChange={([x, y]) => setDraft((p) => ({ ...p, bezel: { x: x ?? 0, y: y ?? 0 } }))}
        />
        {previewUrl ? (
          <a href={previewUrl(names.id)} data-testid="editor-preview">
            预览 Preview
          </a>
        ) : null}
        <span data-testid="editor-status">{status}</span>
      </div>
      <div className="editor-body">
        <div
          className="editor-hall"
          onPointerMove={move}
          onPointerUp={end}
          style={{ width: FIT_WIDTH, height: FIT_HEIGHT }}
        >
          {displays.map((d) => (
            <div key={d.id} className="editor-display" style={box(d.bounds)}>
              <span className="editor-display-label">{displayName(d, displays)}</span>
            </div>
          ))}
          {plan.windows.map((w) => (
            <div
              key={w.key}
              className={`editor-window editor-view-${w.view}`}
              style={box(w.bounds)}
              data-testid="editor-window"
              data-region={w.regionId}
            />
          ))}
          {draft.regions.map((r) => {
            const f = r.target.rect;
            // Drawn where the planner puts it (snapped to panels, folded, moved); the rectangle
            // the user holds is drawn while it is dragged.
            const planned = plannedBox(plan.windows.filter((w) => w.regionId === r.id));
            const held = dragging && r.id === selected;
            const where =
              held || !planned
                ? onSurface(r.target.kind === 'operator' ? 'operator' : 'wall', f)
                : planned;
            return (
              <div
                key={r.id}
                className={[
                  'editor-region',
                  r.id === selected ? 'editor-selected' : '',
                  held ? 'editor-held' : '',
                ].join(' ')}
                style={box(where)}
                onPointerDown={(e) => start(e, r.id, 'move')}
                data-testid={`editor-region-${r.id}`}
                data-rect={[f.x, f.y, f.w, f.h].map((v) => v.toFixed(3)).join(',')}
              >
                <span className="editor-region-label">
                  {r.id} · {VIEW_LABELS[r.view]}
                </span>
                <div
                  className="editor-handle"
                  onPointerDown={(e) => start(e, r.id, 'resize')}
                  data-testid={`editor-handle-${r.id}`}
                />
              </div>
            );
          })}
        </div>
        <aside className="editor-side">
          {current ? (
            <>
              <h3>{current.id}</h3>
              <select
                value={current.view}
                onChange={(e) =>
                  setDraft((p) => setRegionView(p, current.id, e.target.value as ViewName))
                }
                data-testid="editor-view"
              >
                {VIEW_NAMES.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
              <button
                type="button"
                onClick={() => setDraft((p) => removeRegion(p, current.id))}
                data-testid="editor-delete"
              >
                删除 Delete
              </button>
            </>
          ) : null}
          <ul className="editor-warnings">
            {plan.warnings.map((w) => (
              <li key={w}>⚠ {w}</li>
            ))}
          </ul>
          <p>
            {plan.windows.length} windows · {displays.length} displays
          </p>
        </aside>
      </div>
    </div>
  );
}

const VIEW_LABELS: Readonly<Record<ViewName, string>> = {
  map: '地图 map',
  video: '视频 video',
  cases: '案件 cases',
  kpi: '指标 kpi',
  incident: '应急 incident',
  analysis: '分析 analysis',
  report: '报告 report',
  briefing: '场景 briefing',
};

/** The box round a region's planned windows, or none when it has none. */
function plannedBox(windows: readonly { bounds: Rect }[]): Rect | undefined {
  if (windows.length === 0) return undefined;
  const x = Math.min(...windows.map((w) => w.bounds.x));
  const y = Math.min(...windows.map((w) => w.bounds.y));
  const right = Math.max(...windows.map((w) => w.bounds.x + w.bounds.width));
  const bottom = Math.max(...windows.map((w) => w.bounds.y + w.bounds.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** The declared panel grid of a one-display wall; both numbers, or none (detected). */
function withPanels(p: Profile, cols: number | undefined, rows: number | undefined): Profile {
  const ok = (v: number | undefined) => v !== undefined && Number.isInteger(v) && v >= 1 && v <= 16;
  const { panels: _old, ...rest } = p;
  return ok(cols) || ok(rows)
    ? {
        ...rest,
        panels: { cols: ok(cols) ? (cols as number) : 1, rows: ok(rows) ? (rows as number) : 1 },
      }
    : rest;
}

type Pair = readonly [number | undefined, number | undefined];

/** Two numbers set side by side (columns × rows, x × y), each kept within [min, max]. */
function NumberPair({
  label,
  min,
  max,
  values,
  names,
  testId,
  onChange,
}: Readonly<{
  label: string;
  min: number;
  max: number;
  values: Pair;
  names: readonly [string, string];
  testId: string;
  onChange: (values: Pair) => void;
}>) {
  const read = (text: string) => {
    const v = Math.round(Number(text));
    return text === '' || !Number.isFinite(v) ? undefined : Math.min(max, Math.max(min, v));
  };
  return (
    <label className="editor-panels">
      {label}
      {([0, 1] as const).map((i) => (
        <span key={i}>
          {i === 1 ? '× ' : ''}
          <input
            type="number"
            min={min}
            max={max}
            value={values[i] ?? ''}
            placeholder="auto"
            aria-label={names[i]}
            data-testid={`${testId}-${i === 0 ? 'a' : 'b'}`}
            onChange={(e) =>
              onChange(
                i === 0 ? [read(e.target.value), values[1]] : [values[0], read(e.target.value)],
              )
            }
          />
        </span>
      ))}
    </label>
  );
}
