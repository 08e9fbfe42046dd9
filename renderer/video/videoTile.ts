import Hls, { ErrorDetails, ErrorTypes, Events, type ErrorData, type HlsConfig } from 'hls.js';
import { LIVE_DELAY_S, tileDrift } from '../../shared/video/drift';
import { TileHealth, type HealthAction, type TileState } from '../../shared/video/tileHealth';
import { hubHeaders } from '../app/hubAuth';

export interface TileStatus {
  readonly state: TileState;
  readonly reason: string;
  /** Seconds behind live: by the stream's clock (program date-time) when it has one. */
  readonly delayS: number | undefined;
}

export interface VideoTileOptions {
  readonly onStatus?: (status: TileStatus) => void;
  readonly sampleMs?: number;
  readonly hlsConfig?: Partial<HlsConfig>;
}

const failFast = (retries: number) => ({
  default: {
    maxTimeToFirstByteMs: 4_000,
    maxLoadTimeMs: 8_000,
    timeoutRetry: { maxNumRetry: retries, retryDelayMs: 0, maxRetryDelayMs: 0 },
    errorRetry: { maxNumRetry: retries, retryDelayMs: 500, maxRetryDelayMs: 1_000 },
  },
});

/**
 * Low latency and bounded memory: the player sits 1.5 s behind the playlist's end, keeps a few
 * seconds of buffer behind the playhead, and gives up quickly on a failed load so the tile's own
 * health rules (offline, retry with a short backoff) decide, not hls.js's long default retries.
 */
const TILE_HLS_CONFIG: Partial<HlsConfig> = {
  enableWorker: true,
  lowLatencyMode: true,
  liveSyncDuration: LIVE_DELAY_S,
  liveMaxLatencyDuration: 10,
  maxBufferLength: 6,
  maxMaxBufferLength: 10,
  backBufferLength: 4,
  capLevelToPlayerSize: true,
  startFragPrefetch: true,
  manifestLoadPolicy: failFast(1),
  playlistLoadPolicy: failFast(1),
  fragLoadPolicy: failFast(2),
  // The preview's hub token, for the hub's own streams only (never sent to a media server).
  xhrSetup: (xhr, url) => {
    for (const [name, value] of Object.entries(hubHeaders(url))) xhr.setRequestHeader(name, value);
  },
};

/** How many hls.js players exist right now, over every tile of the page (the leak test reads it). */
export const liveCounts = { players: 0, tiles: 0 };

/**
 * One video tile: a `<video>` and the hls.js player that feeds it, owned together and torn down
 * together. A plain class, not a component: React holds it in a ref and moves its element
 * between slots, so a re-render never re-creates a player.
 */
export class VideoTile {
  readonly element: HTMLDivElement;
  readonly video: HTMLVideoElement;
  private hls: Hls | undefined;
  private url: string | undefined;
  private active = true;
  private destroyed = false;
  private readonly health = new TileHealth();
  private readonly timer: ReturnType<typeof setInterval>;
  private lastEndSN = -1;
  private segmentS = 1;
  private status: TileStatus = { state: 'idle', reason: '', delayS: undefined };

  constructor(private readonly options: VideoTileOptions = {}) {
    this.element = document.createElement('div');
    this.element.className = 'video-tile-media';
    this.video = document.createElement('video');
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.autoplay = true;
    this.video.disablePictureInPicture = true;
    this.element.append(this.video);
    this.timer = setInterval(() => this.sample(), options.sampleMs ?? 250);
    liveCounts.tiles += 1;
  }

  get source(): string | undefined {
    return this.url;
  }

  get currentStatus(): TileStatus {
    return this.status;
  }

  /** Plays `url` (an HLS playlist), or nothing. The same URL again is a no-op. */
  setSource(url: string | undefined): void {
    if (this.destroyed || url === this.url) return;
    this.url = url;
    this.health.stop(performance.now());
    this.teardown();
    if (url && this.active) this.load();
    this.publish();
  }

  /**
   * The wall's budget grants or withdraws this tile's player. Without one the tile keeps no
   * decoder, buffers or connections; it shows its last state as paused.
   */
  setActive(active: boolean): void {
    if (this.destroyed || active === this.active) return;
    this.active = active;
    if (!active) {
      this.teardown();
      this.health.pause(performance.now());
    } else if (this.url) {
      this.health.stop(performance.now());
      this.load();
    }
    this.publish();
  }

