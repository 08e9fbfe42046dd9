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
import { planWall } from '../../shared/layout/planWall';
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
  const surfaces = useMemo(() => surfacesOf(displays), [displays]);
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
              {d.label}
            </div>
          ))}
          {plan.windows.map((w) => (
            <div key={w.key} className="editor-window" style={box(w.bounds)} />
          ))}
          {draft.regions.map((r) => {
            const f = r.target.rect;
            return (
              <div
                key={r.id}
                className={r.id === selected ? 'editor-region editor-selected' : 'editor-region'}
                style={box(onSurface(r.target.kind === 'operator' ? 'operator' : 'wall', f))}
                onPointerDown={(e) => start(e, r.id, 'move')}
                data-testid={`editor-region-${r.id}`}
                data-rect={[f.x, f.y, f.w, f.h].map((v) => v.toFixed(3)).join(',')}
              >
                <span>
                  {r.id} · {r.view}
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
