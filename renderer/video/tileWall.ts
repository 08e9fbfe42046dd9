import { localBudget, type Budget } from '../../shared/video/sharedBudget';
import { DEFAULT_BUDGET, PRIORITY, type TileDemand } from '../../shared/video/streamBudget';
import { VideoTile, type TileStatus } from './videoTile';

export interface SlotDemand {
  readonly cameraId: string | undefined;
  readonly url: string | undefined;
  /** 0: keep the tile but give it no player (covered by an enlarged tile). */
  readonly priority: number;
}

export interface PreloadDemand {
  readonly cameraId: string;
  readonly url: string | undefined;
}

/**
 * The tiles of one video wall window, outside React. Each camera on screen has one `VideoTile`
 * whose element is moved into its slot; the next rotation screen loads in hidden tiles so the
 * swap shows pictures at once; one budget decides which tiles hold a player, and a hidden
 * window holds none. Tiles that are no longer needed are reused, never left running.
 */
export class TileWall {
  private readonly tiles = new Map<string, VideoTile>();
  private readonly spare: VideoTile[] = [];
  private slotElements: (HTMLElement | null)[] = [];
  private slots: SlotDemand[] = [];
  private preloadIds: string[] = [];
  private readonly urls = new Map<string, string | undefined>();
  private visible = true;
  readonly holder: HTMLDivElement;
  private readonly offBudget: () => void;

  constructor(
    private readonly onStatus: (cameraId: string, status: TileStatus) => void,
    private readonly budget: Budget = localBudget(DEFAULT_BUDGET),
  ) {
    this.offBudget = budget.onChange((granted) => this.apply(granted));
    // Preloading tiles play here, unseen, until their screen comes.
    this.holder = document.createElement('div');
    this.holder.className = 'video-preload-holder';
    this.holder.setAttribute('aria-hidden', 'true');
  }

  /** Which camera each slot shows (with its priority), and which to load for the next screen. */
  show(slots: readonly SlotDemand[], preload: readonly PreloadDemand[] = []): void {
    this.slots = [...slots];
    this.urls.clear();
    for (const d of [...slots, ...preload]) if (d.cameraId) this.urls.set(d.cameraId, d.url);
    const onScreen = new Set(slots.map((s) => s.cameraId).filter((id) => id !== undefined));
    this.preloadIds = preload.map((p) => p.cameraId).filter((id) => !onScreen.has(id));
    const wanted = new Set([...onScreen, ...this.preloadIds]);
    for (const [id, tile] of this.tiles) {
      if (wanted.has(id)) continue;
      this.tiles.delete(id);
      tile.setSource(undefined);
      tile.element.remove();
      if (this.spare.length < 4) this.spare.push(tile);
      else tile.destroy();
    }
    for (const id of wanted) {
      const existing = this.tiles.get(id);
      if (existing) {
        existing.setSource(this.urls.get(id));
        continue;
      }
      const tile =
        this.spare.pop() ?? new VideoTile({ onStatus: (status) => this.statusOf(tile, status) });
      this.tiles.set(id, tile);
      tile.setSource(this.urls.get(id));
    }
    this.rebudget();
    this.place();
  }

  /** React hands over the element of slot `index` (or null when it unmounts). */
  attachSlot(index: number, element: HTMLElement | null): void {
    this.slotElements[index] = element;
    this.place();
  }

  /** A hidden window (minimised, covered, screen off) keeps no players at all. */
  setVisible(visible: boolean): void {
    if (visible === this.visible) return;
    this.visible = visible;
    this.rebudget();
  }

  tileOf(cameraId: string): VideoTile | undefined {
    return this.tiles.get(cameraId);
  }

  /** What every tile on screen or preloading reports, by camera. */
  statuses(): Record<string, TileStatus> {
    return Object.fromEntries([...this.tiles].map(([id, tile]) => [id, tile.currentStatus]));
  }

  slotIds(): (string | undefined)[] {
    return this.slots.map((s) => s.cameraId);
  }

  get counts(): { tiles: number; spare: number } {
    return { tiles: this.tiles.size, spare: this.spare.length };
  }

  destroy(): void {
    for (const tile of [...this.tiles.values(), ...this.spare]) tile.destroy();
    this.tiles.clear();
    this.spare.length = 0;
    this.holder.remove();
    this.offBudget();
    this.budget.close();
  }

  private statusOf(tile: VideoTile, status: TileStatus): void {
    for (const [id, t] of this.tiles) if (t === tile) this.onStatus(id, status);
  }

  private rebudget(): void {
    const demands: TileDemand[] = [];
    if (this.visible) {
      for (const slot of this.slots)
        if (slot.cameraId && slot.priority > 0)
          demands.push(this.demand(slot.cameraId, slot.priority));
      for (const id of this.preloadIds) demands.push(this.demand(id, PRIORITY.preload));
    }
    this.apply(this.budget.request(demands));
  }

  private apply(granted: Set<string>): void {
    for (const [id, tile] of this.tiles) tile.setActive(granted.has(id));
  }

  private demand(cameraId: string, priority: number): TileDemand {
    const url = this.urls.get(cameraId);
    let host = 'none';
    try {
      host = new URL(url ?? '', window.location.href).host;
    } catch {
      // An unusable URL still takes its place in the queue; the tile reports the error.
    }
    return { key: cameraId, host, priority };
  }

  private place(): void {
    this.slots.forEach((slot, i) => {
      const element = this.slotElements[i];
      const tile = slot.cameraId ? this.tiles.get(slot.cameraId) : undefined;
      if (element && tile && tile.element.parentElement !== element) element.append(tile.element);
    });
    for (const id of this.preloadIds) {
      const tile = this.tiles.get(id);
      if (tile && tile.element.parentElement !== this.holder) this.holder.append(tile.element);
    }
  }
}
