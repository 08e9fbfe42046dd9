import Hls from 'hls.js';
import { useEffect, useRef } from 'react';
import { PRIORITY } from '../../shared/video/streamBudget';
import { TileWall } from '../video/tileWall';
import { liveCounts, type TileStatus } from '../video/videoTile';
import '../video/videoWall.css';

/**
 * A bare grid of tiles on given streams, for the Playwright tests and `npm run bench:video`:
 * `?videolab&n=16&src=URL|URL…` (sources used round-robin). With `&bare=1` the same grid is
 * made of plain hls.js players on their default settings: the benchmark's reference.
 */
export function VideoLab({ params }: Readonly<{ params: URLSearchParams }>) {
  const grid = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = grid.current;
    if (!host) return;
    const n = Math.max(1, Math.min(25, Number(params.get('n')) || 4));
    const sources = (params.get('src') ?? '').split('|').filter(Boolean);
    const columns = Math.ceil(Math.sqrt(n));
    host.style.gridTemplateColumns = `repeat(${columns}, 1fr)`;
    const slots = Array.from({ length: n }, () => {
      const slot = document.createElement('div');
      slot.className = 'video-lab-slot';
      host.append(slot);
      return slot;
    });
    const hooks =
      params.get('bare') === '1' ? barePlayers(slots, sources) : ourTiles(slots, sources);
    (window as unknown as { citywallVideo?: unknown }).citywallVideo = hooks;
    return () => {
      hooks.destroy();
      host.replaceChildren();
    };
  }, [params]);
  return <div className="video-lab" ref={grid} data-testid="video-lab" />;
}

function counts() {
  return {
    players: liveCounts.players,
    tiles: liveCounts.tiles,
    videos: document.querySelectorAll('video').length,
  };
}

function ourTiles(slots: HTMLElement[], sources: string[]) {
  const statuses = new Map<string, TileStatus>();
  const wall = new TileWall((id, status) => statuses.set(id, status));
  let ids: string[] = [];
  const show = (urls: readonly string[], generation: number) => {
    ids = slots.map((_, i) => `g${generation}-t${i}`);
    wall.show(
      ids.map((cameraId, i) => ({
        cameraId,
        url: urls[i % urls.length],
        priority: PRIORITY.visible,
      })),
    );
    slots.forEach((slot, i) => wall.attachSlot(i, slot));
  };
  let generation = 0;
  show(sources, generation);
  return {
    /** Each slot's state, reason and delay, in slot order. */
    statuses: () => ids.map((id) => statuses.get(id) ?? wall.tileOf(id)?.currentStatus),
    counts,
    /** Puts other streams in every slot (new camera ids, so tiles are handed over and reused). */
    swap: (urls: string[]) => {
      generation += 1;
      show(urls, generation);
    },
    destroy: () => wall.destroy(),
  };
}

function barePlayers(slots: HTMLElement[], sources: string[]) {
  const start = (video: HTMLVideoElement, url: string) => {
    const hls = new Hls();
    hls.attachMedia(video);
    hls.loadSource(url);
    void video.play().catch(() => undefined);
    return hls;
  };
  const players = slots.map((slot, i) => {
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.className = 'video-lab-bare';
    slot.append(video);
    return { hls: start(video, sources[i % sources.length] ?? ''), video };
  });
  return {
    statuses: () =>
      players.map(({ hls }) => {
        const date = hls.playingDate;
        return {
          state: 'playing',
          reason: '',
          delayS: date ? (Date.now() - date.getTime()) / 1000 : undefined,
        };
      }),
    counts: () => ({ ...counts(), players: players.length }),
    /** hls.js's own way: destroy the player (it detaches the media), a new one on the same video. */
    swap: (urls: string[]) =>
      players.forEach((p, i) => {
        p.hls.destroy();
        p.hls = start(p.video, urls[i % urls.length] ?? '');
      }),
    destroy: () => players.forEach(({ hls }) => hls.destroy()),
  };
}