  /** The picture now, as a PNG. */
  async snapshot(): Promise<Blob> {
    const { videoWidth: w, videoHeight: h } = this.video;
    if (!w || !h) throw new Error('no picture yet');
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.drawImage(this.video, 0, 0, w, h);
    return new Promise((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('encoding failed'))),
        'image/png',
      ),
    );
  }

  /** Detaches and destroys the player, empties the video and leaves nothing running. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    clearInterval(this.timer);
    this.teardown();
    this.element.remove();
    liveCounts.tiles -= 1;
  }

  private load(): void {
    const url = this.url;
    if (!url) return;
    this.health.start(performance.now());
    this.lastEndSN = -1;
    // Chromium also claims native HLS; hls.js gives the control the health rules need.
    if (!Hls.isSupported()) {
      this.video.src = url;
      void this.video.play().catch(() => undefined);
      return;
    }
    const hls = new Hls({ ...TILE_HLS_CONFIG, ...this.options.hlsConfig });
    liveCounts.players += 1;
    this.hls = hls;
    hls.on(Events.MANIFEST_LOADED, () => this.health.playlist(performance.now(), true));
    hls.on(Events.LEVEL_LOADED, (_event, data) => {
      const { endSN, targetduration } = data.details;
      this.segmentS = targetduration || 1;
      this.health.playlist(performance.now(), endSN !== this.lastEndSN);
      this.lastEndSN = endSN;
    });
    hls.on(Events.ERROR, (_event, data) => this.onError(data));
    hls.attachMedia(this.video);
    hls.loadSource(url);
    void this.video.play().catch(() => undefined);
  }

  private teardown(): void {
    if (this.hls) {
      this.hls.detachMedia();
      this.hls.destroy();
      this.hls = undefined;
      liveCounts.players -= 1;
    }
    this.video.pause();
    this.video.removeAttribute('src');
    this.video.load();
    this.video.playbackRate = 1;
  }

  private onError(data: ErrorData): void {
    const now = performance.now();
    const code = data.response?.code;
    const reason = code ? `${data.details} (HTTP ${code})` : data.details;
    let action: HealthAction = { kind: 'none' };
    if (
      data.details === ErrorDetails.MANIFEST_PARSING_ERROR ||
      data.details === ErrorDetails.LEVEL_PARSING_ERROR ||
      data.details === ErrorDetails.MANIFEST_INCOMPATIBLE_CODECS_ERROR
    )
      action = this.health.fatalError(now, reason);
    else if (data.type === ErrorTypes.NETWORK_ERROR) {
      const playlistFailed =
        data.details === ErrorDetails.MANIFEST_LOAD_ERROR ||
        data.details === ErrorDetails.MANIFEST_LOAD_TIMEOUT ||
        data.details === ErrorDetails.LEVEL_LOAD_ERROR ||
        data.details === ErrorDetails.LEVEL_LOAD_TIMEOUT;
      // One lost segment is the player's business; a lost playlist means the stream is gone.
      if (playlistFailed || data.fatal)
        action = this.health.networkFailure(now, data.fatal, reason);
    } else if (data.type === ErrorTypes.MEDIA_ERROR || data.type === ErrorTypes.MUX_ERROR) {
      if (data.fatal) action = this.health.mediaFailure(now, true, reason);
      else if (
        data.details !== ErrorDetails.BUFFER_STALLED_ERROR &&
        data.details !== ErrorDetails.BUFFER_NUDGE_ON_STALL
      )
        this.health.mediaProblemSeen(now, reason);
    } else if (data.fatal) action = this.health.fatalError(now, reason);
    // hls.js has given up on itself; drop it outside its own event dispatch.
    if (data.fatal && action.kind === 'none') {
      const failed = this.hls;
      setTimeout(() => {
        if (failed && failed === this.hls) this.teardown();
      }, 0);
    }
    this.act(action);
    this.publish();
  }

  private sample(): void {
    if (this.destroyed || !this.url || !this.active) return;
    const now = performance.now();
    this.act(this.health.sample(now, this.video.currentTime));
    const hls = this.hls;
    if (hls && this.health.state === 'playing') {
      const drift = tileDrift(hls.latency, this.segmentS, this.video.playbackRate);
      if (drift.jump && hls.liveSyncPosition !== null)
        this.video.currentTime = hls.liveSyncPosition;
      if (this.video.playbackRate !== drift.playbackRate)
        this.video.playbackRate = drift.playbackRate;
    }
    this.publish();
  }

  private act(action: HealthAction): void {
    switch (action.kind) {
      case 'restart':
        this.teardown();
        this.load();
        break;
      case 'recoverMedia':
        this.hls?.recoverMediaError();
        break;
      case 'seekLive':
        if (this.hls?.liveSyncPosition != null) this.video.currentTime = this.hls.liveSyncPosition;
        void this.video.play().catch(() => undefined);
        break;
      case 'none':
        break;
    }
  }

  private delay(): number | undefined {
    const hls = this.hls;
    if (!hls || this.health.state !== 'playing') return undefined;
    const date = hls.playingDate;
    if (date) return Math.max(0, (Date.now() - date.getTime()) / 1000);
    return Number.isFinite(hls.latency) ? hls.latency : undefined;
  }

  private publish(): void {
    const delay = this.delay();
    const next: TileStatus = {
      state: this.health.state,
      reason: this.health.reason,
      delayS: delay === undefined ? undefined : Math.round(delay * 10) / 10,
    };
    const s = this.status;
    if (s.state === next.state && s.reason === next.reason && s.delayS === next.delayS) return;
    this.status = next;
    this.options.onStatus?.(next);
  }
}
