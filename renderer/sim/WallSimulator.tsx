import { useEffect, useMemo, useRef, useState } from 'react';
import { BroadcastBus, type ChannelLike } from '../../shared/bus/broadcastBus';
import type { WindowPlan } from '../../shared/layout/displays';
import { BUILTIN_PROFILES } from '../../shared/layout/builtinProfiles';
import { planWall } from '../../shared/layout/planWall';
import { storedProfiles } from '../editor/profileStorage';
import { parseSimDisplays } from './simDisplays';

/**
 * The browser preview of a whole hall: the planner runs here as it does in main, and each
 * planned window is an iframe placed to scale. A profile command on the wall bus replans; a
 * window that keeps its place gets its new view as a message, like Electron's windows do.
 */
export function WallSimulator({ params }: Readonly<{ params: URLSearchParams }>) {
  const displays = useMemo(() => parseSimDisplays(params.get('sim') ?? ''), [params]);
  const [profileId, setProfileId] = useState(params.get('profile') ?? 'duty');
  const profiles = useMemo(() => [...BUILTIN_PROFILES, ...storedProfiles()], []);
  const profile = profiles.find((p) => p.id === profileId) ?? profiles[0];
  const plan = useMemo(
    () => (displays && profile ? planWall(displays, profile) : undefined),
    [displays, profile],
  );
  const frames = useRef(new Map<string, HTMLIFrameElement>());
  /** The URL each window was opened with; it never changes while the window lives. */
  const [opened] = useState(() => new Map<string, string>());

  useEffect(() => {
    const bus = new BroadcastBus(new BroadcastChannel('citywall-bus') as unknown as ChannelLike);
    const off = bus.subscribe((m) => {
      if (m.kind === 'profile' && BUILTIN_PROFILES.some((p) => p.id === m.profileId))
        setProfileId(m.profileId);
    });
    return () => {
      off();
      bus.close();
    };
  }, [profiles]);

  // Windows that stay get their new view by message; the iframe keeps the URL it was opened with.
  useEffect(() => {
    for (const w of plan?.windows ?? []) {
      const frame = frames.current.get(w.key);
      if (opened.has(w.key))
        frame?.contentWindow?.postMessage(
          { type: 'wall:view', view: w.view, params: { ...w.params, region: w.regionId } },
          window.location.origin,
        );
      else opened.set(w.key, pageUrl(w, profileId, params));
    }
  }, [plan, opened, profileId, params]);

  if (!displays || !plan)
    return <p className="sim-error">Cannot read ?sim= (example: 3x3@1920x1080,2560x1440*1.25)</p>;
  const minX = Math.min(...displays.map((d) => d.bounds.x));
  const minY = Math.min(...displays.map((d) => d.bounds.y));
  const maxX = Math.max(...displays.map((d) => d.bounds.x + d.bounds.width));
  const maxY = Math.max(...displays.map((d) => d.bounds.y + d.bounds.height));
  const scale = Math.min(
    window.innerWidth / (maxX - minX),
    (window.innerHeight - 40) / (maxY - minY),
  );
  return (
    <div className="sim" data-testid="sim" data-profile={profileId}>
      <div className="sim-bar">
        {profile?.name.zh} / {profile?.name.en} · {displays.length} displays · {plan.windows.length}{' '}
        windows
        {plan.warnings.map((w) => (
          <span key={w} className="sim-warning">
            ⚠ {w}
          </span>
        ))}
      </div>
      <div
        className="sim-hall"
        style={{ width: (maxX - minX) * scale, height: (maxY - minY) * scale }}
      >
        {displays.map((d) => (
          <div
            key={d.id}
            className="sim-display"
            style={{
              left: (d.bounds.x - minX) * scale,
              top: (d.bounds.y - minY) * scale,
              width: d.bounds.width * scale,
              height: d.bounds.height * scale,
            }}
          />
        ))}
        {/* A stable order: moving an iframe in the DOM reloads it, which a wall window must not do. */}
        {[...plan.windows]
          .sort((a, b) => a.key.localeCompare(b.key))
          .map((w) => {
            const src = opened.get(w.key) ?? pageUrl(w, profileId, params);
            return (
              <iframe
                key={w.key}
                ref={(el) => {
                  if (el) frames.current.set(w.key, el);
                  else frames.current.delete(w.key);
                }}
                title={w.label}
                data-testid="sim-window"
                data-view={w.view}
                data-key={w.key}
                src={src}
                className="sim-window"
                style={{
                  left: (w.bounds.x - minX) * scale,
                  top: (w.bounds.y - minY) * scale,
                  width: w.bounds.width,
                  height: w.bounds.height,
                  transform: `scale(${scale})`,
                }}
              />
            );
          })}
      </div>
    </div>
  );
}

/** A window's page: its view and region, plus what every window shares (hub, language, token). */
function pageUrl(w: WindowPlan, profileId: string, params: URLSearchParams): string {
  const page = new URLSearchParams({
    ...w.params,
    view: w.view,
    window: w.key,
    region: w.regionId,
    profile: profileId,
  });
  for (const key of ['hub', 'lang', 'token']) {
    const value = params.get(key);
    if (value) page.set(key, value);
  }
  return `index.html?${page.toString()}`;
}
