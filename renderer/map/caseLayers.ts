import { TERMINAL_STATES } from '../../shared/domain/lifecycle';
import type { CaseRecord } from '../../shared/domain/caseStore';
import type { WallStore } from '../../shared/gateway/wallStore';
import { caseMarkersLayer, gridLoadLayer, overdueLayer } from './layers/cityLayers';

/** How often the per-grid counts of open cases are made again (not per event). */
const GRID_EVERY_MS = 1_000;

/**
 * The layers drawn from the store's cases: open cases by state, the overdue ones in a small
 * layer of their own that pulses through uniforms (no accessor runs per frame), and open cases
 * per grid cell. Lists are made again only when the store's version moved.
 */
export class CaseLayers {
  private version = -1;
  private open: CaseRecord[] = [];
  private overdue: CaseRecord[] = [];
  private markers: ReturnType<typeof caseMarkersLayer> | undefined;
  private load: { polygon: readonly number[]; open: number }[] = [];
  private loadAt = -Infinity;
  private loadLayer: ReturnType<typeof gridLoadLayer> | undefined;

  constructor(private readonly store: WallStore) {}

  /** True while some case is overdue: the map then redraws every frame, for the pulse. */
  get pulsing(): boolean {
    this.refresh();
    return this.overdue.length > 0;
  }

  /** The open cases and, above them, the overdue ones pulsing at `now` (ms). */
  layers(now: number) {
    this.refresh();
    const pulse = (Math.sin(now / 300) + 1) / 2;
    return [
      this.markers as ReturnType<typeof caseMarkersLayer>,
      ...(this.overdue.length > 0 ? [overdueLayer(this.overdue, pulse, this.version)] : []),
    ];
  }

  /** Open cases per unit grid cell: where the day's work piles up. */
  gridLoad(cells: ReadonlyMap<string, readonly number[]>) {
    const now = performance.now();
    if (!this.loadLayer || (cells.size > 0 && now - this.loadAt >= GRID_EVERY_MS)) {
      this.loadAt = now;
      this.refresh();
      const counts = new Map<string, number>();
      for (const c of this.open)
        if (c.grid && cells.has(c.grid)) counts.set(c.grid, (counts.get(c.grid) ?? 0) + 1);
      this.load = [...counts].map(([code, open]) => ({
        polygon: cells.get(code) as readonly number[],
        open,
      }));
      this.loadLayer = gridLoadLayer(this.load);
    }
    return this.loadLayer;
  }

  private refresh(): void {
    if (this.version === this.store.version && this.markers) return;
    this.version = this.store.version;
    this.open = [...this.store.cases.allCases()].filter((c) => !TERMINAL_STATES.has(c.state));
    this.overdue = this.open.filter((c) => this.store.cases.isOverdue(c.id));
    this.markers = caseMarkersLayer(this.open, this.version);
  }
}
